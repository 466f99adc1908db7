import { and, asc, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import type { questionsWithIndicators } from "./questionnaires";
import { answers, cities, indicatorValues, questionnaireVersions, questions, responseComments, responses, rounds, users, type Answer, type RoundResponse } from "../schema";
import type { AnswerValue } from "@/lib/questionnaires/types";
import type { ResponseStatus } from "@/lib/domain";

/** A response with what answering needs of its round and city (one row). */
export async function responseContext(db: Database, responseId: number, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      response: responses,
      round: { id: rounds.id, title: rounds.title, period: rounds.period, status: rounds.status, opensOn: rounds.opensOn, dueOn: rounds.dueOn, guideResourceId: rounds.guideResourceId, orientationEventId: rounds.orientationEventId },
      city: { id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country },
      version: { id: questionnaireVersions.id, number: questionnaireVersions.number, title: questionnaireVersions.title, description: questionnaireVersions.description, sections: questionnaireVersions.sections },
      updatedByName: users.name,
    })
    .from(responses)
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, responses.versionId))
    .leftJoin(users, eq(users.id, responses.updatedBy))
    .where(eq(responses.id, responseId));
  const [row] = options.lock ? await query.for("update", { of: responses }) : await query;
  return row ?? null;
}

export type ResponseContext = NonNullable<Awaited<ReturnType<typeof responseContext>>>;

/** The questions of the version a response answers, in order, with their framework indicators. */
export { questionsWithIndicators as questionsForAnswering } from "./questionnaires";
export type AnsweringQuestion = Awaited<ReturnType<typeof questionsWithIndicators>>[number];

export async function answersOf(db: Database, responseId: number): Promise<Answer[]> {
  return db.select().from(answers).where(eq(answers.responseId, responseId));
}

/** The city's values of these indicators for one period: the answers of indicator questions. */
export async function indicatorAnswers(db: Database, cityId: number, indicatorIds: readonly number[], period: string) {
  if (indicatorIds.length === 0) return [];
  return db
    .select({ id: indicatorValues.id, indicatorId: indicatorValues.indicatorId, value: indicatorValues.value, status: indicatorValues.status, version: indicatorValues.version, flags: indicatorValues.flags, explanation: indicatorValues.explanation, reviewComment: indicatorValues.reviewComment, note: indicatorValues.note, evidenceUrl: indicatorValues.evidenceUrl, previousValue: indicatorValues.previousValue })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.cityId, cityId), inArray(indicatorValues.indicatorId, [...indicatorIds]), eq(indicatorValues.period, period)));
}

/**
 * Replaces a response's stored answers: rows for `write` (insert or update), deleted for the
 * question ids in `clear` (emptied, or hidden by a show-when rule). One statement each.
 */
export async function writeAnswers(tx: Database, responseId: number, actorId: number, write: readonly { questionId: number; value: AnswerValue; fileId: number | null }[], clear: readonly number[]): Promise<void> {
  if (clear.length) await tx.delete(answers).where(and(eq(answers.responseId, responseId), inArray(answers.questionId, [...clear])));
  if (write.length === 0) return;
  await tx
    .insert(answers)
    .values(write.map((w) => ({ responseId, questionId: w.questionId, value: w.value, fileId: w.fileId, updatedBy: actorId })))
    .onConflictDoUpdate({ target: [answers.responseId, answers.questionId], set: { value: sql`excluded.value`, fileId: sql`excluded.file_id`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`now()` } });
}

/** A save of the officer's: the next version, and a not-started response becomes a draft (a returned one stays returned). */
export async function markResponseSaved(tx: Database, before: RoundResponse, actorId: number): Promise<RoundResponse> {
  const [after] = await tx
    .update(responses)
    .set({ status: before.status === "not_started" ? "draft" : before.status, version: before.version + 1, updatedBy: actorId, updatedAt: sql`now()` })
    .where(eq(responses.id, before.id))
    .returning();
  if (!after) throw new Error("response vanished");
  return after;
}

/** Responses by id, locked for a status change (server/workflow.ts), with their city's id for the scope. */
export async function lockResponsesById(tx: Database, ids: readonly number[]): Promise<RoundResponse[]> {
  if (ids.length === 0) return [];
  return tx.select().from(responses).where(inArray(responses.id, [...ids])).for("update");
}

