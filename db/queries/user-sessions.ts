import { and, count, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Database } from "../client";
import { userSessions, users } from "../schema";
import { publicUserColumns, type PublicUser } from "./users";
import { writeAudit } from "./audit";
import { SESSION_MAX_AGE_S } from "@/lib/auth.config";

const MAX_AGE_MS = SESSION_MAX_AGE_S * 1000;
/** An active session's end moves forward at most this often, so a busy user costs one write an hour. */
export const SESSION_RENEW_AFTER_MS = 60 * 60 * 1000;

// A cookie is signed, but an id that is not a uuid must never reach the uuid column (it would be a SQL error).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Starts a session for one browser; its id goes into the session cookie. */
export async function createUserSession(db: Database, userId: number, now = new Date()): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({ userId, createdAt: now, expiresAt: new Date(now.getTime() + MAX_AGE_MS) })
    .returning({ id: userSessions.id });
  if (!row) throw new Error("session not created");
  return row.id;
}

export interface ActiveSession {
  user: PublicUser;
  expiresAt: Date;
  /** Whether the session's end is due to move forward (see renewUserSession). */
  renewDue: boolean;
}

/**
 * The session and its user in one query, or null when the session was signed out, has expired,
 * does not exist, or its user is disabled.
 */
export async function findActiveSession(db: Database, sessionId: string, now = new Date()): Promise<ActiveSession | null> {
  if (!UUID.test(sessionId)) return null;
  const [row] = await db
    .select({ user: publicUserColumns, expiresAt: userSessions.expiresAt })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now), eq(users.disabled, false)));
  if (!row) return null;
  return { ...row, renewDue: row.expiresAt.getTime() - now.getTime() < MAX_AGE_MS - SESSION_RENEW_AFTER_MS };
}

/** Moves an active session's end to 12 hours from now, like the cookie's (which rolls on use). */
export async function renewUserSession(db: Database, sessionId: string, now = new Date()): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await db
    .update(userSessions)
    .set({ expiresAt: new Date(now.getTime() + MAX_AGE_MS) })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now)));
}

/** Signs one browser out. False when there was no active session to end. */
export async function revokeUserSession(db: Database, sessionId: string): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  const rows = await db
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return rows.length > 0;
}

/**
 * Ends every session of a user (disabling the account; a password change would keep `exceptId`,
 * the browser that made it). Call inside the transaction of the change.
 */
export async function revokeUserSessions(db: Database, userId: number, exceptId?: string): Promise<number> {
  const rows = await db
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), exceptId && UUID.test(exceptId) ? ne(userSessions.id, exceptId) : undefined))
    .returning({ id: userSessions.id });
  return rows.length;
}

/** "Sign out everywhere": every browser of the user, this one included, with an audit row. */
export async function signOutEverywhere(db: Database, userId: number, actorId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await revokeUserSessions(tx, userId);
    await writeAudit(tx, { actorId, action: "user.signOutEverywhere", entity: "user", entityId: userId, after: { sessionsEnded: ended } });
    return ended;
  });
}

/** Browsers the user is signed in on now. */
export async function countActiveSessions(db: Database, userId: number, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now)));
  return row?.n ?? 0;
}
