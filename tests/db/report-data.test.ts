import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { cityScoresAt } from "@/db/queries/scores";
import { answers, events, questionnaireVersions, questionnaires, questions, registrations, responses, rounds } from "@/db/schema";
import { translator } from "@/lib/i18n/messages";
import { buildReportSnapshot, type SnapshotSource } from "@/server/reports/data";
import { describeDb, seededCityId } from "./support";

const L = (en: string, bn = en, ne = en) => ({ en, bn, ne });
const profile = (cityId: number, year: number): SnapshotSource => ({ kind: "city_profile", cityId, year, roundId: null, scopeCityIds: null, resourceId: null });

async function event(db: Database, hostCityId: number, startsAt: string, title: string) {
  const start = new Date(startsAt);
  const [row] = await db
    .insert(events)
    .values({ title, type: "training", hostCityId, timeZone: "Asia/Dhaka", startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), capacity: 30, status: "completed" })
    .returning();
  return row!.id;
}

async function register(db: Database, eventId: number, cityId: number, people: { gender: "female" | "male"; status?: "registered" | "waitlisted" | "withdrawn"; attended?: boolean }[]) {
  let n = 0;
  for (const person of people) {
    const name = `P${eventId}-${cityId}-${n++}`;
    await db.insert(registrations).values({ eventId, cityId, name, nameKey: name.toLowerCase(), gender: person.gender, status: person.status ?? "registered", attended: person.attended ?? null, withdrawnAt: person.status === "withdrawn" ? new Date() : null });
  }
}

/** A round with a choice, a yes/no and a need question, answered (submitted) by the cities given. */
async function answeredRound(db: Database, period: string, askedCityIds: number[], answered: { cityId: number; need: string }[]) {
  const [questionnaire] = await db.insert(questionnaires).values({}).returning();
  const [version] = await db
    .insert(questionnaireVersions)
    .values({ questionnaireId: questionnaire!.id, number: 1, title: L("Annual"), description: L(""), sections: [{ key: "plan", title: L("Planning", "পরিকল্পনা", "योजना") }] })
    .returning();
  const [choice, yesNo, need] = await db
    .insert(questions)
    .values([
      { versionId: version!.id, key: "plan_state", sectionKey: "plan", position: 1, type: "single_choice", label: L("Plan status"), help: L(""), config: { type: "single_choice", options: [{ value: "adopted", label: L("Adopted", "গৃহীত", "पारित") }] } },
      { versionId: version!.id, key: "has_budget", sectionKey: "plan", position: 2, type: "yes_no", label: L("Budget line?"), help: L(""), config: { type: "yes_no" } },
      { versionId: version!.id, key: "need_1", sectionKey: "plan", position: 3, type: "short_text", label: L("Need"), help: L(""), config: { type: "short_text", maxLength: 200 }, isNeed: true },
    ])
    .returning();
  await db.update(questionnaireVersions).set({ status: "published", publishedAt: new Date() }).where(eq(questionnaireVersions.id, version!.id));
  const [round] = await db.insert(rounds).values({ versionId: version!.id, title: L(`Round ${period}`), period, target: { kind: "list", cityIds: askedCityIds }, opensOn: "2026-01-01", dueOn: "2026-03-31", status: "open" }).returning();
  for (const cityId of askedCityIds) {
    const given = answered.find((a) => a.cityId === cityId);
    const [response] = await db.insert(responses).values({ roundId: round!.id, cityId, versionId: version!.id, status: given ? "submitted" : "draft" }).returning();
    if (!given) continue;
    await db.insert(answers).values([
      { responseId: response!.id, questionId: choice!.id, value: { kind: "choice", value: "adopted" } },
      { responseId: response!.id, questionId: yesNo!.id, value: { kind: "boolean", value: true } },
      { responseId: response!.id, questionId: need!.id, value: { kind: "text", value: given.need } },
    ]);
  }
  return round!.id;
}

