import "server-only";
import { cache } from "react";
import { getDb, type Database } from "@/db/client";
import { committeeOptions } from "@/db/queries/committees";
import { actionsOfPlan, planCommentsOf, decisionText, workingPlanOfCity, goalsOfPlan, goalsWithLatest, planChangesOf, planOwnerUserOptions, plansOfCity, planWithCity, programmePlans, type ProgrammePlanFilters } from "@/db/queries/plans";
import { listProblems, problemEventOptions } from "@/db/queries/problems";
import { validatedHistory } from "@/db/queries/progress";
import { CURRENCY_BY_COUNTRY, type PlanStatus } from "@/lib/domain";
import type { Actor } from "@/lib/permissions";
import { periodOfDate } from "@/lib/periods";
import { fiscalYearRange } from "@/lib/plans/fiscal";
import { goalProgress, type GoalProgress } from "@/lib/plans/on-track";
import { isOverdue, type PlanActionView } from "@/lib/plans/view";
import { canCommentOnPlan, canWritePlan } from "@/lib/policies/plans";
import { cityToday } from "@/lib/questionnaires/rules";
import { allowedMoves } from "@/lib/workflow/types";
import { PLAN_WORKFLOW } from "@/lib/workflow/plans";

export const loadCityPlans = cache(async (cityId: number) => plansOfCity(await getDb(), cityId));

export type PlanView = NonNullable<Awaited<ReturnType<typeof planView>>>;
export type GoalView = PlanView["goals"][number];

/**
 * One plan as its page shows it: each goal with its baseline, the latest validated value and the
 * target, whether it is on track (lib/plans/on-track.ts) and its values quarter by quarter; the
 * actions as the views take them; the history; what the reader may do.
 */
export async function planView(db: Database, planId: number, actor: Actor, now = new Date()) {
  const found = await planWithCity(db, planId);
  if (!found) return null;
  const { plan, city } = found;
  const [goalRows, actionRows, changes, history, comments] = await Promise.all([goalsOfPlan(db, plan.id), actionsOfPlan(db, plan.id), planChangesOf(db, plan.id), validatedHistory(db, [city.id]), planCommentsOf(db, plan.id)]);
  const today = cityToday(city.country, now);
  const asOf = periodOfDate(now);
  const goals = goalRows.map(({ goal, indicator, componentCode, componentNameEn, componentNameBn, componentNameNe }) => {
    const points = history.filter((p) => p.indicatorId === indicator.id).sort((a, b) => a.period.localeCompare(b.period));
    const latestPoint = points.at(-1);
    const latest = latestPoint ? { value: latestPoint.value, period: latestPoint.period } : null;
    const baseline = goal.baselineValue !== null && goal.baselinePeriod !== null ? { value: goal.baselineValue, period: goal.baselinePeriod } : null;
    let progress: GoalProgress;
    try {
      progress = goalProgress({ direction: indicator.direction, unit: indicator.unit, baseline, latest, target: { value: goal.targetValue, period: goal.targetPeriod }, asOf });
    } catch {
      progress = { status: "no_data", progress: null, expectedProgress: null, requiredPerQuarter: null, actualPerQuarter: null };
    }
    // From the baseline's quarter on: the goal's own story, not the city's whole history.
    const series = points.filter((p) => baseline === null || p.period >= baseline.period).map((p) => ({ period: p.period, value: p.value }));
    return { goal, indicator, component: { code: componentCode, nameEn: componentNameEn, nameBn: componentNameBn, nameNe: componentNameNe }, baseline, latest, progress, series };
  });
  const actions: PlanActionView[] = actionRows.map(({ action, committeeName, userName, problems }) => ({
    id: action.id,
    goalId: action.goalId,
    title: action.title,
    owner: action.ownerKind === "committee" ? (committeeName ?? "") : action.ownerKind === "user" ? (userName ?? "") : action.ownerOrganisation,
    ownerKind: action.ownerKind,
    startsOn: action.startsOn,
    dueOn: action.dueOn,
    status: action.status,
    statusReason: action.statusReason,
    progress: action.progress,
    overdue: isOverdue(action, today),
    budgetPlanned: action.budgetPlanned,
    budgetSpent: action.budgetSpent,
    problems,
    eventId: action.eventId,
    decisionId: action.decisionId,
    version: action.version,
  }));
  const access = { cityId: city.id, mentorCityId: city.mentorCityId };
  const writable = canWritePlan(actor, access) && (plan.status === "draft" || plan.status === "active");
  return {
    plan,
    city,
    goals,
    actions,
    changes,
    comments,
    today,
    range: fiscalYearRange(plan.fiscalYear, city.country),
    currency: CURRENCY_BY_COUNTRY[city.country],
    moves: allowedMoves(PLAN_WORKFLOW, actor, plan.status, city.id).map((t) => ({ to: t.to as PlanStatus, needsComment: t.requires?.includes("comment") ?? false })),
    canWrite: writable,
    canComment: canCommentOnPlan(actor, access),
  };
}

