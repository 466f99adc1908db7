import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { ActionForm } from "@/components/ui/ActionForm";
import { FormStatus } from "@/components/ui/FieldError";
import { AdminTabs } from "../../AdminTabs";
import { DigestEditor } from "../DigestEditor";
import { sendDigestAction } from "../actions";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadDigest, loadSubscriptionCounts } from "@/server/loaders/newsletter";
import { digestPreview } from "@/server/newsletter/digest";
import { digestIdSchema } from "@/lib/validation/newsletter";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/config";
import { pickMessages } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("admin.newsletter") };
}

/**
 * One digest: while a draft, its text per language (editable) and the pace; below, each language
 * rendered through the mail template in a sandboxed frame (no scripts, no same-origin access), as
 * a subscriber will get it. Once sent: what became of its messages.
 */
export default async function DigestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("newsletter.manage");
  const parsed = digestIdSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const [{ t, format }, loaded, counts, query] = await Promise.all([getI18n(), loadDigest(parsed.data.id), loadSubscriptionCounts(), searchParams]);
  if (!loaded) notFound();
  const { digest, counts: sent } = loaded;
  const draft = digest.status === "draft";
  const title = t("newsletter.admin.digestTitle", { from: format.date(digest.periodFrom), to: format.date(digest.periodTo) });
  const notice = query.saved === "1" ? t("newsletter.admin.saved") : query.sent === "1" ? t("newsletter.admin.sentOk") : null;

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <AdminTabs current="newsletter" t={t} />
      <p className="mb-3 text-sm"><Link href="/admin/newsletter" className="text-brand-700 underline">{t("newsletter.admin.back")}</Link></p>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">{title}</h2>
        <Badge tone={draft ? "amber" : "brand"}>{t(`newsletter.admin.digestStatus.${digest.status}`)}</Badge>
      </div>
      {notice ? (
        <div className="mb-4">
          <FormStatus ok message={notice} testId="digest-notice" />
        </div>
      ) : null}
      {draft ? (
        <>
          <Card className="mb-6">
            <DigestEditor
              id={digest.id}
              subjects={digest.subjects}
              bodies={digest.bodies}
              ratePerMinute={digest.ratePerMinute}
              languageNames={LOCALE_NAMES}
              messages={pickMessages(t, ["newsletter.admin.subject", "newsletter.admin.body", "newsletter.admin.bodyHint", "newsletter.admin.rate", "newsletter.admin.rateHint", "newsletter.admin.save", "common.saving", "validation.checkFields", "validation.invalid", "validation.newsletter.subject", "validation.newsletter.subjectOneLine", "validation.newsletter.body", "validation.newsletter.rate", "newsletter.admin.alreadySent", "errors.not_found", "errors.unexpected", "errors.forbidden"])}
            />
          </Card>
          <Card title={t("newsletter.admin.send", { count: counts.confirmed })} className="mb-6">
            <p className="mb-3 text-sm text-slate-600">{t("newsletter.admin.sendSaveFirst")}</p>
            <ActionForm
              action={sendDigestAction}
              fields={{ id: String(digest.id) }}
              label={t("newsletter.admin.send", { count: counts.confirmed })}
              pendingLabel={t("newsletter.admin.sending")}
              confirmMessage={t("newsletter.admin.sendConfirm")}
              variant="primary"
              errors={pickMessages(t, ["newsletter.admin.alreadySent", "newsletter.admin.noSubscribers", "mail.headerInjection", "errors.not_found", "errors.unexpected", "errors.forbidden"])}
              testId="digest-send"
            />
          </Card>
        </>
      ) : (
        <dl className="mb-6 grid gap-3 sm:grid-cols-4" data-testid="digest-counts">
          <p className="sm:col-span-4 text-sm">{t("newsletter.admin.sentAt", { when: digest.sentAt ? format.dateTime(digest.sentAt) : "", count: digest.recipients })}</p>
          {(
            [
              ["newsletter.admin.sent", sent.outbox.sent, "sent"],
              ["newsletter.admin.waiting", sent.outbox.queued + sent.outbox.sending, "waiting"],
              ["newsletter.admin.failed", sent.outbox.failed, "failed"],
              ["newsletter.admin.unsubscribedCount", sent.unsubscribed, "unsubscribed"],
            ] as const
          ).map(([label, value, key]) => (
            <div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-sm text-slate-600">{t(label)}</dt>
              <dd className="text-2xl font-semibold" data-testid={`digest-count-${key}`}>{format.number(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {LOCALES.map((locale) => {
        const preview = digestPreview(digest, locale);
        return (
          <section key={locale} className="mb-6" aria-labelledby={`preview-${locale}`}>
            <h3 id={`preview-${locale}`} className="mb-1 font-semibold">{t("newsletter.admin.preview", { language: LOCALE_NAMES[locale] })}</h3>
            <p className="mb-2 text-sm" lang={locale}>{preview.subject}</p>
            <iframe title={t("newsletter.admin.preview", { language: LOCALE_NAMES[locale] })} srcDoc={preview.html} sandbox="" className="h-[28rem] w-full rounded-md border border-slate-300 bg-white" data-testid={`digest-preview-${locale}`} />
          </section>
        );
      })}
    </>
  );
}
