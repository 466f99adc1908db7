"use server";

import type { Database } from "@/db/client";
import { getCityBySlug } from "@/db/queries/cities";
import { planCity } from "@/db/queries/plans";
import { AppError } from "@/lib/errors";
import { planPath } from "@/lib/plans/paths";
import { actionSchema, goalSchema, movePlanSchema, newPlanSchema, planCommentSchema } from "@/lib/validation/plans";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { movePlan } from "@/server/plans/workflow";
import { addPlanComment } from "@/server/plans/comments";
import { addGoal, createPlan, saveAction } from "@/server/plans/write";

/** The city a plan belongs to, by its id: a form edited to name another city's plan is refused. */
async function planScope({ db, input }: { db: Database; input: { plan: number } }) {
  const found = await planCity(db, input.plan);
  if (!found) throw new AppError("not_found");
  return found;
}

export const createPlanAction = action({
  permission: "plans.write",
  schema: newPlanSchema,
  scope: async ({ db, input }) => {
    const city = await getCityBySlug(db, input.city);
    if (!city) throw new AppError("not_found");
    return { cityId: city.id, slug: city.slug };
  },
  run: ({ db, actor, input }) => createPlan(db, actor, input),
  invalidate: (data) => invalidate.plans(data.slug),
  redirectTo: (data) => planPath(data.slug, data.id),
  echo: ["fiscalYear", "title"],
});

export const addGoalAction = action({
  permission: "plans.write",
  schema: goalSchema,
  scope: planScope,
  run: ({ db, actor, input }) => addGoal(db, actor, input),
  invalidate: (_data, { scope }) => invalidate.plans(scope.slug),
  echo: ["indicator", "targetValue", "targetPeriod", "note", "reason"],
});

export const saveActionAction = action({
  permission: "plans.write",
  schema: actionSchema,
  read: (formData) => ({ ...Object.fromEntries(formData), problems: formData.getAll("problems") }),
  scope: planScope,
  run: ({ db, actor, input }) => saveAction(db, actor, input),
  invalidate: (_data, { scope }) => invalidate.plans(scope.slug),
  redirectTo: (_data, { scope, input }) => planPath(scope.slug, input.plan),
  echo: ["title", "goal", "ownerKind", "ownerCommittee", "ownerUser", "ownerOrganisation", "startsOn", "dueOn", "status", "statusReason", "progress", "budgetPlanned", "budgetSpent", "reason"],
});

/** A step of the workflow; the workflow checks who may take it. */
export const movePlanAction = action({
  permission: "plans.read",
  schema: movePlanSchema,
  scope: planScope,
  run: async ({ db, actor, input }) => {
    await movePlan(db, actor, { id: input.plan, to: input.to, version: input.version, comment: input.comment });
    return { status: input.to };
  },
  invalidate: (_data, { scope }) => invalidate.plans(scope.slug),
  echo: ["comment"],
});

/** A comment on the plan; who may comment is the plan's rule (the mentor city's officers too). */
export const commentPlanAction = action({
  permission: "plans.comment",
  schema: planCommentSchema,
  run: ({ db, actor, input }) => addPlanComment(db, actor, input),
  invalidate: (data) => invalidate.plans(data.slug),
  echo: ["body"],
});
