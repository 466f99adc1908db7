import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { apiTokens, auditLog, users } from "@/db/schema";
import { countActiveApiTokens, createApiToken, listApiTokens, resolveApiToken, revokeApiToken, userIdForToken, TOKEN_PREFIX } from "@/db/queries/api-tokens";
import { setUserDisabled } from "@/db/queries/users";
import { AppError } from "@/lib/errors";

describeDb("personal API tokens", (db) => {
  const userId = async (email: string) => {
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!row) throw new Error(`no user ${email}`);
    return row.id;
  };

  it("stores only a hash of the token, and resolves the token to its user", async () => {
    const partner = await userId("partner@demo.cwis");
    const { id, token } = await createApiToken(db(), { userId: partner, name: "Sync to partner BI" });
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token.length).toBeGreaterThan(30);

    const rows = await db().select().from(apiTokens);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(token);
    const [stored] = rows.filter((row) => row.id === id);
    expect(stored?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(token.startsWith(stored?.prefix ?? "-")).toBe(true);
    expect(stored?.lastUsedAt).toBeNull();

    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entity, "api_token"), eq(auditLog.entityId, String(id))));
    expect(audit).toMatchObject({ action: "token.create", actorId: partner });
    expect(JSON.stringify(audit)).not.toContain(token);

    expect(await userIdForToken(db(), token)).toBe(partner);
    const [used] = await listApiTokens(db(), partner);
    expect(used).toMatchObject({ id, name: "Sync to partner BI", revokedAt: null });
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
    // The list never carries the hash.
    expect(used).not.toHaveProperty("tokenHash");
  });

  it("refuses unknown, malformed and tampered tokens", async () => {
    const reviewer = await userId("reviewer@demo.cwis");
    const { token } = await createApiToken(db(), { userId: reviewer, name: "tamper" });
    expect(await userIdForToken(db(), `${token}x`)).toBeNull();
    expect(await userIdForToken(db(), token.slice(0, -1))).toBeNull();
    expect(await userIdForToken(db(), token.replace(TOKEN_PREFIX, "other_"))).toBeNull();
    expect(await userIdForToken(db(), "")).toBeNull();
    expect(await userIdForToken(db(), `${TOKEN_PREFIX}${"a".repeat(500)}`)).toBeNull();
  });

  it("a revoked token resolves to nobody", async () => {
    const trainer = await userId("trainer@demo.cwis");
    const { id, token } = await createApiToken(db(), { userId: trainer, name: "to revoke" });
    await revokeApiToken(db(), { userId: trainer, tokenId: id });
    expect(await userIdForToken(db(), token)).toBeNull();
    const [row] = (await listApiTokens(db(), trainer)).filter((t) => t.id === id);
    expect(row?.revokedAt).toBeInstanceOf(Date);
    // Revoking twice is "not found": there is nothing active left to revoke.
    await expect(revokeApiToken(db(), { userId: trainer, tokenId: id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a disabled user's token resolves to nobody, and works again when re-enabled", async () => {
    const admin = await userId("admin@demo.cwis");
    const officer = await userId("officer.kushtia@demo.cwis");
    const { token } = await createApiToken(db(), { userId: officer, name: "officer sync" });
    expect(await userIdForToken(db(), token)).toBe(officer);
    await setUserDisabled(db(), { userId: officer, disabled: true }, admin);
    expect(await userIdForToken(db(), token)).toBeNull();
    await setUserDisabled(db(), { userId: officer, disabled: false }, admin);
    expect(await userIdForToken(db(), token)).toBe(officer);
  });

  it("nobody can revoke another user's token", async () => {
    const owner = await userId("officer.mahalaxmi@demo.cwis");
    const other = await userId("partner@demo.cwis");
    const { id, token } = await createApiToken(db(), { userId: owner, name: "mine" });
    const attempt = revokeApiToken(db(), { userId: other, tokenId: id });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(revokeApiToken(db(), { userId: other, tokenId: id })).rejects.toMatchObject({ code: "not_found" });
    expect(await userIdForToken(db(), token)).toBe(owner);
    expect((await listApiTokens(db(), other)).map((t) => t.id)).not.toContain(id);
  });
});

describeDb("API token scope and expiry", (db) => {
  const userId = async (email: string) => {
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!row) throw new Error(`no user ${email}`);
    return row.id;
  };
  const DAY = 86_400_000;

  it("new tokens are read-only and expire after 90 days unless asked otherwise", async () => {
    const partner = await userId("partner@demo.cwis");
    const made = await createApiToken(db(), { userId: partner, name: "defaults" });
    expect(made.scope).toBe("read");
    const days = ((made.expiresAt?.getTime() ?? 0) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const resolved = await resolveApiToken(db(), made.token);
    expect(resolved).toMatchObject({ status: "active", scope: "read", user: { id: partner, role: "partner" } });

    const forever = await createApiToken(db(), { userId: partner, name: "sync", scope: "write", expiresInDays: null });
    expect(await resolveApiToken(db(), forever.token)).toMatchObject({ status: "active", scope: "write" });
    const listed = (await listApiTokens(db(), partner)).find((t) => t.id === forever.id);
    expect(listed).toMatchObject({ scope: "write", expiresAt: null });
  });

  it("says why a token is refused: revoked, expired, disabled or unknown", async () => {
    const admin = await userId("admin@demo.cwis");
    const trainer = await userId("trainer@demo.cwis");
    const old = await createApiToken(db(), { userId: trainer, name: "old", expiresInDays: 30 }, new Date(Date.now() - 31 * DAY));
    expect(await resolveApiToken(db(), old.token)).toEqual({ status: "expired" });
    expect(await userIdForToken(db(), old.token)).toBeNull();
    expect(await countActiveApiTokens(db(), trainer)).toBe(0);

    const revoked = await createApiToken(db(), { userId: trainer, name: "revoked" });
    await revokeApiToken(db(), { userId: trainer, tokenId: revoked.id });
    expect(await resolveApiToken(db(), revoked.token)).toEqual({ status: "revoked" });

    const live = await createApiToken(db(), { userId: trainer, name: "live" });
    await setUserDisabled(db(), { userId: trainer, disabled: true }, admin);
    expect(await resolveApiToken(db(), live.token)).toEqual({ status: "disabled" });
    await setUserDisabled(db(), { userId: trainer, disabled: false }, admin);
    expect(await resolveApiToken(db(), live.token)).toMatchObject({ status: "active" });

    expect(await resolveApiToken(db(), `${TOKEN_PREFIX}unknown`)).toEqual({ status: "unknown" });
    expect(await resolveApiToken(db(), "Bearer nonsense")).toEqual({ status: "unknown" });
  });

  it("revoking someone else's token is not found and changes nothing, not even the audit log", async () => {
    const owner = await userId("reviewer@demo.cwis");
    const other = await userId("officer.kushtia@demo.cwis");
    const { id, token } = await createApiToken(db(), { userId: owner, name: "not yours" });
    const auditBefore = await db().select().from(auditLog);
    await expect(revokeApiToken(db(), { userId: other, tokenId: id })).rejects.toMatchObject({ code: "not_found", status: 404 });
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row?.revokedAt).toBeNull();
    expect(await db().select().from(auditLog)).toHaveLength(auditBefore.length);
    expect(await resolveApiToken(db(), token)).toMatchObject({ status: "active" });
  });
});
