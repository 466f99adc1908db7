import "server-only";
import type { Database } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getCityBySlug } from "@/db/queries/cities";
import { committeeOfCity } from "@/db/queries/committees";
import { eventOfCity } from "@/db/queries/problems";
import {
  actionOwnerUser,
  actionWithPlan,
  bumpPlanVersion,
  decisionOfCity,
  goalOfPlan,
  indicatorForGoal,
  insertAction,
  insertGoal,
  insertPlan,
  insertPlanChange,
  latestValidated,
  lockPlanAt,
  nextActionPosition,
  nextGoalPosition,
  planOfCityYear,
  problemsOfCity,
  replaceActionProblems,
  updateActionRow,
} from "@/db/queries/plans";
import type { ActionPlan } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { parseFiscalYear } from "@/lib/plans/fiscal";
import { goalTargetProblem } from "@/lib/plans/on-track";
import { canWritePlan } from "@/lib/policies/plans";
import type { ActionInput, GoalInput, NewPlanInput } from "@/lib/validation/plans";

/** How far from today a plan's year may be: last year's plan can still be written up, not one a decade off. */
const FISCAL_YEARS_AROUND = 3;

/** Starts a city's plan for a fiscal year, as a draft: one per city and year. */
export async function createPlan(db: Database, actor: Actor, input: NewPlanInput, now = new Date()): Promise<{ id: number; slug: string }> {
  const city = await getCityBySlug(db, input.city);
  if (!city) throw new AppError("not_found");
  if (!canWritePlan(actor, { cityId: city.id })) throw new AppError("forbidden");
  const year = parseFiscalYear(input.fiscalYear);
  if (!year || Math.abs(year.startYear - now.getUTCFullYear()) > FISCAL_YEARS_AROUND) throw new AppError("invalid", "validation.plans.fiscalYear");
  if (await planOfCityYear(db, city.id, input.fiscalYear)) throw new AppError("conflict", "plans.exists");
  return db.transaction(async (tx) => {
    const plan = await insertPlan(tx, { cityId: city.id, fiscalYear: input.fiscalYear, title: input.title, createdBy: actor.id });
    await writeAudit(tx, { actorId: actor.id, action: "plan.create", entity: "action_plan", entityId: plan.id, after: { fiscalYear: plan.fiscalYear, title: plan.title } });
    return { id: plan.id, slug: city.slug };
  });
}

/**
 * The plan locked at the version the page showed, if the actor may change it now: drafts freely,
 * an active plan with a reason (kept in its history); a plan in validation or closed not at all.
 */
async function editablePlan(tx: Database, actor: Actor, planId: number, version: number, reason: string): Promise<ActionPlan> {
  const plan = await lockPlanAt(tx, planId, version);
  if (plan === null) throw new AppError("not_found");
  if (plan === "stale") throw new AppError("conflict", "plans.stale");
  if (!canWritePlan(actor, plan)) throw new AppError("forbidden");
  if (plan.status === "validation" || plan.status === "closed") throw new AppError("invalid", `plans.notEditable.${plan.status}`);
  if (plan.status === "active" && !reason.trim()) throw new AppError("invalid", "validation.plans.reasonNeeded");
  return plan;
}

/** A goal on an indicator: its baseline is the city's latest validated value, filled in here, never typed. */
export async function addGoal(db: Database, actor: Actor, input: GoalInput): Promise<{ goalId: number; version: number }> {
  const indicator = await indicatorForGoal(db, input.indicator);
  if (!indicator) throw new AppError("invalid", "validation.indicatorUnknown");
  return db.transaction(async (tx) => {
    const plan = await editablePlan(tx, actor, input.plan, input.version, input.reason);
    const baseline = await latestValidated(tx, plan.cityId, indicator.id);
    const problem = goalTargetProblem(indicator, baseline?.value ?? null, input.targetValue, input.targetPeriod, baseline?.period ?? null);
    if (problem) throw new AppError("invalid", problem);
    const goal = await insertGoal(tx, { planId: plan.id, position: await nextGoalPosition(tx, plan.id), indicatorId: indicator.id, baselineValue: baseline?.value ?? null, baselinePeriod: baseline?.period ?? null, targetValue: input.targetValue, targetPeriod: input.targetPeriod, note: input.note });
    const after = { indicator: indicator.code, baseline, target: { value: input.targetValue, period: input.targetPeriod } };
    if (plan.status === "active") await insertPlanChange(tx, { planId: plan.id, what: "goal.add", reason: input.reason, before: null, after, actorId: actor.id });
    await writeAudit(tx, { actorId: actor.id, action: "plan.goal", entity: "action_plan", entityId: plan.id, after: { goal: goal.id, ...after } });
    return { goalId: goal.id, version: await bumpPlanVersion(tx, plan.id) };
  });
}

