import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { answers, cities, indicatorValues, indicators, questionnaireVersions, questions, responses, rounds } from "../schema";
import type { Country, ProgrammeRole, QuestionType, ResponseStatus } from "@/lib/domain";
import type { AnswerValue, QuestionConfig } from "@/lib/questionnaires/types";
import { indicatorPeriodOf } from "@/lib/questionnaires/rules";

/** Which of a round's cities a results view or an export covers. */
export interface CityFilter {
  country?: Country;
  programmeRole?: ProgrammeRole;
}

function cityWhere(filter: CityFilter): SQL[] {
  return [...(filter.country ? [eq(cities.country, filter.country)] : []), ...(filter.programmeRole ? [eq(cities.programmeRole, filter.programmeRole)] : [])];
}

/**
 * The filter as a condition on the responses' city, without a join when there is no filter: the
 * results' aggregates then read answers and responses alone (bench: a third of their time was the join).
 */
function responseCityIn(db: Database, filter: CityFilter): SQL[] {
  const where = cityWhere(filter);
  return where.length ? [inArray(responses.cityId, db.select({ id: cities.id }).from(cities).where(and(...where)))] : [];
}

/** A round with its version and the indicator period its indicator questions answer. */
export async function roundForResults(db: Database, roundId: number) {
  const [row] = await db
    .select({ id: rounds.id, title: rounds.title, period: rounds.period, status: rounds.status, versionId: rounds.versionId, questionnaireId: questionnaireVersions.questionnaireId, versionNumber: questionnaireVersions.number, versionTitle: questionnaireVersions.title, sections: questionnaireVersions.sections })
    .from(rounds)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, rounds.versionId))
    .where(eq(rounds.id, roundId));
  return row ?? null;
}

export async function questionsOfVersion(db: Database, versionId: number) {
  return db.select().from(questions).where(eq(questions.versionId, versionId)).orderBy(asc(questions.position), asc(questions.id));
}

/**
 * Per question, what the asked cities answered, aggregated in SQL (the round page's results at
 * 5,000 cities): how often each choice was picked, and min / median / max of numbers. Only
 * submitted and accepted responses count: drafts are not answers yet.
 */
export async function choiceCounts(db: Database, roundId: number, filter: CityFilter): Promise<{ questionId: number; choice: string; n: number }[]> {
  const counted = and(eq(responses.roundId, roundId), inArray(responses.status, ["submitted", "accepted"]), ...responseCityIn(db, filter));
  // One row per option ticked: a multiple choice's values unnested, a single choice or yes/no as it is.
  const single = sql<string>`case when ${answers.value}->>'kind' = 'boolean' then (case when (${answers.value}->>'value')::boolean then 'yes' else 'no' end) else ${answers.value}->>'value' end`;
  const picks = db
    .select({ questionId: answers.questionId, choice: sql<string>`jsonb_array_elements_text(${answers.value}->'values')`.as("choice") })
    .from(answers)
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .where(and(counted, sql`${answers.value}->>'kind' = 'choices'`))
    .unionAll(
      db
        .select({ questionId: answers.questionId, choice: single.as("choice") })
        .from(answers)
        .innerJoin(responses, eq(responses.id, answers.responseId))
        .where(and(counted, sql`${answers.value}->>'kind' in ('choice', 'boolean')`)),
    )
    .as("picks");
  return db
    .select({ questionId: picks.questionId, choice: picks.choice, n: sql<number>`count(*)`.mapWith(Number) })
    .from(picks)
    .groupBy(picks.questionId, picks.choice);
}

/** Other-texts of multiple-choice answers and text answers, with their city (at most `limit` per question). */
export async function textAnswers(db: Database, roundId: number, filter: CityFilter, limit: number) {
  const ranked = db
    .select({
      questionId: answers.questionId,
      value: answers.value,
      slug: cities.slug,
      nameEn: cities.nameEn,
      nameBn: cities.nameBn,
      nameNe: cities.nameNe,
      rank: sql<number>`row_number() over (partition by ${answers.questionId} order by ${cities.nameEn})`.as("rank"),
      total: sql<number>`count(*) over (partition by ${answers.questionId})`.as("total"),
    })
    .from(answers)
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(and(eq(responses.roundId, roundId), inArray(responses.status, ["submitted", "accepted"]), sql`(${answers.value}->>'kind' = 'text' or (${answers.value}->>'kind' = 'choices' and ${answers.value}->>'other' is not null))`, ...cityWhere(filter)))
    .as("ranked");
  return db.select().from(ranked).where(sql`${ranked.rank} <= ${limit}`).orderBy(ranked.questionId, ranked.rank);
}

