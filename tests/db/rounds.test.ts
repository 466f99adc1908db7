import { and, count, eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { ZodError } from "zod";
import { describeDb } from "./support";
import { actorByEmail, refusal } from "./event-fixtures";
import type { Database } from "@/db/client";
import { auditLog, cities, notifications, outbox, questionnaireVersions, questionnaires, responses, rounds } from "@/db/schema";
import { listRounds, roundCityPage, roundStatusCounts, roundSubmissionDays } from "@/db/queries/rounds";
import { ROUND_OPEN_KIND, ROUND_REMINDER_KIND } from "@/lib/mail/kinds";
import { cityToday } from "@/lib/questionnaires/rules";
import { ROUND_WORKFLOW } from "@/lib/workflow/questionnaires";
import { addDays, closeRound, createRound, endOfDayIn, openRound, pastDueCountries, queueRoundReminders, REMINDER_ENTITY, reminderDue, reopenForCity } from "@/server/questionnaires/rounds";

const [OPEN_ACTION, CLOSE_ACTION] = ROUND_WORKFLOW.transitions.map((t) => t.action);
const empty = { en: "", bn: "", ne: "" };

/** A questionnaire with a published version 1 and a draft version 2. */
async function makeVersions(db: Database) {
  const [questionnaire] = await db.insert(questionnaires).values({}).returning();
  if (!questionnaire) throw new Error("no questionnaire");
  const base = { questionnaireId: questionnaire.id, description: empty, sections: [{ key: "main", title: { en: "Main", bn: "", ne: "" } }] };
  const [published] = await db
    .insert(questionnaireVersions)
    .values({ ...base, number: 1, status: "published", title: { en: "Sanitation survey", bn: "স্যানিটেশন জরিপ", ne: "" }, publishedAt: new Date() })
    .returning();
  const [draft] = await db.insert(questionnaireVersions).values({ ...base, number: 2, status: "draft", title: { en: "Sanitation survey v2", bn: "", ne: "" } }).returning();
  if (!published || !draft) throw new Error("no versions");
  return { published, draft };
}

async function cityIds(db: Database, slugs: string[]): Promise<number[]> {
  const rows = await db.select({ id: cities.id, slug: cities.slug }).from(cities).where(inArray(cities.slug, slugs));
  return slugs.map((slug) => {
    const row = rows.find((r) => r.slug === slug);
    if (!row) throw new Error(`no city ${slug}`);
    return row.id;
  });
}

async function zodPaths(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZodError) return Object.fromEntries(error.issues.map((i) => [i.path.join("."), i.message]));
    throw error;
  }
  throw new Error("expected a ZodError");
}

