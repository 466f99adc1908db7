import bcrypt from "bcryptjs";
import { and, desc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { auditLog, cities, loginAttempts, users } from "@/db/schema";
import { changeUserRole, createUser, findUserForLogin, getUserById, listUsers, setUserDisabled, unlockUser } from "@/db/queries/users";
import { loginLockedUntil, loginLocks, recordLoginAttempt } from "@/db/queries/login-attempts";
import { AppError } from "@/lib/errors";
import { createUserSchema, createUserWithPasswordSchema } from "@/lib/validation/users";

async function adminId(db: ReturnType<Parameters<Parameters<typeof describeDb>[1]>[0]>) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.cwis"));
  if (!row) throw new Error("seeded admin missing");
  return row.id;
}

describeDb("users", (db) => {
  it("creates a user with a typed password (the command line's first admin) as a bcrypt hash and an audit row, never exposing the hash", async () => {
    const actor = await adminId(db());
    const input = createUserWithPasswordSchema.parse({ email: "Nasrin@Example.org", name: "Nasrin Akter", role: "partner", cityId: "", locale: "bn", password: "a-long-password" });
    const created = await createUser(db(), input, actor);
    expect(created).not.toHaveProperty("passwordHash");
    expect(created).toMatchObject({ email: "nasrin@example.org", role: "partner", cityId: null, locale: "bn", disabled: false });

    const login = await findUserForLogin(db(), "NASRIN@example.org");
    expect(login && (await bcrypt.compare("a-long-password", login.passwordHash))).toBe(true);

    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(created.id))));
    expect(audit).toMatchObject({ action: "user.create", actorId: actor, before: null });
    expect(audit?.after).toMatchObject({ email: "nasrin@example.org", role: "partner" });
    expect(JSON.stringify(audit?.after)).not.toContain("$2");
  });

  it("refuses a duplicate email with a friendly error and writes nothing", async () => {
    const actor = await adminId(db());
    const before = await db().select().from(auditLog);
    const input = createUserSchema.parse({ email: "admin@demo.cwis", name: "Someone", role: "partner" });
    await expect(createUser(db(), input, actor)).rejects.toMatchObject({ code: "conflict", messageKey: "users.emailTaken" });
    expect(await db().select().from(auditLog)).toHaveLength(before.length);
  });

  it("refuses an officer whose city does not exist", async () => {
    const actor = await adminId(db());
    const input = createUserSchema.parse({ email: "ghost@example.org", name: "Ghost", role: "officer", cityId: "999999" });
    await expect(createUser(db(), input, actor)).rejects.toMatchObject({ messageKey: "validation.city" });
    expect(await findUserForLogin(db(), "ghost@example.org")).toBeNull();
  });

  it("the database itself refuses an officer without a city", async () => {
    await expect(db().insert(users).values({ email: "raw@example.org", name: "Raw", role: "officer", passwordHash: "x" })).rejects.toThrow();
  });

  it("changes a role, sets the officer's city, and records before and after", async () => {
    const actor = await adminId(db());
    const [partner] = await db().select().from(users).where(eq(users.email, "partner@demo.cwis"));
    const [jhenaidah] = await db().select().from(cities).where(eq(cities.slug, "jhenaidah"));
    if (!partner || !jhenaidah) throw new Error("seed missing");
    const updated = await changeUserRole(db(), { userId: partner.id, role: "officer", cityId: jhenaidah.id }, actor);
    expect(updated).toMatchObject({ role: "officer", cityId: jhenaidah.id });
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "user.role")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit?.before).toMatchObject({ role: "partner", cityId: null });
    expect(audit?.after).toMatchObject({ role: "officer", cityId: jhenaidah.id });
  });

  it("disables and enables a user, and refuses an admin disabling or demoting themself", async () => {
    const actor = await adminId(db());
    const [trainer] = await db().select().from(users).where(eq(users.email, "trainer@demo.cwis"));
    if (!trainer) throw new Error("seed missing");
    expect((await setUserDisabled(db(), { userId: trainer.id, disabled: true }, actor)).disabled).toBe(true);
    expect((await getUserById(db(), trainer.id))?.disabled).toBe(true);
    expect((await setUserDisabled(db(), { userId: trainer.id, disabled: false }, actor)).disabled).toBe(false);
    const actions = (await db().select().from(auditLog).where(eq(auditLog.entityId, String(trainer.id)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["user.disable", "user.enable"]));

    await expect(setUserDisabled(db(), { userId: actor, disabled: true }, actor)).rejects.toBeInstanceOf(AppError);
    await expect(changeUserRole(db(), { userId: actor, role: "partner", cityId: null }, actor)).rejects.toMatchObject({ messageKey: "users.cannotDemoteSelf" });
    expect((await getUserById(db(), actor))?.role).toBe("admin");
  });

  it("a missing user is not found, and nothing is audited", async () => {
    const actor = await adminId(db());
    const before = (await db().select().from(auditLog)).length;
    await expect(setUserDisabled(db(), { userId: 999999, disabled: true }, actor)).rejects.toMatchObject({ code: "not_found" });
    expect(await db().select().from(auditLog)).toHaveLength(before);
  });

  it("pages through users with a total", async () => {
    const first = await listUsers(db(), { limit: 2, offset: 0 });
    const all = await listUsers(db(), { limit: 100, offset: 0 });
    expect(first.rows).toHaveLength(2);
    expect(first.total).toBe(all.rows.length);
    expect(all.rows[0]).not.toHaveProperty("passwordHash");
  });
});

describeDb("unlocking a sign-in lock", (db) => {
  it("clears the address's failures, keeps its successes, and is audited", async () => {
    const actor = await adminId(db());
    const [reviewer] = await db().select().from(users).where(eq(users.email, "reviewer@demo.cwis"));
    if (!reviewer) throw new Error("seed missing");
    await recordLoginAttempt(db(), { email: reviewer.email, ip: "10.1.1.1", succeeded: true });
    for (let i = 0; i < 5; i++) await recordLoginAttempt(db(), { email: reviewer.email, ip: "10.1.1.1", succeeded: false });
    await recordLoginAttempt(db(), { email: "partner@demo.cwis", ip: "10.1.1.1", succeeded: false });
    expect((await loginLocks(db(), [reviewer.email, "partner@demo.cwis"])).has(reviewer.email)).toBe(true);

    expect(await unlockUser(db(), reviewer.id, actor)).toEqual({ email: reviewer.email, cleared: 5 });
    expect(await loginLockedUntil(db(), reviewer.email)).toBeNull();
    expect((await loginLocks(db(), [reviewer.email])).size).toBe(0);
    const left = await db().select().from(loginAttempts);
    expect(left.filter((a) => a.email === reviewer.email).map((a) => a.succeeded)).toEqual([true]);
    expect(left.filter((a) => a.email === "partner@demo.cwis")).toHaveLength(1);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "user.unlock")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ actorId: actor, entity: "user", entityId: String(reviewer.id), after: { email: reviewer.email, failuresCleared: 5 } });
    await expect(unlockUser(db(), 999_999, actor)).rejects.toMatchObject({ code: "not_found" });
  });
});
