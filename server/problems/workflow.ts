import "server-only";
import type { Database } from "@/db/client";
import { lockProblems, moveProblemRow } from "@/db/queries/problems";
import type { CityProblem } from "@/db/schema";
import type { ProblemStatus } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { PROBLEM_WORKFLOW } from "@/lib/workflow/problems";
import { transition, type WorkflowAdapter, type WorkflowRow } from "@/server/workflow";

export interface ProblemWorkflowRow extends WorkflowRow<ProblemStatus> {
  row: CityProblem;
  citySlug: string;
}

/** City problems in the shared workflow: each move writes its history line (the note, who, when). */
export const problemAdapter: WorkflowAdapter<ProblemStatus, ProblemWorkflowRow> = {
  workflow: PROBLEM_WORKFLOW,
  lock: async (tx, ids) => (await lockProblems(tx, ids)).map(({ problem, citySlug }) => ({ id: problem.id, status: problem.status, version: problem.version, cityId: problem.cityId, ownerId: problem.createdBy, row: problem, citySlug })),
  apply: async (tx, current, { to, comment, actor }) => {
    const row = await moveProblemRow(tx, current.id, current.status, to, comment ?? "", actor.id);
    return { ...current, status: row.status, version: row.version, row };
  },
  auditView: (r) => ({ status: r.status, version: r.version, title: r.row.title }),
};

/** One move of one problem, with its note, against the version the page showed. */
export async function moveProblem(db: Database, actor: Actor, move: { id: number; to: ProblemStatus; version: number; note: string }): Promise<{ citySlug: string }> {
  const result = await transition(db, actor, problemAdapter, [{ id: move.id, to: move.to, version: move.version, comment: move.note }]);
  const refusal = result.rowErrors[0];
  if (refusal) throw new AppError(refusal.messageKey === "errors.not_found" ? "not_found" : refusal.messageKey === "errors.forbidden" ? "forbidden" : "invalid", refusal.messageKey);
  if (result.conflicts.length) throw new AppError("conflict", "problems.stale");
  const moved = result.moved[0];
  if (!moved) throw new AppError("not_found");
  return { citySlug: moved.after.citySlug };
}
