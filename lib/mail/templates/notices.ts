import type { LocalizedText, NoticeKind, NoticeParams } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import type { Formatters } from "@/lib/i18n/messages";
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import type { MailContent } from "../layout";
import { accountFooter, link, type MailContext } from "./context";

const TITLE: Record<NoticeKind, MessageKey> = {
  "value.submit": "notice.value.submit",
  "value.validate": "notice.value.validate",
  "value.return": "notice.value.return",
  "resource.publish": "notice.resource.publish",
  "resource.unpublish": "notice.resource.unpublish",
  "event.registered": "notice.event.registered",
  "event.changed": "notice.event.changed",
  "event.cancelled": "notice.event.cancelled",
  "event.reminder": "notice.event.reminder",
  "round.open": "notice.round.open",
  "round.reminder": "notice.round.reminder",
  "response.submit": "notice.response.submit",
  "response.accept": "notice.response.accept",
  "response.return": "notice.response.return",
  "report.share": "notice.report.share",
  "report.submit": "notice.report.submit",
  "report.return": "notice.report.return",
  "report.validate": "notice.report.validate",
  "report.finalize": "notice.report.finalize",
  "report.comment": "notice.report.comment",
  "problem.reported": "notice.problem.reported",
  "plan.submit": "notice.plan.submit",
  "plan.validate": "notice.plan.validate",
  "plan.return": "notice.plan.return",
  "plan.overdue": "notice.plan.overdue",
};

export function subjectIn(locale: Locale, subject: string | LocalizedText | undefined): string {
  if (subject === undefined) return "";
  return typeof subject === "string" ? subject : subject[locale] || subject.en;
}

/** What a notification says, in the bell and in mail alike, in the reader's language and zone. */
export function noticeTitle(reader: { t: Translate; locale: Locale; format: Formatters }, kind: NoticeKind, params: NoticeParams): string {
  return reader.t(TITLE[kind], { subject: subjectIn(reader.locale, params.subject), count: params.count ?? 1, when: params.at ? reader.format.dateTime(params.at, { zone: true }) : "" });
}

/** One notice as its own mail (the reader chose "at once" for its kind). */
export function noticeMail(ctx: MailContext, notice: { kind: NoticeKind; params: NoticeParams; path: string }): MailContent {
  const title = noticeTitle(ctx, notice.kind, notice.params);
  return {
    subject: title,
    preheader: notice.params.comment ?? title,
    blocks: [
      { kind: "p", text: title },
      ...(notice.params.comment ? [{ kind: "p" as const, text: ctx.t("mail.notice.comment") }, { kind: "quote" as const, text: notice.params.comment }] : []),
      { kind: "button", label: ctx.t("mail.notice.open"), url: link(ctx, notice.path) },
    ],
    footer: accountFooter(ctx),
  };
}

/** The daily mail: every notice of the day the reader chose to hear about once a day. */
export function noticeDigestMail(ctx: MailContext, notices: readonly { kind: NoticeKind; params: NoticeParams; path: string }[]): MailContent {
  return {
    subject: ctx.t("mail.digest.subject", { count: notices.length }),
    blocks: [
      { kind: "p", text: ctx.t("mail.digest.intro", { count: notices.length }) },
      { kind: "list", items: notices.map((n) => ({ text: noticeTitle(ctx, n.kind, n.params), url: link(ctx, n.path) })) },
      { kind: "button", label: ctx.t("mail.digest.open"), url: link(ctx, "/notifications") },
    ],
    footer: accountFooter(ctx),
  };
}

/** A reviewer's daily mail of what waits for them, city by city (read live, not from notices). */
export function reviewDigestMail(ctx: MailContext, waiting: readonly { city: LocalizedText; count: number; path: string }[]): MailContent {
  const total = waiting.reduce((sum, w) => sum + w.count, 0);
  return {
    subject: ctx.t("mail.review.subject", { count: total }),
    blocks: [
      { kind: "p", text: ctx.t("mail.review.intro", { count: total }) },
      { kind: "list", items: waiting.map((w) => ({ text: ctx.t("mail.review.city", { city: subjectIn(ctx.locale, w.city), count: w.count }), url: link(ctx, w.path) })) },
      { kind: "button", label: ctx.t("mail.review.open"), url: link(ctx, "/review") },
    ],
    footer: accountFooter(ctx),
  };
}
