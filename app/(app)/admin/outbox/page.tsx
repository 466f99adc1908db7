import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { OutboxStatusBadge } from "@/components/mail/OutboxStatusBadge";
import { AdminTabs } from "../AdminTabs";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadOutboxCounts, loadOutboxPage } from "@/server/loaders/mail";
import { outboxFiltersSchema } from "@/lib/validation/mail";
import { OUTBOX_STATUSES } from "@/lib/domain";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("admin.outbox") };
}

const PAGE_SIZE = 50;

/**
 * Every message the app queued, newest first. Without SMTP_URL nothing leaves: this page is where
 * a demo or a programme without a mail server reads what would have been sent.
 */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("mail.outbox");
  const params = await searchParams;
  const { status } = outboxFiltersSchema.parse(params);
  const page = pageParams(params.page, PAGE_SIZE);
  const [{ t, format }, counts, { rows, total }] = await Promise.all([getI18n(), loadOutboxCounts(), loadOutboxPage(status, page)]);
  const sending = env().smtpUrl !== null;

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <AdminTabs current="outbox" t={t} />
      <p className={`mb-4 rounded-md border p-3 text-sm ${sending ? "border-brand-200 bg-brand-50" : "border-amber-200 bg-amber-50"}`} data-testid="outbox-mode">
        {sending ? t("outbox.sending") : t("outbox.notSending")}
      </p>
      <nav className="mb-4 flex flex-wrap gap-2 text-sm" aria-label={t("outbox.filter")}>
        <Link href="/admin/outbox" aria-current={status === undefined ? "page" : undefined} className={`inline-flex min-h-10 items-center rounded-full border px-3 ${status === undefined ? "border-brand-600 bg-brand-50 font-semibold" : "border-slate-300 bg-white"}`}>
          {t("common.all")} ({format.number(Object.values(counts).reduce((a, b) => a + b, 0))})
        </Link>
        {OUTBOX_STATUSES.map((s) => (
          <Link key={s} href={`/admin/outbox?status=${s}`} aria-current={status === s ? "page" : undefined} className={`inline-flex min-h-10 items-center rounded-full border px-3 ${status === s ? "border-brand-600 bg-brand-50 font-semibold" : "border-slate-300 bg-white"}`} data-testid={`outbox-count-${s}`}>
            {t(`outbox.status.${s}`)} ({format.number(counts[s])})
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title={t("outbox.empty")} />
      ) : (
        <DataTable testId="outbox-table" stacked columns={[{ label: t("outbox.queuedAt", { zone: format.zoneName }) }, { label: t("outbox.to") }, { label: t("outbox.subject") }, { label: t("outbox.statusLabel") }, { label: t("outbox.attempts") }]}>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="outbox-row">
              <td className="whitespace-nowrap px-3 py-2">
                <CellLabel>{t("outbox.queuedAt", { zone: format.zoneName })}</CellLabel>
                <time dateTime={row.createdAt.toISOString()}>{format.dateTime(row.createdAt)}</time>
              </td>
              <td className="break-all px-3 py-2"><CellLabel>{t("outbox.to")}</CellLabel>{row.toAddress}</td>
              <td className="px-3 py-2">
                <CellLabel>{t("outbox.subject")}</CellLabel>
                <Link href={`/admin/outbox/${row.id}`} className="text-brand-700 underline" lang={row.locale}>{row.subject}</Link>
                <span className="block text-xs text-slate-500">{row.kind}</span>
              </td>
              <td className="px-3 py-2">
                <CellLabel>{t("outbox.statusLabel")}</CellLabel>
                <OutboxStatusBadge status={row.status} t={t} />
                {row.lastError ? <span className="mt-1 block max-w-xs break-words text-xs text-red-800">{row.lastError}</span> : null}
              </td>
              <td className="px-3 py-2"><CellLabel>{t("outbox.attempts")}</CellLabel>{format.number(row.attempts)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/admin/outbox" params={{ status }} t={t} />
    </>
  );
}