describeDb("report data", (db) => {
  it("scores a city profile as of Q4 of its year, the same numbers the score queries give, with its mentor and the programme median", async () => {
    const kushtia = await seededCityId(db(), "kushtia");
    const meherpur = await seededCityId(db(), "meherpur");
    const expected = await cityScoresAt(db(), kushtia, "2025-Q4");
    const snapshot = await buildReportSnapshot(db(), profile(kushtia, 2025));
    const city = snapshot.cities[0]!;
    expect(snapshot.cities).toHaveLength(1);
    expect(city.slug).toBe("kushtia");
    expect(city.scores.index).toBeCloseTo(expected.index ?? Number.NaN, 6);
    expect(city.scores.components.map((c) => c.score)).toEqual(expected.components.map((c) => c.score));
    expect(snapshot.asOf).not.toBeNull();
    expect(snapshot.asOf! <= "2025-Q4").toBe(true);
    expect(city.trend.periods.length).toBeLessThanOrEqual(12);
    expect(city.trend.periods.every((p) => p <= "2025-Q4")).toBe(true);
    expect(city.mentees.map((m) => m.slug)).toEqual(expect.arrayContaining(["meherpur", "chuadanga"]));
    expect(snapshot.components).toHaveLength(6);
    expect(snapshot.medians.some((m) => m.median !== null)).toBe(true);
    // Every indicator is listed; its status follows the value and the direction.
    for (const indicator of city.indicators) {
      if (indicator.value === null) expect(indicator.status).toBe("no_data");
      else expect(indicator.status).toBe((indicator.direction === "lower_is_better" ? indicator.value <= indicator.target : indicator.value >= indicator.target) ? "met" : "not_met");
    }
    // A mentee's profile carries its mentor's scores of the same quarter.
    const mentee = (await buildReportSnapshot(db(), profile(meherpur, 2025))).cities[0]!;
    expect(mentee.mentor?.slug).toBe("kushtia");
    const mentorExpected = await cityScoresAt(db(), kushtia, mentee.scores.period ?? "2025-Q4");
    expect(mentee.mentorScores?.index ?? null).toBeCloseTo(mentorExpected.index ?? Number.NaN, 6);
    // JSON in, JSON out: the snapshot is stored as jsonb.
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it("counts the year's events hosted and attended, by gender: attendance where taken, otherwise seats held; withdrawn and waitlisted never", async () => {
    const kushtia = await seededCityId(db(), "kushtia");
    const jhenaidah = await seededCityId(db(), "jhenaidah");
    const hosted = await event(db(), kushtia, "2024-05-10T04:00:00Z", "FSM orientation");
    await register(db(), hosted, kushtia, [{ gender: "female" }, { gender: "female" }, { gender: "male" }, { gender: "female", status: "withdrawn" }, { gender: "male", status: "waitlisted" }]);
    await register(db(), hosted, jhenaidah, [{ gender: "male" }]);
    const elsewhere = await event(db(), jhenaidah, "2024-08-01T04:00:00Z", "Exposure visit");
    await register(db(), elsewhere, kushtia, [{ gender: "female", attended: true }, { gender: "male", attended: false }]);
    await register(db(), elsewhere, jhenaidah, [{ gender: "male", attended: true }]);
    // 31 December, 20:00 UTC is already 1 January in Dhaka: next year's event.
    const nextYear = await event(db(), kushtia, "2024-12-31T20:00:00Z", "New year workshop");

    const { events: listed } = (await buildReportSnapshot(db(), profile(kushtia, 2024))).cities[0]!;
    const byId = new Map(listed.map((e) => [e.id, e]));
    expect(byId.get(hosted)).toMatchObject({ role: "hosted", participants: { female: 2, male: 2, other: 0, undisclosed: 0 } });
    expect(byId.get(elsewhere)).toMatchObject({ role: "attended", participants: { female: 1, male: 0 } });
    expect(byId.has(nextYear)).toBe(false);
  });

  it("covers the round's asked cities narrowed by the scope, with round facts, needs and answers in every language", async () => {
    const kushtia = await seededCityId(db(), "kushtia");
    const meherpur = await seededCityId(db(), "meherpur");
    const chuadanga = await seededCityId(db(), "chuadanga");
    const roundId = await answeredRound(db(), "2025", [kushtia, meherpur, chuadanga], [
      { cityId: kushtia, need: "A second desludging truck" },
      { cityId: meherpur, need: "Training for masons" },
    ]);
    const synthesis = await buildReportSnapshot(db(), { kind: "synthesis", cityId: null, year: null, roundId, scopeCityIds: [kushtia, chuadanga], resourceId: null });
    expect(synthesis.cities.map((c) => c.slug).sort()).toEqual(["chuadanga", "kushtia"]);
    expect(synthesis.round).toMatchObject({ id: roundId, period: "2025", asked: 3, submitted: 2 });
    expect(synthesis.cities.find((c) => c.slug === "kushtia")?.needs.map((n) => n.text)).toEqual(["A second desludging truck"]);
    expect(synthesis.cities.find((c) => c.slug === "chuadanga")?.needs).toEqual([]);
    expect(synthesis.cities.every((c) => c.answers === null)).toBe(true);

    const all = await buildReportSnapshot(db(), { kind: "synthesis", cityId: null, year: null, roundId, scopeCityIds: null, resourceId: null });
    expect(all.cities).toHaveLength(3);

    const roundReport = await buildReportSnapshot(db(), { kind: "round_report", cityId: kushtia, year: null, roundId, scopeCityIds: null, resourceId: null });
    const answered = roundReport.cities[0]!.answers!;
    expect(answered.find((a) => a.question.en === "Plan status")).toMatchObject({ sectionTitle: { bn: "পরিকল্পনা" }, answer: { en: "Adopted", bn: "গৃহীত", ne: "पारित" } });
    expect(answered.find((a) => a.question.en === "Budget line?")?.answer).toEqual({ en: translator("en")("common.yes"), bn: translator("bn")("common.yes"), ne: translator("ne")("common.yes") });
    // A year round reads values up to its Q4.
    expect(roundReport.cities[0]!.scores.period === null || roundReport.cities[0]!.scores.period <= "2025-Q4").toBe(true);
    // The profile of the year gathers the needs of all that year's rounds.
    expect((await buildReportSnapshot(db(), profile(meherpur, 2025))).cities[0]!.needs.map((n) => n.text)).toContain("Training for masons");
  });
});
