import { and, desc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { auditLog, userSessions, users } from "@/db/schema";
import { countActiveSessions, createUserSession, findActiveSession, renewUserSession, revokeUserSession, revokeUserSessions, signOutEverywhere } from "@/db/queries/user-sessions";
import { setUserDisabled } from "@/db/queries/users";

const HOUR = 3_600_000;

describeDb("browser sessions", (db) => {
  const userId = async (email: string) => {
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!row) throw new Error(`no user ${email}`);
    return row.id;
  };

  it("a new session holds for twelve hours and carries its user", async () => {
    const partner = await userId("partner@demo.cwis");
    const id = await createUserSession(db(), partner);
    const found = await findActiveSession(db(), id);
    expect(found?.user).toMatchObject({ id: partner, email: "partner@demo.cwis", role: "partner" });
    expect(found?.user).not.toHaveProperty("passwordHash");
    expect(found?.renewDue).toBe(false);
    // Twelve hours later it is gone.
    expect(await findActiveSession(db(), id, new Date(Date.now() + 12 * HOUR + 1000))).toBeNull();
  });

  it("a signed-out session is refused, and signing out twice finds nothing to end", async () => {
    const trainer = await userId("trainer@demo.cwis");
    const id = await createUserSession(db(), trainer);
    expect(await revokeUserSession(db(), id)).toBe(true);
    expect(await findActiveSession(db(), id)).toBeNull();
    expect(await revokeUserSession(db(), id)).toBe(false);
  });

  it("unknown and malformed ids are refused without a database error", async () => {
    expect(await findActiveSession(db(), "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await findActiveSession(db(), "not-a-uuid'; drop table users; --")).toBeNull();
    expect(await revokeUserSession(db(), "")).toBe(false);
  });

  it("rolls forward at most once an hour while in use", async () => {
    const reviewer = await userId("reviewer@demo.cwis");
    const started = new Date(Date.now() - 2 * HOUR);
    const id = await createUserSession(db(), reviewer, started);
    const before = await findActiveSession(db(), id);
    expect(before?.renewDue).toBe(true);
    await renewUserSession(db(), id);
    const after = await findActiveSession(db(), id);
    expect(after?.renewDue).toBe(false);
    expect((after?.expiresAt.getTime() ?? 0) - (before?.expiresAt.getTime() ?? 0)).toBeGreaterThan(1.9 * HOUR);
    // A revoked session is not brought back by a renewal.
    await revokeUserSession(db(), id);
    await renewUserSession(db(), id);
    expect(await findActiveSession(db(), id)).toBeNull();
  });

  it("disabling a user ends their sessions for good: enabling again does not revive them", async () => {
    const admin = await userId("admin@demo.cwis");
    const officer = await userId("officer.kushtia@demo.cwis");
    const id = await createUserSession(db(), officer);
    await setUserDisabled(db(), { userId: officer, disabled: true }, admin);
    expect(await findActiveSession(db(), id)).toBeNull();
    await setUserDisabled(db(), { userId: officer, disabled: false }, admin);
    expect(await findActiveSession(db(), id)).toBeNull();
    expect((await db().select().from(userSessions).where(eq(userSessions.id, id)))[0]?.revokedAt).toBeInstanceOf(Date);
  });

  it("a disabled user's live session row is refused even before it is ended", async () => {
    const officer = await userId("officer.mahalaxmi@demo.cwis");
    const id = await createUserSession(db(), officer);
    await db().update(users).set({ disabled: true }).where(eq(users.id, officer));
    expect(await findActiveSession(db(), id)).toBeNull();
    await db().update(users).set({ disabled: false }).where(eq(users.id, officer));
    expect(await findActiveSession(db(), id)).not.toBeNull();
  });

  it("signs out everywhere: every session of that user ends, others' stay, and it is audited", async () => {
    const partner = await userId("partner@demo.cwis");
    const trainer = await userId("trainer@demo.cwis");
    const mine = [await createUserSession(db(), partner), await createUserSession(db(), partner)];
    const theirs = await createUserSession(db(), trainer);
    const active = await countActiveSessions(db(), partner);
    expect(active).toBeGreaterThanOrEqual(2);
    expect(await signOutEverywhere(db(), partner, partner)).toBe(active);
    for (const id of mine) expect(await findActiveSession(db(), id)).toBeNull();
    expect(await countActiveSessions(db(), partner)).toBe(0);
    expect(await findActiveSession(db(), theirs)).not.toBeNull();
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.signOutEverywhere"), eq(auditLog.entityId, String(partner))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({ actorId: partner, entity: "user", after: { sessionsEnded: active } });
  });

  it("can keep one session (the browser that changed the password) while ending the rest", async () => {
    const reviewer = await userId("reviewer@demo.cwis");
    const keep = await createUserSession(db(), reviewer);
    const other = await createUserSession(db(), reviewer);
    expect(await revokeUserSessions(db(), reviewer, keep)).toBeGreaterThanOrEqual(1);
    expect(await findActiveSession(db(), keep)).not.toBeNull();
    expect(await findActiveSession(db(), other)).toBeNull();
  });
});
