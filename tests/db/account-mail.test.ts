import bcrypt from "bcryptjs";
import { and, desc, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { expect, it } from "vitest";
import { describeDb, seededCityId, seededUser } from "./support";
import { auditLog, authTokens, outbox, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { createAuthToken, findUsableAuthToken } from "@/db/queries/auth-tokens";
import { countActiveSessions, createUserSession, findActiveSession } from "@/db/queries/user-sessions";
import { findUserForLogin, listUsers, setUserDisabled } from "@/db/queries/users";
import { acceptInvitation, inviteUser, resendInvitation } from "@/server/account/invite";
import { requestPasswordReset, resetPassword, RESET_LIMITS } from "@/server/account/reset";
import { sendDueMessages } from "@/server/mail/worker";
import { smtpTransport } from "@/server/mail/transport";
import { translator } from "@/lib/i18n/messages";
import { createUserSchema } from "@/lib/validation/users";
import { useTestSmtp } from "../support/smtp";

const APP_URL = "https://cwis.example.org";
const FROM = "CWIS Mentor Cities <no-reply@cwis.example.org>";
const MINUTE = 60 * 1000;

const smtp = useTestSmtp({ APP_URL });

const mailTo = (db: Database, address: string, kind: string) => db.select().from(outbox).where(and(eq(outbox.toAddress, address), eq(outbox.kind, kind))).orderBy(outbox.id);
const tokensOf = (db: Database, userId: number) => db.select().from(authTokens).where(eq(authTokens.userId, userId));

/** Sends what is due through the in-process SMTP server and returns the message of outbox row `id` as it arrived. */
async function deliver(db: Database, id: number): Promise<ParsedMail> {
  const before = smtp().received.length;
  const transport = smtpTransport(smtp().url);
  try {
    const report = await sendDueMessages(db, transport, { from: FROM });
    expect(report.failed).toBe(0);
    const arrived = (await smtp().waitFor(before + report.sent)).slice(before);
    const mail = arrived.find((m) => m.messageId?.startsWith(`<outbox-${id}.`));
    if (!mail) throw new Error(`outbox message ${id} did not arrive`);
    return mail;
  } finally {
    transport.close();
  }
}

const recipientOf = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null);

/** The token of the first link to `path` in the mail's text part. */
function tokenFrom(mail: ParsedMail, path: string): string {
  for (const match of (mail.text ?? "").matchAll(/https?:\/\/[^\s>"]+/g)) {
    const url = new URL(match[0]);
    if (url.pathname === path) {
      expect(url.origin).toBe(APP_URL);
      const token = url.searchParams.get("token");
      if (token) return token;
    }
  }
  throw new Error(`no ${path} link in "${mail.subject}"`);
}

async function passwordWorks(db: Database, email: string, password: string): Promise<boolean> {
  const user = await findUserForLogin(db, email);
  return Boolean(user && (await bcrypt.compare(password, user.passwordHash)));
}

const counts = async (db: Database) => ({ outbox: (await db.select().from(outbox)).length, tokens: (await db.select().from(authTokens)).length, users: (await db.select().from(users)).length });

describeDb("account mail: password reset and invitations", (db) => {
  it("a reset request mails a link in the user's language; the link sets the password once and signs the user out everywhere", async () => {
    const email = "officer.mahalaxmi@demo.cwis";
    const user = await seededUser(db(), email);
    const sessions = [await createUserSession(db(), user.id), await createUserSession(db(), user.id)];
    expect(await countActiveSessions(db(), user.id)).toBe(2);

    await requestPasswordReset(db(), { email: "Officer.Mahalaxmi@Demo.CWIS", ip: "198.51.100.1" });
    const queued = await mailTo(db(), email, "password.reset");
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ locale: "ne", status: "queued", userId: user.id });

    const mail = await deliver(db(), queued[0]!.id);
    const ne = translator("ne");
    expect(recipientOf(mail)).toBe(email);
    expect(mail.subject).toBe(ne("mail.reset.subject"));
    expect(mail.text).toContain(ne("mail.reset.intro", { minutes: 30 }));
    expect(mail.text).toContain(ne("mail.reset.footer"));
    expect(mail.html).toContain('lang="ne"');
    expect(mail.html).toContain(`${APP_URL}/login/reset?token=`);
    expect(mail.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    const token = tokenFrom(mail, "/login/reset");
    // Only the hash is stored.
    expect(JSON.stringify(await tokensOf(db(), user.id))).not.toContain(token);
    expect(await findUsableAuthToken(db(), token, "password_reset")).toMatchObject({ userId: user.id, email });

    const result = await resetPassword(db(), { token, password: "a-new-mahalaxmi-password" });
    expect(result.sessionsEnded).toBe(2);
    expect(await passwordWorks(db(), email, "a-new-mahalaxmi-password")).toBe(true);
    expect(await passwordWorks(db(), email, "demo-cwis-2026")).toBe(false);
    expect(await countActiveSessions(db(), user.id)).toBe(0);
    for (const session of sessions) expect(await findActiveSession(db(), session)).toBeNull();
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "user.password_reset"), eq(auditLog.entityId, String(user.id))));
    expect(audit).toMatchObject({ actorId: user.id, entity: "user" });
    expect(JSON.stringify(audit?.after)).not.toContain("$2");

    // Single use: the same link again is refused and changes nothing.
    await expect(resetPassword(db(), { token, password: "a-third-password-x" })).rejects.toMatchObject({ code: "invalid", messageKey: "reset.invalidLink" });
    expect(await passwordWorks(db(), email, "a-new-mahalaxmi-password")).toBe(true);
    expect(await findUsableAuthToken(db(), token, "password_reset")).toBeNull();
  });

  it("a new request voids the earlier link; two uses of one link racing each other: exactly one wins", async () => {
    const email = "trainer@demo.cwis";
    const user = await seededUser(db(), email);
    const first = await createAuthToken(db(), { userId: user.id, purpose: "password_reset", ttlMs: 30 * MINUTE });
    const second = await createAuthToken(db(), { userId: user.id, purpose: "password_reset", ttlMs: 30 * MINUTE });
    await expect(resetPassword(db(), { token: first.token, password: "trainer-password-one" })).rejects.toMatchObject({ messageKey: "reset.invalidLink" });

    const outcomes = await Promise.allSettled([resetPassword(db(), { token: second.token, password: "trainer-password-two" }), resetPassword(db(), { token: second.token, password: "trainer-password-three" })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected");
    expect(refused?.status === "rejected" ? refused.reason : null).toMatchObject({ messageKey: "reset.invalidLink" });
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, "user.password_reset"), eq(auditLog.entityId, String(user.id))));
    expect(audits).toHaveLength(1);
  });

  it("a reset link expires after 30 minutes", async () => {
    const user = await seededUser(db(), "reviewer@demo.cwis");
    const issued = new Date("2030-01-01T10:00:00Z");
    const late = await createAuthToken(db(), { userId: user.id, purpose: "password_reset", ttlMs: 30 * MINUTE }, issued);
    expect(late.expiresAt.toISOString()).toBe("2030-01-01T10:30:00.000Z");
    const at = (minutes: number) => new Date(issued.getTime() + minutes * MINUTE);
    expect(await findUsableAuthToken(db(), late.token, "password_reset", at(30))).toBeNull();
    await expect(resetPassword(db(), { token: late.token, password: "reviewer-too-late" }, at(30))).rejects.toMatchObject({ messageKey: "reset.invalidLink" });
    await expect(resetPassword(db(), { token: late.token, password: "reviewer-too-late" }, at(31))).rejects.toMatchObject({ messageKey: "reset.invalidLink" });
    expect(await passwordWorks(db(), "reviewer@demo.cwis", "reviewer-too-late")).toBe(false);

    const inTime = await createAuthToken(db(), { userId: user.id, purpose: "password_reset", ttlMs: 30 * MINUTE }, issued);
    await resetPassword(db(), { token: inTime.token, password: "reviewer-in-time" }, at(29));
    expect(await passwordWorks(db(), "reviewer@demo.cwis", "reviewer-in-time")).toBe(true);
  });

  it("a link works only for its own purpose: an invitation at reset and a reset link at the invitation page are refused", async () => {
    const user = await seededUser(db(), "partner@demo.cwis");
    const invitation = await createAuthToken(db(), { userId: user.id, purpose: "invitation", ttlMs: 7 * 24 * 60 * MINUTE });
    const reset = await createAuthToken(db(), { userId: user.id, purpose: "password_reset", ttlMs: 30 * MINUTE });
    await expect(resetPassword(db(), { token: invitation.token, password: "partner-wrong-page" })).rejects.toMatchObject({ messageKey: "reset.invalidLink" });
    await expect(acceptInvitation(db(), { token: reset.token, password: "partner-wrong-page" })).rejects.toMatchObject({ messageKey: "invite.invalidLink" });
    expect(await findUsableAuthToken(db(), invitation.token, "password_reset")).toBeNull();
    expect(await passwordWorks(db(), "partner@demo.cwis", "partner-wrong-page")).toBe(false);
    // Nothing was used up: each still works where it belongs.
    expect(await findUsableAuthToken(db(), invitation.token, "invitation")).not.toBeNull();
    await resetPassword(db(), { token: reset.token, password: "partner-right-page" });
    expect(await passwordWorks(db(), "partner@demo.cwis", "partner-right-page")).toBe(true);
    // Setting the password voided the other unused link too.
    expect(await findUsableAuthToken(db(), invitation.token, "invitation")).toBeNull();
  });

  it("an unknown address gets the same answer and nothing is queued or stored", async () => {
    const before = await counts(db());
    await expect(requestPasswordReset(db(), { email: "nobody.here@example.org", ip: "198.51.100.2" })).resolves.toBeUndefined();
    const after = await counts(db());
    expect(after).toEqual(before);
    expect(await mailTo(db(), "nobody.here@example.org", "password.reset")).toHaveLength(0);
  });

  it("a disabled user gets nothing, and a link sent before disabling stops working", async () => {
    const admin = await seededUser(db(), "admin@demo.cwis");
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const earlier = await createAuthToken(db(), { userId: officer.id, purpose: "password_reset", ttlMs: 30 * MINUTE });
    await setUserDisabled(db(), { userId: officer.id, disabled: true }, admin.id);
    const before = await counts(db());
    await requestPasswordReset(db(), { email: "officer.kushtia@demo.cwis", ip: "198.51.100.3" });
    expect(await counts(db())).toEqual(before);
    expect(await mailTo(db(), "officer.kushtia@demo.cwis", "password.reset")).toHaveLength(0);
    expect(await findUsableAuthToken(db(), earlier.token, "password_reset")).toBeNull();
    await expect(resetPassword(db(), { token: earlier.token, password: "kushtia-while-disabled" })).rejects.toMatchObject({ messageKey: "reset.invalidLink" });
    expect(await passwordWorks(db(), "officer.kushtia@demo.cwis", "kushtia-while-disabled")).toBe(false);
    // The refusal rolled back: enabled again, the link still works.
    await setUserDisabled(db(), { userId: officer.id, disabled: false }, admin.id);
    await resetPassword(db(), { token: earlier.token, password: "kushtia-enabled-again" });
    expect(await passwordWorks(db(), "officer.kushtia@demo.cwis", "kushtia-enabled-again")).toBe(true);
  });

  it("throttles per address (3 an hour) whichever network asks, and counts unknown addresses the same", async () => {
    const now = new Date();
    for (const address of ["admin@demo.cwis", "unknown.throttled@example.org"]) {
      for (let i = 0; i < RESET_LIMITS.address.max; i++) await requestPasswordReset(db(), { email: address, ip: `203.0.113.${i + 10}` }, now);
      await expect(requestPasswordReset(db(), { email: address, ip: "203.0.113.99" }, now)).rejects.toMatchObject({ code: "throttled", messageKey: "forgot.throttled" });
    }
    // Three mails for the real account, not four; none for the unknown one.
    expect(await mailTo(db(), "admin@demo.cwis", "password.reset")).toHaveLength(3);
    // An hour later the address may ask again.
    await requestPasswordReset(db(), { email: "admin@demo.cwis", ip: "203.0.113.98" }, new Date(now.getTime() + 61 * MINUTE));
    expect(await mailTo(db(), "admin@demo.cwis", "password.reset")).toHaveLength(4);
  });

  it("throttles per IP (10 an hour) across addresses", async () => {
    const now = new Date();
    const ip = "192.0.2.77";
    for (let i = 0; i < RESET_LIMITS.ip.max; i++) await requestPasswordReset(db(), { email: `spray${i}@example.org`, ip }, now);
    const before = await counts(db());
    await expect(requestPasswordReset(db(), { email: "reviewer@demo.cwis", ip }, now)).rejects.toMatchObject({ code: "throttled", messageKey: "forgot.throttled" });
    expect(await counts(db())).toEqual(before);
    // Another network is not held back.
    await requestPasswordReset(db(), { email: "reviewer@demo.cwis", ip: "192.0.2.78" }, now);
    expect((await counts(db())).outbox).toBe(before.outbox + 1);
  });

  it("an invitation is created with the user: the mail in the chosen language names the inviter, role and city, and its link sets the password", async () => {
    const admin = await seededUser(db(), "admin@demo.cwis");
    const cityId = await seededCityId(db(), "ramganj");
    const input = createUserSchema.parse({ email: "Nasima.Ramganj@Example.org", name: "Nasima Khatun", role: "officer", cityId: String(cityId), locale: "bn" });
    const before = await counts(db());
    const created = await inviteUser(db(), input, { id: admin.id, name: "Programme Admin" });
    expect(await counts(db())).toEqual({ outbox: before.outbox + 1, tokens: before.tokens + 1, users: before.users + 1 });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "user.create"), eq(auditLog.entityId, String(created.id))));
    expect(audit).toMatchObject({ actorId: admin.id });
    const listed = (await listUsers(db(), { limit: 500, offset: 0 })).rows.find((u) => u.id === created.id);
    expect(listed?.invitationUntil?.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 60 * MINUTE);

    const queued = await mailTo(db(), "nasima.ramganj@example.org", "user.invite");
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ locale: "bn", userId: created.id });
    const mail = await deliver(db(), queued[0]!.id);
    const bn = translator("bn");
    expect(recipientOf(mail)).toBe("nasima.ramganj@example.org");
    expect(mail.subject).toBe(bn("mail.invite.subject"));
    expect(mail.text).toContain(bn("mail.invite.intro", { inviter: "Programme Admin" }));
    expect(mail.text).toContain(`${bn("mail.invite.role")}: ${bn("roles.officer")}`);
    expect(mail.text).toContain(`${bn("mail.invite.city")}: রামগঞ্জ পৌরসভা`);
    expect(mail.text).toContain(bn("mail.invite.validity", { days: 7, inviter: "Programme Admin" }));
    expect(mail.html).toContain('lang="bn"');
    expect(mail.html).toContain(`${APP_URL}/invite?token=`);
    const token = tokenFrom(mail, "/invite");

    await acceptInvitation(db(), { token, password: "nasima-chose-this" });
    expect(await passwordWorks(db(), "nasima.ramganj@example.org", "nasima-chose-this")).toBe(true);
    expect((await listUsers(db(), { limit: 500, offset: 0 })).rows.find((u) => u.id === created.id)?.invitationUntil).toBeNull();
    const [accepted] = await db().select().from(auditLog).where(and(eq(auditLog.action, "user.invitation_accepted"), eq(auditLog.entityId, String(created.id))));
    expect(accepted).toMatchObject({ actorId: created.id });
    // Used up, and nothing left to resend.
    await expect(acceptInvitation(db(), { token, password: "someone-else-later" })).rejects.toMatchObject({ messageKey: "invite.invalidLink" });
    await expect(resendInvitation(db(), created.id, admin)).rejects.toMatchObject({ messageKey: "users.inviteNotPending" });
  });

  it("resending voids the old invitation link and mails a new one", async () => {
    const admin = await seededUser(db(), "admin@demo.cwis");
    const created = await inviteUser(db(), createUserSchema.parse({ email: "resend.me@example.org", name: "Resend Me", role: "partner", locale: "en" }), admin);
    const [first] = await mailTo(db(), "resend.me@example.org", "user.invite");
    const oldToken = tokenFrom(await deliver(db(), first!.id), "/invite");
    await resendInvitation(db(), created.id, admin);
    const sent = await mailTo(db(), "resend.me@example.org", "user.invite");
    expect(sent).toHaveLength(2);
    const newToken = tokenFrom(await deliver(db(), sent[1]!.id), "/invite");
    expect(newToken).not.toBe(oldToken);
    await expect(acceptInvitation(db(), { token: oldToken, password: "resend-old-link" })).rejects.toMatchObject({ messageKey: "invite.invalidLink" });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "user.invitation_resent"), eq(auditLog.entityId, String(created.id)))).orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ actorId: admin.id });
    // A disabled account is not invited again.
    await setUserDisabled(db(), { userId: created.id, disabled: true }, admin.id);
    await expect(resendInvitation(db(), created.id, admin)).rejects.toMatchObject({ messageKey: "users.inviteDisabled" });
    await setUserDisabled(db(), { userId: created.id, disabled: false }, admin.id);
    await acceptInvitation(db(), { token: newToken, password: "resend-new-link" });
    expect(await passwordWorks(db(), "resend.me@example.org", "resend-new-link")).toBe(true);
  });

  it("a user creation that fails leaves no user, no link and no mail", async () => {
    const admin = await seededUser(db(), "admin@demo.cwis");
    const before = await counts(db());
    // A taken address (the unique index refuses it inside the transaction).
    await expect(inviteUser(db(), createUserSchema.parse({ email: "reviewer@demo.cwis", name: "Second Reviewer", role: "reviewer" }), admin)).rejects.toMatchObject({ code: "conflict", messageKey: "users.emailTaken" });
    // A city that does not exist.
    await expect(inviteUser(db(), createUserSchema.parse({ email: "ghost.city@example.org", name: "Ghost City", role: "officer", cityId: "999999" }), admin)).rejects.toMatchObject({ messageKey: "validation.city" });
    // The mail is refused after the user row was written (a line break would reach the To header): all of it rolls back.
    await expect(inviteUser(db(), createUserSchema.parse({ email: "broken.name@example.org", name: "Broken\r\nBcc: victim@example.org", role: "partner" }), admin)).rejects.toMatchObject({ messageKey: "mail.headerInjection" });
    expect(await counts(db())).toEqual(before);
    expect(await findUserForLogin(db(), "broken.name@example.org")).toBeNull();
  });
});
