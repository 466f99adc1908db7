import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { FilterSelect } from "@/components/ui/FilterField";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { ProblemStatusBadge, SeverityBadge } from "@/components/problems/ProblemBadges";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadCity } from "@/server/loaders/cities";
import { loadFramework } from "@/server/loaders/framework";
import { loadProblemFormOptions, loadProblemList } from "@/server/loaders/problems";
import { PROBLEM_SEVERITIES, PROBLEM_STATUSES } from "@/lib/domain";
import { localizedName } from "@/lib/i18n/config";
import { canSeeResidentDetails, canWriteProblems } from "@/lib/policies/problems";
import { problemPath, problemsPath } from "@/lib/problems/paths";
import { problemFiltersSchema } from "@/lib/validation/problems";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 25;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug }, { t, locale }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  return { title: city ? t("problems.title", { city: localizedName(city, locale) }) : undefined };
}

/** A city's log of local problems, newest change first, with filters; residents' reports wait on top for the city's own people. */
export default async function ProblemsPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission("problems.read");
  const [{ slug }, query, { t, locale, format }] = await Promise.all([params, searchParams, getI18n()]);
  const city = await loadCity(slug);
  if (!city) notFound();
  const raw = { status: first(query.status), component: first(query.component), severity: first(query.severity), committee: first(query.committee) };
  const filters = problemFiltersSchema.parse(raw);
  const page = pageParams(query.page, PAGE_SIZE);
  const [{ rows, total, waiting }, framework, options] = await Promise.all([loadProblemList(city.id, actor, filters, page), loadFramework(), loadProblemFormOptions(city.id)]);
  const name = localizedName(city, locale);
  const statuses = canSeeResidentDetails(actor, city.id) ? PROBLEM_STATUSES : PROBLEM_STATUSES.filter((s) => s !== "reported");
  const filtered = Object.values(raw).some(Boolean);
  return (
    <>
      <PageHeader
        title={t("problems.title", { city: name })}
        description={t("problems.description")}
        actions={
          <>
            <Link href={`/cities/${city.slug}/committees`} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm">{t("problems.committeesLink")}</Link>
            {canWriteProblems(actor, city.id) && <Link href={`${problemsPath(city.slug)}/new`} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700" data-testid="log-problem">{t("problems.log")}</Link>}
          </>
        }
      />
      {waiting > 0 && (
        <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" role="status" data-testid="problems-waiting">
          {t("problems.waiting", { count: waiting })} <Link href={`${problemsPath(city.slug)}?status=reported`} className="font-medium underline">{t("problems.waitingLink")}</Link>
        </p>
      )}
      <form method="get" className="mb-4 grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end" data-testid="problem-filters">
        <FilterSelect label={t("problems.field.status")} name="status" defaultValue={raw.status ?? ""} allLabel={t("problems.filter.all")} options={[{ value: "active", label: t("problems.filter.active") }, ...statuses.map((s) => ({ value: s, label: t(`problems.status.${s}`) }))]} />
        <FilterSelect label={t("problems.field.component")} name="component" defaultValue={raw.component ?? ""} allLabel={t("problems.filter.all")} options={framework.components.map((c) => ({ value: String(c.id), label: localizedName(c, locale) }))} />
        <FilterSelect label={t("problems.field.severity")} name="severity" defaultValue={raw.severity ?? ""} allLabel={t("problems.filter.all")} options={PROBLEM_SEVERITIES.map((s) => ({ value: s, label: t(`problems.severity.${s}`) }))} />
        {options.committees.length > 0 && <FilterSelect label={t("problems.field.committee")} name="committee" defaultValue={raw.committee ?? ""} allLabel={t("problems.filter.all")} options={options.committees.map((c) => ({ value: String(c.id), label: c.name }))} />}
        <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium">{t("problems.filter.apply")}</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? t("problems.emptyFiltered") : t("problems.empty")} body={canWriteProblems(actor, city.id) ? t("problems.emptyHintWriter") : t("problems.emptyHint")} />
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">{t("problems.count", { count: total })}</p>
          <DataTable testId="problems-table" caption={t("problems.title", { city: name })} stacked columns={[{ label: t("problems.field.title") }, { label: t("problems.field.status") }, { label: t("problems.field.severity") }, { label: t("problems.field.component") }, { label: t("problems.field.place") }, { label: t("problems.field.committee") }, { label: t("problems.col.updated") }]}>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="problem-row">
                <td className="px-3 py-2"><Link href={problemPath(city.slug, row.id)} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline sm:min-h-0">{row.title}</Link></td>
                <td className="px-3 py-2"><CellLabel>{t("problems.field.status")}</CellLabel><ProblemStatusBadge status={row.status} t={t} /></td>
                <td className="px-3 py-2"><CellLabel>{t("problems.field.severity")}</CellLabel><SeverityBadge severity={row.severity} t={t} /></td>
                <td className="px-3 py-2"><CellLabel>{t("problems.field.component")}</CellLabel>{row.componentCode ? localizedName({ nameEn: row.componentNameEn ?? "", nameBn: row.componentNameBn ?? "", nameNe: row.componentNameNe ?? "" }, locale) : "—"}</td>
                <td className="px-3 py-2"><CellLabel>{t("problems.field.place")}</CellLabel>{row.place || "—"}</td>
                <td className="px-3 py-2"><CellLabel>{t("problems.field.committee")}</CellLabel>{row.committeeName ?? "—"}</td>
                <td className="whitespace-nowrap px-3 py-2"><CellLabel>{t("problems.col.updated")}</CellLabel>{format.date(row.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath={problemsPath(city.slug)} params={raw} t={t} />
        </>
      )}
    </>
  );
}
