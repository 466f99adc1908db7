import "server-only";
import type { Database } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getDigest, insertDigest, listConfirmedSubscribers, markDigestSent, resourcesPublishedBetween, scheduledEventsBetween, updateDigestDraft, validatedValuesByCity } from "@/db/queries/newsletter";
import type { NewsletterDigest } from "@/db/schema";
import type { TimeZone } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "@/lib/i18n/config";
import { renderMail, type RenderedMail } from "@/lib/mail/layout";
import { digestMail, draftDigest, unsubscribeUrl, type DigestFacts } from "@/lib/mail/templates/newsletter";
import { dayRangeInZone } from "@/lib/time";
import type { DigestContentInput, DigestPeriodInput } from "@/lib/validation/newsletter";
import { signLink } from "@/server/mail/links";
import { mailContext, queueMail, type MailToQueue } from "@/server/mail/queue";
import { DIGEST_KIND } from "./subscribe";

const DAY_MS = 86_400_000;
/** Events worth announcing: those starting in the 60 days after the period. */
export const UPCOMING_DAYS = 60;
/** Rows per insert when a digest is queued (one statement per chunk, all in one transaction). */
const CHUNK = 500;

/** What happened in the period (calendar days in `timeZone`, both included), read for the draft. */
export async function digestFacts(db: Database, period: DigestPeriodInput, timeZone: TimeZone): Promise<DigestFacts> {
  const { start, end } = dayRangeInZone(period, timeZone);
  if (!start || !end) throw new AppError("invalid", "validation.date");
  const [progress, events, resources] = await Promise.all([
    validatedValuesByCity(db, start, end),
    scheduledEventsBetween(db, end, new Date(end.getTime() + UPCOMING_DAYS * DAY_MS)),
    resourcesPublishedBetween(db, start, end),
  ]);
  return {
    from: period.from,
    to: period.to,
    progress: progress.map((p) => ({ slug: p.slug, name: { en: p.nameEn, bn: p.nameBn, ne: p.nameNe }, count: p.count })),
    events: events.map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, city: { en: e.nameEn, bn: e.nameBn, ne: e.nameNe } })),
    resources,
  };
}

/** "New digest": drafted in every language from the period's data, saved as a draft to edit. */
export async function createDigest(db: Database, input: DigestPeriodInput & { actorId: number; timeZone: TimeZone }): Promise<number> {
  const facts = await digestFacts(db, input, input.timeZone);
  const drafts = Object.fromEntries(LOCALES.map((locale) => [locale, draftDigest(mailContext(locale, input.timeZone), facts)])) as Record<Locale, { subject: string; body: string }>;
  return db.transaction(async (tx) => {
    const row = await insertDigest(tx, {
      periodFrom: input.from,
      periodTo: input.to,
      subjects: { en: drafts.en.subject, bn: drafts.bn.subject, ne: drafts.ne.subject },
      bodies: { en: drafts.en.body, bn: drafts.bn.body, ne: drafts.ne.body },
      createdBy: input.actorId,
    });
    await writeAudit(tx, { actorId: input.actorId, action: "newsletter.digest.create", entity: "newsletter_digest", entityId: row.id, after: { periodFrom: input.from, periodTo: input.to } });
    return row.id;
  });
}

/** The editor's save. A digest already sent is never changed. */
export async function saveDigest(db: Database, input: DigestContentInput): Promise<void> {
  const saved = await updateDigestDraft(db, input.id, {
    subjects: { en: input.subject_en, bn: input.subject_bn, ne: input.subject_ne },
    bodies: { en: input.body_en, bn: input.body_bn, ne: input.body_ne },
    ratePerMinute: input.ratePerMinute,
  });
  if (!saved) {
    if (!(await getDigest(db, input.id))) throw new AppError("not_found");
    throw new AppError("conflict", "newsletter.admin.alreadySent");
  }
}

/** The digest as a subscriber in `locale` gets it (placeholder links), for the preview frame. */
export function digestPreview(digest: Pick<NewsletterDigest, "id" | "subjects" | "bodies">, locale: Locale): RenderedMail {
  const ctx = mailContext(locale);
  const content = digestMail(ctx, { subject: digest.subjects[locale], body: digest.bodies[locale], manageToken: "preview", unsubscribeToken: "preview", digestId: digest.id });
  return renderMail(locale, content, ctx.t("app.name"));
}

/** When the `index`-th message of a digest may go, at `ratePerMinute`. */
export function sendSlot(start: Date, index: number, ratePerMinute: number): Date {
  return new Date(start.getTime() + Math.floor((index * 60_000) / ratePerMinute));
}

/**
 * Sends a draft digest: one outbox row per confirmed subscriber, in their language, with their own
 * manage and one-click unsubscribe links (List-Unsubscribe + List-Unsubscribe-Post), paced at the
 * digest's rate through `notBefore`. All rows and the digest's "sent" commit in one transaction
 * (inserted in chunks), so a digest goes out once and whole, or not at all.
 */
export async function sendDigest(db: Database, input: { id: number; actorId: number }, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const digest = await getDigest(tx, input.id, { lock: true });
    if (!digest) throw new AppError("not_found");
    if (digest.status !== "draft") throw new AppError("conflict", "newsletter.admin.alreadySent");
    const subscribers = await listConfirmedSubscribers(tx);
    if (subscribers.length === 0) throw new AppError("conflict", "newsletter.admin.noSubscribers");
    for (let offset = 0; offset < subscribers.length; offset += CHUNK) {
      const messages = subscribers.slice(offset, offset + CHUNK).map((subscriber, i): MailToQueue => {
        const locale = isLocale(subscriber.locale) ? subscriber.locale : DEFAULT_LOCALE;
        const unsubscribeToken = signLink("unsubscribe", subscriber.id, subscriber.manageNonce);
        const manageToken = signLink("manage", subscriber.id, subscriber.manageNonce);
        return {
          kind: DIGEST_KIND,
          to: { address: subscriber.email, subscriptionId: subscriber.id },
          locale,
          content: (ctx) => digestMail(ctx, { subject: digest.subjects[locale], body: digest.bodies[locale], manageToken, unsubscribeToken, digestId: digest.id }),
          headers: {
            "List-Unsubscribe": `<${unsubscribeUrl(mailContext(locale), unsubscribeToken, digest.id)}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          },
          digestId: digest.id,
          notBefore: sendSlot(now, offset + i, digest.ratePerMinute),
        };
      });
      await queueMail(tx, messages);
    }
    if (!(await markDigestSent(tx, digest.id, subscribers.length, now))) throw new AppError("conflict", "newsletter.admin.alreadySent");
    await writeAudit(tx, { actorId: input.actorId, action: "newsletter.digest.send", entity: "newsletter_digest", entityId: digest.id, after: { recipients: subscribers.length, ratePerMinute: digest.ratePerMinute } });
    return subscribers.length;
  });
}