describeDb("reporting rounds", (db) => {
  const admin = () => actorByEmail(db(), "admin@demo.cwis");
  const reviewer = () => actorByEmail(db(), "reviewer@demo.cwis");
  const officer = () => actorByEmail(db(), "officer.kushtia@demo.cwis");
  const today = cityToday("BD");
  let versions: Awaited<ReturnType<typeof makeVersions>> | undefined;
  const published = async () => (versions ??= await makeVersions(db())).published;
  const draft = async () => (versions ??= await makeVersions(db())).draft;

  const form = async (change: Record<string, unknown> = {}) => ({
    versionId: String((await published()).id),
    period: "2026-Q4",
    titleEn: "",
    titleBn: "",
    titleNe: "",
    targetKind: "all",
    countries: [],
    roles: [],
    cityIds: [],
    opensOn: today,
    dueOn: addDays(today, 20),
    orientationEventId: "",
    guideResourceId: "",
    ...change,
  });
  const newRound = async (change: Record<string, unknown> = {}) => createRound(db(), await form(change), await admin());
  const responsesOf = (roundId: number) => db().select().from(responses).where(eq(responses.roundId, roundId));
  const audits = (entity: string, id: number) => db().select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(id))));
  const userId = async (email: string) => (await actorByEmail(db(), email)).id;

  it("creates a scheduled round titled after the questionnaire and period, audited", async () => {
    const round = await newRound();
    expect(round.status).toBe("scheduled");
    expect(round.title).toEqual({ en: "Sanitation survey 2026-Q4", bn: "স্যানিটেশন জরিপ 2026-Q4", ne: "" });
    expect(round.target).toEqual({ kind: "all" });
    expect((await audits("round", round.id)).map((a) => a.action)).toEqual(["round.create"]);
    expect(await responsesOf(round.id)).toHaveLength(0);

    const titled = await newRound({ titleEn: "Q4 survey", period: "2026", targetKind: "country", countries: ["NP", "NP"] });
    expect(titled.title.en).toBe("Q4 survey");
    expect(titled.target).toEqual({ kind: "country", countries: ["NP"] });
  });

  it("refuses a bad period, a deadline before the opening, an empty target and an unpublished version, all at once", async () => {
    const before = (await db().select({ n: count() }).from(rounds))[0]?.n;
    const errors = await zodPaths(newRound({ versionId: String((await draft()).id), period: "2026-Q5", targetKind: "programme_role", roles: [], opensOn: "2026-10-10", dueOn: "2026-10-01" }));
    expect(errors).toEqual({
      versionId: "validation.round.versionNotPublished",
      period: "validation.round.period",
      roles: "validation.round.targetEmpty",
      dueOn: "validation.round.dueBeforeOpen",
    });
    expect(await zodPaths(newRound({ targetKind: "list", cityIds: ["99999999"], opensOn: "2026-02-30", orientationEventId: "99999999", guideResourceId: "x" }))).toEqual({
      cityIds: "validation.round.cityUnknown",
      opensOn: "validation.date",
      orientationEventId: "validation.round.eventUnknown",
      guideResourceId: "validation.round.resourceUnknown",
    });
    expect(await zodPaths(newRound({ targetKind: "country", countries: [] }))).toEqual({ countries: "validation.round.targetEmpty" });
    expect((await db().select({ n: count() }).from(rounds))[0]?.n).toBe(before);
  });

  it("only admins create rounds", async () => {
    for (const actor of [await reviewer(), await officer(), await actorByEmail(db(), "partner@demo.cwis")]) {
      expect(await refusal(createRound(db(), await form(), actor))).toBe("errors.forbidden");
    }
  });

  it("opening makes one response per asked city and tells their officers, in the opening's transaction", async () => {
    const asked = await cityIds(db(), ["kushtia", "mahalaxmi", "jhenaidah"]);
    const dueOn = addDays(today, 14);
    const round = await newRound({ targetKind: "list", cityIds: asked.map(String), dueOn });
    await openRound(db(), round.id, await admin());

    const made = await responsesOf(round.id);
    expect(made.map((r) => r.cityId).sort()).toEqual([...asked].sort());
    expect(made.every((r) => r.status === "not_started" && r.versionId === round.versionId)).toBe(true);
    const [stored] = await db().select().from(rounds).where(eq(rounds.id, round.id));
    expect(stored?.status).toBe("open");
    expect(stored?.openedAt).not.toBeNull();
    expect((await audits("round", round.id)).map((a) => a.action)).toEqual(["round.create", OPEN_ACTION]);

    // Kushtia's and Mahalaxmi's officers (Jhenaidah has none), each with a link to their city's response.
    const told = await db().select().from(notifications).where(eq(notifications.kind, ROUND_OPEN_KIND));
    const kushtia = made.find((r) => r.cityId === asked[0]);
    const mahalaxmi = made.find((r) => r.cityId === asked[1]);
    const mine = told.filter((n) => n.entity === "response" && made.some((r) => n.entityIds.includes(r.id)));
    expect(mine.map((n) => [n.userId, n.link]).sort()).toEqual(
      [
        [await userId("officer.kushtia@demo.cwis"), `/questionnaires/responses/${kushtia?.id}`],
        [await userId("officer.mahalaxmi@demo.cwis"), `/questionnaires/responses/${mahalaxmi?.id}`],
      ].sort(),
    );
    // The deadline is the end of the due day in each city's own zone.
    const nepali = mine.find((n) => n.link.endsWith(`/${mahalaxmi?.id}`));
    expect(nepali?.params).toEqual({ subject: round.title, at: endOfDayIn(dueOn, "NP").toISOString() });
    expect(endOfDayIn("2026-12-31", "NP").toISOString()).toBe("2026-12-31T18:14:59.999Z");
    expect(endOfDayIn("2026-12-31", "BD").toISOString()).toBe("2026-12-31T17:59:59.999Z");
    const mails = await db()
      .select({ userId: outbox.userId, locale: outbox.locale, subject: outbox.subject })
      .from(outbox)
      .where(and(eq(outbox.kind, ROUND_OPEN_KIND), inArray(outbox.userId, [await userId("officer.kushtia@demo.cwis"), await userId("officer.mahalaxmi@demo.cwis")])));
    expect(mails.filter((m) => m.subject.includes(round.title.en))).toHaveLength(2);
    expect(mails.map((m) => m.locale).sort()).toEqual(["en", "ne"]);
  });

  it("an opening is refused twice, for a non-admin, and for a target naming no city (nothing written)", async () => {
    const round = await newRound({ targetKind: "country", countries: ["NP"] });
    expect(await refusal(openRound(db(), round.id, await reviewer()))).toBe("errors.forbidden");
    await openRound(db(), round.id, await admin());
    const nepal = await db().select({ n: count() }).from(cities).where(eq(cities.country, "NP"));
    expect(await responsesOf(round.id)).toHaveLength(nepal[0]?.n ?? -1);
    expect(await refusal(openRound(db(), round.id, await admin()))).toBe("rounds.notOpenable");
    expect(await responsesOf(round.id)).toHaveLength(nepal[0]?.n ?? -1);

    const [gone] = await db().insert(cities).values({ slug: "vanished", nameEn: "Vanished", nameBn: "Vanished", nameNe: "Vanished", country: "BD", region: "Nowhere", kind: "paurashava_c", programmeRole: "candidate" }).returning();
    if (!gone) throw new Error("no city");
    const lonely = await newRound({ targetKind: "list", cityIds: [String(gone.id)] });
    await db().delete(cities).where(eq(cities.id, gone.id));
    const noticesBefore = (await db().select({ n: count() }).from(notifications))[0]?.n;
    expect(await refusal(openRound(db(), lonely.id, await admin()))).toBe("rounds.noCities");
    const [stored] = await db().select().from(rounds).where(eq(rounds.id, lonely.id));
    expect(stored?.status).toBe("scheduled");
    expect((await audits("round", lonely.id)).map((a) => a.action)).toEqual(["round.create"]);
    expect((await db().select({ n: count() }).from(notifications))[0]?.n).toBe(noticesBefore);
  });

  it("closes an open round (admins only, after confirmation on the page); a closed or scheduled one is not closed again", async () => {
    const round = await newRound({ targetKind: "list", cityIds: (await cityIds(db(), ["faridpur"])).map(String) });
    expect(await refusal(closeRound(db(), round.id, await admin()))).toBe("rounds.notClosable");
    await openRound(db(), round.id, await admin());
    expect(await refusal(closeRound(db(), round.id, await reviewer()))).toBe("errors.forbidden");
    const [opened] = await db().select().from(rounds).where(eq(rounds.id, round.id));
    // A page that saw an older revision is refused.
    expect(await refusal(closeRound(db(), round.id, await admin(), { revision: (opened?.revision ?? 0) - 1 }))).toBe("workflow.conflict");
    await closeRound(db(), round.id, await admin(), { revision: opened?.revision });
    const [closed] = await db().select().from(rounds).where(eq(rounds.id, round.id));
    expect(closed?.status).toBe("closed");
    expect(closed?.closedAt).not.toBeNull();
    expect((await audits("round", round.id)).map((a) => a.action)).toEqual(["round.create", OPEN_ACTION, CLOSE_ACTION]);
    expect(await refusal(closeRound(db(), round.id, await admin()))).toBe("rounds.notClosable");
  });

  it("reopens a closed round for one city: reopenedUntil set, audited, its officers told; the others stay closed", async () => {
    const asked = await cityIds(db(), ["kushtia", "faridpur"]);
    const round = await newRound({ targetKind: "list", cityIds: asked.map(String) });
    await openRound(db(), round.id, await admin());
    await closeRound(db(), round.id, await admin());
    const made = await responsesOf(round.id);
    const kushtia = made.find((r) => r.cityId === asked[0]);
    if (!kushtia) throw new Error("no response");
    const until = addDays(today, 7);

    expect(await refusal(reopenForCity(db(), { roundId: round.id, responseId: kushtia.id, until }, await reviewer()))).toBe("errors.forbidden");
    expect(await refusal(reopenForCity(db(), { roundId: round.id, responseId: kushtia.id, until: addDays(cityToday("BD"), -1) }, await admin()))).toBe("validation.round.reopenPast");
    expect(await refusal(reopenForCity(db(), { roundId: round.id + 1000, responseId: kushtia.id, until }, await admin()))).toBe("errors.not_found");

    await reopenForCity(db(), { roundId: round.id, responseId: kushtia.id, until }, await admin());
    const after = await responsesOf(round.id);
    expect(after.find((r) => r.id === kushtia.id)?.reopenedUntil).toBe(until);
    expect(after.filter((r) => r.id !== kushtia.id).every((r) => r.reopenedUntil === null)).toBe(true);
    const [audit] = await audits("response", kushtia.id);
    expect(audit?.action).toBe("round.reopen_city");
    expect(audit?.after).toEqual({ reopenedUntil: until });
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, await userId("officer.kushtia@demo.cwis")), eq(notifications.kind, ROUND_OPEN_KIND), eq(notifications.link, `/questionnaires/responses/${kushtia.id}`)));
    // One when the round opened, one for the reopening (until the new day).
    expect(told.map((n) => n.params.at)).toEqual([endOfDayIn(round.dueOn, "BD").toISOString(), endOfDayIn(until, "BD").toISOString()]);

    await db().update(responses).set({ status: "submitted" }).where(eq(responses.id, kushtia.id));
    expect(await refusal(reopenForCity(db(), { roundId: round.id, responseId: kushtia.id, until }, await admin()))).toBe("rounds.reopen.notNeeded");
  });

  it("reminds officers once before the deadline and once after it, never a city that submitted", async () => {
    // A deadline far from every other test's, so only this round is in the reminders' window.
    const dueOn = "2031-06-15";
    const asked = await cityIds(db(), ["kushtia", "mahalaxmi", "jhenaidah"]);
    const round = await newRound({ targetKind: "list", cityIds: asked.map(String), opensOn: "2031-05-01", dueOn });
    await openRound(db(), round.id, await admin());
    const made = await responsesOf(round.id);
    const kushtiaOfficer = await userId("officer.kushtia@demo.cwis");
    const mahalaxmiOfficer = await userId("officer.mahalaxmi@demo.cwis");
    const reminders = (phase: "before" | "after") =>
      db()
        .select({ userId: notifications.userId, entityIds: notifications.entityIds, params: notifications.params })
        .from(notifications)
        .where(and(eq(notifications.kind, ROUND_REMINDER_KIND), eq(notifications.entity, REMINDER_ENTITY[phase]), inArray(notifications.userId, [kushtiaOfficer, mahalaxmiOfficer])));

    // Too early: a week before.
    expect(await queueRoundReminders(db(), new Date("2031-06-08T06:00:00Z"))).toBe(0);
    const threeDaysBefore = new Date("2031-06-12T06:00:00Z");
    expect(await queueRoundReminders(db(), threeDaysBefore)).toBe(2);
    expect(await queueRoundReminders(db(), threeDaysBefore)).toBe(0);
    expect(await queueRoundReminders(db(), new Date("2031-06-14T06:00:00Z"))).toBe(0);
    const before = await reminders("before");
    expect(before).toHaveLength(2);
    expect(before.every((n) => made.some((r) => n.entityIds.includes(r.id)))).toBe(true);
    const reminderMail = await db().select().from(outbox).where(and(eq(outbox.kind, ROUND_REMINDER_KIND), eq(outbox.userId, kushtiaOfficer)));
    expect(reminderMail).toHaveLength(1);

    // Kushtia submits; on the day after the deadline only Mahalaxmi is reminded, once.
    const kushtia = made.find((r) => r.cityId === asked[0]);
    await db().update(responses).set({ status: "submitted", submittedAt: new Date("2031-06-15T05:00:00Z") }).where(eq(responses.id, kushtia?.id ?? 0));
    const dayAfter = new Date("2031-06-16T06:00:00Z");
    expect(await queueRoundReminders(db(), dayAfter)).toBe(1);
    expect(await queueRoundReminders(db(), new Date("2031-06-17T06:00:00Z"))).toBe(0);
    const after = await reminders("after");
    expect(after.map((n) => n.userId)).toEqual([mahalaxmiOfficer]);
    expect(after[0]?.params.at).toBe(endOfDayIn(dueOn, "NP").toISOString());

    // A closed round reminds nobody.
    await db().update(responses).set({ status: "not_started" }).where(eq(responses.id, kushtia?.id ?? 0));
    await closeRound(db(), round.id, await admin());
    expect(await queueRoundReminders(db(), new Date("2031-06-18T06:00:00Z"))).toBe(0);
  });

  it("no reminder before the deadline when the round opened within those days (the opening named the deadline)", () => {
    const round = { dueOn: "2031-06-15", openedAt: new Date("2031-06-13T04:00:00Z") };
    expect(reminderDue("before", round, "BD", new Date("2031-06-13T06:00:00Z"))).toBe(false);
    expect(reminderDue("before", { ...round, openedAt: new Date("2031-06-01T04:00:00Z") }, "BD", new Date("2031-06-13T06:00:00Z"))).toBe(true);
    expect(reminderDue("after", round, "BD", new Date("2031-06-16T06:00:00Z"))).toBe(true);
    expect(reminderDue("after", round, "BD", new Date("2031-06-30T06:00:00Z"))).toBe(false);
    // Each city's own day: 18:20Z on the 15th is already 00:05 on the 16th in Kathmandu; 17:50Z is still 23:50 on the 15th in Dhaka.
    expect(reminderDue("after", round, "NP", new Date("2031-06-15T18:20:00Z"))).toBe(true);
    expect(reminderDue("after", round, "BD", new Date("2031-06-15T17:50:00Z"))).toBe(false);
  });

  it("the round page's aggregates: counts by status, a page of cities, the overdue ones, submissions per day", async () => {
    const asked = await cityIds(db(), ["kushtia", "mahalaxmi", "jhenaidah", "godawari"]);
    const round = await newRound({ targetKind: "list", cityIds: asked.map(String), opensOn: "2026-01-01", dueOn: "2026-01-31" });
    await openRound(db(), round.id, await admin());
    const made = await responsesOf(round.id);
    const byCity = (id: number | undefined) => made.find((r) => r.cityId === id)?.id ?? 0;
    await db().update(responses).set({ status: "submitted", submittedAt: new Date("2026-01-20T10:00:00Z") }).where(eq(responses.id, byCity(asked[0])));
    await db().update(responses).set({ status: "accepted", submittedAt: new Date("2026-01-20T20:00:00Z"), reviewedAt: new Date("2026-01-25T10:00:00Z") }).where(eq(responses.id, byCity(asked[1])));
    await db().update(responses).set({ status: "draft" }).where(eq(responses.id, byCity(asked[2])));

    const counts = await roundStatusCounts(db(), round.id, {});
    expect(counts.reduce((sum, c) => sum + c.n, 0)).toBe(4);
    expect(counts.filter((c) => c.country === "NP").map((c) => [c.status, c.n]).sort()).toEqual([["accepted", 1], ["not_started", 1]]);
    expect(await roundStatusCounts(db(), round.id, { country: "BD", role: "mentee" })).toEqual([]);

    const page = await roundCityPage(db(), round.id, { country: "NP" }, { overdueOnly: false, pastDueCountries: [], limit: 50, offset: 0 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.slug)).toEqual(["godawari", "mahalaxmi"]);
    const past = pastDueCountries("2026-01-31", new Date("2026-02-01T12:00:00Z"));
    expect(past).toEqual(["BD", "NP"]);
    const overdue = await roundCityPage(db(), round.id, {}, { overdueOnly: true, pastDueCountries: past, limit: 50, offset: 0 });
    expect(overdue.rows.map((r) => r.slug)).toEqual(["godawari", "jhenaidah"]);
    expect((await roundCityPage(db(), round.id, {}, { overdueOnly: true, pastDueCountries: [], limit: 50, offset: 0 })).total).toBe(0);

    // On the Dhaka clock Mahalaxmi's 20:00Z submission is already the 21st.
    const days = await roundSubmissionDays(db(), round.id, {}, "Asia/Dhaka");
    expect(days.submitted).toEqual([{ day: "2026-01-20", n: 1 }, { day: "2026-01-21", n: 1 }]);
    expect(days.accepted).toEqual([{ day: "2026-01-25", n: 1 }]);

    const list = await listRounds(db(), { limit: 50, offset: 0 });
    const row = list.rows.find((r) => r.id === round.id);
    expect(row).toMatchObject({ asked: 4, submitted: 2, accepted: 1, status: "open" });
    expect(list.rows[0]?.id).toBe(round.id);
  });
});
