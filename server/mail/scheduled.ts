import "server-only";
import { SUBMISSION_KIND } from "@/lib/mail/kinds";
import type { Database } from "@/db/client";
import { readersWithDigest, reviewQueueSummary, takeDigestNotices, type NoticeReader } from "@/db/queries/notifications";
import { hasMessageWithKey } from "@/db/queries/outbox";
import { purgeRateHits } from "@/db/queries/rate-hits";
import { queueEventReminders } from "@/server/events/mail";
import { queueRoundReminders } from "@/server/questionnaires/rounds";
import { queuePlanReminders } from "@/server/plans/reminders";
import { deleteUnconfirmedSubscriptions } from "@/server/newsletter/cleanup";
import { NOTICE_KINDS, type NoticeKind } from "@/lib/domain";
import { dailyDigestSlot } from "@/lib/mail/schedule";
import { noticeDigestMail, reviewDigestMail } from "@/lib/mail/templates/notices";
import { resolveTimeZone } from "@/lib/time";
import { readerLocale } from "./notify";
import { queueMail } from "./queue";

const isNoticeKind = (kind: string): kind is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(kind);

/**
 * Each reader's one mail a day (from 08:00 their time) of the notices they chose to hear about
 * daily. Submissions are not listed one by one: a reviewer's mail says what still waits for
 * review, city by city, read at sending time (values validated meanwhile are not in it).
 */
export async function queueDailyDigests(db: Database, now: Date): Promise<number> {
  let queued = 0;
  for (const reader of await readersWithDigest(db)) {
    const locale = readerLocale(reader);
    const timeZone = resolveTimeZone({ userTimeZone: reader.timeZone, country: reader.country, locale });
    const slot = dailyDigestSlot(reader.id, timeZone, now);
    if (!slot.due || (await hasMessageWithKey(db, slot.key))) continue;
    if (await queueDigestFor(db, reader, slot.key, locale, timeZone)) queued++;
  }
  return queued;
}

async function queueDigestFor(db: Database, reader: NoticeReader, key: string, locale: ReturnType<typeof readerLocale>, timeZone: ReturnType<typeof resolveTimeZone>): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Taken and mailed in one transaction: a second worker finds nothing left to take.
    const notices = (await takeDigestNotices(tx, reader.id)).flatMap((n) => (isNoticeKind(n.kind) ? [{ kind: n.kind, params: n.params, path: n.link }] : []));
    const others = notices.filter((n) => n.kind !== SUBMISSION_KIND);
    const submissions = notices.length > others.length;
    const waiting = submissions ? (await reviewQueueSummary(tx)).map((w) => ({ city: w.name, count: w.count, path: `/review/${w.slug}/${w.period}` })) : [];
    if (others.length === 0 && waiting.length === 0) return false;
    const to = { address: reader.email, name: reader.name, userId: reader.id };
    const base = { to, locale, timeZone, dedupeKey: key } as const;
    await queueMail(tx, [
      others.length === 0
        ? { ...base, kind: "review.digest", content: (ctx) => reviewDigestMail(ctx, waiting) }
        : {
            ...base,
            kind: "notice.digest",
            content: (ctx) => {
              const mail = noticeDigestMail(ctx, others);
              if (waiting.length === 0) return mail;
              const review = reviewDigestMail(ctx, waiting);
              return { ...mail, blocks: [...review.blocks.slice(0, 2), ...mail.blocks] };
            },
          },
    ]);
    return true;
  });
}

/**
 * Everything the worker does on its own besides sending, each tick; each job is safe to run again
 * at once and on two workers together.
 */
const JOBS: readonly ((db: Database, now: Date) => Promise<unknown>)[] = [
  queueDailyDigests,
  queueEventReminders,
  // Reporting rounds: three days before the deadline and the day after, to cities that still owe.
  queueRoundReminders,
  // Action plans: a weekly word to each user who owns overdue actions.
  queuePlanReminders,
  deleteUnconfirmedSubscriptions,
  // Rate limits look back a day at most.
  (db, now) => purgeRateHits(db, new Date(now.getTime() - 2 * 86_400_000)),
];

export async function runScheduledMail(db: Database, now: Date): Promise<void> {
  for (const job of JOBS) await job(db, now);
}
