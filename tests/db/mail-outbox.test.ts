import { and, eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb, seededCityId } from "./support";
import { actorByEmail } from "./event-fixtures";
import { notifications, outbox, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { saveValueList } from "@/server/values/save";
import { reviewValues, submitPeriod } from "@/server/values/workflow";
import { queueMail } from "@/server/mail/queue";
import { sendDueMessages } from "@/server/mail/worker";
import { smtpTransport } from "@/server/mail/transport";
import { queueDailyDigests } from "@/server/mail/scheduled";
import { retryFailedMessage } from "@/db/queries/outbox";
import { MAX_ATTEMPTS } from "@/lib/mail/backoff";
import { startTestSmtp, useTestSmtp } from "../support/smtp";

// No demo values exist after 2026-Q3; this file writes 2027-Q2 only.
const PERIOD = "2027-Q2";
const FROM = "CWIS Mentor Cities <no-reply@cwis.example.org>";

const smtp = useTestSmtp({ APP_URL: "https://cwis.example.org" });

async function submittedValues(db: Database, email: string, slug: string, codes: string[]) {
  const officer = await actorByEmail(db, email);
  const cityId = await seededCityId(db, slug);
  const saved = await saveValueList(db, officer, { cityId, entries: codes.map((indicator) => ({ indicator, period: PERIOD, value: 40, note: "", evidenceUrl: null, explanation: "Checked against the register" })) });
  await submitPeriod(db, { cityId, period: PERIOD }, officer);
  return saved.map((s) => s.id);
}

const messagesTo = (db: Database, address: string) => db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(outbox.id);

async function drain(db: Database, now = new Date()) {
  const transport = smtpTransport(smtp().url);
  try {
    return await sendDueMessages(db, transport, { from: FROM, now });
  } finally {
    transport.close();
  }
}

describeDb("mail: the outbox", (db) => {
  it("a returned value tells the city's officer in their language, with the comment, once the worker runs", async () => {
    const ids = await submittedValues(db(), "officer.mahalaxmi@demo.cwis", "mahalaxmi", ["SD-2", "SD-3"]);
    const reviewer = await actorByEmail(db(), "reviewer@demo.cwis");
    await reviewValues(db(), [{ valueId: ids[0]!, decision: "return", comment: "The survey <b>covers</b> ward 4 only" }, { valueId: ids[1]!, decision: "validate", comment: "" }], reviewer);

    const queued = await messagesTo(db(), "officer.mahalaxmi@demo.cwis");
    const returned = queued.filter((m) => m.kind === "value.return");
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({ status: "queued", locale: "ne", attempts: 0 });
    // The bell has the same item, without mail.
    const officer = await actorByEmail(db(), "officer.mahalaxmi@demo.cwis");
    const bell = await db().select().from(notifications).where(eq(notifications.userId, officer.id));
    expect(bell.map((n) => n.kind).sort()).toEqual(["value.return", "value.validate"]);
    expect(bell.find((n) => n.kind === "value.return")?.params).toMatchObject({ count: 1, comment: "The survey <b>covers</b> ward 4 only" });

    const before = smtp().received.length;
    const report = await drain(db());
    expect(report.failed).toBe(0);
    const mail = (await smtp().waitFor(before + report.sent)).slice(before).find((m) => m.messageId?.startsWith(`<outbox-${returned[0]!.id}.`));
    if (!mail) throw new Error("the return mail did not arrive");
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe("officer.mahalaxmi@demo.cwis");
    expect(mail.subject).toBe("महालक्ष्मी नगरपालिका का १ मान सुधारका लागि फिर्ता पठाइए");
    expect(mail.text).toContain("> The survey <b>covers</b> ward 4 only");
    expect(mail.text).toContain(`https://cwis.example.org/cities/mahalaxmi/values/${PERIOD}`);
    // Escaped in HTML: the comment shows as text, never as markup.
    expect(mail.html).toContain("The survey &lt;b&gt;covers&lt;/b&gt; ward 4 only");
    expect(mail.html).toContain('lang="ne"');
    expect(mail.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    const sent = await db().select().from(outbox).where(eq(outbox.id, returned[0]!.id));
    expect(sent[0]).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a change that rolls back leaves no outbox row and no notification", async () => {
    const ids = await submittedValues(db(), "officer.kushtia@demo.cwis", "kushtia", ["SD-5"]);
    const reviewer = await actorByEmail(db(), "reviewer@demo.cwis");
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const countFor = async () => ({
      outbox: (await messagesTo(db(), "officer.kushtia@demo.cwis")).length,
      bell: (await db().select().from(notifications).where(eq(notifications.userId, officer.id))).length,
    });
    const before = await countFor();
    await expect(
      db().transaction(async (tx) => {
        await reviewValues(tx, [{ valueId: ids[0]!, decision: "return", comment: "Please check" }], reviewer);
        expect((await tx.select().from(outbox).where(and(eq(outbox.toAddress, "officer.kushtia@demo.cwis"), eq(outbox.kind, "value.return")))).length).toBeGreaterThan(0);
        throw new Error("something later in the same change failed");
      }),
    ).rejects.toThrow("something later");
    expect(await countFor()).toEqual(before);
  });

  it("a message queued while the mail server is down is delivered exactly once after it comes up", async () => {
    const [id] = await db().transaction((tx) => queueMail(tx, [{ kind: "test.down", to: { address: "down@example.org" }, locale: "bn", content: () => ({ subject: "সিডব্লিউআইএস পরীক্ষা", blocks: [{ kind: "p", text: "মানববর্জ্য ব্যবস্থাপনা" }], footer: [] }) }]));
    // The database's clock stamped the row: take "now" from it, so the row is due.
    const [queuedRow] = await db().select().from(outbox).where(eq(outbox.id, id!));
    const now = new Date(queuedRow!.nextAttemptAt.getTime() + 1);
    await smtp().stop();
    const down = await drain(db(), now).finally(() => smtp().start());
    expect(down.failed).toBeGreaterThanOrEqual(1);
    const [afterDown] = await db().select().from(outbox).where(eq(outbox.id, id!));
    expect(afterDown).toMatchObject({ status: "queued", attempts: 1 });
    expect(afterDown!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(afterDown!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime() + 50_000);

    // Up again, but not due yet: the backoff holds it.
    expect((await drain(db(), now)).claimed).toBe(0);
    const later = new Date(afterDown!.nextAttemptAt.getTime() + 1000);
    const before = smtp().received.length;
    expect((await drain(db(), later)).sent).toBe(1);
    expect((await drain(db(), new Date(later.getTime() + 60 * 60 * 1000))).claimed).toBe(0);
    const arrived = (await smtp().waitFor(before + 1)).slice(before);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.subject).toBe("সিডব্লিউআইএস পরীক্ষা");
    expect(arrived[0]!.text).toContain("মানববর্জ্য ব্যবস্থাপনা");
    const [row] = await db().select().from(outbox).where(eq(outbox.id, id!));
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("two workers on one database send each message once", async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `pair${i}@example.org`);
    await db().transaction((tx) => queueMail(tx, addresses.map((address) => ({ kind: "test.pair", to: { address }, locale: "en" as const, content: () => ({ subject: `Hello ${address}`, blocks: [{ kind: "p" as const, text: "One each" }], footer: [] }) }))));
    const before = smtp().received.length;
    const transports = [smtpTransport(smtp().url), smtpTransport(smtp().url)];
    const send = async (i: number) => {
      let total = 0;
      for (;;) {
        const report = await sendDueMessages(db(), transports[i]!, { from: FROM, batch: 4 });
        total += report.sent;
        if (report.claimed === 0) return total;
      }
    };
    const [a, b] = await Promise.all([send(0), send(1)]);
    transports.forEach((t) => t.close());
    expect(a + b).toBe(30);
    const arrived = (await smtp().waitFor(before + 30)).slice(before);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp().received.length).toBe(before + 30);
    const recipients = smtp().envelopes.slice(before).flat().sort();
    expect(recipients).toEqual([...addresses].sort());
    expect(new Set(arrived.map((m) => m.messageId)).size).toBe(30);
  });

  it("a message the server keeps refusing is failed after the last attempt, without the password, and an admin can retry it", async () => {
    const guarded = await startTestSmtp({ user: "mailer", password: "pa55-word-secret" });
    guarded.refuse(451);
    const [id] = await db().transaction((tx) => queueMail(tx, [{ kind: "test.refused", to: { address: "refused@example.org" }, locale: "en", content: () => ({ subject: "Refused", blocks: [], footer: [] }) }]));
    const transport = smtpTransport(guarded.url);
    let at = new Date();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await sendDueMessages(db(), transport, { from: FROM, now: at, secrets: ["pa55-word-secret"] });
      const [row] = await db().select().from(outbox).where(eq(outbox.id, id!));
      at = new Date(row!.nextAttemptAt.getTime() + 1000);
    }
    const [failed] = await db().select().from(outbox).where(eq(outbox.id, id!));
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(failed!.lastError).toMatch(/451/);
    expect(failed!.lastError).not.toContain("pa55-word-secret");
    // Failed stays failed however long the worker runs.
    expect((await sendDueMessages(db(), transport, { from: FROM, now: new Date(at.getTime() + 86_400_000) })).claimed).toBe(0);

    guarded.refuse(null);
    expect(await retryFailedMessage(db(), id!)).toBe(true);
    expect(await retryFailedMessage(db(), id!)).toBe(false);
    expect((await sendDueMessages(db(), transport, { from: FROM })).sent).toBe(1);
    expect(guarded.received).toHaveLength(1);
    transport.close();
    await guarded.stop();
  });

  it("a line break in a name or subject is refused and nothing is queued", async () => {
    const count = async () => (await db().select().from(outbox).where(eq(outbox.kind, "test.inject"))).length;
    await expect(
      db().transaction((tx) => queueMail(tx, [{ kind: "test.inject", to: { address: "victim@example.org", name: "Eve\r\nBcc: all@example.org" }, locale: "en", content: () => ({ subject: "Hi", blocks: [], footer: [] }) }])),
    ).rejects.toMatchObject({ messageKey: "mail.headerInjection" });
    await expect(
      db().transaction((tx) => queueMail(tx, [{ kind: "test.inject", to: { address: "victim@example.org" }, locale: "en", content: () => ({ subject: "Hi\nBcc: all@example.org", blocks: [], footer: [] }) }])),
    ).rejects.toMatchObject({ messageKey: "mail.headerInjection" });
    for (const address of ["not-an-address", "a@b", "x@example.org\r\nBcc: y@example.org", "\"quoted\"@example.org", "a@example.org, b@example.org"]) {
      await expect(db().transaction((tx) => queueMail(tx, [{ kind: "test.inject", to: { address }, locale: "en", content: () => ({ subject: "Hi", blocks: [], footer: [] }) }]))).rejects.toMatchObject({ messageKey: "mail.badAddress" });
    }
    expect(await count()).toBe(0);
  });

  it("reviewers hear of submissions in one daily mail of what still waits, not a mail per value", async () => {
    const reviewer = await actorByEmail(db(), "reviewer@demo.cwis");
    const mailsBefore = (await messagesTo(db(), "reviewer@demo.cwis")).length;
    await submittedValues(db(), "officer.kushtia@demo.cwis", "kushtia", ["SD-6", "WE-2"]);
    expect((await messagesTo(db(), "reviewer@demo.cwis")).length).toBe(mailsBefore);
    const waiting = await db().select().from(notifications).where(and(eq(notifications.userId, reviewer.id), eq(notifications.inDigest, true)));
    expect(waiting.length).toBeGreaterThan(0);

    // 07:00 in Dhaka is too early; 09:00 is due; a second run the same day sends nothing more.
    expect(await queueDailyDigests(db(), new Date("2027-04-02T01:00:00Z"))).toBe(0);
    expect(await queueDailyDigests(db(), new Date("2027-04-02T03:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect(await queueDailyDigests(db(), new Date("2027-04-02T05:00:00Z"))).toBe(0);
    const digests = (await messagesTo(db(), "reviewer@demo.cwis")).filter((m) => m.kind === "review.digest" || m.kind === "notice.digest");
    expect(digests).toHaveLength(1);
    expect(digests[0]!.textBody).toMatch(/Kushtia Paurashava: \d+ values/);
    expect(digests[0]!.textBody).toContain("https://cwis.example.org/review/kushtia/");
    const stillWaiting = await db().select().from(notifications).where(and(eq(notifications.userId, reviewer.id), eq(notifications.inDigest, true)));
    expect(stillWaiting).toHaveLength(0);
  });

  it("disabled accounts hear nothing", async () => {
    const ids = await submittedValues(db(), "officer.kushtia@demo.cwis", "kushtia", ["DF-1"]);
    await db().update(users).set({ disabled: true }).where(eq(users.email, "officer.kushtia@demo.cwis"));
    const before = (await messagesTo(db(), "officer.kushtia@demo.cwis")).length;
    await reviewValues(db(), [{ valueId: ids[0]!, decision: "return", comment: "Check" }], await actorByEmail(db(), "reviewer@demo.cwis"));
    expect((await messagesTo(db(), "officer.kushtia@demo.cwis")).length).toBe(before);
    await db().update(users).set({ disabled: false }).where(inArray(users.email, ["officer.kushtia@demo.cwis"]));
  });
});
