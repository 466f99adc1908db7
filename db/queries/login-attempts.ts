import { and, desc, eq, gt } from "drizzle-orm";
import type { Database } from "../client";
import { loginAttempts } from "../schema";
import { LOCK_MS, WINDOW_MS, lockedUntil } from "@/lib/throttle";

export async function recordLoginAttempt(db: Database, attempt: { email: string; ip: string | null; succeeded: boolean }): Promise<void> {
  await db.insert(loginAttempts).values(attempt);
}

/** When the email is locked out, the time the lock ends; otherwise null. */
export async function loginLockedUntil(db: Database, email: string, now = new Date()): Promise<Date | null> {
  const since = new Date(now.getTime() - WINDOW_MS - LOCK_MS);
  const recent = await db
    .select({ succeeded: loginAttempts.succeeded, at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), gt(loginAttempts.attemptedAt, since)))
    .orderBy(desc(loginAttempts.attemptedAt));
  const lastSuccess = recent.findIndex((row) => row.succeeded);
  const failures = (lastSuccess === -1 ? recent : recent.slice(0, lastSuccess)).map((row) => row.at);
  return lockedUntil(failures, now);
}
