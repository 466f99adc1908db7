import { notFound, redirect } from "next/navigation";
import { requirePagePermission } from "@/server/authz";
import { loadCity } from "@/server/loaders/cities";
import { loadOpeningPeriod } from "@/server/loaders/values";

/**
 * Entering values opens on the last completed quarter (the one usually being reported), unless
 * the quarter still running already holds drafts or returned values; the entry page's picker
 * reaches every other quarter.
 */
export default async function ValuesIndexPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePagePermission("app.view");
  const { slug } = await params;
  const city = await loadCity(slug);
  if (!city) notFound();
  await requirePagePermission("values.write", { cityId: city.id });
  redirect(`/cities/${city.slug}/values/${await loadOpeningPeriod(city.id)}`);
}
