import Link from "next/link";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination } from "@/components/ui/Pagination";
import { ScoreCell } from "@/components/ui/ScoreCell";
import { ChartFrame } from "@/components/charts/ChartFrame";
import { HistogramChart } from "@/components/charts/lazy";
import { getI18n } from "@/server/i18n";
import { INTL_LOCALE, localizedName } from "@/lib/i18n/config";
import { componentShortName } from "@/lib/i18n/messages";
import { formatIndicatorValue } from "@/lib/format-value";
import type { DashboardParams, DashboardSort } from "@/lib/validation/dashboard";
import { periodOptions } from "@/lib/charts/quarter-series";
import { HISTOGRAM_BINS } from "@/db/queries/dashboard";
import { loadCityCounts } from "@/server/loaders/cities";
import { loadCoverage, loadHeatPage, loadPeriods, loadRecentValidations, loadReviewWaiting } from "@/server/loaders/dashboard";
import { loadFramework } from "@/server/loaders/framework";
import { CountryRoleFilters } from "@/components/ui/FilterField";

export const HEAT_PAGE_SIZE = 50;

/** The query string of the overview with some parameters replaced (undefined drops one). */
export function dashboardHref(params: DashboardParams, changes: Partial<Record<"country" | "role" | "period" | "view" | "sort" | "dir", string | undefined>>, basePath = "/dashboard"): string {
  const merged: Record<string, string | undefined> = { country: params.country, role: params.role, period: params.period, view: params.view === "lens" ? "lens" : undefined, sort: params.sort, dir: params.dir, ...changes };
  const query = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1])));
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}

