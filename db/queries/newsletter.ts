import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cities, events, indicatorValues, newsletterDigests, outbox, resources, subscriptions, type NewsletterDigest, type Subscription } from "../schema";
import type { OutboxStatus, SubscriptionStatus } from "@/lib/domain";

// Advisory-lock namespace (first key) for one address's subscription; the second is hashtext(address).
const LOCK_NAMESPACE = 1_736_014;

/**
 * Serialises everything done for one address until the transaction ends: two sign-ups at the
 * same moment neither both insert nor both pass the daily limit of confirmation mails.
 */
export async function lockNewsletterAddress(tx: Database, email: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${email}))`);
}

export interface SubscriptionChoices {
  locale: string;
  countries: string[];
  cityIds: number[];
  topics: string[];
}

export async function findSubscriptionByEmail(db: Database, email: string): Promise<Subscription | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.email, email));
  return row ?? null;
}

/** One subscription; `lock`: held until the transaction ends (a confirmation or unsubscribe in progress). */
export async function getSubscription(db: Database, id: number, options: { lock?: boolean } = {}): Promise<Subscription | null> {
  const query = db.select().from(subscriptions).where(eq(subscriptions.id, id));
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function insertSubscription(tx: Database, input: SubscriptionChoices & { email: string; confirmNonce: string; manageNonce: string; now: Date }): Promise<Subscription> {
  const [row] = await tx
    .insert(subscriptions)
    .values({ email: input.email, locale: input.locale, countries: input.countries, cityIds: input.cityIds, topics: input.topics, status: "pending", confirmNonce: input.confirmNonce, manageNonce: input.manageNonce, createdAt: input.now })
    .returning();
  if (!row) throw new Error("subscription insert returned nothing");
  return row;
}

/**
 * Asked again for an address that is not confirmed (pending, or unsubscribed earlier): the new
 * choices and a new confirmation nonce, which voids every older confirmation link. A pending
 * row's created_at is its latest request, so the 7 days before deletion start again.
 */
export async function renewSubscriptionRequest(tx: Database, id: number, input: SubscriptionChoices & { confirmNonce: string; now: Date }): Promise<Subscription> {
  const [row] = await tx
    .update(subscriptions)
    .set({
      locale: input.locale,
      countries: input.countries,
      cityIds: input.cityIds,
      topics: input.topics,
      confirmNonce: input.confirmNonce,
      createdAt: sql`case when ${subscriptions.status} = 'pending' then ${input.now.toISOString()}::timestamptz else ${subscriptions.createdAt} end`,
    })
    .where(and(eq(subscriptions.id, id), sql`${subscriptions.status} <> 'confirmed'`))
    .returning();
  if (!row) throw new Error("subscription to renew is gone or confirmed");
  return row;
}

/** The confirmation: only with the current nonce, and only once (the nonce is cleared). */
export async function markConfirmed(tx: Database, id: number, confirmNonce: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(subscriptions)
    .set({ status: "confirmed", confirmNonce: null, confirmedAt: now, unsubscribedAt: null, unsubscribedDigestId: null })
    .where(and(eq(subscriptions.id, id), eq(subscriptions.confirmNonce, confirmNonce), sql`${subscriptions.status} <> 'confirmed'`))
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}

/** New choices from the manage page (the manage nonce proves the link). */
export async function updateSubscriptionChoices(db: Database, id: number, manageNonce: string, choices: SubscriptionChoices): Promise<boolean> {
  const rows = await db
    .update(subscriptions)
    .set({ locale: choices.locale, countries: choices.countries, cityIds: choices.cityIds, topics: choices.topics })
    .where(and(eq(subscriptions.id, id), eq(subscriptions.manageNonce, manageNonce)))
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}

/**
 * Unsubscribes (the manage nonce proves the link); a pending confirmation link stops working too.
 * `digestId`: the digest whose link was used (counted on the digest page). Already unsubscribed:
 * nothing changes, and the answer is still true.
 */
export async function markUnsubscribed(db: Database, id: number, manageNonce: string, digestId: number | null, now: Date): Promise<boolean> {
  const known = digestId === null ? [] : await db.select({ id: newsletterDigests.id }).from(newsletterDigests).where(eq(newsletterDigests.id, digestId));
  const changed = await db
    .update(subscriptions)
    .set({ status: "unsubscribed", confirmNonce: null, unsubscribedAt: now, unsubscribedDigestId: known[0]?.id ?? null })
    .where(and(eq(subscriptions.id, id), eq(subscriptions.manageNonce, manageNonce), sql`${subscriptions.status} <> 'unsubscribed'`))
    .returning({ id: subscriptions.id });
  if (changed.length > 0) return true;
  const [still] = await db.select({ id: subscriptions.id }).from(subscriptions).where(and(eq(subscriptions.id, id), eq(subscriptions.manageNonce, manageNonce)));
  return still !== undefined;
}

/** Addresses never confirmed whose latest request is older than `before`. */
export async function deletePendingBefore(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(subscriptions)
    .where(and(eq(subscriptions.status, "pending"), lt(subscriptions.createdAt, before)))
    .returning({ id: subscriptions.id });
  return rows.length;
}

export async function subscriptionCounts(db: Database): Promise<Record<SubscriptionStatus, number>> {
  const rows = await db.select({ status: subscriptions.status, n: count() }).from(subscriptions).groupBy(subscriptions.status);
  const counts: Record<SubscriptionStatus, number> = { pending: 0, confirmed: 0, unsubscribed: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** Everyone a digest goes to, in a stable order (the order sets each one's place in the pace). */
export async function listConfirmedSubscribers(db: Database) {
  return db
    .select({ id: subscriptions.id, email: subscriptions.email, locale: subscriptions.locale, manageNonce: subscriptions.manageNonce })
    .from(subscriptions)
    .where(eq(subscriptions.status, "confirmed"))
    .orderBy(asc(subscriptions.id));
}

/** The cities a subscriber may pick: the programme's mentors and mentees. */
export async function newsletterCityOptions(db: Database) {
  return db
    .select({ id: cities.id, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country })
    .from(cities)
    .where(inArray(cities.programmeRole, ["mentor", "mentee"]))
    .orderBy(asc(cities.country), asc(cities.nameEn));
}

/** Which of `ids` are cities a subscriber may pick. */
export async function knownNewsletterCityIds(db: Database, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: cities.id })
    .from(cities)
    .where(and(inArray(cities.id, [...ids]), inArray(cities.programmeRole, ["mentor", "mentee"])));
  return rows.map((r) => r.id);
}

// ---- digests ----

export async function insertDigest(tx: Database, input: { periodFrom: string; periodTo: string; subjects: NewsletterDigest["subjects"]; bodies: NewsletterDigest["bodies"]; createdBy: number }): Promise<NewsletterDigest> {
  const [row] = await tx.insert(newsletterDigests).values(input).returning();
  if (!row) throw new Error("digest insert returned nothing");
  return row;
}

export async function getDigest(db: Database, id: number, options: { lock?: boolean } = {}): Promise<NewsletterDigest | null> {
  const query = db.select().from(newsletterDigests).where(eq(newsletterDigests.id, id));
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? null;
}

/** The editor's save; false when the digest is gone or already sent (a sent digest never changes). */
export async function updateDigestDraft(db: Database, id: number, input: { subjects: NewsletterDigest["subjects"]; bodies: NewsletterDigest["bodies"]; ratePerMinute: number }): Promise<boolean> {
  const rows = await db
    .update(newsletterDigests)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(newsletterDigests.id, id), eq(newsletterDigests.status, "draft")))
    .returning({ id: newsletterDigests.id });
  return rows.length > 0;
}

export async function markDigestSent(tx: Database, id: number, recipients: number, now: Date): Promise<boolean> {
  const rows = await tx
    .update(newsletterDigests)
    .set({ status: "sent", sentAt: now, recipients, updatedAt: now })
    .where(and(eq(newsletterDigests.id, id), eq(newsletterDigests.status, "draft")))
    .returning({ id: newsletterDigests.id });
  return rows.length > 0;
}

export interface DigestCounts {
  /** Outbox rows of the digest by status. */
  outbox: Record<OutboxStatus, number>;
  /** Subscribers who left by this digest's link and are still unsubscribed. */
  unsubscribed: number;
}

const emptyOutboxCounts = (): Record<OutboxStatus, number> => ({ queued: 0, sending: 0, sent: 0, failed: 0 });

/** For each digest: its messages by status, and who unsubscribed by its link. */
export async function digestCounts(db: Database, ids: readonly number[]): Promise<Map<number, DigestCounts>> {
  const result = new Map<number, DigestCounts>(ids.map((id) => [id, { outbox: emptyOutboxCounts(), unsubscribed: 0 }]));
  if (ids.length === 0) return result;
  const [messages, left] = await Promise.all([
    db
      .select({ digestId: outbox.digestId, status: outbox.status, n: count() })
      .from(outbox)
      .where(inArray(outbox.digestId, [...ids]))
      .groupBy(outbox.digestId, outbox.status),
    db
      .select({ digestId: subscriptions.unsubscribedDigestId, n: count() })
      .from(subscriptions)
      .where(and(inArray(subscriptions.unsubscribedDigestId, [...ids]), eq(subscriptions.status, "unsubscribed")))
      .groupBy(subscriptions.unsubscribedDigestId),
  ]);
  for (const row of messages) {
    const entry = row.digestId === null ? undefined : result.get(row.digestId);
    if (entry) entry.outbox[row.status] = row.n;
  }
  for (const row of left) {
    const entry = row.digestId === null ? undefined : result.get(row.digestId);
    if (entry) entry.unsubscribed = row.n;
  }
  return result;
}

/** The newest digests first. */
export async function listDigests(db: Database, limit = 100) {
  return db
    .select({ id: newsletterDigests.id, periodFrom: newsletterDigests.periodFrom, periodTo: newsletterDigests.periodTo, status: newsletterDigests.status, recipients: newsletterDigests.recipients, sentAt: newsletterDigests.sentAt, createdAt: newsletterDigests.createdAt, subjects: newsletterDigests.subjects })
    .from(newsletterDigests)
    .orderBy(desc(newsletterDigests.createdAt), desc(newsletterDigests.id))
    .limit(limit);
}

// ---- what a digest is drafted from ----

/** Values validated in [start, end), city by city (the scores moved with them). */
export async function validatedValuesByCity(db: Database, start: Date, end: Date) {
  return db
    .select({ slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country, count: count() })
    .from(indicatorValues)
    .innerJoin(cities, eq(cities.id, indicatorValues.cityId))
    .where(and(isNotNull(indicatorValues.validatedAt), gte(indicatorValues.validatedAt, start), lt(indicatorValues.validatedAt, end)))
    .groupBy(cities.id, cities.slug, cities.nameEn, cities.nameBn, cities.nameNe, cities.country)
    .orderBy(desc(count()), asc(cities.nameEn))
    .limit(50);
}

/** Scheduled events starting in [start, end), soonest first. */
export async function scheduledEventsBetween(db: Database, start: Date, end: Date) {
  return db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe })
    .from(events)
    .innerJoin(cities, eq(cities.id, events.hostCityId))
    .where(and(eq(events.status, "scheduled"), gte(events.startsAt, start), lt(events.startsAt, end)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(50);
}

/** Resources published in [start, end), newest first. */
export async function resourcesPublishedBetween(db: Database, start: Date, end: Date) {
  return db
    .select({ id: resources.id, title: resources.title })
    .from(resources)
    .where(and(eq(resources.status, "published"), gte(resources.publishedAt, start), lt(resources.publishedAt, end)))
    .orderBy(desc(resources.publishedAt), desc(resources.id))
    .limit(50);
}
