import { and, asc, eq, inArray } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { expect, it } from "vitest";
import { describeDb, seededCityId } from "./support";
import { actorByEmail, refusal } from "./event-fixtures";
import type { Database } from "@/db/client";
import { events, newsletterDigests, outbox, rateHits, resources, subscriptions } from "@/db/schema";
import { digestCounts, subscriptionCounts, updateDigestDraft } from "@/db/queries/newsletter";
import { subscribeSchema } from "@/lib/validation/newsletter";
import { translator } from "@/lib/i18n/messages";
import { signLink, verifyLink } from "@/server/mail/links";
import { sendDueMessages } from "@/server/mail/worker";
import { smtpTransport } from "@/server/mail/transport";
import { runScheduledMail } from "@/server/mail/scheduled";
import { subscribe, CONFIRM_KIND, ALREADY_KIND, DIGEST_KIND } from "@/server/newsletter/subscribe";
import { confirmSubscription } from "@/server/newsletter/confirm";
import { saveChoices, subscriptionForLink, unsubscribe } from "@/server/newsletter/manage";
import { deleteUnconfirmedSubscriptions } from "@/server/newsletter/cleanup";
import { createDigest, saveDigest, sendDigest } from "@/server/newsletter/digest";
import { saveValueList } from "@/server/values/save";
import { reviewValues, submitPeriod } from "@/server/values/workflow";
import { useTestSmtp } from "../support/smtp";

const APP_URL = "https://cwis.example.org";
const FROM = "CWIS Mentor Cities <no-reply@cwis.example.org>";
const smtp = useTestSmtp({ APP_URL, AUTH_SECRET: "newsletter-test-secret-0123456789-abcdefghij" });

// Each test uses its own addresses and network address: the file shares one database.
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;
const form = (email: string, overrides: Partial<Parameters<typeof subscribe>[1]> = {}) => ({ email, locale: "en" as const, countries: [], cityIds: [], topics: ["events" as const], ip: freshIp(), ...overrides });

const rowOf = async (db: Database, email: string) => (await db.select().from(subscriptions).where(eq(subscriptions.email, email)))[0];
const mailsTo = (db: Database, address: string) => db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(asc(outbox.id));

/** Sends everything due (at `now`) through the test SMTP server and returns what arrived. */
async function deliver(db: Database, now = new Date()): Promise<ParsedMail[]> {
  const before = smtp().received.length;
  const transport = smtpTransport(smtp().url);
  let sent = 0;
  try {
    for (;;) {
      const report = await sendDueMessages(db, transport, { from: FROM, now, batch: 200 });
      expect(report.failed).toBe(0);
      sent += report.sent;
      if (report.claimed === 0) break;
    }
  } finally {
    transport.close();
  }
  return (await smtp().waitFor(before + sent)).slice(before);
}

const recipient = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined);
// The header as sent, unfolded (long lines are folded at their spaces).
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r?\n(?=[ \t])/g, "").replace(/^[^:]+:\s*/, "");

