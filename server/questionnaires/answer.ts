import "server-only";
import type { Database } from "@/db/client";
import type { RoundResponse } from "@/db/schema";
import { writeAuditRows } from "@/db/queries/audit";
import { storeFile } from "@/db/queries/files";
import { answersOf, indicatorAnswers, lockResponsesById, markResponseSaved, moveResponse, questionsForAnswering, responseContext, writeAnswers, type AnsweringQuestion, type ResponseContext } from "@/db/queries/responses";
import type { ResponseStatus } from "@/lib/domain";
import { AppError, FieldProblemsError } from "@/lib/errors";
import { checkFile } from "@/lib/files/upload";
import { parseDecimal } from "@/lib/numbers";
import { canForCity, type Actor } from "@/lib/permissions";
import { missingRequired, parseAnswer, visibleKeys, type AnswerProblem, type AnswerableQuestion, type RawAnswer } from "@/lib/questionnaires/answers";
import { answerLock, cityToday, indicatorPeriodOf, type AnswerLock } from "@/lib/questionnaires/rules";
import type { AnswerValue } from "@/lib/questionnaires/types";
import type { SentField } from "@/lib/questionnaires/form";
import { EXPLANATION_MAX } from "@/lib/validation/values";
import { RESPONSE_WORKFLOW } from "@/lib/workflow/questionnaires";
import { checkValues, loadSaveContext, lookupIndicators, writeValues, type SaveValuesResult, type ValueRowInput } from "@/server/values/save";
import { valueWorkflow } from "@/server/values/workflow";
import { transition, type WorkflowAdapter, type WorkflowRow } from "@/server/workflow";

/**
 * Answering a round: the officer's saves and submission. Indicator questions are indicator
 * values: they go through the values' own write path (server/values/save.ts: the same checks,
 * locks, flags and optimistic concurrency as the entry form) for (city, indicator, the round's
 * period), and are submitted to review with the response — never a second copy.
 */

export interface AnswerSave {
  responseId: number;
  /** The response's version the form loaded; a different stored one is a conflict. */
  version: number;
  /** By question key (lib/questionnaires/form.ts): questions not named keep their answers. */
  sent: ReadonlyMap<string, SentField>;
  submit: boolean;
}

/** Why answers were refused, by question key, every one at once; nothing was stored. */
export class AnswerProblemsError extends FieldProblemsError {}

/** The answers changed since the form loaded them (another device, a colleague). */
export class AnswerConflictError extends AppError {
  constructor(
    readonly updatedBy: string | null,
    readonly updatedAt: Date,
  ) {
    super("conflict", "responses.conflict");
    this.name = "AnswerConflictError";
  }
}

const LOCK_MESSAGE: Record<AnswerLock, string> = {
  submitted: "responses.lock.submitted",
  accepted: "responses.lock.accepted",
  not_open: "responses.lock.notOpen",
  closed: "responses.lock.closed",
  deadline: "responses.lock.deadline",
};

/** Why this response cannot be changed today, or null. */
export function lockOf(context: Pick<ResponseContext, "response" | "round" | "city">, now = new Date()): AnswerLock | null {
  return answerLock({ roundStatus: context.round.status, dueOn: context.round.dueOn, responseStatus: context.response.status, reopenedUntil: context.response.reopenedUntil, today: cityToday(context.city.country, now) });
}

export const asAnswerable = ({ question }: AnsweringQuestion): AnswerableQuestion => ({ key: question.key, type: question.type, required: question.required, config: question.config, showWhen: question.showWhen });

type ResponseRow = RoundResponse & WorkflowRow<ResponseStatus>;
const asRow = (response: RoundResponse): ResponseRow => ({ ...response, ownerId: response.submittedBy });

/** How responses move (lib/workflow/questionnaires.ts has who may move them where). */
export const responseWorkflow: WorkflowAdapter<ResponseStatus, ResponseRow> = {
  workflow: RESPONSE_WORKFLOW,
  lock: async (tx, ids) => (await lockResponsesById(tx, ids)).map(asRow),
  apply: async (tx, row, move) => {
    if (move.to !== "submitted" && move.to !== "accepted" && move.to !== "returned") throw new AppError("unexpected");
    return asRow(await moveResponse(tx, row, move.to, move.actor.id));
  },
  auditView: (row) => ({ status: row.status, version: row.version, cycle: row.cycle }),
};

