import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { apiTokens, auditLog, users } from "@/db/schema";
import { createApiToken, listApiTokens, revokeApiToken, userIdForToken, TOKEN_PREFIX } from "@/db/queries/api-tokens";
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