export const loadPlan = cache(async (planId: number, actor: Actor) => planView(await getDb(), planId, actor));

/** What the goal and action forms offer: the city's committees and the problems in its log. */
export const loadPlanFormOptions = cache(async (cityId: number) => {
  const db = await getDb();
  const [committees, users, problems, events] = await Promise.all([committeeOptions(db, cityId), planOwnerUserOptions(db, cityId), listProblems(db, cityId, { status: "active" }, { includeReported: false }, { limit: 200, offset: 0 }), problemEventOptions(db, cityId)]);
  return { committees, users, problems: problems.rows.map((p) => ({ id: p.id, title: p.title })), events };
});

/**
 * Every city's plan for a fiscal year (or each city's newest), a page at a time: % of actions
 * done, overdue actions, and goals on track (or achieved) of all goals — computed per goal by
 * the same rule as the plan's page. Three queries per page, whatever the number of cities.
 */
export const loadProgrammePlans = cache(async (filters: ProgrammePlanFilters, page: { limit: number; offset: number }) => programmePlanRows(await getDb(), filters, page));

/** The same on a given database and clock (the tests and the benchmark call it). */
export async function programmePlanRows(db: Database, filters: ProgrammePlanFilters, page: { limit: number; offset: number }, now = new Date()) {
  const list = await programmePlans(db, filters, { BD: cityToday("BD", now), NP: cityToday("NP", now) }, page);
  const goals = await goalsWithLatest(db, list.rows.map((r) => r.planId));
  const asOf = periodOfDate(now);
  const onTrack = new Map<number, { goals: number; onTrack: number }>();
  for (const g of goals) {
    const entry = onTrack.get(g.planId) ?? { goals: 0, onTrack: 0 };
    entry.goals++;
    try {
      const { status } = goalProgress({
        direction: g.direction,
        unit: g.unit,
        baseline: g.baselineValue !== null && g.baselinePeriod !== null ? { value: g.baselineValue, period: g.baselinePeriod } : null,
        latest: g.latestValue !== null && g.latestPeriod !== null ? { value: Number(g.latestValue), period: g.latestPeriod } : null,
        target: { value: g.targetValue, period: g.targetPeriod },
        asOf,
      });
      if (status === "on_track" || status === "achieved") entry.onTrack++;
    } catch {
      // A goal whose periods the rule refuses counts as a goal, not as on track.
    }
    onTrack.set(g.planId, entry);
  }
  return { ...list, rows: list.rows.map((r) => ({ ...r, goals: onTrack.get(r.planId)?.goals ?? 0, goalsOnTrack: onTrack.get(r.planId)?.onTrack ?? 0 })) };
}

/** The text of a committee decision an action is being made from (the city's own only). */
export const loadDecisionText = cache(async (decisionId: number, cityId: number) => decisionText(await getDb(), decisionId, cityId));

/** Where "make it a plan action" leads: the city's newest draft or active plan. */
export const loadWorkingPlan = cache(async (cityId: number) => workingPlanOfCity(await getDb(), cityId));
