import "server-only";
import type { Database } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { insertPlanComment, planWithCity } from "@/db/queries/plans";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { canCommentOnPlan } from "@/lib/policies/plans";

/** A comment on a plan: the consulted (lib/policies/plans.ts), the mentor city's officers included. */
export async function addPlanComment(db: Database, actor: Actor, input: { plan: number; body: string }): Promise<{ commentId: number; slug: string }> {
  const found = await planWithCity(db, input.plan);
  if (!found) throw new AppError("not_found");
  if (!canCommentOnPlan(actor, { cityId: found.city.id, mentorCityId: found.city.mentorCityId })) throw new AppError("forbidden");
  if (found.plan.status === "closed") throw new AppError("invalid", "plans.notEditable.closed");
  return db.transaction(async (tx) => {
    const commentId = await insertPlanComment(tx, { planId: found.plan.id, body: input.body, authorId: actor.id });
    await writeAudit(tx, { actorId: actor.id, action: "plan.comment", entity: "action_plan", entityId: found.plan.id, after: { comment: commentId } });
    return { commentId, slug: found.city.slug };
  });
}
