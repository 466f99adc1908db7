import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { AdminTabs } from "../AdminTabs";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadAuditFacets, loadAuditPage } from "@/server/loaders/audit";
import { auditFiltersSchema } from "@/lib/validation/audit";
import { localizedName } from "@/lib/i18n/config";
import { auditActionName, auditEntityName, auditRecordLabel } from "@/lib/i18n/trail";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("admin.audit") };
}

const PAGE_SIZE = 50;

/** The audit log: every change, named in words, filtered by record, city, indicator, person, action and days on the reader's clock. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("audit.read");
  const params = await searchParams;
  const filters = auditFiltersSchema.parse(params);
  const page = pageParams(params.page, PAGE_SIZE);
  const [{ locale, t, format }, facets] = await Promise.all([getI18n(), loadAuditFacets()]);
  const city = filters.city ? facets.cities.find((c) => c.slug === filters.city) : undefined;
  const indicator = filters.indicator ? facets.indicators.find((i) => i.code === filters.indicator) : undefined;
  // An unknown city or indicator in the address matches nothing rather than everything.
  const unknownFilter = (filters.city !== undefined && !city) || (filters.indicator !== undefined && !indicator);
  const { rows, total } = unknownFilter
    ? { rows: [], total: 0 }
    : await loadAuditPage({ entity: filters.entity, action: filters.action, actor: filters.actor, cityId: city?.id, indicatorId: indicator?.id, from: filters.from, to: filters.to, timeZone: format.timeZone }, page);
  const field = "mt-1 min-h-10 rounded-md border border-slate-300 px-2 py-1.5";
  const actionChoices = facets.actions.map((action) => ({ action, label: auditActionName(t, action) })).sort((a, b) => a.label.localeCompare(b.label, locale));

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <AdminTabs current="audit" t={t} />
      <form className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search" data-testid="audit-filters">
        <label className="text-sm">
          <span className="block font-medium">{t("audit.record")}</span>
          <select name="entity" defaultValue={filters.entity ?? ""} className={field}>
            <option value="">{t("common.all")}</option>
            {facets.entities.map((entity) => <option key={entity} value={entity}>{auditEntityName(t, entity)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.city")}</span>
          <select name="city" defaultValue={filters.city ?? ""} className={field}>
            <option value="">{t("common.all")}</option>
            {facets.cities.map((c) => <option key={c.id} value={c.slug}>{localizedName(c, locale)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.indicator")}</span>
          <select name="indicator" defaultValue={filters.indicator ?? ""} className={`${field} max-w-64`}>
            <option value="">{t("common.all")}</option>
            {facets.indicators.map((i) => <option key={i.id} value={i.code}>{i.code} {localizedName(i, locale)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.action")}</span>
          <select name="action" defaultValue={filters.action ?? ""} className={field}>
            <option value="">{t("common.all")}</option>
            {actionChoices.map(({ action, label }) => <option key={action} value={action}>{label}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.who")}</span>
          <input name="actor" type="search" defaultValue={filters.actor ?? ""} maxLength={100} placeholder={t("audit.whoHint")} className={field} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.from")}</span>
          <input name="from" type="date" defaultValue={filters.from ?? ""} className={field} aria-describedby="audit-dates-zone" />
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("audit.to")}</span>
          <input name="to" type="date" defaultValue={filters.to ?? ""} className={field} aria-describedby="audit-dates-zone" />
        </label>
        <button type="submit" className="min-h-10 rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white">{t("common.filter")}</button>
        <p id="audit-dates-zone" className="w-full text-xs text-slate-600">{t("audit.datesIn", { zone: format.zoneName })}</p>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" data-testid="audit-total">{t("audit.total", { count: total })}</p>
          <DataTable
            testId="audit-table"
            stacked
            columns={[{ label: t("audit.whenIn", { zone: format.zoneName }) }, { label: t("audit.who") }, { label: t("audit.action") }, { label: t("audit.record") }, { label: t("audit.change") }]}
          >
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="audit-row">
                <td className="whitespace-nowrap px-3 py-2">
                  <CellLabel>{t("audit.whenIn", { zone: format.zoneName })}</CellLabel>
                  <time dateTime={row.createdAt.toISOString()}>{format.dateTime(row.createdAt)}</time>
                </td>
                <td className="px-3 py-2"><CellLabel>{t("audit.who")}</CellLabel>{row.actorName ?? t("audit.system")}</td>
                <td className="px-3 py-2" data-testid="audit-action"><CellLabel>{t("audit.action")}</CellLabel>{auditActionName(t, row.action)}</td>
                <td className="px-3 py-2" data-testid="audit-record">
                  <CellLabel>{t("audit.record")}</CellLabel>
                  <span className="block text-xs text-slate-500">{auditEntityName(t, row.entity)}</span>
                  {auditRecordLabel(t, locale, row)}
                </td>
                <td className="px-3 py-2">
                  <details>
                    <summary className="cursor-pointer text-brand-700">{t("audit.details")}</summary>
                    <pre className="mt-1 max-w-md overflow-x-auto whitespace-pre-wrap text-xs">{JSON.stringify({ before: row.before, after: row.after }, null, 2)}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/admin/audit" params={{ entity: filters.entity, city: filters.city, indicator: filters.indicator, action: filters.action, actor: filters.actor, from: filters.from, to: filters.to }} t={t} />
    </>
  );
}
