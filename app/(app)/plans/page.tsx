import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { FilterSelect } from "@/components/ui/FilterField";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { PlanStatusBadge } from "@/components/plans/PlanStatusBadge";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadProgrammePlans } from "@/server/loaders/plans";
import { COUNTRIES } from "@/lib/domain";
import { localizedName } from "@/lib/i18n/config";
import { currentFiscalYear, fiscalYearLabel, isFiscalYearLabel, parseFiscalYear } from "@/lib/plans/fiscal";
import { planPath } from "@/lib/plans/paths";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 50;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("plans.programme.title") };
}

/** Every city's plan: how far its actions are, what is overdue, which goals are on track. */
export default async function ProgrammePlansPage({ searchParams }: Props) {
  await requirePagePermission("plans.read");
  const [query, { t, locale, format }] = await Promise.all([searchParams, getI18n()]);
  const rawYear = first(query.year);
  const rawCountry = first(query.country);
  const fiscalYear = rawYear && isFiscalYearLabel(rawYear) ? rawYear : undefined;
  const country = COUNTRIES.find((c) => c === rawCountry);
  const page = pageParams(query.page, PAGE_SIZE);
  const { rows, total } = await loadProgrammePlans({ fiscalYear, country }, page);
  const current = parseFiscalYear(currentFiscalYear("BD"))?.startYear ?? new Date().getUTCFullYear();
  const years = [current - 2, current - 1, current, current + 1].map(fiscalYearLabel);
  const share = (part: number, whole: number) => (whole === 0 ? "—" : format.number(part / whole, { style: "percent", maximumFractionDigits: 0 }));
  return (
    <>
      <PageHeader title={t("plans.programme.title")} description={t("plans.programme.description")} />
      <form method="get" className="mb-4 grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end" data-testid="programme-plan-filters">
        <FilterSelect label={t("plans.fiscalYear")} name="year" defaultValue={fiscalYear ?? ""} allLabel={t("plans.programme.newest")} options={years.map((y) => ({ value: y, label: y }))} />
        <FilterSelect label={t("plans.programme.country")} name="country" defaultValue={country ?? ""} allLabel={t("plans.all")} options={COUNTRIES.map((c) => ({ value: c, label: t(`countries.${c}`) }))} />
        <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium">{t("problems.filter.apply")}</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={t("plans.programme.empty")} body={t("plans.programme.emptyHint")} />
      ) : (
        <>
          <DataTable testId="programme-plans" stacked caption={t("plans.programme.title")} columns={[{ label: t("plans.programme.city") }, { label: t("plans.fiscalYear") }, { label: t("plans.action.status") }, { label: t("plans.programme.done"), align: "right" }, { label: t("plans.programme.overdue"), align: "right" }, { label: t("plans.programme.onTrack"), align: "right" }]}>
            {rows.map((r) => (
              <tr key={r.planId} className="border-t border-slate-100 align-top" data-testid="programme-plan-row" data-city={r.city.slug}>
                <td className="px-3 py-2"><Link href={planPath(r.city.slug, r.planId)} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline sm:min-h-0">{localizedName(r.city, locale)}</Link><span className="block text-xs text-slate-500">{r.title}</span></td>
                <td className="px-3 py-2"><CellLabel>{t("plans.fiscalYear")}</CellLabel>{r.fiscalYear}</td>
                <td className="px-3 py-2"><CellLabel>{t("plans.action.status")}</CellLabel><PlanStatusBadge status={r.status} t={t} /></td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="plan-done"><CellLabel>{t("plans.programme.done")}</CellLabel>{t("plans.programme.doneValue", { share: share(r.done, r.actions), count: r.actions })}</td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="plan-overdue"><CellLabel>{t("plans.programme.overdue")}</CellLabel>{format.number(r.overdue)}</td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="plan-on-track"><CellLabel>{t("plans.programme.onTrack")}</CellLabel>{t("plans.programme.onTrackValue", { onTrack: r.goalsOnTrack, goals: r.goals })}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/plans" params={{ year: fiscalYear, country }} t={t} />
        </>
      )}
    </>
  );
}
