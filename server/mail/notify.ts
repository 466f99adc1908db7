import "server-only";
import { SUBMISSION_KIND } from "@/lib/mail/kinds";
import type { Database } from "@/db/client";
import { DEFAULT_DELIVERY, deliveryChoices, insertNotifications, readersByIds, readersWithRole, resourceTitle, responseNoticeFacts, valueNoticeFacts, type NewNotification, type NoticeReader } from "@/db/queries/notifications";
import { NOTICE_KINDS, type NoticeKind, type NoticeParams } from "@/lib/domain";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { noticeMail } from "@/lib/mail/templates/notices";
import type { Notice } from "@/lib/workflow/types";
import { isMailbox } from "@/lib/mail/address";
import { reportTitleOfVersion } from "@/db/queries/reports";
import { reportPath } from "@/lib/reports/paths";
import { problemNoticeFacts } from "@/db/queries/problems";
import { problemPath } from "@/lib/problems/paths";
import { planNoticeFacts } from "@/db/queries/plans";
import { planPath } from "@/lib/plans/paths";
import { resolveTimeZone } from "@/lib/time";
import { queueMail, type MailToQueue } from "./queue";

const isNoticeKind = (kind: string): kind is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(kind);

/** What the text and the link of a notice are, per audience (an officer opens the entry page, a reviewer the review page). */
interface Described {
  params: NoticeParams;
  path: (reader: NoticeReader & { role: "officer" | "other" }) => string;
}

async function describe(tx: Database, notice: Notice): Promise<Described | null> {
  if (notice.entity === "indicator_value") {
    const facts = await valueNoticeFacts(tx, notice.entityIds);
    if (!facts) return null;
    const period = facts.periods[0] ?? "";
    return {
      params: { subject: facts.name, count: notice.entityIds.length, ...(notice.comments.length ? { comment: notice.comments.join("\n\n") } : {}) },
      path: (reader) => (notice.kind === SUBMISSION_KIND && reader.role !== "officer" ? `/review/${facts.slug}/${period}` : `/cities/${facts.slug}/values/${period}`),
    };
  }
  if (notice.entity === "resource") {
    const id = notice.entityIds[0];
    const title = id === undefined ? null : await resourceTitle(tx, id);
    if (id === undefined || title === null) return null;
    return { params: { subject: title, count: notice.entityIds.length }, path: () => `/resources/${id}` };
  }
  if (notice.entity === "response") {
    const id = notice.entityIds[0];
    const facts = id === undefined ? null : await responseNoticeFacts(tx, id);
    if (id === undefined || !facts) return null;
    // Reviewers hear which city submitted; the city's officers, which round their answers were for.
    const toCity = "role" in notice.recipient && notice.recipient.role === "officer";
    return { params: { subject: toCity ? facts.round : facts.city, ...(notice.comments.length ? { comment: notice.comments.join("\n\n") } : {}) }, path: () => `/questionnaires/responses/${id}` };
  }
  if (notice.entity === "city_problem") {
    const id = notice.entityIds[0];
    const facts = id === undefined ? null : await problemNoticeFacts(tx, id);
    if (id === undefined || !facts) return null;
    return { params: { subject: facts.title }, path: () => problemPath(facts.slug, id) };
  }
  if (notice.entity === "action_plan") {
    const id = notice.entityIds[0];
    const facts = id === undefined ? null : await planNoticeFacts(tx, id);
    if (id === undefined || !facts) return null;
    return { params: { subject: facts.title, count: notice.entityIds.length, ...(notice.comments.length ? { comment: notice.comments.join("\n\n") } : {}) }, path: () => planPath(facts.slug, id) };
  }
  if (notice.entity === "report_version") {
    const id = notice.entityIds[0];
    const title = id === undefined ? null : await reportTitleOfVersion(tx, id);
    if (id === undefined || title === null) return null;
    return { params: { subject: title, ...(notice.comments.length ? { comment: notice.comments.join("\n\n") } : {}) }, path: () => reportPath(id) };
  }
  return null;
}

export interface DirectNotice {
  kind: NoticeKind;
  userIds: readonly number[];
  params: NoticeParams;
  path: string;
  cityId?: number | null;
  entity: string;
  entityIds: readonly number[];
}

/**
 * Tells users something, in the caller's transaction: a notification each (the bell) and, as each
 * reader chose for the kind, a mail now or a line in tomorrow's daily mail. Disabled accounts hear
 * nothing.
 */
export async function notifyUsers(tx: Database, notices: readonly DirectNotice[]): Promise<void> {
  const readers = await readersByIds(tx, [...new Set(notices.flatMap((n) => n.userIds))]);
  const byId = new Map(readers.map((r) => [r.id, r]));
  const choices = await deliveryChoices(tx, readers.map((r) => r.id));
  const rows: NewNotification[] = [];
  const mails: MailToQueue[] = [];
  for (const notice of notices) {
    for (const userId of new Set(notice.userIds)) {
      const reader = byId.get(userId);
      if (!reader) continue;
      const delivery = choices.get(reader.id)?.get(notice.kind) ?? DEFAULT_DELIVERY[notice.kind];
      rows.push({ userId: reader.id, kind: notice.kind, entity: notice.entity, entityIds: [...notice.entityIds], cityId: notice.cityId ?? null, params: notice.params, link: notice.path, inDigest: delivery === "daily" });
      if (delivery === "immediate" && isMailbox(reader.email)) mails.push(noticeMessage(reader, notice.kind, notice.params, notice.path));
    }
  }
  await insertNotifications(tx, rows);
  await queueMail(tx, mails);
}

export function readerLocale(reader: { locale: string }): Locale {
  return isLocale(reader.locale) ? reader.locale : "en";
}

export function noticeMessage(reader: NoticeReader, kind: NoticeKind, params: NoticeParams, path: string): MailToQueue {
  const locale = readerLocale(reader);
  return {
    kind,
    to: { address: reader.email, name: reader.name, userId: reader.id },
    locale,
    timeZone: resolveTimeZone({ userTimeZone: reader.timeZone, country: reader.country, locale }),
    content: (ctx) => noticeMail(ctx, { kind, params, path }),
  };
}

/** The workflow's notices (server/workflow.ts transition) as notifications and mail, in its transaction. */
export async function deliverNotices(tx: Database, notices: readonly Notice[]): Promise<void> {
  const direct: DirectNotice[] = [];
  // A reader in two audiences of one move (the owner who is also the city's officer) hears once.
  const told = new Set<string>();
  for (const notice of notices) {
    if (!isNoticeKind(notice.kind)) continue;
    const described = await describe(tx, notice);
    if (!described) continue;
    const audience = "userId" in notice.recipient ? await readersByIds(tx, [notice.recipient.userId]) : await readersWithRole(tx, notice.recipient.role, notice.recipient.cityId);
    const readers = audience.filter((reader) => {
      const key = `${notice.kind}|${notice.entityIds.join(",")}|${reader.id}`;
      if (told.has(key)) return false;
      told.add(key);
      return true;
    });
    const role = "role" in notice.recipient && notice.recipient.role === "officer" ? "officer" : "other";
    // One path per audience: readers of one notice share a role, so they share the link.
    const first = readers[0];
    if (!first) continue;
    direct.push({ kind: notice.kind, userIds: readers.map((r) => r.id), params: described.params, path: described.path({ ...first, role }), cityId: notice.cityId, entity: notice.entity, entityIds: notice.entityIds });
  }
  await notifyUsers(tx, direct);
}
