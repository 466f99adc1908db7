import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { Badge } from "@/components/ui/Badge";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { formatIndicatorValue } from "@/lib/format-value";
import { parsePeriod } from "@/lib/periods";
import { analyseOutliers, MAD_SCALE, MIN_VALUES, OUTLIER_K } from "@/lib/outliers";
import { PER_CAPITA_BASE } from "@/lib/plausibility";
import { loadFramework } from "@/server/loaders/framework";
import { loadReviewedPeriods, loadValuesAcrossCities } from "@/server/loaders/values";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("outliers.title") };
}

type Props = { searchParams: Promise<{ indicator?: string; period?: string }> };

/**
 * One indicator and quarter across every city, with the values far from the others marked by
 * median ± 3 × scaled MAD (lib/outliers.ts). A plain GET form: keyboard and no-JavaScript friendly.
 */
export default async function OutliersPage({ searchParams }: Props) {
  await requirePagePermission("values.review");
  const [{ locale, t, format }, query, { components }, periods] = await Promise.all([getI18n(), searchParams, loadFramework(), loadReviewedPeriods()]);
  const indicators = components.flatMap((c) => c.indicators);
  const indicator = indicators.find((i) => i.code === query.indicator?.toUpperCase()) ?? indicators[0];
  const period = query.period && parsePeriod(query.period) && periods.includes(query.period) ? query.period : periods[0];
  const values = indicator && period ? await loadValuesAcrossCities(indicator.id, period) : [];

  // Counts that scale with the city are compared per 100,000 residents, else Dhaka always "wins".
  const perCapita = indicator?.unit === "count" && indicator.expectedPerCapita;
  const compared = values.flatMap((v) => {
    if (!perCapita) return [{ ...v, compared: v.value }];
    return v.population ? [{ ...v, compared: (v.value / v.population) * PER_CAPITA_BASE }] : [];
  });
  const leftOut = values.length - compared.length;
  const analysis = analyseOutliers(compared.map((v) => v.compared));
  const show = (x: number) => (perCapita ? t("outliers.perCapitaValue", { value: format.number(x, { maximumFractionDigits: 2 }) }) : indicator ? formatIndicatorValue(indicator.unit, x, t, format) : format.number(x));
  const marked = analysis.status === "ok" ? analysis.marks.filter((m) => m.verdict !== null).length : 0;
  const rows = compared
    .map((v, index) => ({ ...v, mark: analysis.status === "ok" ? analysis.marks[index] : undefined }))
    .sort((a, b) => b.compared - a.compared);

  return (
    <>
      <PageHeader
        title={t("outliers.title")}
        description={t("outliers.description")}
        actions={
          <Link href="/review" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t("review.backToQueue")}
          </Link>
        }
      />
      <form method="get" action="/review/outliers" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="outliers-form">
        <label className="block min-w-0 max-w-full text-sm" htmlFor="outliers-indicator">
          <span className="font-medium">{t("outliers.indicator")}</span>
          <select id="outliers-indicator" name="indicator" defaultValue={indicator?.code} className="mt-1 block min-h-11 w-full max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 sm:w-96">
            {components.map((component) => (
              <optgroup key={component.code} label={localizedName(component, locale)}>
                {component.indicators.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.code} · {localizedName(i, locale)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="block text-sm" htmlFor="outliers-period">
          <span className="font-medium">{t("outliers.period")}</span>
          <select id="outliers-period" name="period" defaultValue={period} className="mt-1 block min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2">
            {periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="outliers-show">
          {t("outliers.show")}
        </button>
      </form>

      <section aria-labelledby="outliers-rule" className="mb-4 max-w-3xl text-sm text-slate-700">
        <h2 id="outliers-rule" className="font-semibold text-slate-900">{t("outliers.ruleTitle")}</h2>
        <p className="mt-1" data-testid="outliers-rule">{t("outliers.rule", { k: OUTLIER_K, scale: MAD_SCALE, min: MIN_VALUES })}</p>
        {perCapita ? <p className="mt-1">{t("outliers.perCapitaNote", { count: leftOut })}</p> : null}
      </section>

      {!indicator || !period || values.length === 0 ? (
        <EmptyState title={t("outliers.noneTitle")} body={t("outliers.none")} />
      ) : (
        <>
          <p className="mb-3 rounded-md bg-slate-50 p-3 text-sm" data-testid="outliers-summary" role="status">
            {analysis.status === "tooFew"
              ? t("outliers.tooFew", { count: analysis.count, min: MIN_VALUES })
              : analysis.status === "noSpread"
                ? t("outliers.noSpread", { median: show(analysis.median) })
                : `${t("outliers.summary", { median: show(analysis.median), mad: format.number(analysis.scaledMad, { maximumFractionDigits: 3 }), low: show(analysis.low), high: show(analysis.high) })} ${t("outliers.marked", { count: marked })}`}
          </p>
          <DataTable
            stacked
            testId="outliers-table"
            caption={t("outliers.caption", { indicator: `${indicator.code} ${localizedName(indicator, locale)}`, period })}
            columns={[{ label: t("review.city") }, { label: t("outliers.value"), align: "right" }, { label: t("outliers.status") }, { label: t("outliers.verdict") }]}
          >
            {rows.map((row) => (
              <tr key={row.slug} className={`border-t border-slate-100 ${row.mark?.verdict ? "bg-amber-50" : ""}`} data-testid={`outlier-${row.slug}`} data-verdict={row.mark?.verdict ?? "none"}>
                <th scope="row" className="px-3 py-2 text-left font-medium max-sm:block max-sm:basis-full">
                  {row.status === "submitted" ? (
                    <Link href={`/review/${row.slug}/${period}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                      {localizedName(row, locale)}
                    </Link>
                  ) : (
                    localizedName(row, locale)
                  )}
                </th>
                <td className="px-3 py-2 text-right tabular-nums max-sm:text-left">{show(row.compared)}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={row.status} t={t} />
                </td>
                <td className="px-3 py-2">
                  {row.mark?.verdict ? <Badge tone="amber">{t(row.mark.verdict === "high" ? "outliers.high" : "outliers.low")}</Badge> : <span className="text-slate-500">—</span>}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </>
  );
}
