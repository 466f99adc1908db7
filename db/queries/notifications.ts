import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cities, indicatorValues, notificationPreferences, notifications, resources, responses, rounds, users, type Notification } from "../schema";
import type { Delivery, LocalizedText, NoticeKind, Role } from "@/lib/domain";

/** Who a notice goes to, as the mail needs them: only active accounts. */
export interface NoticeReader {
  id: number;
  email: string;
  name: string;
  locale: string;
  timeZone: string | null;
  country: string | null;
}

const readerColumns = { id: users.id, email: users.email, name: users.name, locale: users.locale, timeZone: users.timeZone, country: cities.country };

/** The active users holding `role` (of one city when `cityId` is given). */
export async function readersWithRole(db: Database, role: Role, cityId: number | null): Promise<NoticeReader[]> {
  return db
    .select(readerColumns)
    .from(users)
    .leftJoin(cities, eq(cities.id, users.cityId))
    .where(and(eq(users.role, role), eq(users.disabled, false), cityId === null ? undefined : eq(users.cityId, cityId)))
    .orderBy(users.id);
}

export async function readersByIds(db: Database, ids: readonly number[]): Promise<NoticeReader[]> {
  if (ids.length === 0) return [];
  return db
    .select(readerColumns)
    .from(users)
    .leftJoin(cities, eq(cities.id, users.cityId))
    .where(and(inArray(users.id, [...ids]), eq(users.disabled, false)));
}

export { DEFAULT_DELIVERY_BY_KIND as DEFAULT_DELIVERY } from "@/lib/mail/kinds";

/** Each user's choice per kind; kinds a user never chose are absent (DEFAULT_DELIVERY applies). */
export async function deliveryChoices(db: Database, userIds: readonly number[]): Promise<Map<number, Map<string, Delivery>>> {
  const byUser = new Map<number, Map<string, Delivery>>();
  if (userIds.length === 0) return byUser;
  const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, [...userIds]));
  for (const row of rows) {
    const choices = byUser.get(row.userId) ?? new Map<string, Delivery>();
    choices.set(row.kind, row.delivery);
    byUser.set(row.userId, choices);
  }
  return byUser;
}

/** Stores a user's choice for each kind given (stored even when it is the default, so a later default change does not flip it). */
export async function saveDeliveryChoices(db: Database, userId: number, choices: Partial<Record<NoticeKind, Delivery>>): Promise<void> {
  const rows = Object.entries(choices).map(([kind, delivery]) => ({ userId, kind, delivery }));
  if (rows.length === 0) return;
  await db
    .insert(notificationPreferences)
    .values(rows)
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery: sql`excluded.delivery` } });
}

export type NewNotification = typeof notifications.$inferInsert;

export async function insertNotifications(tx: Database, rows: readonly NewNotification[]): Promise<void> {
  if (rows.length) await tx.insert(notifications).values([...rows]);
}

export type NotificationRow = Pick<Notification, "id" | "kind" | "params" | "link" | "readAt" | "createdAt">;

export async function listNotifications(db: Database, userId: number, params: { limit: number; offset: number }): Promise<{ rows: NotificationRow[]; total: number }> {
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ total: count() }).from(notifications).where(eq(notifications.userId, userId)),
  ]);
  return { rows, total: totalRow?.total ?? 0 };
}

export async function unreadCount(db: Database, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one (or, without `id`, every) notification of the user read; another user's id matches nothing. */
export async function markNotificationsRead(db: Database, userId: number, id?: number, now = new Date()): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), id === undefined ? undefined : eq(notifications.id, id)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** The user's notification by id, for following its link (null: not theirs). */
export async function findOwnNotification(db: Database, userId: number, id: number): Promise<NotificationRow | null> {
  const [row] = await db
    .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
  return row ?? null;
}

/** Users with notices waiting for their daily mail. */
export async function readersWithDigest(db: Database): Promise<NoticeReader[]> {
  const waiting = db.selectDistinct({ userId: notifications.userId }).from(notifications).where(eq(notifications.inDigest, true));
  return db
    .select(readerColumns)
    .from(users)
    .leftJoin(cities, eq(cities.id, users.cityId))
    .where(and(inArray(users.id, waiting), eq(users.disabled, false)));
}

/** Takes a user's waiting notices out of the digest (in the transaction that queues the mail). */
export async function takeDigestNotices(tx: Database, userId: number): Promise<NotificationRow[]> {
  return tx
    .update(notifications)
    .set({ inDigest: false })
    .where(and(eq(notifications.userId, userId), eq(notifications.inDigest, true)))
    .returning({ id: notifications.id, kind: notifications.kind, params: notifications.params, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt });
}

/** What a notice about values needs: the city, and the periods the values are for. */
export async function valueNoticeFacts(db: Database, valueIds: readonly number[]): Promise<{ slug: string; name: LocalizedText; periods: string[] } | null> {
  if (valueIds.length === 0) return null;
  const rows = await db
    .selectDistinct({ slug: cities.slug, en: cities.nameEn, bn: cities.nameBn, ne: cities.nameNe, period: indicatorValues.period })
    .from(indicatorValues)
    .innerJoin(cities, eq(cities.id, indicatorValues.cityId))
    .where(inArray(indicatorValues.id, [...valueIds]))
    .orderBy(indicatorValues.period);
  const first = rows[0];
  return first ? { slug: first.slug, name: { en: first.en, bn: first.bn, ne: first.ne }, periods: rows.map((r) => r.period) } : null;
}

/** What a notice of a response names: its city (for reviewers) and its round (for the city's officers). */
export async function responseNoticeFacts(db: Database, responseId: number): Promise<{ city: LocalizedText; round: LocalizedText } | null> {
  const [row] = await db
    .select({ en: cities.nameEn, bn: cities.nameBn, ne: cities.nameNe, round: rounds.title })
    .from(responses)
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .where(eq(responses.id, responseId));
  return row ? { city: { en: row.en, bn: row.bn, ne: row.ne }, round: row.round } : null;
}

export async function resourceTitle(db: Database, id: number): Promise<string | null> {
  const [row] = await db.select({ title: resources.title }).from(resources).where(eq(resources.id, id));
  return row?.title ?? null;
}

/** What waits for review, city by city (the reviewers' daily mail reads it live). */
export async function reviewQueueSummary(db: Database): Promise<{ slug: string; name: LocalizedText; period: string; count: number }[]> {
  const rows = await db
    .select({ slug: cities.slug, en: cities.nameEn, bn: cities.nameBn, ne: cities.nameNe, period: sql<string>`min(${indicatorValues.period})`, count: count() })
    .from(indicatorValues)
    .innerJoin(cities, eq(cities.id, indicatorValues.cityId))
    .where(eq(indicatorValues.status, "submitted"))
    .groupBy(cities.slug, cities.nameEn, cities.nameBn, cities.nameNe)
    .orderBy(cities.nameEn);
  return rows.map((r) => ({ slug: r.slug, name: { en: r.en, bn: r.bn, ne: r.ne }, period: r.period, count: r.count }));
}

/** The users already told `kind` about one record (a reminder goes once). */
export async function usersNotifiedOf(db: Database, kind: string, entity: string, entityId: number): Promise<Set<number>> {
  const rows = await db
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.kind, kind), eq(notifications.entity, entity), sql`${notifications.entityIds} @> ${JSON.stringify([entityId])}::jsonb`));
  return new Set(rows.map((r) => r.userId));
}
