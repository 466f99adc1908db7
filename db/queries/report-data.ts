import { and, asc, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { answers, cities, events, questionnaireVersions, questions, registrations, resources, responses, rounds, type City, type Round } from "../schema";
import type { Gender, LocalizedText } from "@/lib/domain";
import type { AnswerValue, QuestionConfig, QuestionnaireSection } from "@/lib/questionnaires/types";

/** Responses that count as a city's answer: submitted and waiting for review, or accepted. */
const COUNTED_RESPONSES = ["submitted", "accepted"] as const;

/** The report's cities, and the cities they mentor or are mentored by (for names and the mentor's scores). */
export async function reportCityRows(db: Database, cityIds: readonly number[]): Promise<{ cities: City[]; related: City[] }> {
  if (cityIds.length === 0) return { cities: [], related: [] };
  const own = await db.select().from(cities).where(inArray(cities.id, [...cityIds])).orderBy(asc(cities.nameEn));
  const mentorIds = own.flatMap((c) => (c.mentorCityId === null ? [] : [c.mentorCityId]));
  const related = await db
    .select()
    .from(cities)
    .where(or(inArray(cities.mentorCityId, [...cityIds]), mentorIds.length ? inArray(cities.id, mentorIds) : sql`false`))
    .orderBy(asc(cities.nameEn));
  return { cities: own, related };
}

export interface ReportRound {
  round: Round;
  asked: number;
  submitted: number;
  /** Every city the round asked (a synthesis covers these, narrowed by its scope). */
  askedCityIds: number[];
}

export async function reportRound(db: Database, roundId: number): Promise<ReportRound | null> {
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  if (!round) return null;
  const rows = await db.select({ cityId: responses.cityId, status: responses.status }).from(responses).where(eq(responses.roundId, roundId));
  const answered = rows.filter((r) => (COUNTED_RESPONSES as readonly string[]).includes(r.status)).map((r) => r.cityId);
  return { round, asked: rows.length, submitted: answered.length, askedCityIds: rows.map((r) => r.cityId) };
}

export interface ReportEventRow {
  id: number;
  title: string;
  startsAt: Date;
  hostCityId: number;
  /** The city the counts are for: a hosted event counts everyone, an attended one the city's own people. */
  cityId: number;
  role: "hosted" | "attended";
  gender: Gender;
  participants: number;
}

const localYear = sql<number>`extract(year from ${events.startsAt} at time zone ${events.timeZone})::int`;
// Attendance where it was taken (any registration marked), otherwise the seats held.
const attendanceTaken = sql`exists (select 1 from ${registrations} r2 where r2.event_id = ${events.id} and r2.attended is not null)`;
const participantCount = sql<number>`count(*) filter (where case when ${attendanceTaken} then ${registrations.attended} is true else ${registrations.status} = 'registered' end)`.mapWith(Number);

/**
 * Events of the year (in the venue's calendar) that the cities hosted or whose people registered
 * for, not cancelled, with participants per gender: one row per event × city × gender.
 */
export async function reportEventRows(db: Database, cityIds: readonly number[], year: number): Promise<ReportEventRow[]> {
  if (cityIds.length === 0) return [];
  const ids = [...cityIds];
  const base = and(ne(events.status, "cancelled"), sql`${localYear} = ${year}`);
  const hosted = await db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, hostCityId: events.hostCityId, gender: registrations.gender, participants: participantCount })
    .from(events)
    .leftJoin(registrations, and(eq(registrations.eventId, events.id), ne(registrations.status, "withdrawn")))
    .where(and(base, inArray(events.hostCityId, ids)))
    .groupBy(events.id, registrations.gender)
    .orderBy(asc(events.startsAt));
  const attended = await db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, hostCityId: events.hostCityId, cityId: registrations.cityId, gender: registrations.gender, participants: participantCount })
    .from(events)
    .innerJoin(registrations, and(eq(registrations.eventId, events.id), ne(registrations.status, "withdrawn")))
    .where(and(base, inArray(registrations.cityId, ids), sql`${events.hostCityId} <> ${registrations.cityId}`))
    .groupBy(events.id, registrations.cityId, registrations.gender)
    .orderBy(asc(events.startsAt));
  return [
    // A hosted event with no registration yet still belongs in the list, with zero participants.
    ...hosted.map((row) => ({ ...row, cityId: row.hostCityId, role: "hosted" as const, gender: row.gender ?? "undisclosed", participants: row.gender === null ? 0 : row.participants })),
    ...attended.map((row) => ({ ...row, role: "attended" as const })),
  ];
}

/** Published library resources of each city, newest first, at most `perCity` each. */
export async function reportResourceRows(db: Database, cityIds: readonly number[], perCity: number, excludeId: number | null) {
  if (cityIds.length === 0) return [];
  const ranked = db
    .select({
      id: resources.id,
      title: resources.title,
      type: resources.type,
      year: resources.year,
      cityId: resources.cityId,
      rank: sql<number>`row_number() over (partition by ${resources.cityId} order by ${resources.publishedAt} desc, ${resources.id} desc)`.as("rank"),
    })
    .from(resources)
    .where(and(eq(resources.status, "published"), inArray(resources.cityId, [...cityIds]), excludeId === null ? undefined : ne(resources.id, excludeId)))
    .as("ranked");
  const rows = await db.select().from(ranked).where(sql`${ranked.rank} <= ${perCity}`).orderBy(asc(ranked.cityId), asc(ranked.rank));
  return rows.flatMap((row) => (row.cityId === null ? [] : [{ ...row, cityId: row.cityId }]));
}

export interface ReportNeedRow {
  answerId: number;
  cityId: number;
  roundTitle: LocalizedText;
  period: string;
  value: AnswerValue;
}

/**
 * The cities' needs: answers to need questions in counted responses, of one round, or of every
 * round of a year (periods `YYYY` and `YYYY-Qn`).
 */
export async function reportNeedRows(db: Database, cityIds: readonly number[], scope: { roundId: number } | { year: number }): Promise<ReportNeedRow[]> {
  if (cityIds.length === 0) return [];
  return db
    .select({ answerId: answers.id, cityId: responses.cityId, roundTitle: rounds.title, period: rounds.period, value: answers.value })
    .from(answers)
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .where(
      and(
        eq(questions.isNeed, true),
        inArray(responses.status, [...COUNTED_RESPONSES]),
        inArray(responses.cityId, [...cityIds]),
        "roundId" in scope ? eq(rounds.id, scope.roundId) : sql`left(${rounds.period}, 4) = ${String(scope.year)}`,
      ),
    )
    .orderBy(asc(rounds.period), asc(responses.cityId), asc(questions.position));
}

export interface ReportAnswerRow {
  cityId: number;
  sections: QuestionnaireSection[];
  sectionKey: string;
  label: LocalizedText;
  config: QuestionConfig;
  value: AnswerValue;
}

/** The cities' stored answers to a round (counted responses only), in questionnaire order. */
export async function reportAnswerRows(db: Database, roundId: number, cityIds: readonly number[]): Promise<ReportAnswerRow[]> {
  if (cityIds.length === 0) return [];
  return db
    .select({ cityId: responses.cityId, sections: questionnaireVersions.sections, sectionKey: questions.sectionKey, label: questions.label, config: questions.config, value: answers.value })
    .from(answers)
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, responses.versionId))
    .where(and(eq(responses.roundId, roundId), inArray(responses.cityId, [...cityIds]), inArray(responses.status, [...COUNTED_RESPONSES])))
    .orderBy(asc(responses.cityId), asc(questions.position), desc(answers.id));
}