function sameAnswer(a: AnswerValue | null | undefined, b: AnswerValue | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Saves a city's answers (and, with `submit`, sends them to review), all or nothing: every
 * problem of every answer comes back at once and nothing is stored. The officer's city scope is
 * checked against the response's own city (never a city named in the input), the response's
 * version against the one the form loaded, the round's window against the city's today.
 */
export async function saveAnswers(db: Database, actor: Actor, input: AnswerSave, now = new Date()): Promise<{ status: ResponseStatus; version: number }> {
  // Files are read and checked before the transaction: a slow upload holds no lock.
  const uploads = new Map<string, Awaited<ReturnType<typeof checkFile>>>();
  const problems: Record<string, AnswerProblem> = {};
  for (const [key, field] of input.sent) {
    const file = field.file;
    if (!file) continue;
    try {
      uploads.set(key, await checkFile(new Uint8Array(await file.arrayBuffer()), file.name));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems[key] = { messageKey: error.messageKey };
    }
  }

  return db.transaction(async (tx) => {
    const context = await responseContext(tx, input.responseId, { lock: true });
    if (!context) throw new AppError("not_found");
    if (!canForCity(actor, "responses.answer", context.response.cityId)) throw new AppError("forbidden");
    if (context.response.version !== input.version) throw new AnswerConflictError(context.updatedByName, context.response.updatedAt);
    const lock = lockOf(context, now);
    if (lock) throw new AppError("conflict", LOCK_MESSAGE[lock]);

    const questionRows = await questionsForAnswering(tx, context.response.versionId);
    const questions = questionRows.map(asAnswerable);
    const byKey = new Map(questionRows.map((q) => [q.question.key, q]));
    const stored = new Map((await answersOf(tx, context.response.id)).map((a) => [a.questionId, a]));
    const period = indicatorPeriodOf(context.round.period);
    const indicatorRows = questionRows.filter((q) => q.indicator !== null);
    const currentValues = new Map((await indicatorAnswers(tx, context.response.cityId, indicatorRows.map((q) => q.indicator?.id ?? 0), period)).map((v) => [v.indicatorId, v]));

    for (const key of input.sent.keys()) if (!byKey.has(key)) problems[key] = { messageKey: "validation.answer.unknownQuestion" };

    // What each question's answer will be: sent (parsed), or kept as stored.
    const next = new Map<string, AnswerValue | null>();
    for (const { question } of questionRows) {
      if (question.type === "indicator") continue;
      const previous = stored.get(question.id)?.value ?? null;
      const upload = uploads.get(question.key);
      const field = input.sent.get(question.key);
      if (question.type === "file") {
        // A file stays until another replaces it (a file input cannot show the stored one).
        next.set(question.key, upload ? { kind: "file", fileId: 0, name: upload.fileName, mimeType: upload.mimeType, size: upload.size } : previous);
        continue;
      }
      if (!field) {
        next.set(question.key, previous);
        continue;
      }
      const parsed = parseAnswer(question, rawOf(question.type, field));
      if (parsed.ok) next.set(question.key, parsed.value);
      else {
        problems[question.key] = { messageKey: parsed.messageKey, ...(parsed.params ? { params: parsed.params } : {}) };
        next.set(question.key, previous);
      }
    }
    // Show-when rules compare yes/no and choice answers only, so indicator answers play no part.
    const visible = visibleKeys(questions, next);

    // Indicator answers: numbers parsed here, then every rule of the values' write path.
    const valueRows: ValueRowInput<string>[] = [];
    for (const row of indicatorRows) {
      const key = row.question.key;
      const sent = input.sent.get(key);
      if (!sent || !visible.has(key) || !row.indicator) continue;
      const current = currentValues.get(row.indicator.id);
      const text = (sent.values[0] ?? "").trim();
      // An emptied field leaves a stored value alone: values are withdrawn on the entry page, not here.
      if (text === "") continue;
      const parsed = parseDecimal(text);
      if (!parsed.ok) {
        problems[key] = { messageKey: parsed.messageKey };
        continue;
      }
      const explanation = sent.explanation?.trim();
      if (explanation !== undefined && explanation.length > EXPLANATION_MAX) {
        problems[key] = { messageKey: "validation.tooLong" };
        continue;
      }
      valueRows.push({
        key,
        indicator: row.indicator.code,
        period,
        value: parsed.value,
        note: current?.note ?? "",
        evidenceUrl: current?.evidenceUrl ?? "",
        ...(explanation !== undefined && explanation !== "" ? { explanation } : {}),
        version: sent.version ?? current?.version ?? 0,
      });
    }
    const problemOf = (error: { messageKey: string; params?: Record<string, string | number> }): AnswerProblem => ({ messageKey: error.messageKey, ...(error.params ? { params: error.params } : {}) });
    // The indicators and the city are looked up only when an indicator answer was sent.
    let valueWrite: SaveValuesResult<string> = { saved: [], unchanged: [], rowErrors: [], conflicts: [] };
    if (valueRows.length) {
      const saveContext = await loadSaveContext(tx, context.response.cityId, valueRows);
      const checked = checkValues(valueRows, await lookupIndicators(tx, valueRows.map((r) => r.indicator)), saveContext);
      for (const error of checked.rowErrors) problems[error.key] ??= problemOf(error);
      valueWrite = await writeValues(tx, actor, { cityId: context.response.cityId, rows: checked.checked, context: saveContext }, { unchangedFirst: true, checkOnly: Object.keys(problems).length > 0 });
    }
    for (const error of valueWrite.rowErrors) problems[error.key] ??= problemOf(error);
    for (const conflict of valueWrite.conflicts) problems[conflict.key] ??= { messageKey: "responses.valueConflict", params: { value: conflict.currentValue, by: conflict.enteredBy ?? "" } };

    if (input.submit && Object.keys(problems).length === 0) {
      const answered = new Set([...valueWrite.saved, ...valueWrite.unchanged].map((v) => v.key));
      for (const row of indicatorRows) if (row.indicator && currentValues.has(row.indicator.id)) answered.add(row.question.key);
      for (const key of missingRequired(questions, next, (k) => (byKey.get(k)?.question.type === "indicator" ? answered.has(k) : Boolean(next.get(k))))) problems[key] = { messageKey: "validation.answer.required" };
    }
    if (Object.keys(problems).length) throw new AnswerProblemsError(problems, input.submit ? "responses.notSubmittedFix" : "validation.checkFields");

    // Store: new files first (their ids go in the answers), then the answers that changed.
    const write: { questionId: number; value: AnswerValue; fileId: number | null }[] = [];
    const clear: number[] = [];
    for (const { question } of questionRows) {
      if (question.type === "indicator") continue;
      const value = visible.has(question.key) ? (next.get(question.key) ?? null) : null;
      const before = stored.get(question.id);
      if (value === null) {
        if (before) clear.push(question.id);
        continue;
      }
      const upload = uploads.get(question.key);
      if (upload) {
        const file = await storeFile(tx, { sha256: upload.sha256, mimeType: upload.mimeType, size: upload.size, bytes: upload.bytes });
        write.push({ questionId: question.id, value: { kind: "file", fileId: file.id, name: upload.fileName, mimeType: upload.mimeType, size: upload.size }, fileId: file.id });
      } else if (!sameAnswer(before?.value, value)) {
        write.push({ questionId: question.id, value, fileId: value.kind === "file" ? value.fileId : null });
      }
    }
    await writeAnswers(tx, context.response.id, actor.id, write, clear);
    let response = context.response;
    if (write.length || clear.length || valueWrite.saved.length || response.status === "not_started") {
      response = await markResponseSaved(tx, response, actor.id);
      await writeAuditRows(tx, [
        {
          actorId: actor.id,
          action: "response.save",
          entity: "response",
          entityId: response.id,
          before: { status: context.response.status, version: context.response.version },
          after: { status: response.status, version: response.version, answersWritten: write.map((w) => byKeyOfId(questionRows, w.questionId)), answersCleared: clear.map((id) => byKeyOfId(questionRows, id)), values: valueWrite.saved.map((v) => v.key) },
        },
      ]);
    }
    if (!input.submit) return { status: response.status, version: response.version };
    return submitWithin(tx, actor, context, response, indicatorRows, period);
  });
}

/** A sent field as its question's type reads it: one text, or the options ticked with the "other" text. */
function rawOf(type: AnsweringQuestion["question"]["type"], field: SentField): RawAnswer {
  if (type === "single_choice" || type === "multiple_choice") return { choices: field.values, ...(field.other !== undefined ? { other: field.other } : {}) };
  return { text: field.values[0] ?? "" };
}

function byKeyOfId(rows: readonly AnsweringQuestion[], questionId: number): string {
  return rows.find((r) => r.question.id === questionId)?.question.key ?? String(questionId);
}

/** The submission, in the save's transaction: the questionnaire's indicator values to review, then the response. */
async function submitWithin(tx: Database, actor: Actor, context: ResponseContext, response: RoundResponse, indicatorRows: readonly AnsweringQuestion[], period: string): Promise<{ status: ResponseStatus; version: number }> {
  const values = await indicatorAnswers(tx, context.response.cityId, indicatorRows.map((q) => q.indicator?.id ?? 0), period);
  const toSubmit = values.filter((v) => v.status === "draft" || v.status === "returned");
  const moved = await transition(tx, actor, valueWorkflow, toSubmit.map((v) => ({ id: v.id, to: "submitted" as const })));
  if (moved.rowErrors.length || moved.conflicts.length) {
    const problems: Record<string, AnswerProblem> = {};
    for (const error of moved.rowErrors) {
      const value = toSubmit[error.row - 1];
      const row = indicatorRows.find((q) => q.indicator?.id === value?.indicatorId);
      if (row) problems[row.question.key] = { messageKey: error.messageKey };
    }
    throw new AnswerProblemsError(problems, "responses.notSubmittedFix");
  }
  const result = await transition(tx, actor, responseWorkflow, [{ id: response.id, to: "submitted", version: response.version }]);
  if (result.rowErrors.some((e) => e.messageKey === "errors.forbidden")) throw new AppError("forbidden");
  const after = result.moved[0];
  if (!after) throw new AppError("conflict", "responses.notSubmittable");
  return { status: after.to, version: after.version };
}
