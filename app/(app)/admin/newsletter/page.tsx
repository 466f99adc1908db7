import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { Badge } from "@/components/ui/Badge";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { AdminTabs } from "../AdminTabs";
import { DigestPeriodForm } from "./DigestPeriodForm";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadDigests, loadSubscriptionCounts } from "@/server/loaders/newsletter";
import { SUBSCRIPTION_STATUSES } from "@/lib/domain";
import { pickMessages } from "@/lib/i18n/messages";
import { todayIn } from "@/lib/time";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("admin.newsletter") };
}

const DAY_MS = 86_400_000;

/** The public newsletter: who is subscribed, the digests sent (with what became of them), a new one. */
export default async function NewsletterAdminPage() {
  await requirePagePermission("newsletter.manage");
  const [{ t, format }, counts, digests] = await Promise.all([getI18n(), loadSubscriptionCounts(), loadDigests()]);
  const today = todayIn(format.timeZone);
  const monthAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * DAY_MS).toISOString().slice(0, 10);
  const period = (from: string, to: string) => t("newsletter.admin.periodValue", { from: format.date(from), to: format.date(to) });

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <AdminTabs current="newsletter" t={t} />
      <section aria-labelledby="newsletter-subscribers" className="mb-6">
        <h2 id="newsletter-subscribers" className="mb-2 text-lg font-semibold">{t("newsletter.admin.subscribers")}</h2>
        <dl className="grid gap-3 sm:grid-cols-3">
          {SUBSCRIPTION_STATUSES.map((status) => (
            <div key={status} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-sm text-slate-600">{t(`newsletter.admin.status.${status}`)}</dt>
              <dd className="text-2xl font-semibold" data-testid={`subscribers-${status}`}>{format.number(counts[status])}</dd>
            </div>
          ))}
        </dl>
      </section>
      <Card title={t("newsletter.admin.new")} className="mb-6">
        <p className="mb-3 text-sm text-slate-600">{t("newsletter.admin.newHint")}</p>
        <DigestPeriodForm
          defaults={{ from: monthAgo, to: today }}
          messages={pickMessages(t, ["newsletter.admin.from", "newsletter.admin.to", "newsletter.admin.draft", "newsletter.admin.drafting", "validation.checkFields", "validation.date", "validation.newsletter.dateOrder", "validation.newsletter.periodLong", "errors.unexpected", "errors.forbidden"])}
        />
      </Card>
      <h2 className="mb-2 text-lg font-semibold">{t("newsletter.admin.digests")}</h2>
      {digests.length === 0 ? (
        <EmptyState title={t("newsletter.admin.empty")} />
      ) : (
        <DataTable
          testId="digest-table"
          stacked
          columns={[
            { label: t("newsletter.admin.period") },
            { label: t("newsletter.admin.statusLabel") },
            { label: t("newsletter.admin.recipients"), align: "right" },
            { label: t("newsletter.admin.sent"), align: "right" },
            { label: t("newsletter.admin.waiting"), align: "right" },
            { label: t("newsletter.admin.failed"), align: "right" },
            { label: t("newsletter.admin.unsubscribedCount"), align: "right" },
          ]}
        >
          {digests.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="digest-row" data-digest-id={row.id}>
              <td className="px-3 py-2">
                <CellLabel>{t("newsletter.admin.period")}</CellLabel>
                <Link href={`/admin/newsletter/${row.id}`} className="text-brand-700 underline">{period(row.periodFrom, row.periodTo)}</Link>
                <span className="block text-xs text-slate-500">{row.subjects.en}</span>
              </td>
              <td className="px-3 py-2">
                <CellLabel>{t("newsletter.admin.statusLabel")}</CellLabel>
                <Badge tone={row.status === "sent" ? "brand" : "amber"}>{t(`newsletter.admin.digestStatus.${row.status}`)}</Badge>
              </td>
              <td className="px-3 py-2 text-right"><CellLabel>{t("newsletter.admin.recipients")}</CellLabel>{format.number(row.recipients)}</td>
              <td className="px-3 py-2 text-right"><CellLabel>{t("newsletter.admin.sent")}</CellLabel><span data-testid="digest-sent">{format.number(row.counts.outbox.sent)}</span></td>
              <td className="px-3 py-2 text-right"><CellLabel>{t("newsletter.admin.waiting")}</CellLabel>{format.number(row.counts.outbox.queued + row.counts.outbox.sending)}</td>
              <td className="px-3 py-2 text-right"><CellLabel>{t("newsletter.admin.failed")}</CellLabel><span data-testid="digest-failed">{format.number(row.counts.outbox.failed)}</span></td>
              <td className="px-3 py-2 text-right"><CellLabel>{t("newsletter.admin.unsubscribedCount")}</CellLabel><span data-testid="digest-unsubscribed">{format.number(row.counts.unsubscribed)}</span></td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
