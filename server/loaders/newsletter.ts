import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { digestCounts, getDigest, listDigests, newsletterCityOptions, subscriptionCounts } from "@/db/queries/newsletter";
import type { LinkPurpose } from "@/server/mail/links";
import { subscriptionForLink } from "@/server/newsletter/manage";

/** The cities the subscribe form offers (public: names and countries only). */
export const loadNewsletterCities = cache(async () => newsletterCityOptions(await getDb()));

export type NewsletterCity = Awaited<ReturnType<typeof loadNewsletterCities>>[number];

/** For /newsletter/manage: the subscription the link names, or null. Reads only. */
export const loadSubscriptionForLink = cache(async (purpose: Extract<LinkPurpose, "manage" | "unsubscribe">, token: string | undefined) => {
  if (!token || token.length > 200) return null;
  return subscriptionForLink(await getDb(), purpose, token);
});

// The admin's pages check "newsletter.manage" before calling these.
export const loadSubscriptionCounts = cache(async () => subscriptionCounts(await getDb()));

export const loadDigests = cache(async () => {
  const db = await getDb();
  const rows = await listDigests(db);
  const counts = await digestCounts(db, rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, counts: counts.get(row.id) ?? { outbox: { queued: 0, sending: 0, sent: 0, failed: 0 }, unsubscribed: 0 } }));
});

export type DigestListRow = Awaited<ReturnType<typeof loadDigests>>[number];

export const loadDigest = cache(async (id: number) => {
  const db = await getDb();
  const digest = await getDigest(db, id);
  if (!digest) return null;
  const counts = (await digestCounts(db, [id])).get(id) ?? { outbox: { queued: 0, sending: 0, sent: 0, failed: 0 }, unsubscribed: 0 };
  return { digest, counts };
});
