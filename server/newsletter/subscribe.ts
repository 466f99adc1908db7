import "server-only";
import type { Database } from "@/db/client";
import { findSubscriptionByEmail, insertSubscription, knownNewsletterCityIds, lockNewsletterAddress, renewSubscriptionRequest } from "@/db/queries/newsletter";
import { countRecentMessages } from "@/db/queries/outbox";
import { takeRateHit, type RateRule } from "@/db/queries/rate-hits";
import { AppError } from "@/lib/errors";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/config";
import { alreadySubscribedMail, confirmationMail } from "@/lib/mail/templates/newsletter";
import type { SubscribeInput } from "@/lib/validation/newsletter";
import { newNonce, signLink } from "@/server/mail/links";
import { queueMail } from "@/server/mail/queue";

export const CONFIRM_KIND = "newsletter.confirm";
export const ALREADY_KIND = "newsletter.subscribed";
export const DIGEST_KIND = "newsletter.digest";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Sign-ups per network (a refused one is not counted), and mails per address in 24 hours. */
export const NEWSLETTER_LIMITS = {
  ip: { bucket: "newsletter.ip", max: 10, windowMs: HOUR_MS } satisfies RateRule,
  mailsPerAddressPerDay: 3,
} as const;

/** How long a confirmation link works; a pending address is deleted as long after its last request. */
export const CONFIRM_DAYS = 7;
export const CONFIRM_TTL_MS = CONFIRM_DAYS * DAY_MS;

/** A confirmation nonce carries when it was made (base 36 seconds), so its link can expire. */
export function newConfirmNonce(now: Date): string {
  return `${Math.floor(now.getTime() / 1000).toString(36)}-${newNonce()}`;
}

export function confirmNonceIssuedAt(nonce: string): Date | null {
  const stamp = /^([0-9a-z]{1,10})-[0-9a-f]{32}$/.exec(nonce)?.[1];
  return stamp ? new Date(parseInt(stamp, 36) * 1000) : null;
}

export type SubscribeOutcome = "sent";

/**
 * The public form. A filled honeypot gets the usual answer and nothing else. Otherwise: throttled
 * per network; then, under a lock on the address and in one transaction with its mail, at most
 * three mails a day to the address, and
 * - a new address: pending, with fresh nonces, and a confirmation mail in the chosen language;
 * - a pending (or unsubscribed) one: the new choices and a new confirmation link, which voids
 *   the older ones;
 * - a confirmed one: nothing changes, and a mail says where to manage the subscription.
 * The answer is the same in all three cases, so the form never tells whether an address is subscribed.
 */
export async function subscribe(db: Database, input: SubscribeInput & { ip: string | null }, now = new Date()): Promise<SubscribeOutcome> {
  if (input.website && input.website.trim() !== "") return "sent";
  // Requests whose address no proxy named share one bucket: stricter, never looser.
  if (!(await takeRateHit(db, NEWSLETTER_LIMITS.ip, input.ip ?? "unknown", now))) throw new AppError("throttled", "newsletter.result.throttled");
  await db.transaction(async (tx) => {
    await lockNewsletterAddress(tx, input.email);
    const known = await knownNewsletterCityIds(tx, input.cityIds);
    if (known.length !== input.cityIds.length) throw new AppError("invalid", "validation.city");
    const since = new Date(now.getTime() - DAY_MS);
    const mailed = (await countRecentMessages(tx, input.email, CONFIRM_KIND, since)) + (await countRecentMessages(tx, input.email, ALREADY_KIND, since));
    if (mailed >= NEWSLETTER_LIMITS.mailsPerAddressPerDay) throw new AppError("throttled", "newsletter.result.limit");

    const existing = await findSubscriptionByEmail(tx, input.email);
    if (existing?.status === "confirmed") {
      // Their own language, not the form's: whoever typed the address may not be its owner.
      await queueMail(tx, [
        {
          kind: ALREADY_KIND,
          to: { address: existing.email, subscriptionId: existing.id },
          locale: isLocale(existing.locale) ? existing.locale : DEFAULT_LOCALE,
          content: (ctx) => alreadySubscribedMail(ctx, { manageToken: signLink("manage", existing.id, existing.manageNonce), unsubscribeToken: signLink("unsubscribe", existing.id, existing.manageNonce) }),
        },
      ]);
      return;
    }
    const choices = { locale: input.locale, countries: input.countries, cityIds: input.cityIds, topics: input.topics };
    const confirmNonce = newConfirmNonce(now);
    const row = existing
      ? await renewSubscriptionRequest(tx, existing.id, { ...choices, confirmNonce, now })
      : await insertSubscription(tx, { ...choices, email: input.email, confirmNonce, manageNonce: newNonce(), now });
    await queueMail(tx, [
      {
        kind: CONFIRM_KIND,
        to: { address: row.email, subscriptionId: row.id },
        locale: input.locale,
        content: (ctx) => confirmationMail(ctx, { confirmToken: signLink("confirm", row.id, confirmNonce), manageToken: signLink("manage", row.id, row.manageNonce), days: CONFIRM_DAYS }),
      },
    ]);
  });
  return "sent";
}
