import { and, count, desc, eq, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { outbox, type NewOutboxMessage, type OutboxMessage } from "../schema";
import type { OutboxStatus } from "@/lib/domain";

/**
 * Adds messages to the outbox. Call it inside the transaction of the change the messages are
 * about: they commit with it or not at all. A message whose dedupe key is already in the outbox is
 * left out (returns only the ids written).
 */
export async function enqueueMessages(tx: Database, messages: readonly NewOutboxMessage[]): Promise<number[]> {
  if (messages.length === 0) return [];
  const rows = await tx.insert(outbox).values([...messages]).onConflictDoNothing({ target: outbox.dedupeKey }).returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

/**
 * Takes up to `limit` due messages for one worker: `for update skip locked` lets two workers on
 * one database claim at the same moment without ever taking the same row, and the claim commits
 * before any mail is sent (the status `sending` and `claimed_at` say whose it is). A claim older
 * than `staleBefore` is from a worker that died mid-send and is offered again.
 */
export async function claimDueMessages(db: Database, options: { limit: number; now: Date; staleBefore: Date }): Promise<OutboxMessage[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(or(and(eq(outbox.status, "queued"), lte(outbox.nextAttemptAt, options.now)), and(eq(outbox.status, "sending"), lt(outbox.claimedAt, options.staleBefore))))
    .orderBy(outbox.nextAttemptAt, outbox.id)
    .limit(options.limit)
    .for("update", { skipLocked: true });
  return db
    .update(outbox)
    .set({ status: "sending", claimedAt: options.now, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
}

export async function markSent(db: Database, id: number, sentAt: Date): Promise<void> {
  await db.update(outbox).set({ status: "sent", sentAt, lastError: null }).where(and(eq(outbox.id, id), eq(outbox.status, "sending")));
}

/** After a failed try: queued again at `nextAttemptAt`, or failed for good. `error` holds no secret. */
export async function markAttemptFailed(db: Database, id: number, outcome: { status: "queued"; nextAttemptAt: Date } | { status: "failed" }, error: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: outcome.status, lastError: error.slice(0, 2000), claimedAt: null, ...(outcome.status === "queued" ? { nextAttemptAt: outcome.nextAttemptAt } : {}) })
    .where(and(eq(outbox.id, id), eq(outbox.status, "sending")));
}

/** An admin's retry of a failed message: due now, with a fresh set of attempts. False: not failed. */
export async function retryFailedMessage(db: Database, id: number, now = new Date()): Promise<boolean> {
  const rows = await db.update(outbox).set({ status: "queued", attempts: 0, nextAttemptAt: now, claimedAt: null }).where(and(eq(outbox.id, id), eq(outbox.status, "failed"))).returning({ id: outbox.id });
  return rows.length > 0;
}

export const outboxListColumns = {
  id: outbox.id,
  kind: outbox.kind,
  toAddress: outbox.toAddress,
  locale: outbox.locale,
  subject: outbox.subject,
  status: outbox.status,
  attempts: outbox.attempts,
  nextAttemptAt: outbox.nextAttemptAt,
  lastError: outbox.lastError,
  sentAt: outbox.sentAt,
  createdAt: outbox.createdAt,
};
export type OutboxListRow = Pick<OutboxMessage, keyof typeof outboxListColumns>;

export async function listOutbox(db: Database, params: { status?: OutboxStatus; limit: number; offset: number }): Promise<{ rows: OutboxListRow[]; total: number }> {
  const where = params.status ? eq(outbox.status, params.status) : undefined;
  const [rows, [totalRow]] = await Promise.all([
    db.select(outboxListColumns).from(outbox).where(where).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(params.limit).offset(params.offset),
    db.select({ total: count() }).from(outbox).where(where),
  ]);
  return { rows, total: totalRow?.total ?? 0 };
}

export async function outboxStatusCounts(db: Database): Promise<Record<OutboxStatus, number>> {
  const rows = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

export async function getOutboxMessage(db: Database, id: number): Promise<OutboxMessage | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}

/** How many messages of `kind` went to `address` since `since` (the newsletter's 3 confirmations a day). */
export async function countRecentMessages(db: Database, address: string, kind: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.toAddress, address), eq(outbox.kind, kind), gte(outbox.createdAt, since)));
  return row?.n ?? 0;
}

export async function hasMessageWithKey(db: Database, dedupeKey: string): Promise<boolean> {
  const [row] = await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, dedupeKey));
  return row !== undefined;
}