/** Every link of an action must stay inside the plan's city; the first that does not is refused by name. */
async function checkActionLinks(db: Database, cityId: number, input: ActionInput): Promise<number[]> {
  if (input.ownerKind === "committee" && input.ownerCommittee !== null && !(await committeeOfCity(db, input.ownerCommittee, cityId))) throw new AppError("invalid", "validation.plans.ownerUnknown");
  if (input.ownerKind === "user" && input.ownerUser !== null && !(await actionOwnerUser(db, input.ownerUser, cityId))) throw new AppError("invalid", "validation.plans.ownerUnknown");
  if (input.decision !== null && !(await decisionOfCity(db, input.decision, cityId))) throw new AppError("invalid", "validation.plans.decisionUnknown");
  if (input.event !== null && !(await eventOfCity(db, input.event, cityId))) throw new AppError("invalid", "validation.problems.eventUnknown");
  const problems = [...new Set(input.problems)];
  if ((await problemsOfCity(db, cityId, problems)).length !== problems.length) throw new AppError("invalid", "validation.plans.problemUnknown");
  return problems;
}

/** Adds an action under a goal, or changes one (against the action's version too). */
export async function saveAction(db: Database, actor: Actor, input: ActionInput): Promise<{ actionId: number; version: number }> {
  return db.transaction(async (tx) => {
    const plan = await editablePlan(tx, actor, input.plan, input.version, input.reason);
    const existing = input.action === null ? null : await actionWithPlan(tx, input.action);
    if (input.action !== null && (!existing || existing.plan.id !== plan.id)) throw new AppError("not_found");
    const goalOk = existing ? existing.goal.id === input.goal : await goalOfPlan(tx, input.goal, plan.id);
    if (!goalOk) throw new AppError("invalid", "validation.plans.goalUnknown");
    const problems = await checkActionLinks(tx, plan.cityId, input);
    const fields = {
      title: input.title,
      ownerKind: input.ownerKind,
      ownerCommitteeId: input.ownerKind === "committee" ? input.ownerCommittee : null,
      ownerUserId: input.ownerKind === "user" ? input.ownerUser : null,
      ownerOrganisation: input.ownerKind === "organisation" ? input.ownerOrganisation : "",
      startsOn: input.startsOn,
      dueOn: input.dueOn,
      status: input.status,
      statusReason: input.status === "blocked" || input.status === "dropped" ? input.statusReason : "",
      // A done action is done: its progress says so whatever was typed.
      progress: input.status === "done" ? 100 : input.progress,
      budgetPlanned: input.budgetPlanned,
      budgetSpent: input.budgetSpent,
      decisionId: input.decision,
      eventId: input.event,
    };
    let actionId: number;
    if (existing) {
      const row = await updateActionRow(tx, existing.action.id, input.actionVersion ?? 0, fields);
      if (!row) throw new AppError("conflict", "plans.stale");
      actionId = row.id;
    } else {
      actionId = (await insertAction(tx, { ...fields, goalId: input.goal, position: await nextActionPosition(tx, input.goal) })).id;
    }
    await replaceActionProblems(tx, actionId, problems);
    const before = existing ? { title: existing.action.title, status: existing.action.status, progress: existing.action.progress, dueOn: existing.action.dueOn, budgetSpent: existing.action.budgetSpent } : null;
    const after = { title: fields.title, status: fields.status, progress: fields.progress, dueOn: fields.dueOn, budgetSpent: fields.budgetSpent };
    if (plan.status === "active") await insertPlanChange(tx, { planId: plan.id, what: existing ? "action.change" : "action.add", reason: input.reason, before, after, actorId: actor.id });
    await writeAudit(tx, { actorId: actor.id, action: existing ? "plan.action.change" : "plan.action.add", entity: "action_plan", entityId: plan.id, before: before ? { action: actionId, ...before } : null, after: { action: actionId, ...after } });
    return { actionId, version: await bumpPlanVersion(tx, plan.id) };
  });
}
