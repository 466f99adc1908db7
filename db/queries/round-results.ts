import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { answers, cities, indicatorValues, questionnaireVersions, questions, responses, rounds } from "../schema";
import type { Country, ProgrammeRole, QuestionType, ResponseStatus } from "@/lib/domain";
import type { AnswerValue, QuestionConfig } from "@/lib/questionnaires/types";

/** Which of a round's cities a results view or an export covers. */
export interface CityFilter {
  country?: Country;
  programmeRole?: ProgrammeRole;
}

function cityWhere(filter: CityFilter): SQL[] {
  return [...(filter.country ? [eq(cities.country, filter.country)] : []), ...(filter.programmeRole ? [eq(cities.programmeRole, filter.programmeRole)] : [])];
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
  const counted = and(eq(responses.roundId, roundId), inArray(responses.status, ["submitted", "accepted"]), ...cityWhere(filter));
  // One row per option ticked: a multiple choice's values unnested, a single choice or yes/no as it is.
  const single = sql<string>`case when ${answers.value}->>'kind' = 'boolean' then (case when (${answers.value}->>'value')::boolean then 'yes' else 'no' end) else ${answers.value}->>'value' end`;
  const picks = db
    .select({ questionId: answers.questionId, choice: sql<string>`jsonb_array_elements_text(${answers.value}->'values')`.as("choice") })
    .from(answers)
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(and(counted, sql`${answers.value}->>'kind' = 'choices'`))
    .unionAll(
      db
        .select({ questionId: answers.questionId, choice: single.as("choice") })
        .from(answers)
        .innerJoin(responses, eq(responses.id, answers.responseId))
        .innerJoin(cities, eq(cities.id, responses.cityId))
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
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(and(eq(responses.roundId, round.id), inArray(responses.status, ["submitted", "accepted"]), sql`${answers.value}->>'kind' = 'number'`, ...cityWhere(filter)))
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
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .innerJoin(indicatorValues, and(eq(indicatorValues.cityId, responses.cityId), eq(indicatorValues.indicatorId, questions.indicatorId), eq(indicatorValues.period, round.indicatorPeriod)))
    .where(and(eq(questions.versionId, round.versionId), ...cityWhere(filter)))
    .groupBy(questions.id);
  const [a, b] = await Promise.all([answerNumbers, indicatorNumbers]);
  return [...a, ...b];
}

/** How many of the round's (filtered) cities have answered, for the results' denominators. */
export async function answeredCount(db: Database, roundId: number, filter: CityFilter): Promise<{ asked: number; answered: number }> {
  const [row] = await db
    .select({ asked: sql<number>`count(*)`.mapWith(Number), answered: sql<number>`count(*) filter (where ${responses.status} in ('submitted', 'accepted'))`.mapWith(Number) })
    .from(responses)
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(and(eq(responses.roundId, roundId), ...cityWhere(filter)));
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

/**
 * A page of export rows of some responses (a round's, or every round's of a questionnaire):
 * every question any response answered, in the version that response answered, one row per
 * response × answered question. Keyset-paged on (response, position, question) so an export of
 * any size is read in constant memory. `sectionKey` narrows to one section (a sheet).
 */
export async function exportRows(
  db: Database,
  scope: { roundId: number } | { questionnaireId: number },
  options: { filter: CityFilter; sectionKey?: string; after?: { responseId: number; position: number; questionId: number }; limit: number },
): Promise<ExportRow[]> {
  const after = options.after;
  const rows = await db
    .select({
      responseId: responses.id,
      questionId: questions.id,
      roundId: rounds.id,
      roundTitle: rounds.title,
      period: rounds.period,
      versionNumber: questionnaireVersions.number,
      status: responses.status,
      slug: cities.slug,
      nameEn: cities.nameEn,
      nameBn: cities.nameBn,
      nameNe: cities.nameNe,
      country: cities.country,
      programmeRole: cities.programmeRole,
      questionKey: questions.key,
      sectionKey: questions.sectionKey,
      position: questions.position,
      type: questions.type,
      label: questions.label,
      config: questions.config,
      value: answers.value,
      indicatorCode: sql<string | null>`(select code from indicators i where i.id = ${questions.indicatorId})`,
      indicatorValue: indicatorValues.value,
      indicatorStatus: indicatorValues.status,
    })
    .from(responses)
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, responses.versionId))
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .innerJoin(questions, eq(questions.versionId, responses.versionId))
    .leftJoin(answers, and(eq(answers.responseId, responses.id), eq(answers.questionId, questions.id)))
    .leftJoin(
      indicatorValues,
      and(eq(indicatorValues.cityId, responses.cityId), eq(indicatorValues.indicatorId, questions.indicatorId), sql`${indicatorValues.period} = case when ${rounds.period} ~ '^[0-9]{4}$' then ${rounds.period} || '-Q4' else ${rounds.period} end`),
    )
    .where(
      and(
        "roundId" in scope ? eq(responses.roundId, scope.roundId) : eq(questionnaireVersions.questionnaireId, scope.questionnaireId),
        sql`(${answers.id} is not null or ${indicatorValues.id} is not null)`,
        ...(options.sectionKey ? [eq(questions.sectionKey, options.sectionKey)] : []),
        ...(after ? [sql`(${responses.id}, ${questions.position}, ${questions.id}) > (${after.responseId}, ${after.position}, ${after.questionId})`] : []),
        ...cityWhere(options.filter),
      ),
    )
    .orderBy(asc(responses.id), asc(questions.position), asc(questions.id))
    .limit(options.limit);
  return rows;
}

/** The sections of every version a questionnaire's responses answered, newest version first (sheet order for an export across versions). */
export async function sectionsAnswered(db: Database, scope: { roundId: number } | { questionnaireId: number }) {
  return db
    .selectDistinct({ number: questionnaireVersions.number, sections: questionnaireVersions.sections })
    .from(questionnaireVersions)
    .innerJoin(responses, eq(responses.versionId, questionnaireVersions.id))
    .where("roundId" in scope ? eq(responses.roundId, scope.roundId) : eq(questionnaireVersions.questionnaireId, scope.questionnaireId))
    .orderBy(sql`${questionnaireVersions.number} desc`);
}

