import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { loginAttempts, userSessions, users } from "@/db/schema";
import { loginLockedUntil, recordLoginAttempt } from "@/db/queries/login-attempts";
import { setUserDisabled } from "@/db/queries/users";
import { DEMO_PASSWORD } from "@/db/data/demo-users";
import { checkCredentials, clientIp } from "@/server/sign-in";

describeDb("login throttling", (db) => {
  const fail = (email: string) => recordLoginAttempt(db(), { email, ip: "127.0.0.1", succeeded: false });

  it("locks an email after five failures, and only that email", async () => {
    for (let i = 0; i < 4; i++) await fail("a@example.org");
    expect(await loginLockedUntil(db(), "a@example.org")).toBeNull();
    await fail("a@example.org");
    const until = await loginLockedUntil(db(), "a@example.org");
    expect(until).not.toBeNull();
    const minutes = ((until?.getTime() ?? 0) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await loginLockedUntil(db(), "b@example.org")).toBeNull();
  });

  it("holds the lock for fifteen minutes, then lets the email try again", async () => {
    const base = new Date();
    const at = (minutesAgo: number) => new Date(base.getTime() - minutesAgo * 60_000);
    await db().insert(loginAttempts).values([20, 19, 18, 17, 16].map((m) => ({ email: "c@example.org", succeeded: false, attemptedAt: at(m) })));
    expect(await loginLockedUntil(db(), "c@example.org", base)).toBeNull();
    expect(await loginLockedUntil(db(), "c@example.org", at(5))).not.toBeNull();
  });

  it("a successful sign-in clears earlier failures", async () => {
    for (let i = 0; i < 4; i++) await fail("d@example.org");
    await recordLoginAttempt(db(), { email: "d@example.org", ip: null, succeeded: true });
    await fail("d@example.org");
    expect(await loginLockedUntil(db(), "d@example.org")).toBeNull();
  });
});