/** The `s` of the first link in the text part that starts with APP_URL + path. */
function tokenIn(text: string | undefined, path: string): string {
  for (const match of (text ?? "").matchAll(/https?:\/\/[^\s>"]+/g)) {
    const url = new URL(match[0]);
    if (url.origin === APP_URL && url.pathname === path) return url.searchParams.get("s") ?? "";
  }
  throw new Error(`no ${path} link in the mail`);
}

/** A confirmed subscriber in `locale`, through the real double opt-in. */
async function confirmedSubscriber(db: Database, email: string, locale: "en" | "bn" | "ne") {
  await subscribe(db, form(email, { locale }));
  const [mail] = (await mailsTo(db, email)).filter((m) => m.kind === CONFIRM_KIND).slice(-1);
  if (!mail) throw new Error("no confirmation mail queued");
  expect((await confirmSubscription(db, tokenIn(mail.textBody, "/newsletter/confirm"))).outcome).toBe("confirmed");
  const row = await rowOf(db, email);
  if (!row) throw new Error("subscription missing");
  return row;
}

describeDb("newsletter", (db) => {
  it("double opt-in: pending until the mailed link is opened; the mail arrives in the chosen language with both parts", async () => {
    const kushtia = await seededCityId(db(), "kushtia");
    expect(await subscribe(db(), form("amina@example.org", { locale: "bn", countries: ["BD"], cityIds: [kushtia], topics: ["events", "progress"] }))).toBe("sent");
    const pending = await rowOf(db(), "amina@example.org");
    expect(pending).toMatchObject({ status: "pending", locale: "bn", countries: ["BD"], cityIds: [kushtia], topics: ["events", "progress"], confirmedAt: null });
    expect(pending?.confirmNonce).toMatch(/^[0-9a-z]+-[0-9a-f]{32}$/);
    expect(pending?.manageNonce).toMatch(/^[0-9a-f]{32}$/);

    const queued = await mailsTo(db(), "amina@example.org");
    expect(queued.map((m) => [m.kind, m.locale, m.subscriptionId])).toEqual([[CONFIRM_KIND, "bn", pending?.id]]);

    const arrived = (await deliver(db())).filter((m) => recipient(m) === "amina@example.org");
    expect(arrived).toHaveLength(1);
    const mail = arrived[0]!;
    expect(mail.subject).toBe(translator("bn")("mail.newsletter.confirm.subject"));
    expect(mail.text).toContain(translator("bn")("mail.newsletter.confirm.intro"));
    expect(mail.html).toContain('lang="bn"');
    expect(mail.html).toContain(`${APP_URL}/newsletter/confirm?s=`);
    expect(mail.text).toContain(`${APP_URL}/newsletter/manage?s=`);
    expect(mail.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });

    // Still pending until the link is used.
    expect((await rowOf(db(), "amina@example.org"))?.status).toBe("pending");
    const result = await confirmSubscription(db(), tokenIn(mail.text, "/newsletter/confirm"));
    expect(result.outcome).toBe("confirmed");
    const confirmed = await rowOf(db(), "amina@example.org");
    expect(confirmed).toMatchObject({ status: "confirmed", confirmNonce: null });
    expect(confirmed?.confirmedAt).toBeInstanceOf(Date);
    // The manage link of the mail now opens this subscription.
    expect((await subscriptionForLink(db(), "manage", tokenIn(mail.text, "/newsletter/manage")))?.id).toBe(confirmed?.id);
  });

  it("a replayed confirmation says so and changes nothing", async () => {
    await subscribe(db(), form("replay@example.org"));
    const [mail] = await mailsTo(db(), "replay@example.org");
    const token = tokenIn(mail?.textBody, "/newsletter/confirm");
    expect((await confirmSubscription(db(), token)).outcome).toBe("confirmed");
    const first = await rowOf(db(), "replay@example.org");
    expect((await confirmSubscription(db(), token, new Date(Date.now() + 60_000))).outcome).toBe("already");
    expect(await rowOf(db(), "replay@example.org")).toEqual(first);
  });

  it("refuses a link signed for another purpose, a tampered one, and one replaced by a newer request", async () => {
    await subscribe(db(), form("purpose@example.org"));
    const row = await rowOf(db(), "purpose@example.org");
    if (!row?.confirmNonce) throw new Error("not pending");
    const confirm = signLink("confirm", row.id, row.confirmNonce);
    const manage = signLink("manage", row.id, row.manageNonce);

    // The same id and nonce, signed for another purpose, never passes.
    expect(verifyLink("confirm", signLink("manage", row.id, row.confirmNonce))).toBeNull();
    expect((await confirmSubscription(db(), signLink("unsubscribe", row.id, row.confirmNonce))).outcome).toBe("invalid");
    expect(await subscriptionForLink(db(), "unsubscribe", manage)).toBeNull();
    expect(await refusal(unsubscribe(db(), { purpose: "unsubscribe", token: manage }))).toBe("newsletter.link.invalid");
    expect(await refusal(unsubscribe(db(), { purpose: "manage", token: signLink("unsubscribe", row.id, row.manageNonce) }))).toBe("newsletter.link.invalid");

    // Tampered: another id, another nonce, another signature character; and garbage.
    const [id, nonce, mac] = confirm.split(".") as [string, string, string];
    const flipped = mac.slice(0, -1) + (mac.endsWith("A") ? "B" : "A");
    for (const bad of [`${Number(id) + 1}.${nonce}.${mac}`, `${id}.${nonce.replace(/.$/, (c) => (c === "0" ? "1" : "0"))}.${mac}`, `${id}.${nonce}.${flipped}`, `${id}.${nonce}`, "", "x".repeat(500)]) {
      expect((await confirmSubscription(db(), bad)).outcome).toBe("invalid");
    }
    expect(await rowOf(db(), "purpose@example.org")).toEqual(row);

    // A second request voids the first link; the new one works.
    await subscribe(db(), form("purpose@example.org"));
    expect((await confirmSubscription(db(), confirm)).outcome).toBe("expired");
    expect((await rowOf(db(), "purpose@example.org"))?.status).toBe("pending");
    const newest = (await mailsTo(db(), "purpose@example.org")).at(-1);
    expect((await confirmSubscription(db(), tokenIn(newest?.textBody, "/newsletter/confirm"))).outcome).toBe("confirmed");
  });

  it("a confirmation link expires after 7 days", async () => {
    const then = new Date(Date.now() - 8 * 86_400_000);
    await subscribe(db(), form("late@example.org"), then);
    const [mail] = await mailsTo(db(), "late@example.org");
    expect((await confirmSubscription(db(), tokenIn(mail?.textBody, "/newsletter/confirm"))).outcome).toBe("expired");
    expect((await rowOf(db(), "late@example.org"))?.status).toBe("pending");
  });

  it("sends at most 3 mails a day to one address; an address already confirmed gets the same answer and an 'already subscribed' mail", async () => {
    for (let i = 0; i < 3; i++) expect(await subscribe(db(), form("thrice@example.org"))).toBe("sent");
    expect(await refusal(subscribe(db(), form("thrice@example.org")))).toBe("newsletter.result.limit");
    expect((await mailsTo(db(), "thrice@example.org")).map((m) => m.kind)).toEqual([CONFIRM_KIND, CONFIRM_KIND, CONFIRM_KIND]);

    const member = await confirmedSubscriber(db(), "member@example.org", "ne");
    // Someone else types the address again, with other choices: nothing changes but a mail.
    expect(await subscribe(db(), form("member@example.org", { locale: "en", topics: ["reports"], countries: ["NP"] }))).toBe("sent");
    expect(await rowOf(db(), "member@example.org")).toEqual(member);
    const kinds = (await mailsTo(db(), "member@example.org")).map((m) => [m.kind, m.locale]);
    expect(kinds).toEqual([
      [CONFIRM_KIND, "ne"],
      [ALREADY_KIND, "ne"],
    ]);
    const arrived = (await deliver(db())).find((m) => recipient(m) === "member@example.org" && m.subject === translator("ne")("mail.newsletter.already.subject"));
    expect(arrived?.text).toContain(`${APP_URL}/newsletter/manage?s=`);
    // The "already subscribed" mail counts toward the three.
    await subscribe(db(), form("member@example.org"));
    expect(await refusal(subscribe(db(), form("member@example.org")))).toBe("newsletter.result.limit");
  });

  it("a filled honeypot gets the usual answer, and nothing is stored or sent", async () => {
    const hitsBefore = (await db().select().from(rateHits)).length;
    expect(await subscribe(db(), form("bot@example.org", { website: "http://spam.example" }))).toBe("sent");
    expect(await rowOf(db(), "bot@example.org")).toBeUndefined();
    expect(await mailsTo(db(), "bot@example.org")).toEqual([]);
    expect((await db().select().from(rateHits)).length).toBe(hitsBefore);
  });

  it("throttles sign-ups per network address; a refused one stores nothing", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < 10; i++) await subscribe(db(), form(`crowd${i}@example.org`, { ip }));
    expect(await refusal(subscribe(db(), form("crowd10@example.org", { ip })))).toBe("newsletter.result.throttled");
    expect(await rowOf(db(), "crowd10@example.org")).toBeUndefined();
    expect(await mailsTo(db(), "crowd10@example.org")).toEqual([]);
    // Another network is not affected.
    expect(await subscribe(db(), form("crowd10@example.org"))).toBe("sent");
  });

  it("deletes addresses not confirmed within 7 days of the request, never confirmed ones (the worker's scheduled job)", async () => {
    const t0 = new Date("2020-03-01T10:00:00Z");
    await subscribe(db(), form("forgot@example.org"), t0);
    await subscribe(db(), form("kept@example.org"), t0);
    const [mail] = await mailsTo(db(), "kept@example.org");
    expect((await confirmSubscription(db(), tokenIn(mail?.textBody, "/newsletter/confirm"), new Date(t0.getTime() + 3_600_000))).outcome).toBe("confirmed");

    expect(await deleteUnconfirmedSubscriptions(db(), new Date(t0.getTime() + 6 * 86_400_000))).toBe(0);
    expect(await rowOf(db(), "forgot@example.org")).toBeDefined();
    // Through the worker's job list, as it runs.
    await runScheduledMail(db(), new Date(t0.getTime() + 8 * 86_400_000));
    expect(await rowOf(db(), "forgot@example.org")).toBeUndefined();
    expect((await rowOf(db(), "kept@example.org"))?.status).toBe("confirmed");
    // Pending requests of today are untouched.
    expect((await rowOf(db(), "amina@example.org"))?.status).toBe("confirmed");
    expect((await rowOf(db(), "thrice@example.org"))?.status).toBe("pending");
  });

  it("refuses a malformed or foreign address and a line break, storing and sending nothing", async () => {
    const badAddresses = ["not-an-address", "amina@localhost", "amína@exämple.org", "amina@example.org\r\nBcc: victim@example.org", "amina@example.org\n", "\"Amina\" <amina@example.org>", `${"a".repeat(250)}@example.org`];
    for (const email of badAddresses) {
      const parsed = subscribeSchema.safeParse({ email, locale: "en", countries: [], cityIds: [], topics: [] });
      expect(parsed.success, email).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("newsletter.result.badAddress");
    }
    // Past the form too (a caller that skipped it): the mail is refused and the subscription rolls back with it.
    expect(await refusal(subscribe(db(), form("amina@localhost")))).toBe("mail.badAddress");
    expect(await rowOf(db(), "amina@localhost")).toBeUndefined();
    expect(await mailsTo(db(), "amina@localhost")).toEqual([]);
    // A city outside the programme is refused as well.
    expect(await refusal(subscribe(db(), form("cities@example.org", { cityIds: [999_999] })))).toBe("validation.city");
    expect(await rowOf(db(), "cities@example.org")).toBeUndefined();
  });

  it("manages choices without an account, with the manage link only", async () => {
    const row = await confirmedSubscriber(db(), "chooser@example.org", "en");
    const dhulikhel = await seededCityId(db(), "dhulikhel");
    await saveChoices(db(), signLink("manage", row.id, row.manageNonce), { locale: "ne", countries: ["NP"], cityIds: [dhulikhel], topics: ["resources"] });
    expect(await rowOf(db(), "chooser@example.org")).toMatchObject({ locale: "ne", countries: ["NP"], cityIds: [dhulikhel], topics: ["resources"], status: "confirmed" });
    expect(await refusal(saveChoices(db(), signLink("unsubscribe", row.id, row.manageNonce), { locale: "bn", countries: [], cityIds: [], topics: [] }))).toBe("newsletter.link.invalid");
    expect((await rowOf(db(), "chooser@example.org"))?.locale).toBe("ne");
  });

  it("one-click unsubscribe: the unsubscribe link alone, idempotent, counted for its digest", async () => {
    const row = await confirmedSubscriber(db(), "leaver@example.org", "bn");
    const token = signLink("unsubscribe", row.id, row.manageNonce);
    await unsubscribe(db(), { purpose: "unsubscribe", token, digestId: 987_654 });
    const left = await rowOf(db(), "leaver@example.org");
    expect(left).toMatchObject({ status: "unsubscribed", confirmNonce: null, unsubscribedDigestId: null });
    expect(left?.unsubscribedAt).toBeInstanceOf(Date);
    // Again: fine, nothing changes.
    await unsubscribe(db(), { purpose: "unsubscribe", token });
    expect(await rowOf(db(), "leaver@example.org")).toEqual(left);
    // Subscribing again needs a new confirmation; until then the address stays unsubscribed.
    await subscribe(db(), form("leaver@example.org", { locale: "bn" }));
    expect((await rowOf(db(), "leaver@example.org"))?.status).toBe("unsubscribed");
  });

  it("a digest: drafted from the period, sent once to each confirmed subscriber in their language, paced, with one-click headers; the digest page counts what became of it", async () => {
    const admin = await actorByEmail(db(), "admin@demo.cwis");
    const officer = await actorByEmail(db(), "officer.mahalaxmi@demo.cwis");
    const reviewer = await actorByEmail(db(), "reviewer@demo.cwis");
    const cityId = await seededCityId(db(), "mahalaxmi");
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
    const period = { from: yesterday, to: tomorrow, actorId: admin.id, timeZone: "Asia/Kathmandu" as const };
    const bodyOf = async (digestId: number) => (await db().select().from(newsletterDigests).where(eq(newsletterDigests.id, digestId)))[0]?.bodies;
    // The seeded demo values were validated today too: the draft counts them, and then two more.
    const validatedIn = (body: string | undefined) => Number(/Mahalaxmi Municipality: (\d+) values? validated/.exec(body ?? "")?.[1] ?? 0);
    const before = validatedIn((await bodyOf(await createDigest(db(), period)))?.en);
    // Validated progress, a scheduled event in 20 days, a published resource: all of today.
    const values = await saveValueList(db(), officer, { cityId, entries: ["SD-2", "SD-3"].map((indicator) => ({ indicator, period: "2027-Q1", value: 55, note: "", evidenceUrl: null, explanation: "Checked" })) });
    await submitPeriod(db(), { cityId, period: "2027-Q1" }, officer);
    await reviewValues(db(), values.map((v) => ({ valueId: v.id, decision: "validate" as const, comment: "" })), reviewer);
    const start = new Date(now.getTime() + 20 * 86_400_000);
    const [event] = await db().insert(events).values({ title: "Faecal sludge <b>workshop</b>", type: "workshop", hostCityId: cityId, timeZone: "Asia/Kathmandu", startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), venue: "Town hall", capacity: 30 }).returning();
    const [resource] = await db().insert(resources).values({ title: "Sanitation plan 2027", type: "plan", language: "en", externalUrl: "https://example.org/plan.pdf", status: "published", publishedAt: now }).returning();

    const id = await createDigest(db(), period);
    const [draft] = await db().select().from(newsletterDigests).where(eq(newsletterDigests.id, id));
    expect(draft?.status).toBe("draft");
    expect(validatedIn(draft?.bodies.en)).toBe(before + 2);
    expect(draft?.bodies.en).toContain(`values validated ${APP_URL}/explore/mahalaxmi`);
    expect(draft?.bodies.ne).toMatch(/- महालक्ष्मी नगरपालिका: [०-९]+ मान प्रमाणित भए/);
    expect(draft?.bodies.bn).toContain(translator("bn")("newsletter.draft.progress"));
    expect(draft?.bodies.en).toMatch(new RegExp(`Faecal sludge <b>workshop</b> \\(Mahalaxmi Municipality\\) ${APP_URL}/events/${event?.id}`));
    expect(draft?.bodies.bn).toContain(`- Sanitation plan 2027 ${APP_URL}/resources/${resource?.id}`);

    // The admin's edit, with markup that must stay text, at 2 messages a minute.
    await saveDigest(db(), {
      id,
      subject_en: "CWIS news",
      subject_bn: "CWIS খবর",
      subject_ne: "CWIS समाचार",
      body_en: "Hello <script>alert(1)</script>\n\n- First item https://cwis.example.org/explore\n- Second item",
      body_bn: "নমস্কার",
      body_ne: "नमस्ते",
      ratePerMinute: 2,
    });

    await confirmedSubscriber(db(), "digest.en@example.org", "en");
    await confirmedSubscriber(db(), "digest.bn@example.org", "bn");
    await confirmedSubscriber(db(), "digest.ne@example.org", "ne");
    await subscribe(db(), form("digest.pending@example.org"));
    const confirmed = await db().select().from(subscriptions).where(eq(subscriptions.status, "confirmed")).orderBy(asc(subscriptions.id));
    expect(confirmed.length).toBeGreaterThanOrEqual(3);

    const sentAt = new Date(Date.now() + 1000);
    expect(await sendDigest(db(), { id, actorId: admin.id }, sentAt)).toBe(confirmed.length);
    const rows = await db().select().from(outbox).where(eq(outbox.digestId, id)).orderBy(asc(outbox.subscriptionId));
    expect(rows.map((r) => [r.toAddress, r.locale, r.kind])).toEqual(confirmed.map((s) => [s.email, s.locale, DIGEST_KIND]));
    const subjects = { en: "CWIS news", bn: "CWIS খবর", ne: "CWIS समाचार" } as const;
    for (const [i, row] of rows.entries()) {
      expect(row.subject).toBe(subjects[row.locale as keyof typeof subjects]);
      // Paced: 2 a minute is one every 30 seconds, in subscriber order.
      expect(row.nextAttemptAt.getTime()).toBe(sentAt.getTime() + i * 30_000);
      const subscriber = confirmed[i]!;
      expect(row.headers).toEqual({
        "List-Unsubscribe": `<${APP_URL}/newsletter/unsubscribe?s=${signLink("unsubscribe", subscriber.id, subscriber.manageNonce)}&d=${id}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      });
    }
    expect(rows.some((r) => r.toAddress === "digest.pending@example.org")).toBe(false);
    // Once only.
    expect(await refusal(sendDigest(db(), { id, actorId: admin.id }))).toBe("newsletter.admin.alreadySent");
    expect(await refusal(saveDigest(db(), { id, subject_en: "x", subject_bn: "x", subject_ne: "x", body_en: "x", body_bn: "x", body_ne: "x", ratePerMinute: 5 }))).toBe("newsletter.admin.alreadySent");
    expect((await db().select().from(outbox).where(eq(outbox.digestId, id))).length).toBe(confirmed.length);

    // Nothing is due before its slot; all of it is after the last one.
    const arrived = (await deliver(db(), new Date(sentAt.getTime() + rows.length * 30_000 + 1000))).filter((m) => m.subject && Object.values(subjects).includes(m.subject as never));
    expect(arrived).toHaveLength(confirmed.length);
    const english = arrived.find((m) => recipient(m) === "digest.en@example.org");
    expect(english?.text).toContain("Hello <script>alert(1)</script>");
    expect(english?.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(english?.html).not.toContain("<script>");
    expect(english?.html).toContain('<a href="https://cwis.example.org/explore" style="color:#0f766e">First item</a>');
    expect(header(english!, "List-Unsubscribe")).toMatch(new RegExp(`^<${APP_URL}/newsletter/unsubscribe\\?s=[^>]+&d=${id}>$`));
    expect(header(english!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(english?.text).toContain(`${APP_URL}/newsletter/manage?s=`);
    const bangla = arrived.find((m) => recipient(m) === "digest.bn@example.org");
    expect(bangla?.html).toContain('lang="bn"');
    expect(bangla?.text).toContain("নমস্কার");

    // One reader leaves by the digest's one-click link.
    const listUnsubscribe = header(english!, "List-Unsubscribe") ?? "";
    const oneClick = new URL(listUnsubscribe.slice(1, -1));
    await unsubscribe(db(), { purpose: "unsubscribe", token: oneClick.searchParams.get("s") ?? "", digestId: Number(oneClick.searchParams.get("d")) });
    expect((await rowOf(db(), "digest.en@example.org"))?.unsubscribedDigestId).toBe(id);

    const counts = (await digestCounts(db(), [id])).get(id);
    expect(counts).toEqual({ outbox: { queued: 0, sending: 0, sent: confirmed.length, failed: 0 }, unsubscribed: 1 });
    const people = await subscriptionCounts(db());
    const all = await db().select({ status: subscriptions.status }).from(subscriptions);
    expect(people).toEqual({
      pending: all.filter((s) => s.status === "pending").length,
      confirmed: all.filter((s) => s.status === "confirmed").length,
      unsubscribed: all.filter((s) => s.status === "unsubscribed").length,
    });
    expect(people.confirmed).toBe(confirmed.length - 1);
  });

  it("a subject with a line break never reaches the outbox: the digest stays a draft", async () => {
    const admin = await actorByEmail(db(), "admin@demo.cwis");
    const today = new Date().toISOString().slice(0, 10);
    const id = await createDigest(db(), { from: today, to: today, actorId: admin.id, timeZone: "Asia/Dhaka" });
    // The editor refuses it; written past the editor, the outbox refuses it.
    const [draft] = await db().select().from(newsletterDigests).where(eq(newsletterDigests.id, id));
    expect(await updateDigestDraft(db(), id, { subjects: { en: "News\r\nBcc: all@example.org", bn: draft!.subjects.bn, ne: draft!.subjects.ne }, bodies: draft!.bodies, ratePerMinute: 60 })).toBe(true);
    expect(await refusal(sendDigest(db(), { id, actorId: admin.id }))).toBe("mail.headerInjection");
    expect((await db().select().from(outbox).where(eq(outbox.digestId, id))).length).toBe(0);
    expect((await db().select().from(newsletterDigests).where(and(eq(newsletterDigests.id, id), inArray(newsletterDigests.status, ["draft"])))).length).toBe(1);
  });
});
