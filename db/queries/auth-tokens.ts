import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { authTokens, users } from "../schema";
import { AppError } from "@/lib/errors";
import type { AuthTokenPurpose } from "@/lib/domain";

// Single-use links mailed to a user (password reset, invitation). Only the sha256 of a token is
// stored; the token itself is in the mail and nowhere else.

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface IssuedAuthToken {
  /** The token for the link, returned once. */
  token: string;
  expiresAt: Date;
}

/**
 * Issues a new link for `purpose`, voiding the user's earlier unused links of the same purpose
 * (only the newest mail works). Call inside the transaction that queues its mail.
 */
export async function createAuthToken(db: Database, input: { userId: number; purpose: AuthTokenPurpose; ttlMs: number }, now = new Date()): Promise<IssuedAuthToken> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + input.ttlMs);
  await voidAuthTokens(db, input.userId, { purpose: input.purpose, now });
  const [row] = await db.insert(authTokens).values({ userId: input.userId, purpose: input.purpose, tokenHash: hashToken(token), expiresAt, createdAt: now }).returning({ id: authTokens.id });
  if (!row) throw new AppError("unexpected");
  return { token, expiresAt };
}

/** Marks the user's unused links used (of one purpose, or all): they stop working. Returns how many. */
export async function voidAuthTokens(db: Database, userId: number, options: { purpose?: AuthTokenPurpose; now?: Date } = {}): Promise<number> {
  const rows = await db
    .update(authTokens)
    .set({ usedAt: options.now ?? sql`now()` })
    .where(and(eq(authTokens.userId, userId), isNull(authTokens.usedAt), options.purpose ? eq(authTokens.purpose, options.purpose) : undefined))
    .returning({ id: authTokens.id });
  return rows.length;
}

/** The account a link works for now (unused, unexpired, of this purpose, user not disabled), or null. Changes nothing. */
export async function findUsableAuthToken(db: Database, token: string, purpose: AuthTokenPurpose, now = new Date()): Promise<{ userId: number; email: string; expiresAt: Date } | null> {
  const [row] = await db
    .select({ userId: authTokens.userId, email: users.email, expiresAt: authTokens.expiresAt })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now), eq(users.disabled, false)));
  return row ?? null;
}

/**
 * Uses a link: one statement that marks it used only if it is still unused, unexpired and of this
 * purpose, so two requests racing with the same link cannot both succeed (the second waits for
 * the first's row lock and then finds it used). Null: nothing was used.
 */
export async function consumeAuthToken(db: Database, token: string, purpose: AuthTokenPurpose, now = new Date()): Promise<{ id: number; userId: number } | null> {
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.tokenHash, hashToken(token)), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now), eq(authTokens.purpose, purpose)))
    .returning({ id: authTokens.id, userId: authTokens.userId });
  return row ?? null;
}
