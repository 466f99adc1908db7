import "server-only";
import type { Database } from "@/db/client";
import { indicatorAnswers, insertResponseComments, questionsForAnswering, responseContext } from "@/db/queries/responses";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import type { AnswerProblem } from "@/lib/questionnaires/answers";
import { indicatorPeriodOf } from "@/lib/questionnaires/rules";
import { valueWorkflow } from "@/server/values/workflow";
import { transition } from "@/server/workflow";
import { AnswerProblemsError, responseWorkflow } from "./answer";

export interface ResponseReview {
  responseId: number;
  /** The response's version the reviewer read. */
  version: number;
  decision: "accept" | "return";
  /** On the whole response. */
  comment: string;
  /** On single questions, by key: the officer sees each next to its question. */
  questionComments: ReadonlyMap<string, string>;
}

/**
 * A reviewer accepts a submitted response or returns it, in one transaction with the
 * questionnaire's indicator values: accepting validates the values still waiting for review (the
 * values' own rules hold: nobody validates a value they entered — four eyes); a comment on an
 * indicator question returns that value too, with the comment, so the officer can correct it.
 * Returning needs a comment, on the whole or on a question.
 */
export async function reviewResponse(db: Database, actor: Actor, input: ResponseReview): Promise<{ status: "accepted" | "returned" }> {
  return db.transaction(async (tx) => {
    const context = await responseContext(tx, input.responseId, { lock: true });
    if (!context) throw new AppError("not_found");
    const questionRows = await questionsForAnswering(tx, context.response.versionId);
    const byKey = new Map(questionRows.map((q) => [q.question.key, q]));
    const problems: Record<string, AnswerProblem> = {};
    const comments = [...input.questionComments].map(([key, body]) => ({ key, body: body.trim() })).filter((c) => c.body !== "");
    for (const { key } of comments) if (!byKey.has(key)) problems[key] = { messageKey: "validation.answer.unknownQuestion" };
    if (Object.keys(problems).length) throw new AnswerProblemsError(problems);

    const period = indicatorPeriodOf(context.round.period);
    const indicatorRows = questionRows.filter((q) => q.indicator !== null);
    const values = await indicatorAnswers(tx, context.response.cityId, indicatorRows.map((q) => q.indicator?.id ?? 0), period);
    const keyOfIndicator = new Map(indicatorRows.map((q) => [q.indicator?.id ?? 0, q.question.key]));
    const waiting = values.filter((v) => v.status === "submitted");

    const whole = input.comment.trim();
    if (input.decision === "return" && whole === "" && comments.length === 0) throw new AppError("invalid", "responses.returnNeedsComment");
    const valueMoves =
      input.decision === "accept"
        ? waiting.map((v) => ({ id: v.id, to: "validated" as const }))
        : waiting.flatMap((v) => {
            const comment = comments.find((c) => c.key === keyOfIndicator.get(v.indicatorId));
            return comment ? [{ id: v.id, to: "returned" as const, comment: comment.body }] : [];
          });
    const movedValues = await transition(tx, actor, valueWorkflow, valueMoves);
    if (movedValues.rowErrors.length || movedValues.conflicts.length) {
      for (const error of movedValues.rowErrors) {
        const key = keyOfIndicator.get(waiting.find((v) => v.id === valueMoves[error.row - 1]?.id)?.indicatorId ?? 0);
        if (key) problems[key] = { messageKey: error.messageKey };
      }
      throw new AnswerProblemsError(problems, "responses.reviewRefused");
    }

    // The notice carries the whole comment and each question's, so the mail says what to correct.
    const summary = [whole, ...comments.map((c) => `${byKey.get(c.key)?.question.label.en ?? c.key}: ${c.body}`)].filter(Boolean).join("\n\n");
    const result = await transition(tx, actor, responseWorkflow, [{ id: context.response.id, to: input.decision === "accept" ? "accepted" : "returned", version: input.version, comment: summary || null }]);
    if (result.conflicts.length) throw new AppError("conflict", "responses.reviewStale");
    if (result.rowErrors.some((e) => e.messageKey === "errors.forbidden")) throw new AppError("forbidden");
    if (result.rowErrors.length) throw new AppError("invalid", result.rowErrors[0]?.messageKey ?? "responses.notSubmitted");

    await insertResponseComments(tx, [
      ...(whole ? [{ responseId: context.response.id, questionId: null, cycle: context.response.cycle, body: whole, authorId: actor.id }] : []),
      ...comments.map((c) => ({ responseId: context.response.id, questionId: byKey.get(c.key)?.question.id ?? null, cycle: context.response.cycle, body: c.body, authorId: actor.id })),
    ]);
    return { status: input.decision === "accept" ? "accepted" : "returned" };
  });
}
