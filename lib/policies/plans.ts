import { canForCity, type Actor } from "@/lib/permissions";

export interface PlanAccess {
  cityId: number;
  /** The city's mentor: its officers read and comment on their mentees' plans. */
  mentorCityId: number | null;
}

/** Writing the plan (goals, actions, submitting, closing): the city's officer, admins. */
export function canWritePlan(actor: Actor | null, plan: Pick<PlanAccess, "cityId">): boolean {
  return actor !== null && canForCity(actor, "plans.write", plan.cityId);
}

/**
 * Comments: reviewers, partners and admins on any plan; the city's approver and officers; the
 * mentor city's officers on their mentees'.
 */
export function canCommentOnPlan(actor: Actor | null, plan: PlanAccess): boolean {
  if (!actor) return false;
  if (actor.role === "reviewer" || actor.role === "partner" || actor.role === "admin") return true;
  if (actor.role === "approver") return actor.cityId === plan.cityId;
  if (actor.role === "officer") return actor.cityId === plan.cityId || (plan.mentorCityId !== null && actor.cityId === plan.mentorCityId);
  return false;
}