export async function ProgrammeCounts() {
  const [{ t, format }, counts] = await Promise.all([getI18n(), loadCityCounts()]);
  return (
    <Card title={t("dashboard.citiesByRole")}>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="py-1">{t("cities.role")}</th>
            <th scope="col" className="py-1 text-right">{t("countries.BD")}</th>
            <th scope="col" className="py-1 text-right">{t("countries.NP")}</th>
          </tr>
        </thead>
        <tbody>
          {(["mentor", "mentee", "candidate"] as const).map((role) => (
            <tr key={role} className="border-t border-slate-100">
              <th scope="row" className="py-1 text-left font-normal">{t(`programmeRoles.${role}.plural`)}</th>
              {(["BD", "NP"] as const).map((country) => (
                <td key={country} className="py-1 text-right tabular-nums" data-testid={`dashboard-count-${role}-${country}`}>
                  {format.number(counts.find((c) => c.programmeRole === role && c.country === country)?.n ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

export async function CoverageSummary() {
  const [{ t, format }, rows] = await Promise.all([getI18n(), loadCoverage()]);
  const pairs = rows.reduce((sum, r) => sum + r.cities * r.indicators, 0);
  const withData = rows.reduce((sum, r) => sum + r.withData, 0);
  const percent = (part: number, whole: number) => (whole ? format.number(part / whole, { style: "percent", maximumFractionDigits: 0 }) : "—");
  return (
    <Card title={t("dashboard.coverage")}>
      <p className="text-3xl font-semibold tabular-nums" data-testid="coverage-all">{percent(withData, pairs)}</p>
      <p className="text-sm text-slate-600">{t("dashboard.coverageExplain", { withData, pairs })}</p>
      <ul className="mt-2 space-y-1 text-sm">
        {rows.map((row) => (
          <li key={row.country} className="flex justify-between gap-2 border-t border-slate-100 pt-1">
            <span>{t(`countries.${row.country}`)}</span>
            <span className="tabular-nums" data-testid={`coverage-${row.country}`}>{percent(row.withData, row.cities * row.indicators)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export async function ReviewQueueSummary() {
  const [{ t, format }, waiting] = await Promise.all([getI18n(), loadReviewWaiting()]);
  return (
    <Card title={t("dashboard.reviewQueue")}>
      <p className="text-3xl font-semibold tabular-nums" data-testid="review-waiting">{format.number(waiting)}</p>
      <p className="text-sm text-slate-600">{t("dashboard.valuesWaiting")}</p>
      <Link href="/review" className="mt-2 inline-block text-brand-700 underline">{t("dashboard.openReview")}</Link>
    </Card>
  );
}

export async function FrameworkSummary() {
  const [{ t }, framework] = await Promise.all([getI18n(), loadFramework()]);
  const indicatorCount = framework.components.reduce((sum, c) => sum + c.indicators.length, 0);
  return (
    <Card title={t("dashboard.framework")}>
      <p>{t("dashboard.frameworkSummary", { components: framework.components.length, indicators: indicatorCount, lenses: framework.lenses.length })}</p>
      <Link href="/framework" className="mt-2 inline-block text-brand-700 underline">{t("dashboard.viewFramework")}</Link>
    </Card>
  );
}

/** A GET form: works without JavaScript; the view (component/lens) rides along as a hidden field. */
export async function FilterForm({ params }: { params: DashboardParams }) {
  const [{ t }, { first, latest }] = await Promise.all([getI18n(), loadPeriods()]);
  const quarters = periodOptions(first, latest);
  const select = "mt-1 rounded-md border border-slate-300 px-2 py-1.5";
  return (
    <form className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search" aria-label={t("dashboard.filters")} data-testid="dashboard-filters">
      <CountryRoleFilters t={t} country={params.country} role={params.role} />
      <label className="text-sm">
        <span className="block font-medium">{t("dashboard.period")}</span>
        <select name="period" defaultValue={params.period && params.period !== latest ? params.period : ""} className={select}>
          {latest ? <option value="">{t("dashboard.periodLatest", { period: latest })}</option> : <option value="">{t("dashboard.periodNone")}</option>}
          {quarters.slice(1).map((quarter) => (
            <option key={quarter} value={quarter}>{quarter}</option>
          ))}
        </select>
      </label>
      {params.view === "lens" ? <input type="hidden" name="view" value="lens" /> : null}
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white">{t("common.filter")}</button>
    </form>
  );
}

type PageParams = { page: number; offset: number; limit: number };

/** The heat table's page and the histogram, loaded once per request and shared by both widgets. */
async function loadHeat(params: DashboardParams, page: PageParams) {
  const { locale } = await getI18n();
  return loadHeatPage(params.country, params.role, params.view, params.period, params.sort, params.dir, locale, page.offset, page.limit);
}

/**
 * `publicView` serves the signed-out portal (/explore): sort links stay on /explore and city names
 * link to the public city pages. The scores are validated-only either way.
 */
export async function HeatTableWidget({ params, page, publicView = false }: { params: DashboardParams; page: PageParams; publicView?: boolean }) {
  const basePath = publicView ? "/explore" : "/dashboard";
  const cityBase = publicView ? "/explore" : "/cities";
  const [{ locale, t, format }, heat] = await Promise.all([getI18n(), loadHeat(params, page)]);
  const lens = heat.view === "lens";
  const title = lens ? t("dashboard.heatTitleLens") : t("dashboard.heatTitle");
  if (heat.total === 0) {
    return (
      <section aria-label={title}>
        <EmptyState title={t("dashboard.noCities")} body={t("dashboard.noCitiesHint")} />
      </section>
    );
  }
  const { sort, dir } = heat;
  const shown = heat.rows;

  const header = (label: string, key: DashboardSort, extra: { title?: string; testId?: string; sticky?: boolean } = {}) => {
    const active = sort === key;
    const defaultDir = key === "name" ? "asc" : "desc";
    const nextDir = active ? (dir === "asc" ? "desc" : "asc") : defaultDir;
    return (
      <th
        key={key}
        scope="col"
        aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
        className={`whitespace-nowrap px-3 py-2 ${extra.sticky ? "sticky left-0 z-10 bg-slate-50 text-left" : "text-right"}`}
        data-testid={extra.testId}
      >
        <Link href={dashboardHref(params, { sort: key, dir: nextDir }, basePath)} className="inline-flex items-center gap-1 hover:underline">
          {extra.title ? <abbr title={extra.title} className="no-underline">{label}</abbr> : label}
          <span aria-hidden="true">{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
        </Link>
      </th>
    );
  };

  return (
    <section aria-labelledby="heat-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2 p-4 pb-2">
        <h2 id="heat-title" className="text-lg font-semibold">{title}</h2>
        <nav aria-label={t("dashboard.view")} className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm">
          {(["component", "lens"] as const).map((view) => (
            <Link
              key={view}
              href={dashboardHref(params, { view: view === "lens" ? "lens" : undefined, sort: undefined, dir: undefined }, basePath)}
              aria-current={heat.view === view ? "page" : undefined}
              className={`px-3 py-1.5 ${heat.view === view ? "bg-brand-600 text-white" : "bg-white text-slate-800 hover:bg-slate-50"}`}
              data-testid={`view-${view}`}
            >
              {view === "lens" ? t("dashboard.byLens") : t("dashboard.byComponent")}
            </Link>
          ))}
        </nav>
      </div>
      <p className="px-4 pb-2 text-sm text-slate-600" data-testid="heat-as-of">
        {heat.period ? t("dashboard.asOf", { period: heat.period }) : t("dashboard.noScores")}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="heat-table">
          <caption className="sr-only">{t("dashboard.heatCaption", { count: heat.total, period: heat.period ?? "—" })}</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {header(t("dashboard.col.city"), "name", { sticky: true })}
              {header(t("scores.index"), "index", { testId: "heat-col-index" })}
              {heat.columns.map((column, i) =>
                header(lens ? localizedName(column, locale) : componentShortName(t, column.code, localizedName(column, locale)), `col:${i}`, { title: lens ? undefined : localizedName(column, locale), testId: `heat-col-${column.code}` }),
              )}
              {header(t("scores.coverage"), "coverage")}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.id} className="border-t border-slate-100" data-testid={`heat-row-${row.slug}`} data-country={row.country}>
                <th scope="row" className="sticky left-0 z-10 min-w-32 max-w-44 bg-white px-3 py-2 text-left font-normal">
                  <Link href={`${cityBase}/${row.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{localizedName(row, locale)}</Link>
                  <div className="text-xs text-slate-500">{t(`countries.${row.country}`)} · {t(`programmeRoles.${row.programmeRole}`)}</div>
                  {heat.period && row.dataPeriod && row.dataPeriod < heat.period ? (
                    <div className="text-xs font-medium text-amber-900" data-testid={`heat-stale-${row.slug}`}>
                      <span aria-hidden="true">⚠ </span>{t("charts.dataFrom", { period: row.dataPeriod })}
                    </div>
                  ) : null}
                </th>
                <ScoreCell score={row.index} format={format} testId={`heat-index-${row.slug}`} />
                {row.scores.map((score, i) => (
                  <ScoreCell key={heat.columns[i]?.key ?? i} score={score} format={format} />
                ))}
                <td className="px-3 py-2 text-right tabular-nums">{format.number(row.coverage, { style: "percent", maximumFractionDigits: 0 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="px-4 py-2 text-xs text-slate-500">
        {t("dashboard.shadingLegend")} {t("scores.explain")}{" "}
        {heat.period && shown.some((row) => row.dataPeriod && row.dataPeriod < (heat.period ?? "")) ? <span data-testid="heat-stale-legend">{t("dashboard.staleLegend", { period: heat.period })}</span> : null}
      </p>
      <div className="px-4 pb-3">
        <Pagination page={page.page} pageSize={page.limit} total={heat.total} basePath={basePath} params={{ country: params.country, role: params.role, period: params.period, view: params.view === "lens" ? "lens" : undefined, sort: params.sort, dir: params.dir }} t={t} />
      </div>
    </section>
  );
}

export async function IndexHistogram({ params, page }: { params: DashboardParams; page: PageParams }) {
  const [{ locale, t, format }, heat] = await Promise.all([getI18n(), loadHeat(params, page)]);
  const title = t("dashboard.histogramTitle");
  if (heat.total === 0) {
    return (
      <Card title={title}>
        <EmptyState title={t("dashboard.noCities")} />
      </Card>
    );
  }
  const { bins, noData } = heat.histogram;
  const ranges = Array.from({ length: HISTOGRAM_BINS }, (_, i) => [i * 10, i * 10 + 10] as const);
  const labels = [...ranges.map(([lo, hi]) => `${format.number(lo)}–${format.number(hi)}`), t("dashboard.noData")];
  const counts = [...bins, noData];
  const withIndex = heat.total - noData;
  const top = bins.reduce((best, n, i) => ((n > (bins[best] ?? 0)) ? i : best), 0);
  const summary =
    withIndex === 0
      ? t("dashboard.histogramSummaryNone", { count: heat.total })
      : t("dashboard.histogramSummary", { withIndex, count: heat.total, range: labels[top] ?? "", n: bins[top] ?? 0 });
  return (
    <ChartFrame
      title={title}
      summary={summary}
      fileName={`cwis-index-distribution${heat.period ? `-${heat.period}` : ""}`}
      testId="index-histogram"
      labels={{ showTable: t("charts.showTable"), showChart: t("charts.showChart"), downloadCsv: t("charts.downloadCsv"), downloadPng: t("charts.downloadPng") }}
      table={{
        caption: title,
        columns: [t("dashboard.histogramRange"), t("dashboard.histogramCities")],
        rows: counts.map((n, i) => [labels[i] ?? "", format.number(n)]),
        csvRows: counts.map((n, i) => [i < HISTOGRAM_BINS ? `${i * 10}-${i * 10 + 10}` : "no data", n]),
      }}
    >
      <HistogramChart labels={labels} counts={counts} muted={counts.map((_, i) => i === HISTOGRAM_BINS)} intlLocale={INTL_LOCALE[locale]} xTitle={t("scores.index")} yTitle={t("dashboard.histogramCities")} />
    </ChartFrame>
  );
}

export async function RecentValidations({ params }: { params: DashboardParams }) {
  const [{ locale, t, format }, rows] = await Promise.all([getI18n(), loadRecentValidations(params.country, params.role)]);
  const title = t("dashboard.recentTitle");
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <EmptyState title={t("dashboard.recentNone")} />
      ) : (
        <DataTable
          framed={false}
          testId="recent-validations"
          caption={title}
          columns={[{ label: t("dashboard.col.city") }, { label: t("dashboard.col.indicator") }, { label: t("dashboard.period") }, { label: t("dashboard.col.value"), align: "right" }, { label: t("dashboard.col.when") }, { label: t("dashboard.col.by") }]}
        >
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link href={`/cities/${row.citySlug}`} className="text-brand-700 hover:underline">{localizedName({ nameEn: row.cityNameEn, nameBn: row.cityNameBn, nameNe: row.cityNameNe }, locale)}</Link>
              </td>
              <td className="px-3 py-2">
                <Link href={`/cities/${row.citySlug}/indicators/${row.indicatorCode}`} className="hover:underline">
                  <abbr title={localizedName({ nameEn: row.indicatorNameEn, nameBn: row.indicatorNameBn, nameNe: row.indicatorNameNe }, locale)} className="no-underline">{row.indicatorCode}</abbr>
                </Link>
              </td>
              <td className="whitespace-nowrap px-3 py-2">{row.period}</td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatIndicatorValue(row.unit, row.value, t, format)}</td>
              <td className="whitespace-nowrap px-3 py-2" data-testid="recent-when">{row.validatedAt ? <time dateTime={row.validatedAt.toISOString()}>{format.dateTime(row.validatedAt)}</time> : "—"}</td>
              <td className="px-3 py-2">{row.reviewer ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
