import "server-only";
import type { Database } from "@/db/client";
import { getSubscription, knownNewsletterCityIds, markUnsubscribed, updateSubscriptionChoices } from "@/db/queries/newsletter";
import type { Subscription } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { NewsletterChoices } from "@/lib/validation/newsletter";
import { verifyLink, type LinkPurpose } from "@/server/mail/links";

/** The subscription a manage (or unsubscribe) link names, if its signature and nonce still hold. */
export async function subscriptionForLink(db: Database, purpose: Extract<LinkPurpose, "manage" | "unsubscribe">, token: string | undefined): Promise<Subscription | null> {
  const link = verifyLink(purpose, token);
  if (!link) return null;
  const row = await getSubscription(db, link.subscriptionId);
  return row && row.manageNonce === link.nonce ? row : null;
}

/** The manage page's save: language, countries, cities and topics, without an account. */
export async function saveChoices(db: Database, token: string, choices: NewsletterChoices): Promise<void> {
  const link = verifyLink("manage", token);
  if (!link) throw new AppError("not_found", "newsletter.link.invalid");
  await db.transaction(async (tx) => {
    const known = await knownNewsletterCityIds(tx, choices.cityIds);
    if (known.length !== choices.cityIds.length) throw new AppError("invalid", "validation.city");
    if (!(await updateSubscriptionChoices(tx, link.subscriptionId, link.nonce, choices))) throw new AppError("not_found", "newsletter.link.invalid");
  });
}

/**
 * Unsubscribes with a manage link (the manage page's button) or an unsubscribe link (the
 * one-click POST of RFC 8058, or the confirm button its GET leads to). `digestId`: the digest the
 * link came in, for its count. Doing it twice is fine; a link that does not hold is refused.
 */
export async function unsubscribe(db: Database, input: { purpose: Extract<LinkPurpose, "manage" | "unsubscribe">; token: string; digestId?: number | null }, now = new Date()): Promise<void> {
  const link = verifyLink(input.purpose, input.token);
  if (!link || !(await markUnsubscribed(db, link.subscriptionId, link.nonce, input.digestId ?? null, now))) throw new AppError("not_found", "newsletter.link.invalid");
}
