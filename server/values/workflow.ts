import "server-only";
import type { Database } from "@/db/client";
import type { IndicatorValue } from "@/db/schema";
import { lockValuesById, moveValue, submittableValueIds, valueAuditView } from "@/db/queries/indicator-values";
import { refreshCityScores } from "@/db/queries/scores";
import { AppError, RowErrorsError, type RowError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import type { ReviewDecision } from "@/lib/validation/values";
import type { ValueStatus } from "@/lib/domain";
import { lacksExplanation, VALUE_WORKFLOW } from "@/lib/workflow/values";
import { needsAnotherReviewer } from "@/lib/policies/values";
import { indicatorCodesOfValues } from "@/db/queries/review";
import { transition, type TransitionResult, type WorkflowAdapter, type WorkflowRow } from "@/server/workflow";

type ValueRow = IndicatorValue & WorkflowRow<ValueStatus>;

const asRow = (value: IndicatorValue): ValueRow => ({ ...value, ownerId: value.enteredBy });

/** How indicator values move (lib/workflow/values.ts has who may move them where). */
export const valueWorkflow: WorkflowAdapter<ValueStatus, ValueRow> = {
  workflow: VALUE_WORKFLOW,
  lock: async (tx, ids) => (await lockValuesById(tx, ids)).map(asRow),
  apply: async (tx, row, move) => {
    if (move.to === "draft") throw new AppError("unexpected");
    return asRow(await moveValue(tx, row, move.to, { actorId: move.actor.id, comment: move.comment }));
  },
  auditView: valueAuditView,
  // Rules of the row the table cannot hold: an unusual value goes to review only explained, and
  // nobody validates a value they entered or submitted (four eyes, admins included).
  refuse: (row, to, actor) => {
    if (to === "submitted" && lacksExplanation(row)) return "values.explanationNeeded";
    if (to === "validated" && needsAnotherReviewer(actor, row)) return "values.fourEyes";
    return null;
  },
  // A validated value counts in scores: the city's derived scores follow in the same transaction.
  afterBatch: async (tx, moved) => {
    const cities = new Set(moved.filter((m) => m.after.status === "validated").map((m) => m.after.cityId));
    for (const cityId of cities) await refreshCityScores(tx, cityId);
  },
};

export type ValueTransitionResult = TransitionResult<ValueStatus, ValueRow>;

/**
 * A quarter was not submitted because flagged values have no explanation; nothing was written.
 * `indicators` names each (codes, framework order), so the form can mark every field at once.
 */
export class ExplanationsNeededError extends AppError {
  constructor(readonly indicators: string[]) {
    super("invalid", "values.explanationsNeeded");
    this.name = "ExplanationsNeededError";
  }
}

/** Sends every draft or returned value of the city's quarter to review, in one batch. */
export async function submitPeriod(db: Database, input: { cityId: number; period: string }, actor: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = await submittableValueIds(tx, input.cityId, input.period);
    if (ids.length === 0) throw new AppError("invalid", "values.nothingToSubmit");
    const result = await transition(tx, actor, valueWorkflow, ids.map((id) => ({ id, to: "submitted" as const })));
    if (result.rowErrors.some((e) => e.messageKey === "errors.forbidden")) throw new AppError("forbidden");
    const unexplained = result.rowErrors.filter((e) => e.messageKey === "values.explanationNeeded").map((e) => ids[e.row - 1]);
    if (unexplained.length) throw new ExplanationsNeededError(await indicatorCodesOfValues(tx, unexplained.filter((id) => id !== undefined)));
    // Only another submission of the same quarter, in between, gets here.
    if (result.rowErrors.length || result.conflicts.length) throw new AppError("invalid", "values.nothingToSubmit");
    return result.moved.length;
  });
}

/**
 * Validates or returns submitted values, all or nothing. Validation makes a value count in scores;
 * the city's derived scores are recomputed in the same transaction. Refusals name the decision's
 * row (from 1) with field `valueId`.
 */
export async function reviewValues(db: Database, decisions: readonly ReviewDecision[], actor: Actor): Promise<{ validated: number; returned: number }> {
  const result = await transition(
    db,
    actor,
    valueWorkflow,
    decisions.map((d) => ({ id: d.valueId, to: d.decision === "validate" ? ("validated" as const) : ("returned" as const), comment: d.comment })),
  );
  if (result.rowErrors.some((e) => e.messageKey === "errors.forbidden")) throw new AppError("forbidden");
  if (result.rowErrors.length) {
    throw new RowErrorsError(result.rowErrors.map((e): RowError => ({ row: e.row, field: e.field === "comment" ? "comment" : "valueId", messageKey: e.messageKey === "workflow.commentRequired" ? "validation.returnNeedsComment" : e.messageKey })));
  }
  const validated = result.moved.filter((m) => m.to === "validated").length;
  return { validated, returned: result.moved.length - validated };
}
