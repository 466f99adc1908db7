import Link from "next/link";
import { Card } from "@/components/ui/Card";
import { ChartFrame, type ChartFrameLabels } from "@/components/charts/ChartFrame";
import { LineChart, RadarChart } from "@/components/charts/lazy";
import type { RadarSeries } from "@/components/charts/RadarChart";
import { IndicatorTrends, type TrendGroup } from "@/components/charts/IndicatorTrends";
import { getI18n } from "@/server/i18n";
import { INTL_LOCALE, localizedName, type Locale } from "@/lib/i18n/config";
import { componentShortName, type Formatters, type Translate } from "@/lib/i18n/messages";
import { formatIndicatorValue } from "@/lib/format-value";
import { loadCity, loadComponentMediansAsOf, loadValidatedHistory, type City } from "@/server/loaders/cities";
import { loadFramework } from "@/server/loaders/framework";
import { latestScores, scoreSeries } from "@/db/queries/progress";
import { lensScores } from "@/lib/scoring";
import { byPeriod, missingQuarters, onAxis, quarterAxis } from "@/lib/charts/quarter-series";

export type ProgressView = "component" | "lens";

/** The programme median is drawn by component only (lenses have none). */
const withMedianView = (view: ProgressView) => view === "component";

/** Two decimals for CSV cells: exact enough, without floating-point noise. */
const raw = (score: number | null | undefined) => (score === null || score === undefined ? null : Math.round(score * 100) / 100);

