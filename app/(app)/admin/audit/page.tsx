import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { AdminTabs } from "../AdminTabs";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadAuditFacets, loadAuditPage } from "@/server/loaders/audit";
import { auditFiltersSchema } from "@/lib/validation/audit";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("admin.audit") };
}

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("audit.read");
  const params = await searchParams;
  const filters = auditFiltersSchema.parse(params);
  const page = pageParams(params.page, PAGE_SIZE);
  const [{ t, format }, { rows, total }, facets] = await Promise.all([getI18n(), loadAuditPage(filters, page), loadAuditFacets()]);
  const field = "mt-1 rounded-md border border-slate-300 px-2 py-1.5";

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <AdminTabs current="audit" t={t} />
      <form className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search" data-testid="audit-filters">
        <label className="text-sm">
          <span className="block font-medium">{t("audit.record")}</span>
          <select name="entity" defaultValue={filters.entity ?? ""} className={field}>
            <option value="">{t("common.all")}</option>
            {facets.entities.map((entity) => <option key={entity} value={entity}>{entity}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.action")}</span>
          <select name="action" defaultValue={filters.action ?? ""} className={field}>
            <option value="">{t("common.all")}</option>
            {facets.actions.map((action) => <option key={action} value={action}>{action}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.who")}</span>
          <input name="actor" type="search" defaultValue={filters.actor ?? ""} maxLength={100} className={field} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.from")}</span>
          <input name="from" type="date" defaultValue={filters.from ?? ""} className={field} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.to")}</span>
          <input name="to" type="date" defaultValue={filters.to ?? ""} className={field} />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white">{t("common.filter")}</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <DataTable
          testId="audit-table"
          columns={[{ label: t("audit.when") }, { label: t("audit.who") }, { label: t("audit.action") }, { label: t("audit.record") }, { label: t("audit.change") }]}
        >
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap px-3 py-2">{format.dateTime(row.createdAt)}</td>
                  <td className="px-3 py-2">{row.actorName ?? t("audit.system")}</td>
                  <td className="px-3 py-2 font-mono text-xs">{row.action}</td>
                  <td className="px-3 py-2 font-mono text-xs">{row.entity} #{row.entityId}</td>
                  <td className="px-3 py-2">
                    <details>
                      <summary className="cursor-pointer text-brand-700">{t("audit.details")}</summary>
                      <pre className="mt-1 max-w-md overflow-x-auto whitespace-pre-wrap text-xs">{JSON.stringify({ before: row.before, after: row.after }, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
        </DataTable>
      )}
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/admin/audit" params={filters} t={t} />
    </>
  );
}
