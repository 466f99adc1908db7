import { expect, it } from "vitest";
import { describeDb } from "./support";
import { loginAttempts } from "@/db/schema";
import { loginLockedUntil, recordLoginAttempt } from "@/db/queries/login-attempts";

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
