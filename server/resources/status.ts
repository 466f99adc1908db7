import "server-only";
import type { Database } from "@/db/client";
import { lockResourcesForStatus, moveResourceStatus } from "@/db/queries/resources";
import type { ResourceStatus } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { canSeeResource } from "@/lib/policies/resources";
import { resourceStatusSchema } from "@/lib/validation/resources";
import { RESOURCE_WORKFLOW } from "@/lib/workflow/resources";
import { transition, type WorkflowAdapter, type WorkflowRow } from "@/server/workflow";

type LockedResource = Awaited<ReturnType<typeof lockResourcesForStatus>>[number];
type ResourceRow = LockedResource & WorkflowRow<ResourceStatus>;

const asRow = (row: LockedResource): ResourceRow => ({ ...row, ownerId: row.createdBy });

export const resourceWorkflow: WorkflowAdapter<ResourceStatus, ResourceRow> = {
  workflow: RESOURCE_WORKFLOW,
  lock: async (tx, ids) => (await lockResourcesForStatus(tx, ids)).map(asRow),
  apply: async (tx, row, move) => asRow(await moveResourceStatus(tx, row.id, move.to, move.actor.id)),
  auditView: (row) => ({ status: row.status }),
};

/**
 * Publishes a draft or takes a published resource back to draft (reviewers and admins). Asking
 * for the status it already has changes nothing. Someone who may not even see the draft is told
 * it does not exist; `version`, when given, refuses a stale click as a conflict.
 */
export async function setResourceStatus(db: Database, id: number, status: ResourceStatus, actor: Actor, version?: number): Promise<void> {
  // The status arrives bound to a server action, i.e. from the browser: a made-up one is refused
  // here rather than by the database as an unexpected error.
  if (!resourceStatusSchema.safeParse(status).success) throw new AppError("invalid", "validation.invalid");
  const result = await transition(db, actor, resourceWorkflow, [{ id, to: status, version }], {
    skipUnchanged: true,
    onLocked: ([row]) => {
      if (!row) throw new AppError("not_found");
      if (!can(actor.role, "resources.publish")) throw new AppError(canSeeResource(actor, row) ? "forbidden" : "not_found");
    },
  });
  if (result.conflicts.length) throw new AppError("conflict", "workflow.conflict");
  const [problem] = result.rowErrors;
  if (problem) throw new AppError(problem.messageKey === "errors.forbidden" ? "forbidden" : "invalid", problem.messageKey);
}
