import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { pageParams } from "@/components/ui/Pagination";
import { getI18n } from "@/server/i18n";
import { loadNewsletterCities } from "@/server/loaders/newsletter";
import { SubscribeForm } from "@/components/newsletter/SubscribeForm";
import { dashboardFiltersSchema } from "@/lib/validation/dashboard";
import { CoverageSummary, FilterForm, HEAT_PAGE_SIZE, HeatTableWidget, IndexHistogram, ProgrammeCounts, dashboardHref } from "@/app/_widgets/dashboard/widgets";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("public.explore.title") };
}

const skeleton = (height: string) => <div className={`${height} animate-pulse rounded-lg bg-slate-200`} aria-busy="true" />;

/**
 * The programme overview for everyone, signed in or not: the dashboard's public widgets (totals,
 * coverage, heat table, index histogram). No review queue and no recent validations, which name
 * reviewers. All scores come from validated values only.
 */
export default async function ExplorePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params = dashboardFiltersSchema.parse(raw);
  const page = pageParams(raw.page, HEAT_PAGE_SIZE);
  const [{ locale, t }, newsletterCities] = await Promise.all([getI18n(), loadNewsletterCities()]);
  const key = `${dashboardHref(params, {}, "/explore")}&page=${page.page}`;
  return (
    <>
      <PageHeader title={t("public.explore.title")} description={t("public.explore.intro")} />
      <h2 className="sr-only">{t("dashboard.totals")}</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Suspense fallback={skeleton("h-40")}><ProgrammeCounts /></Suspense>
        <Suspense fallback={skeleton("h-40")}><CoverageSummary /></Suspense>
      </div>
      <div className="mt-6">
        <Suspense fallback={skeleton("h-16")}><FilterForm params={params} /></Suspense>
      </div>
      <div id="cities" className="mt-4 scroll-mt-4">
        <Suspense key={key} fallback={skeleton("h-96")}><HeatTableWidget params={params} page={page} publicView /></Suspense>
      </div>
      <div className="mt-4 min-w-0">
        <Suspense key={`h${key}`} fallback={skeleton("h-72")}><IndexHistogram params={params} page={page} /></Suspense>
      </div>
      <SubscribeForm t={t} locale={locale} cities={newsletterCities} />
    </>
  );
}