/** Splits a long axis label into lines, so radar labels fit a 360 px screen. */
function wrap(label: string, width = 14): string[] {
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length + 1 <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The city's progress charts: a radar of its latest scores against its mentor and the programme
 * median (or by lens), component scores over the quarters, and a small trend per indicator. All
 * numbers come from validated values only, through lib/scoring.
 */
export async function ProgressCharts({ city, view, basePath = "/cities", radarOnly = false, i18n }: {
  city: City;
  view: ProgressView;
  /** Where the view toggle links: the signed-in city page, or the public one (/explore). */
  basePath?: string;
  /** Only the radar frame, without heading or toggle: the embeddable radar. */
  radarOnly?: boolean;
  /** The language, when it comes from the URL rather than the visitor (the embed's ?lang=). */
  i18n?: { locale: Locale; t: Translate; format: Formatters };
}) {
  const [{ locale, t, format }, mentor] = await Promise.all([i18n ?? getI18n(), city.programmeRole === "mentee" && city.mentorSlug ? loadCity(city.mentorSlug) : null]);
  const [framework, history] = await Promise.all([loadFramework(), loadValidatedHistory(city.id, mentor ? mentor.id : null)]);

  const componentIds = framework.components.map((c) => c.id);
  const scored = framework.components.flatMap((c) => c.indicators);
  const lensCodes = framework.lenses.map((l) => l.code);
  const series = scoreSeries(componentIds, scored, history.filter((p) => p.cityId === city.id));
  const cityName = localizedName(city, locale);
  const intlLocale = INTL_LOCALE[locale];
  const score = (value: number | null | undefined) => (value === null || value === undefined ? "—" : format.number(value, { maximumFractionDigits: 0 }));
  const frameLabels: ChartFrameLabels = { showTable: t("charts.showTable"), showChart: t("charts.showChart"), downloadCsv: t("charts.downloadCsv"), downloadPng: t("charts.downloadPng") };

  const latest = series.points[series.points.length - 1];
  if (!latest) {
    return (
      <Card title={t("progress.title")}>
        <p className="text-sm text-slate-600" data-testid="progress-empty">{t("progress.noData", { city: cityName })}</p>
      </Card>
    );
  }

  // --- Radar: one stated quarter, the city's newest with validated data. The mentor and the
  // programme median are as of the SAME quarter (their latest validated values up to it), never
  // newer; the legend says where the mentor's data is older.
  const asOf = latest.period;
  const medians = withMedianView(view) ? await loadComponentMediansAsOf(asOf) : [];
  const mentorLatest = mentor ? latestScores(componentIds, lensCodes, scored, history.filter((p) => p.cityId === mentor.id && p.period <= asOf)) : null;
  // The series already carried every indicator forward to its latest value: no second pass over the history.
  const cityLatest = { components: latest.components, lenses: lensScores(lensCodes, scored, series.latestValues) };
  const mentorNote = !mentorLatest ? null : mentorLatest.period === null ? t("charts.noDataUpTo", { period: asOf }) : mentorLatest.period < asOf ? t("charts.dataFrom", { period: mentorLatest.period }) : null;
  const mentorName = mentor ? t("progress.mentorSeries", { city: localizedName(mentor, locale) }) : null;
  const mentorLabel = mentorName && mentorNote ? `${mentorName} (${mentorNote})` : mentorName;
  const axes =
    view === "lens"
      ? framework.lenses.map((lens) => ({ key: lens.code, name: localizedName(lens, locale), short: localizedName(lens, locale), city: cityLatest.lenses.find((s) => s.lensCode === lens.code)?.score ?? null, mentor: mentorLatest?.lenses.find((s) => s.lensCode === lens.code)?.score ?? null, median: null as number | null }))
      : framework.components.map((c) => ({ key: c.code, name: localizedName(c, locale), short: componentShortName(t, c.code, localizedName(c, locale)), city: cityLatest.components.find((s) => s.componentId === c.id)?.score ?? null, mentor: mentorLatest?.components.find((s) => s.componentId === c.id)?.score ?? null, median: medians.find((m) => m.componentId === c.id)?.median ?? null }));
  const withMedian = withMedianView(view);
  const radarSeries: RadarSeries[] = [
    { label: cityName, data: axes.map((a) => raw(a.city)) },
    ...(mentorLabel ? [{ label: mentorLabel, data: axes.map((a) => raw(a.mentor)) }] : []),
    ...(withMedian ? [{ label: t("progress.median"), data: axes.map((a) => raw(a.median)) }] : []),
  ];
  const present = axes.filter((a): a is typeof a & { city: number } => a.city !== null);
  const best = present.reduce<(typeof present)[number] | null>((b, a) => (b === null || a.city > b.city ? a : b), null);
  const worst = present.reduce<(typeof present)[number] | null>((w, a) => (w === null || a.city < w.city ? a : w), null);
  const radarSummary = [
    best && worst ? t("progress.radarSummary", { period: latest.period, city: cityName, best: best.name, bestScore: score(best.city), worst: worst.name, worstScore: score(worst.city) }) : "",
    withMedian ? (mentorLabel && mentor ? t("progress.radarCompareMentor", { mentor: localizedName(mentor, locale) }) : t("progress.radarCompareMedian")) : mentor ? t("progress.lensCompareMentor", { mentor: localizedName(mentor, locale) }) : "",
    t("progress.radarAsOf", { period: asOf }),
    mentor && mentorNote ? `${localizedName(mentor, locale)}: ${mentorNote}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const radarTitle = view === "lens" ? t("progress.radarLensTitle") : t("progress.radarTitle");
  const radarColumns = [view === "lens" ? t("progress.lens") : t("city.component"), cityName, ...(mentorLabel ? [mentorLabel] : []), ...(withMedian ? [t("progress.median")] : [])];
  const radarTable = {
    caption: radarTitle,
    columns: radarColumns,
    rows: axes.map((a) => [a.name, score(a.city), ...(mentorLabel ? [score(a.mentor)] : []), ...(withMedian ? [score(a.median)] : [])]),
    csvRows: axes.map((a) => [a.name, raw(a.city), ...(mentorLabel ? [raw(a.mentor)] : []), ...(withMedian ? [raw(a.median)] : [])]),
  };

  // --- Line: each component's score on a time axis of every quarter from the first with data to
  // the last; a quarter without any validated value is a gap (null), not skipped.
  const axis = quarterAxis(series.periods[0], latest.period);
  const pointOf = new Map(series.points.map((p) => [p.period, p]));
  const gaps = missingQuarters(axis, axis.map((q) => pointOf.get(q) ?? null));
  // IndicatorTrends derives the same yearly axis from `axis` (its Q4s).
  const yearlyAxis = axis.filter((q) => q.endsWith("Q4"));
  const lineSeries = framework.components.map((c, i) => ({ label: componentShortName(t, c.code, localizedName(c, locale)), colour: i, data: onAxis(axis, new Map(series.points.map((p) => [p.period, raw(p.components.find((s) => s.componentId === c.id)?.score)]))) }));
  const changes = framework.components.flatMap((c) => {
    const scores = series.points.map((p) => p.components.find((s) => s.componentId === c.id)?.score ?? null).filter((s): s is number => s !== null);
    const from = scores[0];
    const to = scores[scores.length - 1];
    return from === undefined || to === undefined ? [] : [{ name: localizedName(c, locale), from, to }];
  });
  const biggest = changes.reduce<(typeof changes)[number] | null>((b, c) => (b === null || Math.abs(c.to - c.from) > Math.abs(b.to - b.from) ? c : b), null);
  const first = series.periods[0] ?? latest.period;
  const lineSummary = [
    t("progress.lineSummary", { count: series.periods.length, first, last: latest.period }),
    biggest && series.periods.length > 1 ? t("progress.lineChange", { component: biggest.name, from: score(biggest.from), to: score(biggest.to) }) : "",
    gaps.length ? t("progress.lineGaps", { quarters: gaps.join(", ") }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  const lineTable = {
    caption: t("progress.lineTitle"),
    columns: [t("progress.quarter"), ...lineSeries.map((s) => s.label)],
    rows: axis.map((period, r) => [period, ...lineSeries.map((s) => score(s.data[r]))]),
    csvRows: axis.map((period, r) => [period, ...lineSeries.map((s) => s.data[r] ?? null)]),
  };

  // --- Indicator trends, grouped by component.
  const groups: TrendGroup[] = framework.components.map((c, i) => ({
    code: c.code,
    title: localizedName(c, locale),
    colour: i,
    items: c.indicators.map((indicator) => {
      const own = series.indicatorValues.get(indicator.id) ?? series.periods.map(() => null);
      const points = series.periods.flatMap((period, k) => {
        const value = own[k];
        return value === null || value === undefined ? [] : [{ period, value }];
      });
      // On the time axis (yearly for an annual indicator: the axis's Q4s), a missing quarter as null.
      const annual = indicator.frequency === "annual";
      const values = onAxis(annual ? yearlyAxis : axis, byPeriod(series.periods, own));
      const last = points[points.length - 1];
      const target = formatIndicatorValue(indicator.unit, indicator.target, t, format);
      return {
        code: indicator.code,
        title: `${indicator.code} ${localizedName(indicator, locale)}`,
        summary: last ? t("progress.indicatorSummary", { count: points.length, value: formatIndicatorValue(indicator.unit, last.value, t, format), period: last.period, target }) : t("progress.indicatorNoData", { target }),
        table: {
          caption: `${indicator.code} ${localizedName(indicator, locale)}`,
          columns: [t("progress.quarter"), t("progress.validatedValue"), t("city.target")],
          rows: points.map((p) => [p.period, formatIndicatorValue(indicator.unit, p.value, t, format), target]),
          csvRows: points.map((p) => [p.period, p.value, indicator.target]),
        },
        annual,
        values,
        target: indicator.target,
      };
    }),
  }));

  const radarFrame = (
    <ChartFrame title={radarTitle} summary={radarSummary} table={radarTable} labels={frameLabels} fileName={`${city.slug}-${view === "lens" ? "lenses" : "components"}`} testId="progress-radar">
      <div className="mx-auto max-w-md">
        <RadarChart labels={axes.map((a) => wrap(a.short))} series={radarSeries} intlLocale={intlLocale} />
      </div>
    </ChartFrame>
  );
  if (radarOnly) return radarFrame;

  const toggle = "rounded-md border px-3 py-1 text-sm";
  const active = `${toggle} border-brand-700 bg-brand-700 text-white`;
  const inactive = `${toggle} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;
  // No card box on phones: the chart frames are boxes already, and every pixel of width counts at 360 px.
  return (
    <section id="progress" className="space-y-4 sm:rounded-lg sm:border sm:border-slate-200 sm:bg-white sm:p-4 sm:shadow-sm">
      <h2 className="text-lg font-semibold text-slate-900">{t("progress.title")}</h2>
      <div className="space-y-4">
        <nav aria-label={t("progress.viewLabel")} className="flex flex-wrap gap-2">
          <Link href={`${basePath}/${city.slug}#progress`} scroll={false} className={view === "component" ? active : inactive} aria-current={view === "component" ? "page" : undefined} data-testid="view-component">{t("progress.byComponent")}</Link>
          <Link href={`${basePath}/${city.slug}?view=lens#progress`} scroll={false} className={view === "lens" ? active : inactive} aria-current={view === "lens" ? "page" : undefined} data-testid="view-lens">{t("progress.byLens")}</Link>
        </nav>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <div>
            {radarFrame}
            {view === "lens" ? <p className="mt-1 text-xs text-slate-600">{t("progress.lensMedianNote")}</p> : null}
          </div>
          <ChartFrame title={t("progress.lineTitle")} summary={lineSummary} table={lineTable} labels={frameLabels} fileName={`${city.slug}-scores-over-time`} testId="progress-line">
            <LineChart labels={axis} series={lineSeries} intlLocale={intlLocale} yMin={0} yMax={100} maximumFractionDigits={0} />
          </ChartFrame>
        </div>
        <section>
          <h3 className="font-semibold">{t("progress.trendsTitle")}</h3>
          <p className="mb-2 text-sm text-slate-600">{t("progress.trendsHint")}</p>
          <IndicatorTrends groups={groups} periods={axis} intlLocale={intlLocale} frameLabels={frameLabels} valueLabel={t("progress.validatedValue")} targetLabel={t("city.target")} />
        </section>
      </div>
    </section>
  );
}
