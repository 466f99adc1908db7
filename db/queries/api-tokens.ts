import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { apiTokens, users } from "../schema";
import { writeAudit } from "./audit";
import { publicUserColumns, type PublicUser } from "./users";
import { AppError } from "@/lib/errors";
import type { TokenScope } from "@/lib/domain";

export const TOKEN_PREFIX = "cwis_";
const DAY_MS = 24 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface CreateApiTokenInput {
  userId: number;
  name: string;
  /** Read-only unless asked: a leaked token then exposes data but cannot change it. */
  scope?: TokenScope;
  /** Days until it stops working; null never expires. */
  expiresInDays?: number | null;
}

/** Creates a personal API token. The plain token is returned once and only its hash is stored. */
export async function createApiToken(db: Database, input: CreateApiTokenInput, now = new Date()): Promise<{ id: number; token: string; expiresAt: Date | null; scope: TokenScope }> {
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  const scope = input.scope ?? "read";
  const days = input.expiresInDays === undefined ? 90 : input.expiresInDays;
  const expiresAt = days === null ? null : new Date(now.getTime() + days * DAY_MS);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: input.userId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), scope, expiresAt })
      .returning({ id: apiTokens.id });
    if (!row) throw new AppError("unexpected");
    await writeAudit(tx, { actorId: input.userId, action: "token.create", entity: "api_token", entityId: row.id, after: { name: input.name, scope, expiresAt } });
    return { id: row.id, token, expiresAt, scope };
  });
}

export async function listApiTokens(db: Database, userId: number) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, scope: apiTokens.scope, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Active tokens (neither revoked nor expired) a user holds now. */
export async function countActiveApiTokens(db: Database, userId: number, now = new Date()): Promise<number> {
  const rows = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))));
  return rows.length;
}

/** Revokes one of the user's own tokens; another user's token is "not found" and is left alone. */
export async function revokeApiToken(db: Database, input: { userId: number; tokenId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!row) throw new AppError("not_found");
    await writeAudit(tx, { actorId: input.userId, action: "token.revoke", entity: "api_token", entityId: row.id, before: { name: row.name } });
  });
}

/** What a bearer token stands for: its user and scope, or why it does not hold. */
export type TokenResolution = { status: "active"; user: PublicUser; scope: TokenScope } | { status: "unknown" | "revoked" | "expired" | "disabled" };

/**
 * Resolves a bearer token in one statement (it also stamps last use); only a refused token costs
 * a second look, to say why.
 */
export async function resolveApiToken(db: Database, token: string, now = new Date()): Promise<TokenResolution> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return { status: "unknown" };
  const tokenHash = hashToken(token);
  // update … from … where: the lint rule only recognises .set().where(), so it is told this one is scoped.
  // eslint-disable-next-line drizzle/enforce-update-with-where
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .from(users)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)), eq(users.id, apiTokens.userId), eq(users.disabled, false)))
    .returning({ user: publicUserColumns, scope: apiTokens.scope });
  if (row) return { status: "active", user: row.user, scope: row.scope };
  const [refused] = await db
    .select({ revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt, disabled: users.disabled })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  if (!refused) return { status: "unknown" };
  if (refused.revokedAt) return { status: "revoked" };
  if (refused.disabled) return { status: "disabled" };
  return { status: "expired" };
}

/** The active user a bearer token belongs to, or null (unknown, revoked, expired, or the user is disabled). */
export async function userIdForToken(db: Database, token: string): Promise<number | null> {
  const resolved = await resolveApiToken(db, token);
  return resolved.status === "active" ? resolved.user.id : null;
}
