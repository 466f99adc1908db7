import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { AdminTabs } from "../AdminTabs";
import { requirePagePermission } from "@/lib/authz";
import { getI18n } from "@/lib/i18n/server";
import { getDb } from "@/db/client";
import { listAudit } from "@/db/queries/audit";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("admin.audit") };
}

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string; entity?: string }> }) {
  await requirePagePermission("audit.read");
  const params = await searchParams;
  const entity = params.entity && /^[a-z_]{1,40}$/.test(params.entity) ? params.entity : undefined;
  const page = pageParams(params.page, PAGE_SIZE);
  const [{ t, format }, db] = await Promise.all([getI18n(), getDb()]);
  const { rows, total } = await listAudit(db, { entity, ...page });

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <AdminTabs current="audit" t={t} />
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
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/admin/audit" params={{ entity }} t={t} />
    </>
  );
}
