import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { loginAttempts } from "../schema";
import { IP_RULE, LOOKBACK_MS, addressLockedUntil, throttleVerdict, type LoginAttemptRow, type ThrottleVerdict } from "@/lib/throttle";

// Advisory-lock namespace (first key) for sign-in; the second key is a hash of the address or IP.
const LOCK_NAMESPACE = 1_736_011;

export async function recordLoginAttempt(db: Database, attempt: { email: string; ip: string | null; succeeded: boolean }): Promise<void> {
  await db.insert(loginAttempts).values(attempt);
}

async function addressRows(db: Database, email: string, since: Date): Promise<LoginAttemptRow[]> {
  return db
    .select({ ip: loginAttempts.ip, succeeded: loginAttempts.succeeded, at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), gt(loginAttempts.attemptedAt, since)));
}

/** When the email is locked out for anyone (from one IP, or by the backstop), the time the lock ends; otherwise null. */
export async function loginLockedUntil(db: Database, email: string, now = new Date()): Promise<Date | null> {
  return addressLockedUntil(await addressRows(db, email, new Date(now.getTime() - LOOKBACK_MS)), now);
}

/** The same for a page of addresses (the admin's user list), in one query. Only locked addresses are in the map. */
export async function loginLocks(db: Database, emails: readonly string[], now = new Date()): Promise<Map<string, Date>> {
  const locks = new Map<string, Date>();
  if (emails.length === 0) return locks;
  const rows = await db
    .select({ email: loginAttempts.email, ip: loginAttempts.ip, succeeded: loginAttempts.succeeded, at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.email, [...emails]), gt(loginAttempts.attemptedAt, new Date(now.getTime() - LOOKBACK_MS))));
  const byEmail = new Map<string, LoginAttemptRow[]>();
  for (const { email, ...row } of rows) byEmail.set(email, [...(byEmail.get(email) ?? []), row]);
  for (const [email, attempts] of byEmail) {
    const until = addressLockedUntil(attempts, now);
    if (until) locks.set(email, until);
  }
  return locks;
}

export type LoginReservation = { ok: true; attemptId: number } | ({ ok: false } & ThrottleVerdict);

/**
 * Checks the limits and reserves this attempt in one step: the attempt is recorded (as a failure)
 * before the password is compared, inside a transaction that holds advisory locks on the address
 * and the IP, so parallel attempts are counted one after another and no more than the limit are
 * ever evaluated, on every instance sharing the database. The caller records the outcome after.
 * A refused attempt is not recorded: it was not evaluated.
 */
export async function reserveLoginAttempt(db: Database, input: { email: string; ip: string | null }, at?: Date): Promise<LoginReservation> {
  return db.transaction(async (tx) => {
    // Always address, then IP: every transaction takes them in the same order, so none deadlock.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${`address:${input.email}`}))`);
    if (input.ip !== null) await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${`ip:${input.ip}`}))`);
    // Read the clock once the locks are held, so it is never behind an attempt counted below.
    const now = at ?? new Date();
    const rows = await addressRows(tx, input.email, new Date(now.getTime() - LOOKBACK_MS));
    const ipFailures =
      input.ip === null
        ? []
        : await tx
            .select({ at: loginAttempts.attemptedAt })
            .from(loginAttempts)
            .where(and(eq(loginAttempts.ip, input.ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.attemptedAt, new Date(now.getTime() - IP_RULE.windowMs - IP_RULE.lockMs))));
    const verdict = throttleVerdict({ ip: input.ip, addressRows: rows, ipFailureTimes: ipFailures.map((row) => row.at) }, now);
    if (verdict) return { ok: false, ...verdict };
    const [reserved] = await tx.insert(loginAttempts).values({ email: input.email, ip: input.ip, succeeded: false, attemptedAt: now }).returning({ id: loginAttempts.id });
    if (!reserved) throw new Error("login attempt not recorded");
    return { ok: true, attemptId: reserved.id };
  });
}

/** Marks a reserved attempt as the successful sign-in it turned out to be. */
export async function recordLoginSuccess(db: Database, attemptId: number): Promise<void> {
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}

/** An administrator's unlock: the address's failures are forgotten (the audit row says who did it). */
export async function clearLoginFailures(db: Database, email: string): Promise<number> {
  const deleted = await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false)))
    .returning({ id: loginAttempts.id });
  return deleted.length;
}