describeDb("the credential check under the throttle", (db) => {
  /** A bcrypt compare that counts how many passwords were actually evaluated. */
  function countingCompare() {
    const counter = { calls: 0 };
    const compare = async (password: string, hash: string) => {
      counter.calls++;
      return bcrypt.compare(password, hash);
    };
    return { counter, compare };
  }
  const attemptsOf = (email: string) => db().select().from(loginAttempts).where(eq(loginAttempts.email, email));

  it("evaluates exactly five of twenty parallel wrong passwords for one address", async () => {
    const { counter, compare } = countingCompare();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => checkCredentials(db(), { email: "reviewer@demo.cwis", password: `wrong-${i}`, ip: "198.51.100.7" }, { compare })),
    );
    expect(counter.calls).toBe(5);
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "throttled.address")).toHaveLength(15);
    // Only evaluated attempts are recorded.
    expect(await attemptsOf("reviewer@demo.cwis")).toHaveLength(5);
    // The right password from the same IP is refused too, without being compared.
    const locked = await checkCredentials(db(), { email: "reviewer@demo.cwis", password: DEMO_PASSWORD, ip: "198.51.100.7" }, { compare });
    expect(locked).toEqual({ ok: false, reason: "throttled.address" });
    expect(counter.calls).toBe(5);
  });

  it("lets the owner sign in to a locked address from another IP", async () => {
    const { counter, compare } = countingCompare();
    for (let i = 0; i < 5; i++) await checkCredentials(db(), { email: "partner@demo.cwis", password: "guess", ip: "203.0.113.1" }, { compare });
    expect(await checkCredentials(db(), { email: "partner@demo.cwis", password: "guess", ip: "203.0.113.1" }, { compare })).toEqual({ ok: false, reason: "throttled.address" });
    const owner = await checkCredentials(db(), { email: "partner@demo.cwis", password: DEMO_PASSWORD, ip: "192.0.2.55" }, { compare });
    expect(owner.ok).toBe(true);
    expect(counter.calls).toBe(6);
    const recorded = await attemptsOf("partner@demo.cwis");
    expect(recorded.filter((a) => a.succeeded)).toEqual([expect.objectContaining({ ip: "192.0.2.55" })]);
  });

  it("stops password spraying: thirty failures from one IP lock it for every address", async () => {
    const { counter, compare } = countingCompare();
    const emails = Array.from({ length: 40 }, (_, i) => `sprayed-${i}@example.org`);
    const results = await Promise.all(emails.map((email) => checkCredentials(db(), { email, password: "Summer2026!", ip: "198.51.100.99" }, { compare })));
    expect(counter.calls).toBe(30);
    expect(results.filter((r) => !r.ok && r.reason === "throttled.network")).toHaveLength(10);
    // A real account from that IP is refused as well; from another IP it is not.
    expect(await checkCredentials(db(), { email: "trainer@demo.cwis", password: DEMO_PASSWORD, ip: "198.51.100.99" }, { compare })).toEqual({ ok: false, reason: "throttled.network" });
    expect((await checkCredentials(db(), { email: "trainer@demo.cwis", password: DEMO_PASSWORD, ip: "198.51.100.100" }, { compare })).ok).toBe(true);
  });

  it("the backstop locks an address for everyone after fifty failures from many IPs", async () => {
    const { compare } = countingCompare();
    const email = "officer.kushtia@demo.cwis";
    for (let ip = 0; ip < 10; ip++) {
      await Promise.all(Array.from({ length: 5 }, (_, i) => checkCredentials(db(), { email, password: `guess-${i}`, ip: `10.9.${ip}.1` }, { compare })));
    }
    expect(await attemptsOf(email)).toHaveLength(50);
    const { counter, compare: counted } = countingCompare();
    expect(await checkCredentials(db(), { email, password: DEMO_PASSWORD, ip: "172.16.0.1" }, { compare: counted })).toEqual({ ok: false, reason: "throttled.account" });
    expect(counter.calls).toBe(0);
    expect(await loginLockedUntil(db(), email)).not.toBeNull();
  });

  it("answers a disabled account the same whatever the password, without comparing it", async () => {
    const [admin] = await db().select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.cwis"));
    const [target] = await db().select({ id: users.id }).from(users).where(eq(users.email, "officer.mahalaxmi@demo.cwis"));
    if (!admin || !target) throw new Error("seed missing");
    await setUserDisabled(db(), { userId: target.id, disabled: true }, admin.id);
    const { counter, compare } = countingCompare();
    const right = await checkCredentials(db(), { email: "officer.mahalaxmi@demo.cwis", password: DEMO_PASSWORD, ip: "192.0.2.1" }, { compare });
    const wrong = await checkCredentials(db(), { email: "officer.mahalaxmi@demo.cwis", password: "not-it", ip: "192.0.2.1" }, { compare });
    expect(right).toEqual({ ok: false, reason: "disabled" });
    expect(wrong).toEqual(right);
    expect(counter.calls).toBe(0);
    await setUserDisabled(db(), { userId: target.id, disabled: false }, admin.id);
  });

  it("an unknown address is compared anyway (same timing) and answered as invalid", async () => {
    const { counter, compare } = countingCompare();
    expect(await checkCredentials(db(), { email: "Nobody@Example.org", password: "x", ip: "192.0.2.2" }, { compare })).toEqual({ ok: false, reason: "invalid" });
    expect(counter.calls).toBe(1);
    expect(await attemptsOf("nobody@example.org")).toHaveLength(1);
  });

  it("a successful sign-in opens a session row and records the success", async () => {
    const result = await checkCredentials(db(), { email: "ADMIN@demo.cwis", password: DEMO_PASSWORD, ip: "192.0.2.3" });
    if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
    expect(result.user.email).toBe("admin@demo.cwis");
    const [session] = await db().select().from(userSessions).where(eq(userSessions.id, result.sessionId));
    expect(session).toMatchObject({ userId: result.user.id, revokedAt: null });
    const hours = ((session?.expiresAt.getTime() ?? 0) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    expect((await attemptsOf("admin@demo.cwis")).map((a) => a.succeeded)).toEqual([true]);
  });

  it("takes the client address from the last X-Forwarded-For entry (the nearest proxy's)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 10.0.0.1" }))).toBe("10.0.0.1");
    expect(clientIp(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("::ffff:127.0.0.1");
    expect(clientIp(new Headers())).toBeNull();
    expect(clientIp(undefined)).toBeNull();
  });
});
