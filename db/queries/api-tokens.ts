import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { apiTokens, users } from "../schema";
import { writeAudit } from "./audit";
import { AppError } from "@/lib/errors";

export const TOKEN_PREFIX = "cwis_";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a personal API token. The plain token is returned once and only its hash is stored. */
export async function createApiToken(db: Database, input: { userId: number; name: string }): Promise<{ id: number; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(apiTokens).values({ userId: input.userId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) }).returning({ id: apiTokens.id });
    if (!row) throw new AppError("unexpected");
    await writeAudit(tx, { actorId: input.userId, action: "token.create", entity: "api_token", entityId: row.id, after: { name: input.name } });
    return { id: row.id, token };
  });
}

export async function listApiTokens(db: Database, userId: number) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens; another user's token is "not found". */
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

/** The active user a bearer token belongs to, or null (unknown, revoked, or the user is disabled). */
export async function userIdForToken(db: Database, token: string): Promise<number | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  // update … from … where: the lint rule only recognises .set().where(), so it is told this one is scoped.
  // eslint-disable-next-line drizzle/enforce-update-with-where
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .from(users)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), eq(users.id, apiTokens.userId), eq(users.disabled, false)))
    .returning({ userId: apiTokens.userId });
  return row?.userId ?? null;
}
