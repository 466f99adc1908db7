import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { pageParams } from "@/components/ui/Pagination";
import { requirePagePermission } from "@/server/authz";
import { can } from "@/lib/permissions";
import { getI18n } from "@/server/i18n";
import { dashboardFiltersSchema } from "@/lib/validation/dashboard";
import { OfficerCity } from "@/app/_widgets/dashboard/officer";
import { CoverageSummary, FilterForm, FrameworkSummary, HEAT_PAGE_SIZE, HeatTableWidget, IndexHistogram, ProgrammeCounts, RecentValidations, ReviewQueueSummary, dashboardHref } from "@/app/_widgets/dashboard/widgets";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("nav.dashboard") };
}

const skeleton = (height: string) => <div className={`${height} animate-pulse rounded-lg bg-slate-200`} aria-busy="true" />;

/**
 * The programme overview. Totals are programme-wide; the filters (country, programme role,
 * quarter) and the component/lens view apply to the heat table, the histogram and the recent
 * validations. Each widget streams in on its own.
 */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("app.view");
  const raw = await searchParams;
  const params = dashboardFiltersSchema.parse(raw);
  const page = pageParams(raw.page, HEAT_PAGE_SIZE);
  const { t } = await getI18n();
  const officer = user.role === "officer" && user.cityId !== null ? user.cityId : null;
  // A new key per filter set shows the skeletons again while the new data loads.
  const key = `${dashboardHref(params, {})}&page=${page.page}`;
  return (
    <>
      <PageHeader title={t("nav.dashboard")} description={t("dashboard.welcome", { name: user.name })} />
      {/* An officer starts with their own city: what was returned, what is still to submit, what waits for review. */}
      {officer ? (
        <div className="mb-8">
          <Suspense fallback={skeleton("h-64")}><OfficerCity cityId={officer} /></Suspense>
        </div>
      ) : null}
      <h2 className={officer ? "mb-3 text-xl font-semibold text-slate-900" : "sr-only"}>{officer ? t("officer.programmeTitle") : t("dashboard.totals")}</h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Suspense fallback={skeleton("h-40")}><ProgrammeCounts /></Suspense>
        <Suspense fallback={skeleton("h-40")}><CoverageSummary /></Suspense>
        <Suspense fallback={skeleton("h-40")}><FrameworkSummary /></Suspense>
        {can(user.role, "values.review") ? <Suspense fallback={skeleton("h-40")}><ReviewQueueSummary /></Suspense> : null}
      </div>
      <div className="mt-6">
        <Suspense fallback={skeleton("h-16")}><FilterForm params={params} /></Suspense>
      </div>
      <div className="mt-4">
        <Suspense key={key} fallback={skeleton("h-96")}><HeatTableWidget params={params} page={page} /></Suspense>
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        {/* min-w-0: a grid item otherwise grows to its widest content (canvas, table) on phones. */}
        <div className="min-w-0"><Suspense key={`h${key}`} fallback={skeleton("h-72")}><IndexHistogram params={params} page={page} /></Suspense></div>
        <div className="min-w-0"><Suspense key={`r${key}`} fallback={skeleton("h-72")}><RecentValidations params={params} /></Suspense></div>
      </div>
    </>
  );
}
