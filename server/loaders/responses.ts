import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { answersOf, assignmentsOf, commentsOfCycle, indicatorAnswers, openAssignmentsOf, questionsForAnswering, responseContext } from "@/db/queries/responses";
import { CITY_ROLES, type ResponseStatus } from "@/lib/domain";
import { localizedName, type Locale } from "@/lib/i18n/config";
import { can, canForCity, type Actor } from "@/lib/permissions";
import { indicatorPeriodOf } from "@/lib/questionnaires/rules";
import { fieldValueOf, localize, questionView, type FieldValue, type IndicatorFieldState, type QuestionView, type SectionView } from "@/lib/questionnaires/view";
import { UNIT_RANGES } from "@/lib/units";
import { lockOf } from "@/server/questionnaires/answer";

/**
 * One response as its page shows it, in the reader's language: null when it does not exist or
 * the reader may not see it (officers: their own city's only), so the page answers 404 either
 * way. Only what the page needs leaves the server: no row as stored.
 */
export const loadResponsePage = cache(async (responseId: number, actor: Actor, locale: Locale) => {
  const db = await getDb();
  const context = await responseContext(db, responseId);
  if (!context || !canForCity(actor, "responses.read", context.response.cityId)) return null;
  const [questionRows, stored, comments] = await Promise.all([questionsForAnswering(db, context.response.versionId), answersOf(db, responseId), commentsOfCycle(db, responseId, context.response.cycle)]);
  const period = indicatorPeriodOf(context.round.period);
  const values = await indicatorAnswers(db, context.response.cityId, questionRows.flatMap((q) => (q.indicator ? [q.indicator.id] : [])), period);
  const valueOf = new Map(values.map((v) => [v.indicatorId, v]));
  const storedOf = new Map(stored.map((a) => [a.questionId, a]));

  const questions: QuestionView[] = questionRows.map(({ question, indicator }) => {
    const range = indicator ? UNIT_RANGES[indicator.unit] : null;
    return questionView(
      question,
      locale,
      indicator && range ? { code: indicator.code, unitLabel: indicator.unit === "percent" ? "%" : "", min: indicator.hardMin ?? range.min, max: indicator.hardMax ?? range.max, wholeNumber: range.integer } : null,
    );
  });
  const fieldValues: Record<string, FieldValue> = {};
  const indicatorStates: Record<string, IndicatorFieldState> = {};
  for (const { question, indicator } of questionRows) {
    if (indicator) {
      const value = valueOf.get(indicator.id);
      if (value) {
        fieldValues[question.key] = { text: String(value.value) };
        indicatorStates[question.key] = { status: value.status, version: value.version, flags: value.flags, explanation: value.explanation };
      }
      continue;
    }
    const field = fieldValueOf(storedOf.get(question.id)?.value);
    // A sent file opens from the API (its type was checked by content when it came in).
    if (field && "file" in field && field.file) field.file.href = `/api/v1/rounds/${context.round.id}/responses/${context.city.slug}/files/${question.key}`;
    if (field) fieldValues[question.key] = field;
  }
  const keyOfQuestion = new Map(questionRows.map((q) => [q.question.id, q.question.key]));
  const questionComments: Record<string, string[]> = {};
  const wholeComments: string[] = [];
  // Comments of the last review only matter while the officer corrects (or the reviewer rereads).
  if (context.response.status === "returned" || context.response.status === "submitted") {
    for (const comment of comments) {
      const key = comment.questionId === null ? null : keyOfQuestion.get(comment.questionId);
      if (key) (questionComments[key] ??= []).push(comment.body);
      else wholeComments.push(comment.body);
    }
  }
  const sections: SectionView[] = context.version.sections.map((s) => ({ key: s.key, title: localize(s.title, locale) }));
  const lock = lockOf(context);
  return {
    id: context.response.id,
    status: context.response.status,
    version: context.response.version,
    updatedAt: context.response.updatedAt,
    updatedByName: context.updatedByName,
    submittedAt: context.response.submittedAt,
    reopenedUntil: context.response.reopenedUntil,
    round: { id: context.round.id, title: localize(context.round.title, locale), period: context.round.period, status: context.round.status, dueOn: context.round.dueOn, guideResourceId: context.round.guideResourceId, orientationEventId: context.round.orientationEventId },
    city: { slug: context.city.slug, name: localizedName(context.city, locale), country: context.city.country },
    questionnaire: { title: localize(context.version.title, locale), description: localize(context.version.description, locale), number: context.version.number },
    indicatorPeriod: period,
    sections,
    questions,
    fieldValues,
    indicatorStates,
    questionComments,
    wholeComments,
    lock,
    canAnswer: lock === null && canForCity(actor, "responses.answer", context.response.cityId),
    canReview: context.response.status === "submitted" && can(actor.role, "responses.review"),
  };
});

export type ResponsePage = NonNullable<Awaited<ReturnType<typeof loadResponsePage>>>;

/** /questionnaires: an officer's city's assignments; for reviewers, what waits for review. */
export const loadAssignments = cache(async (actor: Actor, page: { limit: number; offset: number }) => {
  const db = await getDb();
  // Officers and approvers: their own city's assignments, whatever their state.
  if (CITY_ROLES.includes(actor.role)) return actor.cityId === null ? { rows: [], total: 0 } : assignmentsOf(db, { cityId: actor.cityId }, page);
  const statuses: ResponseStatus[] = can(actor.role, "responses.review") ? ["submitted"] : ["submitted", "accepted"];
  return assignmentsOf(db, { statuses }, page);
});

/** The officer's dashboard: what the city still owes in open rounds. */
export const loadDueSoon = cache(async (cityId: number) => openAssignmentsOf(await getDb(), cityId));