/** Stores a response's move with the next version: submitting stamps who, when and the new cycle; a review stamps the reviewer. */
export async function moveResponse(tx: Database, before: RoundResponse, to: "submitted" | "accepted" | "returned", actorId: number): Promise<RoundResponse> {
  const change = to === "submitted" ? { status: to, submittedAt: sql`now()`, submittedBy: actorId, cycle: before.cycle + 1 } : { status: to, reviewedAt: sql`now()`, reviewedBy: actorId };
  const [after] = await tx
    .update(responses)
    .set({ ...change, version: before.version + 1, updatedAt: sql`now()` })
    .where(eq(responses.id, before.id))
    .returning();
  if (!after) throw new Error("response vanished");
  return after;
}

export async function insertResponseComments(tx: Database, rows: readonly { responseId: number; questionId: number | null; cycle: number; body: string; authorId: number }[]): Promise<void> {
  if (rows.length) await tx.insert(responseComments).values([...rows]);
}

/** The reviewers' comments of a response's latest review cycle (what the officer must address). */
export async function commentsOfCycle(db: Database, responseId: number, cycle: number) {
  return db
    .select({ questionId: responseComments.questionId, body: responseComments.body, createdAt: responseComments.createdAt, authorName: users.name })
    .from(responseComments)
    .leftJoin(users, eq(users.id, responseComments.authorId))
    .where(and(eq(responseComments.responseId, responseId), eq(responseComments.cycle, cycle)))
    .orderBy(asc(responseComments.id));
}

/**
 * A city's assignments (or, without a city, every response waiting for review), for
 * /questionnaires: with the round's dates and the version's title. Overdue ones first is the
 * page's order (it knows today); here, by deadline.
 */
export async function assignmentsOf(db: Database, filter: { cityId: number } | { statuses: readonly ResponseStatus[] }, page: { limit: number; offset: number }) {
  const where = "cityId" in filter ? and(eq(responses.cityId, filter.cityId), notInArray(rounds.status, ["scheduled"])) : inArray(responses.status, [...filter.statuses]);
  const rows = await db
    .select({
      id: responses.id,
      status: responses.status,
      updatedAt: responses.updatedAt,
      submittedAt: responses.submittedAt,
      reopenedUntil: responses.reopenedUntil,
      round: { id: rounds.id, title: rounds.title, period: rounds.period, status: rounds.status, dueOn: rounds.dueOn },
      city: { slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country },
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(responses)
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(where)
    .orderBy(sql`case when ${responses.status} in ('submitted', 'accepted') then 1 else 0 end`, asc(rounds.dueOn), desc(responses.id))
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The responses of open rounds the city still owes (for the officer's dashboard: due soon). */
export async function openAssignmentsOf(db: Database, cityId: number) {
  return db
    .select({ id: responses.id, status: responses.status, reopenedUntil: responses.reopenedUntil, round: { title: rounds.title, period: rounds.period, status: rounds.status, dueOn: rounds.dueOn } })
    .from(responses)
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .where(and(eq(responses.cityId, cityId), eq(rounds.status, "open"), inArray(responses.status, ["not_started", "draft", "returned"])))
    .orderBy(asc(rounds.dueOn))
    .limit(10);
}

/** The city a response belongs to (an action's scope: never the city named in the input). */
export async function responseCityId(db: Database, responseId: number): Promise<number | null> {
  const [row] = await db.select({ cityId: responses.cityId }).from(responses).where(eq(responses.id, responseId));
  return row?.cityId ?? null;
}

/** The response of a city (by slug) to a round, for the API's PUT. */
export async function responseOfRoundCity(db: Database, roundId: number, citySlug: string): Promise<{ id: number; cityId: number } | null> {
  const [row] = await db.select({ id: responses.id, cityId: responses.cityId }).from(responses).innerJoin(cities, eq(cities.id, responses.cityId)).where(and(eq(responses.roundId, roundId), eq(cities.slug, citySlug)));
  return row ?? null;
}

/** The file a response's answer to a file question holds (null: no such answer or not a file). */
export async function fileAnswerOf(db: Database, responseId: number, questionKey: string) {
  const [row] = await db
    .select({ value: answers.value, fileId: answers.fileId })
    .from(answers)
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .where(and(eq(answers.responseId, responseId), eq(questions.key, questionKey)));
  return row && row.fileId !== null && row.value.kind === "file" ? { fileId: row.fileId, fileName: row.value.name, mimeType: row.value.mimeType, size: row.value.size } : null;
}
