import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { DataTable, type Column } from "@/components/ui/DataTable";
import { ChartFrame, type ChartFrameLabels } from "@/components/charts/ChartFrame";
import { GroupedBarChart } from "@/components/charts/lazy";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { INTL_LOCALE, localizedName, type Locale } from "@/lib/i18n/config";
import { componentShortName, isMessageKey, type Formatters, type Translate } from "@/lib/i18n/messages";
import { MAX_COMPARE, type CompareCity, type Comparison } from "@/db/queries/compare";
import { loadComparison } from "@/server/loaders/compare";
import { loadPeriods } from "@/server/loaders/dashboard";
import { periodOptions } from "@/lib/charts/quarter-series";
import { compareHref, parseCompareParams } from "./params";
import { Picker } from "./Picker";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("compare.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Whole points as the tables show them. Gaps are taken between these, so every row adds up on screen. */
const points = (score: number | null) => (score === null ? null : Math.round(score));

function gapWords(t: Translate, gap: number | null): string {
  if (gap === null) return t("compare.gap.noData");
  if (gap === 0) return t("compare.gap.level");
  if (gap === -1) return t("compare.gap.behindOne");
  if (gap === 1) return t("compare.gap.aheadOne");
  return gap < 0 ? t("compare.gap.behind", { points: -gap }) : t("compare.gap.ahead", { points: gap });
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

export default async function ComparePage({ searchParams }: Props) {
  await requirePagePermission("cities.read");
  const params = parseCompareParams(await searchParams);
  const [{ locale, t, format }, comparison] = await Promise.all([getI18n(), loadComparison(params)]);
  const name = (city: CompareCity) => localizedName(city, locale);
  const list = new Intl.ListFormat(INTL_LOCALE[locale], { type: "conjunction" });
  const chartLabels: ChartFrameLabels = { showTable: t("charts.showTable"), showChart: t("charts.showChart"), downloadCsv: t("charts.downloadCsv"), downloadPng: t("charts.downloadPng") };
  // What the toggle links and the form keep: the cities actually shown, or the mentor group asked for.
  const choice = params.slugs.length ? { slugs: comparison.cities.map((c) => c.slug), period: params.period } : { slugs: [], mentor: comparison.mentor?.slug, period: params.period };

  return (
    <>
      <PageHeader title={t("compare.title")} description={t("compare.description")} />
      <Notes comparison={comparison} asked={params.slugs.length > 0} t={t} name={name} list={list} />
      <nav aria-label={t("compare.view.label")} className="mb-4 flex flex-wrap items-center gap-2 text-sm" data-testid="compare-view">
        <span className="font-medium">{t("compare.view.label")}:</span>
        {(["component", "lens"] as const).map((view) => (
          <Link
            key={view}
            href={compareHref(choice, view)}
            aria-current={comparison.view === view ? "page" : undefined}
            className={`rounded-md border px-3 py-1.5 ${comparison.view === view ? "border-brand-600 bg-brand-100 font-semibold text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {t(`compare.view.${view}`)}
          </Link>
        ))}
        {/* Charts come first so phones see them without scrolling past the picker. */}
        <a href="#compare-pick" className="ml-auto text-brand-700 underline underline-offset-2">{t("compare.pick")}</a>
      </nav>
      {comparison.cities.length === 0 ? (
        <EmptyState title={t("compare.noCities")} body={t("compare.noCitiesHint")} />
      ) : (
        <div className="space-y-6">
          <AsOf comparison={comparison} choice={choice} t={t} />
          <ScoresChart comparison={comparison} t={t} format={format} locale={locale} name={name} list={list} labels={chartLabels} />
          <Gaps comparison={comparison} t={t} format={format} locale={locale} name={name} labels={chartLabels} />
        </div>
      )}
      <section id="compare-pick" aria-labelledby="compare-pick-title" className="mt-8 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="compare-pick-title" className="mb-3 text-lg font-semibold text-slate-900">{t("compare.pick")}</h2>
        <Picker params={params} comparison={comparison} locale={locale} t={t} />
      </section>
    </>
  );
}

function Notes({ comparison, asked, t, name, list }: { comparison: Comparison; asked: boolean; t: Translate; name: (c: CompareCity) => string; list: Intl.ListFormat }) {
  const notes: { id: string; text: string }[] = [];
  if (comparison.dropped.length) notes.push({ id: "compare-too-many", text: t("compare.tooMany", { count: comparison.requested, max: MAX_COMPARE, names: list.format(comparison.dropped.map(name)) }) });
  if (comparison.unknown.length) notes.push({ id: "compare-unknown", text: t("compare.unknown", { slugs: comparison.unknown.join(", ") }) });
  const defaultNote = !asked && comparison.mentor ? t("compare.defaultGroup", { mentor: name(comparison.mentor) }) : null;
  return (
    <>
      {notes.map((note) => (
        <p key={note.id} role="status" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid={note.id}>
          {note.text}
        </p>
      ))}
      {defaultNote ? <p className="mb-3 text-sm text-slate-600">{defaultNote}</p> : null}
    </>
  );
}

/**
 * The one quarter the whole comparison is as of, and a GET form to choose another (works without
 * JavaScript). The quarters offered come from validated values only.
 */
async function AsOf({ comparison, choice, t }: { comparison: Comparison; choice: { slugs: string[]; mentor?: string; period?: string }; t: Translate }) {
  const { first, latest } = await loadPeriods();
  const quarters = periodOptions(first, latest);
  if (comparison.period && !quarters.includes(comparison.period)) quarters.unshift(comparison.period);
  return (
    <form method="get" action="/compare" className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid="compare-as-of">
      <p className="min-w-0 flex-1 basis-64">
        {comparison.period ? t("compare.asOfStated", { period: comparison.period }) : t("compare.chart.noData")}
      </p>
      {choice.slugs.map((slug) => <input key={slug} type="hidden" name="city" value={slug} />)}
      {!choice.slugs.length && choice.mentor ? <input type="hidden" name="mentor" value={choice.mentor} /> : null}
      {comparison.view === "lens" ? <input type="hidden" name="view" value="lens" /> : null}
      {quarters.length ? (
        <>
          <label className="text-sm">
            <span className="block font-medium">{t("compare.asOfPick")}</span>
            <select name="period" defaultValue={comparison.period ?? ""} className="mt-1 min-h-11 rounded-md border border-slate-300 px-2 py-1.5" data-testid="compare-period">
              {quarters.map((quarter) => <option key={quarter} value={quarter}>{quarter}</option>)}
            </select>
          </label>
          <button type="submit" className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">{t("compare.asOfApply")}</button>
        </>
      ) : null}
    </form>
  );
}

/** "data from 2026-Q2" where a city's newest validated data up to the comparison's quarter is older than it. */
function staleNote(comparison: Comparison, cityId: number, t: Translate): string | null {
  const asOf = comparison.matrix.asOf.get(cityId) ?? null;
  if (comparison.period === null) return null;
  if (asOf === null) return t("charts.noDataUpTo", { period: comparison.period });
  return asOf < comparison.period ? t("charts.dataFrom", { period: asOf }) : null;
}

function groupLabels(comparison: Comparison, t: Translate, locale: Locale): { short: string[]; full: string[] } {
  const full = comparison.matrix.groups.map((g) => localizedName(g, locale));
  const short = (key: string, fallback: string) => {
    const lensKey = `compare.lensShort.${key}`;
    if (comparison.view === "component") return componentShortName(t, key, fallback);
    // Lenses added by an admin later have no short name yet: their full name serves.
    return isMessageKey(lensKey) ? t(lensKey) : fallback;
  };
  return { short: comparison.matrix.groups.map((g, i) => short(g.key, full[i] ?? g.key)), full };
}

function ScoresChart({ comparison, t, format, locale, name, list, labels }: { comparison: Comparison; t: Translate; format: Formatters; locale: Locale; name: (c: CompareCity) => string; list: Intl.ListFormat; labels: ChartFrameLabels }) {
  const groups = groupLabels(comparison, t, locale);
  const rows = comparison.cities.map((city) => ({ city, scores: comparison.matrix.scores.get(city.id) ?? [], asOf: comparison.matrix.asOf.get(city.id) ?? null, stale: staleNote(comparison, city.id, t) }));
  const shown = (score: number | null) => (score === null ? "—" : format.number(score, { maximumFractionDigits: 0 }));
  const best = rows.map((r) => ({ city: r.city, avg: mean(r.scores) })).reduce<{ city: CompareCity; avg: number } | null>((top, r) => (r.avg !== null && (top === null || r.avg > top.avg) ? { city: r.city, avg: r.avg } : top), null);
  const cityNames = list.format(rows.map((r) => name(r.city)));
  const summary = best
    ? t(comparison.view === "lens" ? "compare.chart.summaryLens" : "compare.chart.summaryComponent", { cities: cityNames, best: name(best.city), score: shown(best.avg) })
    : t("compare.chart.noData");
  return (
    <ChartFrame
      testId="compare-scores"
      title={t(comparison.view === "lens" ? "compare.chart.titleLens" : "compare.chart.titleComponent")}
      summary={summary}
      labels={labels}
      fileName={`compare-${comparison.view}`}
      table={{
        caption: t("compare.chart.caption"),
        // Every city's data quarter, marked where it is older than the comparison's quarter.
        columns: [t("compare.city"), ...groups.short, t("compare.dataFromCol")],
        rows: rows.map((r) => [name(r.city), ...r.scores.map(shown), r.stale ? `${r.asOf ?? "—"} ⚠ ${r.stale}` : (r.asOf ?? "—")]),
        csvRows: rows.map((r) => [r.city.slug, ...r.scores, r.asOf]),
      }}
    >
      {rows.some((r) => r.stale) ? (
        <ul className="mb-2 text-xs text-amber-900" data-testid="compare-stale">
          {rows.filter((r) => r.stale).map((r) => <li key={r.city.id} data-testid={`compare-stale-${r.city.slug}`}>⚠ {name(r.city)}: {r.stale}</li>)}
        </ul>
      ) : null}
      <GroupedBarChart labels={groups.short} series={rows.map((r) => ({ label: r.stale ? `${name(r.city)} (${r.stale})` : name(r.city), values: r.scores }))} intlLocale={INTL_LOCALE[locale]} min={0} max={100} height={320} />
    </ChartFrame>
  );
}

function Gaps({ comparison, t, format, locale, name, labels }: { comparison: Comparison; t: Translate; format: Formatters; locale: Locale; name: (c: CompareCity) => string; labels: ChartFrameLabels }) {
  const groups = groupLabels(comparison, t, locale);
  const rows = comparison.gaps.map((gap) => {
    const own = comparison.matrix.scores.get(gap.mentee.id) ?? [];
    const theirs = comparison.matrix.scores.get(gap.mentor.id) ?? [];
    const shown = own.map((score, i) => {
      const a = points(score);
      const b = points(theirs[i] ?? null);
      return a === null || b === null ? null : a - b;
    });
    return { ...gap, shown };
  });
  const signed = (gap: number) => format.number(gap, { signDisplay: "exceptZero" });
  const columns: Column[] = [{ label: t("compare.gap.mentee") }, { label: t("compare.gap.mentor") }, ...groups.short.map((label, i) => ({ label, align: "right" as const, title: groups.full[i] !== label ? groups.full[i] : undefined }))];
  let found: { mentee: CompareCity; group: string; gap: number } | null = null;
  for (const row of rows) {
    for (const [i, gap] of row.shown.entries()) {
      if (gap !== null && gap < 0 && (found === null || gap < found.gap)) found = { mentee: row.mentee, group: groups.full[i] ?? "", gap };
    }
  }
  return (
    <section aria-labelledby="compare-gap-title" className="space-y-3">
      <div>
        <h2 id="compare-gap-title" className="text-lg font-semibold text-slate-900">{t("compare.gap.title")}</h2>
        <p className="text-sm text-slate-600">{t("compare.gap.description")}</p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 bg-white px-3 py-2 text-sm text-slate-600" data-testid="compare-gap-none">{t("compare.gap.none")}</p>
      ) : (
        <>
          <DataTable testId="compare-gaps-table" caption={t("compare.gap.caption")} columns={columns}>
            {rows.map((row) => (
              <tr key={row.mentee.id} className="border-t border-slate-100" data-testid={`gap-row-${row.mentee.slug}`}>
                <th scope="row" className="px-3 py-2 text-left font-medium">{name(row.mentee)}</th>
                <td className="px-3 py-2">
                  {name(row.mentor)}
                  {[row.mentee, row.mentor].map((city) => {
                    const note = staleNote(comparison, city.id, t);
                    return note ? <span key={city.id} className="block text-xs text-amber-900" data-testid={`gap-stale-${row.mentee.slug}-${city.slug}`}>⚠ {name(city)}: {note}</span> : null;
                  })}
                </td>
                {row.shown.map((gap, i) => (
                  <td key={comparison.matrix.groups[i]?.key ?? i} className="px-3 py-2 text-right align-top" data-testid={`gap-${row.mentee.slug}-${comparison.matrix.groups[i]?.key ?? i}`}>
                    {gap === null ? (
                      <span className="text-slate-400">—</span>
                    ) : (
                      <span className={`block font-semibold tabular-nums ${gap < 0 ? "text-amber-800" : "text-slate-900"}`} data-testid="gap-value">{signed(gap)}</span>
                    )}
                    <span className="block whitespace-nowrap text-xs text-slate-600">{gapWords(t, gap)}</span>
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
          <ChartFrame
            testId="compare-gaps"
            title={t(comparison.view === "lens" ? "compare.gap.chartTitleLens" : "compare.gap.chartTitleComponent")}
            summary={found ? t("compare.gap.summaryWorst", { mentee: name(found.mentee), group: found.group, gap: gapWords(t, found.gap) }) : t("compare.gap.summaryNoneBehind")}
            labels={labels}
            fileName={`compare-gaps-${comparison.view}`}
            table={{
              caption: t("compare.gap.caption"),
              columns: [t("compare.gap.mentee"), t("compare.gap.mentor"), ...groups.short],
              rows: rows.map((row) => [name(row.mentee), name(row.mentor), ...row.shown.map((gap) => (gap === null ? "—" : `${signed(gap)} (${gapWords(t, gap)})`))]),
              csvRows: rows.map((row) => [row.mentee.slug, row.mentor.slug, ...row.gaps]),
            }}
          >
            <GroupedBarChart labels={groups.short} series={rows.map((row) => ({ label: name(row.mentee), values: row.shown, colourIndex: comparison.cities.findIndex((c) => c.id === row.mentee.id) }))} intlLocale={INTL_LOCALE[locale]} signed height={280} />
          </ChartFrame>
        </>
      )}
    </section>
  );
}
