import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { ReportStatusBadge } from "@/components/reports/ReportStatusBadge";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadReportList } from "@/server/loaders/reports";
import { can } from "@/lib/permissions";
import { localizedName, LOCALE_NAMES, isLocale } from "@/lib/i18n/config";
import { reportPath } from "@/lib/reports/paths";
import type { MessageKey } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("reports.title") };
}

const PAGE_SIZE = 20;

/** Every report the reader may see (drafts only for their writers), newest change first. */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("reports.read");
  const page = pageParams((await searchParams).page, PAGE_SIZE);
  const [{ t, format, locale }, { rows, total }] = await Promise.all([getI18n(), loadReportList({ role: actor.role, cityId: actor.cityId }, {}, page)]);
  const writes = can(actor.role, "reports.write");
  return (
    <>
      <PageHeader
        title={t("reports.title")}
        description={t("reports.description")}
        actions={
          <>
            {can(actor.role, "reports.needs") && <Link href="/reports/needs" className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm">{t("reports.needsPage")}</Link>}
            {writes && <Link href="/reports/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="new-report">{t("reports.new")}</Link>}
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title={t("reports.empty")} body={writes ? t("reports.emptyHintWriter") : t("reports.emptyHint")} />
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">{t("reports.count", { count: total })}</p>
          <DataTable
            testId="reports-table"
            caption={t("reports.title")}
            stacked
            columns={[{ label: t("reports.col.title") }, { label: t("reports.col.kind") }, { label: t("reports.col.city") }, { label: t("reports.col.language") }, { label: t("reports.col.status") }, { label: t("reports.col.updated") }]}
          >
            {rows.map((r) => (
              <tr key={r.versionId} className="border-t border-slate-100 align-top" data-testid="report-row">
                <td className="px-3 py-2">
                  <Link href={reportPath(r.versionId)} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline sm:min-h-0">{r.title}</Link>
                  <span className="ml-1 text-xs text-slate-500">{t("reports.versionN", { number: r.number })}</span>
                </td>
                <td className="px-3 py-2"><CellLabel>{t("reports.col.kind")}</CellLabel>{t(`reports.kind.${r.kind}` as MessageKey)}</td>
                <td className="px-3 py-2"><CellLabel>{t("reports.col.city")}</CellLabel>{r.city?.slug ? localizedName({ nameEn: r.city.nameEn ?? "", nameBn: r.city.nameBn ?? "", nameNe: r.city.nameNe ?? "" }, locale) : t("reports.programme")}</td>
                <td className="px-3 py-2"><CellLabel>{t("reports.col.language")}</CellLabel>{isLocale(r.language) ? LOCALE_NAMES[r.language] : r.language}</td>
                <td className="px-3 py-2"><CellLabel>{t("reports.col.status")}</CellLabel><ReportStatusBadge status={r.status} t={t} /></td>
                <td className="whitespace-nowrap px-3 py-2"><CellLabel>{t("reports.col.updated")}</CellLabel>{format.date(r.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/reports" params={{}} t={t} />
        </>
      )}
    </>
  );
}
