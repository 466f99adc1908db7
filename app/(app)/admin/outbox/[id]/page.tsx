import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { ActionForm } from "@/components/ui/ActionForm";
import { OutboxStatusBadge } from "@/components/mail/OutboxStatusBadge";
import { AdminTabs } from "../../AdminTabs";
import { retryMessage } from "../actions";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadOutboxMessage } from "@/server/loaders/mail";
import { outboxIdSchema } from "@/lib/validation/mail";
import { pickMessages } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("outbox.message") };
}

/**
 * One message as it was (or will be) sent: headers, the plain-text part, and the HTML part in a
 * sandboxed frame (no scripts, no same-origin access, so nothing in a message can act as the admin).
 */
export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission("mail.outbox");
  const parsed = outboxIdSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const [{ t, format }, message] = await Promise.all([getI18n(), loadOutboxMessage(parsed.data.id)]);
  if (!message) notFound();
  const facts: [string, string][] = [
    [t("outbox.to"), message.toName ? `${message.toName} <${message.toAddress}>` : message.toAddress],
    [t("outbox.subject"), message.subject],
    [t("outbox.kind"), message.kind],
    [t("outbox.language"), message.locale],
    [t("outbox.queuedAt", { zone: format.zoneName }), format.dateTime(message.createdAt)],
    [t("outbox.attempts"), format.number(message.attempts)],
    ...(message.status === "queued" && message.attempts > 0 ? [[t("outbox.nextAttempt"), format.dateTime(message.nextAttemptAt)] as [string, string]] : []),
    ...(message.sentAt ? [[t("outbox.sentAt"), format.dateTime(message.sentAt)] as [string, string]] : []),
    ...Object.entries(message.headers),
    ...message.attachments.map((file): [string, string] => [t("outbox.attachment"), `${file.filename} (${file.contentType})`]),
  ];

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <AdminTabs current="outbox" t={t} />
      <p className="mb-3 text-sm"><Link href="/admin/outbox" className="text-brand-700 underline">{t("outbox.back")}</Link></p>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold" lang={message.locale}>{message.subject}</h2>
        <OutboxStatusBadge status={message.status} t={t} />
      </div>
      {message.lastError ? <p className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="outbox-error">{message.lastError}</p> : null}
      {message.status === "failed" ? (
        <div className="mb-4">
          <ActionForm action={retryMessage} fields={{ id: String(message.id) }} label={t("outbox.retry")} pendingLabel={t("outbox.retrying")} errors={pickMessages(t, ["outbox.notFailed", "errors.unexpected", "errors.forbidden"])} testId="outbox-retry" />
        </div>
      ) : null}
      <dl className="mb-6 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" data-testid="outbox-facts">
        {facts.map(([label, value], i) => (
          <div key={i} className="contents">
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <section className="mb-6" aria-labelledby="outbox-html">
        <h3 id="outbox-html" className="mb-2 font-semibold">{t("outbox.htmlPart")}</h3>
        <iframe title={t("outbox.htmlPart")} srcDoc={message.htmlBody} sandbox="" className="h-[32rem] w-full rounded-md border border-slate-300 bg-white" data-testid="outbox-html" />
      </section>
      <section aria-labelledby="outbox-text">
        <h3 id="outbox-text" className="mb-2 font-semibold">{t("outbox.textPart")}</h3>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded-md border border-slate-300 bg-white p-3 text-sm" lang={message.locale} data-testid="outbox-text">{message.textBody}</pre>
      </section>
    </>
  );
}
