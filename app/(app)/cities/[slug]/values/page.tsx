import { notFound, redirect } from "next/navigation";
import { requirePagePermission } from "@/server/authz";
import { periodOfDate } from "@/lib/periods";
import { getDb } from "@/db/client";
import { getCityBySlug } from "@/db/queries/cities";

/** Entering values starts at the current quarter; the entry page's picker reaches the others. */
export default async function ValuesIndexPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePagePermission("app.view");
  const [{ slug }, db] = await Promise.all([params, getDb()]);
  const city = await getCityBySlug(db, slug);
  if (!city) notFound();
  await requirePagePermission("values.write", { cityId: city.id });
  redirect(`/cities/${city.slug}/values/${periodOfDate(new Date())}`);
}
