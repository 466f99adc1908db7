import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { ActionForm } from "@/components/ui/ActionForm";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { markReadAction, openNotificationForm } from "./actions";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadNotifications } from "@/server/loaders/mail";
import { NOTICE_KINDS, type NoticeKind } from "@/lib/domain";
import { pickMessages } from "@/lib/i18n/messages";
import { noticeTitle } from "@/lib/mail/templates/notices";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("notifications.title") };
}

const PAGE_SIZE = 30;
const isNoticeKind = (kind: string): kind is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(kind);

/** What the signed-in user was told, newest first: the same items as their mail, for those without it. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("notifications.read");
  const page = pageParams((await searchParams).page, PAGE_SIZE);
  const [i18n, { rows, total }] = await Promise.all([getI18n(), loadNotifications(user.id, page)]);
  const { t, format } = i18n;
  const unread = rows.some((row) => row.readAt === null);

  return (
    <>
      <PageHeader title={t("notifications.title")} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700">{t("notifications.intro")} <a href="/profile#notifications" className="text-brand-700 underline">{t("notifications.choose")}</a></p>
        {unread ? <ActionForm action={markReadAction} fields={{}} label={t("notifications.markAllRead")} pendingLabel={t("common.saving")} errors={pickMessages(t, ["errors.unexpected"])} testId="mark-all-read" /> : null}
      </div>
      {rows.length === 0 ? (
        <EmptyState title={t("notifications.empty")} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="notifications-list">
          {rows.map((row) => (
            <li key={row.id} className={`flex flex-wrap items-center justify-between gap-3 p-3 ${row.readAt ? "" : "bg-brand-50"}`} data-testid="notification" data-unread={row.readAt ? undefined : "true"}>
              <div className="min-w-0">
                <p className={row.readAt ? "" : "font-semibold"}>
                  {row.readAt ? null : <span className="sr-only">{t("notifications.unread")}: </span>}
                  {isNoticeKind(row.kind) ? noticeTitle(i18n, row.kind, row.params) : row.kind}
                </p>
                {row.params.comment ? <p className="mt-1 whitespace-pre-line border-l-4 border-brand-600 pl-2 text-sm text-slate-700">{row.params.comment}</p> : null}
                <p className="text-xs text-slate-600"><time dateTime={row.createdAt.toISOString()}>{format.dateTime(row.createdAt, { zone: true })}</time></p>
              </div>
              <form action={openNotificationForm}>
                <input type="hidden" name="id" value={row.id} />
                <SubmitButton variant="secondary" pendingLabel={t("common.loading")}>{t("notifications.open")}</SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/notifications" params={{}} t={t} />
    </>
  );
}
