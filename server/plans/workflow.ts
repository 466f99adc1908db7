import "server-only";
import type { Database } from "@/db/client";
import { goalCount, lockPlans, setPlanStatus } from "@/db/queries/plans";
import type { ActionPlan } from "@/db/schema";
import type { PlanStatus } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { PLAN_WORKFLOW } from "@/lib/workflow/plans";
import { transition, type WorkflowAdapter, type WorkflowRow } from "@/server/workflow";

export interface PlanWorkflowRow extends WorkflowRow<PlanStatus> {
  row: ActionPlan;
  citySlug: string;
  goals: number;
}

/** Action plans in the shared workflow: validating records who and when; a return keeps its reason on the plan. */
export const planAdapter: WorkflowAdapter<PlanStatus, PlanWorkflowRow> = {
  workflow: PLAN_WORKFLOW,
  lock: async (tx, ids) => Promise.all((await lockPlans(tx, ids)).map(async ({ plan, citySlug }) => ({ id: plan.id, status: plan.status, version: plan.version, cityId: plan.cityId, ownerId: plan.createdBy, row: plan, citySlug, goals: await goalCount(tx, plan.id) }))),
  apply: async (tx, current, { to, comment, actor }) => {
    const set = to === "active" ? { status: to, validatedAt: new Date(), validatedBy: actor.id, returnReason: null } : to === "draft" ? { status: to, returnReason: comment } : { status: to };
    const row = await setPlanStatus(tx, current.id, set);
    return { ...current, status: row.status, version: row.version, row };
  },
  auditView: (r) => ({ status: r.status, version: r.version, fiscalYear: r.row.fiscalYear, returnReason: r.row.returnReason }),
  // A plan is submitted with something in it to validate.
  refuse: (r, to) => (to === "validation" && r.goals === 0 ? "plans.noGoals" : null),
};

/** One move of one plan, against the version the page showed. */
export async function movePlan(db: Database, actor: Actor, move: { id: number; to: PlanStatus; version: number; comment: string }): Promise<{ citySlug: string }> {
  const result = await transition(db, actor, planAdapter, [{ id: move.id, to: move.to, version: move.version, comment: move.comment }]);
  const refusal = result.rowErrors[0];
  if (refusal) throw new AppError(refusal.messageKey === "errors.not_found" ? "not_found" : refusal.messageKey === "errors.forbidden" ? "forbidden" : "invalid", refusal.messageKey);
  if (result.conflicts.length) throw new AppError("conflict", "plans.stale");
  const moved = result.moved[0];
  if (!moved) throw new AppError("not_found");
  return { citySlug: moved.after.citySlug };
}