/** min / median / max / count of number answers, and of indicator answers (the city's values for the round's period). */
export async function numberSummaries(db: Database, round: { id: number; versionId: number; indicatorPeriod: string }, filter: CityFilter) {
  const answerNumbers = db
    .select({
      questionId: answers.questionId,
      n: sql<number>`count(*)`.mapWith(Number),
      min: sql<number>`min((${answers.value}->>'value')::float8)`.mapWith(Number),
      median: sql<number>`percentile_cont(0.5) within group (order by (${answers.value}->>'value')::float8)`.mapWith(Number),
      max: sql<number>`max((${answers.value}->>'value')::float8)`.mapWith(Number),
    })
    .from(answers)
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .where(and(eq(responses.roundId, round.id), inArray(responses.status, ["submitted", "accepted"]), sql`${answers.value}->>'kind' = 'number'`, ...responseCityIn(db, filter)))
    .groupBy(answers.questionId);
  const indicatorNumbers = db
    .select({
      questionId: questions.id,
      n: sql<number>`count(*)`.mapWith(Number),
      min: sql<number>`min(${indicatorValues.value})`.mapWith(Number),
      median: sql<number>`percentile_cont(0.5) within group (order by ${indicatorValues.value})`.mapWith(Number),
      max: sql<number>`max(${indicatorValues.value})`.mapWith(Number),
    })
    .from(questions)
    .innerJoin(responses, and(eq(responses.roundId, round.id), inArray(responses.status, ["submitted", "accepted"])))
    .innerJoin(indicatorValues, and(eq(indicatorValues.cityId, responses.cityId), eq(indicatorValues.indicatorId, questions.indicatorId), eq(indicatorValues.period, round.indicatorPeriod)))
    .where(and(eq(questions.versionId, round.versionId), ...responseCityIn(db, filter)))
    .groupBy(questions.id);
  const [a, b] = await Promise.all([answerNumbers, indicatorNumbers]);
  return [...a, ...b];
}

/** How many of the round's (filtered) cities have answered, for the results' denominators. */
export async function answeredCount(db: Database, roundId: number, filter: CityFilter): Promise<{ asked: number; answered: number }> {
  const [row] = await db
    .select({ asked: sql<number>`count(*)`.mapWith(Number), answered: sql<number>`count(*) filter (where ${responses.status} in ('submitted', 'accepted'))`.mapWith(Number) })
    .from(responses)
    .where(and(eq(responses.roundId, roundId), ...responseCityIn(db, filter)));
  return row ?? { asked: 0, answered: 0 };
}

/** One row of an export: a city's answer to one question, in the version it answered. */
export interface ExportRow {
  responseId: number;
  questionId: number;
  roundId: number;
  roundTitle: { en: string; bn: string; ne: string };
  period: string;
  versionNumber: number;
  status: ResponseStatus;
  slug: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  country: Country;
  programmeRole: ProgrammeRole;
  questionKey: string;
  sectionKey: string;
  position: number;
  type: QuestionType;
  label: { en: string; bn: string; ne: string };
  config: QuestionConfig;
  value: AnswerValue | null;
  indicatorCode: string | null;
  indicatorValue: number | null;
  indicatorStatus: string | null;
}

export type ExportScope = { roundId: number } | { questionnaireId: number };

const scopeWhere = (scope: ExportScope) => ("roundId" in scope ? eq(responses.roundId, scope.roundId) : eq(questionnaireVersions.questionnaireId, scope.questionnaireId));

/**
 * Every question of every version the scope's responses answered, with its indicator's code: read
 * once per export (a few hundred rows at most), so the rows read per answer stay narrow.
 */
async function exportQuestions(db: Database, scope: ExportScope) {
  const versions = db.selectDistinct({ id: responses.versionId }).from(responses).innerJoin(questionnaireVersions, eq(questionnaireVersions.id, responses.versionId)).where(scopeWhere(scope));
  return db
    .select({ id: questions.id, versionId: questions.versionId, key: questions.key, sectionKey: questions.sectionKey, position: questions.position, type: questions.type, label: questions.label, config: questions.config, indicatorId: questions.indicatorId, indicatorCode: indicators.code })
    .from(questions)
    .leftJoin(indicators, eq(indicators.id, questions.indicatorId))
    .where(inArray(questions.versionId, versions))
    .orderBy(asc(questions.versionId), asc(questions.position), asc(questions.id));
}

/** A page of the scope's responses after response `afterId`, with their city and round: keyset on the primary key. */
async function exportResponses(db: Database, scope: ExportScope, filter: CityFilter, afterId: number, limit: number) {
  return db
    .select({
      id: responses.id,
      versionId: responses.versionId,
      status: responses.status,
      cityId: responses.cityId,
      roundId: rounds.id,
      roundTitle: rounds.title,
      period: rounds.period,
      versionNumber: questionnaireVersions.number,
      slug: cities.slug,
      nameEn: cities.nameEn,
      nameBn: cities.nameBn,
      nameNe: cities.nameNe,
      country: cities.country,
      programmeRole: cities.programmeRole,
    })
    .from(responses)
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, responses.versionId))
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(and(scopeWhere(scope), gt(responses.id, afterId), ...cityWhere(filter)))
    .orderBy(asc(responses.id))
    .limit(limit);
}

/** The stored answers of these responses (of these questions only, when given): ids and values. */
async function exportAnswers(db: Database, responseIds: readonly number[], questionIds?: readonly number[]) {
  if (responseIds.length === 0 || questionIds?.length === 0) return [];
  return db
    .select({ responseId: answers.responseId, questionId: answers.questionId, value: answers.value })
    .from(answers)
    .where(and(inArray(answers.responseId, [...responseIds]), ...(questionIds ? [inArray(answers.questionId, [...questionIds])] : [])));
}

