import { notFound, redirect } from "next/navigation";
import { requirePagePermission } from "@/server/authz";
import { periodOfDate } from "@/lib/periods";
import { loadCity } from "@/server/loaders/cities";

/** Entering values starts at the current quarter; the entry page's picker reaches the others. */
export default async function ValuesIndexPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePagePermission("app.view");
  const { slug } = await params;
  const city = await loadCity(slug);
  if (!city) notFound();
  await requirePagePermission("values.write", { cityId: city.id });
  redirect(`/cities/${city.slug}/values/${periodOfDate(new Date())}`);
}
