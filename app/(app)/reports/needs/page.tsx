import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadUnreflectedNeeds } from "@/server/loaders/reports";
import { localizedName } from "@/lib/i18n/config";
import { localize } from "@/lib/questionnaires/view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("reports.needsTitle") };
}

const PAGE_SIZE = 50;

/**
 * For the experts who check that the cities' needs reach the recommendations: every need given in
 * a submitted round response that no final report reflects yet.
 */
export default async function UnreflectedNeedsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("reports.needs");
  const page = pageParams((await searchParams).page, PAGE_SIZE);
  const [{ t, locale }, { rows, total }] = await Promise.all([getI18n(), loadUnreflectedNeeds(page)]);
  return (
    <>
      <PageHeader title={t("reports.needsTitle")} description={t("reports.needsDescription")} actions={<Link href="/reports" className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm">{t("reports.title")}</Link>} />
      {rows.length === 0 ? (
        <EmptyState title={t("reports.needsEmpty")} body={t("reports.needsEmptyHint")} />
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">{t("reports.needsCount", { count: total })}</p>
          <DataTable testId="unreflected-needs" caption={t("reports.needsTitle")} stacked columns={[{ label: t("reports.col.need") }, { label: t("reports.col.city") }, { label: t("reports.col.round") }]}>
            {rows.map((n) => (
              <tr key={n.answerId} className="border-t border-slate-100 align-top" data-testid="need-row">
                <td className="px-3 py-2">{n.text}</td>
                <td className="px-3 py-2"><CellLabel>{t("reports.col.city")}</CellLabel>{localizedName(n.city, locale)}</td>
                <td className="px-3 py-2"><CellLabel>{t("reports.col.round")}</CellLabel>{localize(n.round.title, locale)} ({n.round.period})</td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/reports/needs" params={{}} t={t} />
        </>
      )}
    </>
  );
}