/** These cities' values of these indicators for these periods: the answers of indicator questions. */
async function exportIndicatorValues(db: Database, cityIds: readonly number[], indicatorIds: readonly number[], periods: readonly string[]) {
  if (cityIds.length === 0 || indicatorIds.length === 0 || periods.length === 0) return [];
  return db
    .select({ cityId: indicatorValues.cityId, indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.value, status: indicatorValues.status })
    .from(indicatorValues)
    .where(and(inArray(indicatorValues.cityId, [...cityIds]), inArray(indicatorValues.indicatorId, [...indicatorIds]), inArray(indicatorValues.period, [...periods])));
}

/** The sections of every version a questionnaire's responses answered, newest version first (sheet order for an export across versions). */
export async function sectionsAnswered(db: Database, scope: ExportScope) {
  return db
    .selectDistinct({ number: questionnaireVersions.number, sections: questionnaireVersions.sections })
    .from(questionnaireVersions)
    .innerJoin(responses, eq(responses.versionId, questionnaireVersions.id))
    .where(scopeWhere(scope))
    .orderBy(sql`${questionnaireVersions.number} desc`);
}

/** Responses per page: with 30 questions, some 7,500 rows. */
const RESPONSES_PAGE = 250;

/**
 * The rows of the scope (of one section, or all), a page of responses at a time. The questions
 * are read once; each page reads the responses (keyset on their id), then their answers and
 * their cities' indicator values by id — narrow rows, so the read stays linear in the export's size.
 * `afterResponse` resumes after a response (the JSON API's cursor); `maxResponses` stops early.
 */
export async function* exportPages(db: Database, scope: ExportScope, options: { filter: CityFilter; sectionKey?: string; afterResponse?: number; responsesPerPage?: number; maxResponses?: number }): AsyncGenerator<{ rows: ExportRow[]; lastResponse: number; full: boolean }> {
  const questions = await exportQuestions(db, scope);
  const ofVersion = new Map<number, typeof questions>();
  for (const q of questions) if (!options.sectionKey || q.sectionKey === options.sectionKey) ofVersion.set(q.versionId, [...(ofVersion.get(q.versionId) ?? []), q]);
  const asked = [...ofVersion.values()].flat();
  const answerQuestionIds = asked.filter((q) => q.type !== "indicator").map((q) => q.id);
  const indicatorIds = [...new Set(asked.flatMap((q) => (q.indicatorId === null ? [] : [q.indicatorId])))];
  const perPage = options.responsesPerPage ?? RESPONSES_PAGE;
  let after = options.afterResponse ?? 0;
  let taken = 0;
  for (;;) {
    const limit = Math.min(perPage, options.maxResponses === undefined ? perPage : options.maxResponses - taken);
    if (limit <= 0) return;
    const page = await exportResponses(db, scope, options.filter, after, limit);
    if (page.length === 0) return;
    taken += page.length;
    after = page[page.length - 1]?.id ?? after;
    const [answers, values] = await Promise.all([
      exportAnswers(db, page.map((r) => r.id), options.sectionKey ? answerQuestionIds : undefined),
      exportIndicatorValues(db, [...new Set(page.map((r) => r.cityId))], indicatorIds, [...new Set(page.map((r) => indicatorPeriodOf(r.period)))]),
    ]);
    const answerOf = new Map(answers.map((a) => [`${a.responseId}:${a.questionId}`, a.value]));
    const valueOf = new Map(values.map((v) => [`${v.cityId}:${v.indicatorId}:${v.period}`, v]));
    const rows: ExportRow[] = [];
    for (const response of page) {
      const period = indicatorPeriodOf(response.period);
      for (const q of ofVersion.get(response.versionId) ?? []) {
        const value = q.type === "indicator" ? null : (answerOf.get(`${response.id}:${q.id}`) ?? null);
        const indicator = q.indicatorId === null ? undefined : valueOf.get(`${response.cityId}:${q.indicatorId}:${period}`);
        if (!value && !indicator) continue;
        rows.push({
          responseId: response.id,
          questionId: q.id,
          roundId: response.roundId,
          roundTitle: response.roundTitle,
          period: response.period,
          versionNumber: response.versionNumber,
          status: response.status,
          slug: response.slug,
          nameEn: response.nameEn,
          nameBn: response.nameBn,
          nameNe: response.nameNe,
          country: response.country,
          programmeRole: response.programmeRole,
          questionKey: q.key,
          sectionKey: q.sectionKey,
          position: q.position,
          type: q.type,
          label: q.label,
          config: q.config,
          value,
          indicatorCode: q.indicatorCode,
          indicatorValue: indicator?.value ?? null,
          indicatorStatus: indicator?.status ?? null,
        });
      }
    }
    // A full page may have more after it (the next page may then be empty).
    const full = page.length === limit;
    yield { rows, lastResponse: after, full };
    if (!full || (options.maxResponses !== undefined && taken >= options.maxResponses)) return;
  }
}

