import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { actionPlans, cities, cityProblems, committees, components, indicatorValues, indicators, meetingDecisions, meetings, planActionProblems, planActions, planChanges, planComments, planGoals, users, type ActionPlan, type PlanAction, type PlanGoal } from "../schema";

export type NewPlanRow = typeof actionPlans.$inferInsert;
export type NewGoalRow = typeof planGoals.$inferInsert;
export type NewActionRow = typeof planActions.$inferInsert;

export async function insertPlan(tx: Database, row: NewPlanRow): Promise<ActionPlan> {
  const [plan] = await tx.insert(actionPlans).values(row).returning();
  if (!plan) throw new Error("plan insert returned nothing");
  return plan;
}

export async function planOfCityYear(db: Database, cityId: number, fiscalYear: string): Promise<{ id: number } | null> {
  const [row] = await db.select({ id: actionPlans.id }).from(actionPlans).where(and(eq(actionPlans.cityId, cityId), eq(actionPlans.fiscalYear, fiscalYear)));
  return row ?? null;
}

/** A plan with its city (and the city's mentor, who may comment). */
export async function planWithCity(db: Database, planId: number) {
  const [row] = await db
    .select({ plan: actionPlans, city: { id: cities.id, slug: cities.slug, country: cities.country, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, mentorCityId: cities.mentorCityId } })
    .from(actionPlans)
    .innerJoin(cities, eq(cities.id, actionPlans.cityId))
    .where(eq(actionPlans.id, planId));
  return row ?? null;
}

/** Plans locked for a workflow batch, with their city's slug. */
export async function lockPlans(tx: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return tx.select({ plan: actionPlans, citySlug: cities.slug }).from(actionPlans).innerJoin(cities, eq(cities.id, actionPlans.cityId)).where(inArray(actionPlans.id, [...ids])).for("update", { of: actionPlans });
}

/** Locks one plan and checks the version the page showed; null when it moved meanwhile. */
export async function lockPlanAt(tx: Database, planId: number, version: number | undefined): Promise<ActionPlan | "stale" | null> {
  const [row] = await tx.select().from(actionPlans).where(eq(actionPlans.id, planId)).for("update");
  if (!row) return null;
  if (version !== undefined && row.version !== version) return "stale";
  return row;
}

export async function setPlanStatus(tx: Database, planId: number, set: Partial<Pick<ActionPlan, "status" | "returnReason" | "validatedAt" | "validatedBy">>): Promise<ActionPlan> {
  const [row] = await tx.update(actionPlans).set({ ...set, version: sql`${actionPlans.version} + 1`, updatedAt: new Date() }).where(eq(actionPlans.id, planId)).returning();
  if (!row) throw new Error(`plan ${planId} vanished under its lock`);
  return row;
}

/** Any change inside a plan (a goal, an action) raises the plan's version, so two editors never overwrite each other unseen. */
export async function bumpPlanVersion(tx: Database, planId: number): Promise<number> {
  const [row] = await tx.update(actionPlans).set({ version: sql`${actionPlans.version} + 1`, updatedAt: new Date() }).where(eq(actionPlans.id, planId)).returning({ version: actionPlans.version });
  if (!row) throw new Error(`plan ${planId} vanished`);
  return row.version;
}

export async function insertPlanChange(tx: Database, row: typeof planChanges.$inferInsert): Promise<void> {
  await tx.insert(planChanges).values(row);
}

/** The latest validated value of an indicator in a city (a goal's baseline), or null. */
export async function latestValidated(db: Database, cityId: number, indicatorId: number, upTo?: string): Promise<{ value: number; period: string } | null> {
  const [row] = await db
    .select({ value: indicatorValues.validatedValue, period: indicatorValues.period })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.indicatorId, indicatorId), isNotNull(indicatorValues.validatedValue), upTo ? lte(indicatorValues.period, upTo) : undefined))
    .orderBy(desc(indicatorValues.period))
    .limit(1);
  return row && row.value !== null ? { value: row.value, period: row.period } : null;
}

export async function indicatorForGoal(db: Database, indicatorId: number) {
  const [row] = await db.select().from(indicators).where(and(eq(indicators.id, indicatorId), eq(indicators.active, true)));
  return row ?? null;
}

export async function insertGoal(tx: Database, row: NewGoalRow): Promise<PlanGoal> {
  const [goal] = await tx.insert(planGoals).values(row).returning();
  if (!goal) throw new Error("goal insert returned nothing");
  return goal;
}

export async function nextGoalPosition(tx: Database, planId: number): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`coalesce(max(${planGoals.position}), 0) + 1`.mapWith(Number) }).from(planGoals).where(eq(planGoals.planId, planId));
  return row?.n ?? 1;
}

export async function goalWithPlan(db: Database, goalId: number) {
  const [row] = await db.select({ goal: planGoals, plan: actionPlans }).from(planGoals).innerJoin(actionPlans, eq(actionPlans.id, planGoals.planId)).where(eq(planGoals.id, goalId));
  return row ?? null;
}

export async function updateGoalRow(tx: Database, goalId: number, set: Partial<Pick<PlanGoal, "targetValue" | "targetPeriod" | "note">>): Promise<PlanGoal> {
  const [row] = await tx.update(planGoals).set({ ...set, updatedAt: new Date() }).where(eq(planGoals.id, goalId)).returning();
  if (!row) throw new Error(`goal ${goalId} vanished`);
  return row;
}

export async function nextActionPosition(tx: Database, goalId: number): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`coalesce(max(${planActions.position}), 0) + 1`.mapWith(Number) }).from(planActions).where(eq(planActions.goalId, goalId));
  return row?.n ?? 1;
}

export async function insertAction(tx: Database, row: NewActionRow): Promise<PlanAction> {
  const [action] = await tx.insert(planActions).values(row).returning();
  if (!action) throw new Error("action insert returned nothing");
  return action;
}

export async function actionWithPlan(db: Database, actionId: number) {
  const [row] = await db
    .select({ action: planActions, goal: planGoals, plan: actionPlans })
    .from(planActions)
    .innerJoin(planGoals, eq(planGoals.id, planActions.goalId))
    .innerJoin(actionPlans, eq(actionPlans.id, planGoals.planId))
    .where(eq(planActions.id, actionId));
  return row ?? null;
}

export async function updateActionRow(tx: Database, actionId: number, version: number, set: Partial<NewActionRow>): Promise<PlanAction | null> {
  const [row] = await tx
    .update(planActions)
    .set({ ...set, version: sql`${planActions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(planActions.id, actionId), eq(planActions.version, version)))
    .returning();
  return row ?? null;
}

export async function replaceActionProblems(tx: Database, actionId: number, problemIds: readonly number[]): Promise<void> {
  await tx.delete(planActionProblems).where(eq(planActionProblems.actionId, actionId));
  if (problemIds.length) await tx.insert(planActionProblems).values(problemIds.map((problemId) => ({ actionId, problemId })));
}

/** Those of `problemIds` that are problems of the city (accepted into its log). */
export async function problemsOfCity(db: Database, cityId: number, problemIds: readonly number[]): Promise<number[]> {
  if (problemIds.length === 0) return [];
  const rows = await db.select({ id: cityProblems.id }).from(cityProblems).where(and(eq(cityProblems.cityId, cityId), inArray(cityProblems.id, [...problemIds]), sql`${cityProblems.status} not in ('reported', 'rejected')`));
  return rows.map((r) => r.id);
}


/** An active account that can own an action: the city's own people or a programme role. */
export async function actionOwnerUser(db: Database, userId: number, cityId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.disabled, false), sql`(${users.cityId} = ${cityId} or ${users.role} in ('reviewer', 'trainer', 'partner', 'admin'))`));
  return Boolean(row);
}

/** A plan's goals in order, with their indicator and its component. */
export async function goalsOfPlan(db: Database, planId: number) {
  return db
    .select({ goal: planGoals, indicator: indicators, componentCode: components.code, componentNameEn: components.nameEn, componentNameBn: components.nameBn, componentNameNe: components.nameNe })
    .from(planGoals)
    .innerJoin(indicators, eq(indicators.id, planGoals.indicatorId))
    .innerJoin(components, eq(components.id, indicators.componentId))
    .where(eq(planGoals.planId, planId))
    .orderBy(asc(planGoals.position), asc(planGoals.id));
}

/** A plan's actions in order (goal by goal), with the owner's name and the problems each addresses. */
export async function actionsOfPlan(db: Database, planId: number) {
  const rows = await db
    .select({ action: planActions, committeeName: committees.name, userName: users.name })
    .from(planActions)
    .innerJoin(planGoals, eq(planGoals.id, planActions.goalId))
    .leftJoin(committees, eq(committees.id, planActions.ownerCommitteeId))
    .leftJoin(users, eq(users.id, planActions.ownerUserId))
    .where(eq(planGoals.planId, planId))
    .orderBy(asc(planGoals.position), asc(planActions.position), asc(planActions.id));
  const links = rows.length
    ? await db
        .select({ actionId: planActionProblems.actionId, problemId: cityProblems.id, title: cityProblems.title })
        .from(planActionProblems)
        .innerJoin(cityProblems, eq(cityProblems.id, planActionProblems.problemId))
        .where(inArray(planActionProblems.actionId, rows.map((r) => r.action.id)))
    : [];
  return rows.map((r) => ({ ...r, problems: links.filter((l) => l.actionId === r.action.id).map(({ problemId, title }) => ({ id: problemId, title })) }));
}

export async function planChangesOf(db: Database, planId: number) {
  return db
    .select({ id: planChanges.id, what: planChanges.what, reason: planChanges.reason, before: planChanges.before, after: planChanges.after, createdAt: planChanges.createdAt, actorName: users.name })
    .from(planChanges)
    .leftJoin(users, eq(users.id, planChanges.actorId))
    .where(eq(planChanges.planId, planId))
    .orderBy(desc(planChanges.createdAt), desc(planChanges.id));
}

/** A city's plans, newest fiscal year first. */
export async function plansOfCity(db: Database, cityId: number) {
  return db.select().from(actionPlans).where(eq(actionPlans.cityId, cityId)).orderBy(desc(actionPlans.fiscalYear));
}

export async function planNoticeFacts(db: Database, planId: number) {
  const [row] = await db.select({ title: actionPlans.title, slug: cities.slug }).from(actionPlans).innerJoin(cities, eq(cities.id, actionPlans.cityId)).where(eq(actionPlans.id, planId));
  return row ?? null;
}

/** The meeting decision an action comes from must be one of the city's committees'. */
export async function decisionOfCity(db: Database, decisionId: number, cityId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: meetingDecisions.id })
    .from(meetingDecisions)
    .innerJoin(meetings, eq(meetings.id, meetingDecisions.meetingId))
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .where(and(eq(meetingDecisions.id, decisionId), eq(committees.cityId, cityId)));
  return Boolean(row);
}

export async function goalOfPlan(db: Database, goalId: number, planId: number): Promise<boolean> {
  const [row] = await db.select({ id: planGoals.id }).from(planGoals).where(and(eq(planGoals.id, goalId), eq(planGoals.planId, planId)));
  return Boolean(row);
}

/** How many goals a plan has (a plan without goals cannot be submitted). */
export async function goalCount(db: Database, planId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(planGoals).where(eq(planGoals.planId, planId));
  return row?.n ?? 0;
}

/** Who can own an action, for the form: the city's own people and the programme's, by name. */
export async function planOwnerUserOptions(db: Database, cityId: number) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.disabled, false), sql`(${users.cityId} = ${cityId} or ${users.role} in ('reviewer', 'trainer', 'partner', 'admin'))`))
    .orderBy(asc(users.name))
    .limit(300);
}

/** The city a plan belongs to (an action's scope), or null. */
export async function planCity(db: Database, planId: number): Promise<{ cityId: number; slug: string } | null> {
  const [row] = await db.select({ cityId: actionPlans.cityId, slug: cities.slug }).from(actionPlans).innerJoin(cities, eq(cities.id, actionPlans.cityId)).where(eq(actionPlans.id, planId));
  return row ?? null;
}

/**
 * Overdue actions of active plans that a user owns and was not reminded of in the last week,
 * locked (skip locked: two workers never remind twice). `todays` is each country's calendar day.
 */
export async function lockActionsToRemind(tx: Database, todays: { BD: string; NP: string }, remindedBefore: Date) {
  return tx
    .select({ actionId: planActions.id, userId: planActions.ownerUserId, planId: actionPlans.id, planTitle: actionPlans.title, cityId: cities.id, slug: cities.slug })
    .from(planActions)
    .innerJoin(planGoals, eq(planGoals.id, planActions.goalId))
    .innerJoin(actionPlans, eq(actionPlans.id, planGoals.planId))
    .innerJoin(cities, eq(cities.id, actionPlans.cityId))
    .where(
      and(
        eq(actionPlans.status, "active"),
        eq(planActions.ownerKind, "user"),
        isNotNull(planActions.ownerUserId),
        sql`${planActions.status} not in ('done', 'dropped')`,
        sql`((${cities.country} = 'BD' and ${planActions.dueOn} < ${todays.BD}) or (${cities.country} = 'NP' and ${planActions.dueOn} < ${todays.NP}))`,
        sql`(${planActions.remindedAt} is null or ${planActions.remindedAt} < ${remindedBefore.toISOString()})`,
      ),
    )
    .for("update", { of: planActions, skipLocked: true });
}

export async function markReminded(tx: Database, actionIds: readonly number[], at: Date): Promise<void> {
  if (actionIds.length === 0) return;
  await tx.update(planActions).set({ remindedAt: at }).where(inArray(planActions.id, [...actionIds]));
}

export interface ProgrammePlanFilters {
  fiscalYear?: string;
  country?: "BD" | "NP";
}

/**
 * The programme's page: each city's plan for the fiscal year (or each city's newest), with its
 * actions counted in SQL — all, done, overdue in the city's calendar — one page at a time.
 */
export async function programmePlans(db: Database, filters: ProgrammePlanFilters, todays: { BD: string; NP: string }, page: { limit: number; offset: number }) {
  // An anti-join on the (city, year) index: a correlated "order by … limit 1" ran once per plan (1.2 s at 5,000 cities).
  const newest = sql`not exists (select 1 from action_plans p2 where p2.city_id = ${actionPlans.cityId} and p2.fiscal_year > ${actionPlans.fiscalYear})`;
  const counts = db
    .select({
      planId: planGoals.planId,
      actions: sql<number>`count(${planActions.id})`.mapWith(Number).as("actions"),
      done: sql<number>`count(${planActions.id}) filter (where ${planActions.status} = 'done')`.mapWith(Number).as("done"),
      overdueBd: sql<number>`count(${planActions.id}) filter (where ${planActions.status} not in ('done', 'dropped') and ${planActions.dueOn} < ${todays.BD})`.mapWith(Number).as("overdue_bd"),
      overdueNp: sql<number>`count(${planActions.id}) filter (where ${planActions.status} not in ('done', 'dropped') and ${planActions.dueOn} < ${todays.NP})`.mapWith(Number).as("overdue_np"),
    })
    .from(planGoals)
    .leftJoin(planActions, eq(planActions.goalId, planGoals.id))
    .groupBy(planGoals.planId)
    .as("counts");
  const rows = await db
    .select({
      planId: actionPlans.id,
      fiscalYear: actionPlans.fiscalYear,
      title: actionPlans.title,
      status: actionPlans.status,
      city: { id: cities.id, slug: cities.slug, country: cities.country, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe },
      actions: sql<number>`coalesce(${counts.actions}, 0)`.mapWith(Number),
      done: sql<number>`coalesce(${counts.done}, 0)`.mapWith(Number),
      overdue: sql<number>`coalesce(case when ${cities.country} = 'BD' then ${counts.overdueBd} else ${counts.overdueNp} end, 0)`.mapWith(Number),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(actionPlans)
    .innerJoin(cities, eq(cities.id, actionPlans.cityId))
    .leftJoin(counts, eq(counts.planId, actionPlans.id))
    .where(and(filters.fiscalYear ? eq(actionPlans.fiscalYear, filters.fiscalYear) : newest, filters.country ? eq(cities.country, filters.country) : undefined))
    .orderBy(asc(cities.nameEn))
    .limit(page.limit)
    .offset(page.offset);
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

/** The goals of some plans with each goal's latest validated value: one query, for a page of plans. */
export async function goalsWithLatest(db: Database, planIds: readonly number[]) {
  if (planIds.length === 0) return [];
  return db
    .select({
      planId: planGoals.planId,
      baselineValue: planGoals.baselineValue,
      baselinePeriod: planGoals.baselinePeriod,
      targetValue: planGoals.targetValue,
      targetPeriod: planGoals.targetPeriod,
      direction: indicators.direction,
      unit: indicators.unit,
      latestValue: sql<number | null>`latest.validated_value`,
      latestPeriod: sql<string | null>`latest.period`,
    })
    .from(planGoals)
    .innerJoin(actionPlans, eq(actionPlans.id, planGoals.planId))
    .innerJoin(indicators, eq(indicators.id, planGoals.indicatorId))
    .leftJoin(
      sql`lateral (select iv.validated_value, iv.period from indicator_values iv where iv.city_id = ${actionPlans.cityId} and iv.indicator_id = ${planGoals.indicatorId} and iv.validated_value is not null order by iv.period desc limit 1) latest`,
      sql`true`,
    )
    .where(inArray(planGoals.planId, [...planIds]));
}

/** A decision of the city's committees, for an action made from it (null: not the city's). */
export async function decisionText(db: Database, decisionId: number, cityId: number): Promise<string | null> {
  const [row] = await db
    .select({ text: meetingDecisions.text })
    .from(meetingDecisions)
    .innerJoin(meetings, eq(meetings.id, meetingDecisions.meetingId))
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .where(and(eq(meetingDecisions.id, decisionId), eq(committees.cityId, cityId)));
  return row?.text ?? null;
}

/** The plan a city adds actions to now: its newest draft or active plan, or null. */
export async function workingPlanOfCity(db: Database, cityId: number): Promise<{ id: number } | null> {
  const [row] = await db.select({ id: actionPlans.id }).from(actionPlans).where(and(eq(actionPlans.cityId, cityId), inArray(actionPlans.status, ["draft", "active"]))).orderBy(desc(actionPlans.fiscalYear)).limit(1);
  return row ?? null;
}

export async function insertPlanComment(tx: Database, row: { planId: number; body: string; authorId: number }): Promise<number> {
  const [comment] = await tx.insert(planComments).values(row).returning({ id: planComments.id });
  if (!comment) throw new Error("plan comment insert returned nothing");
  return comment.id;
}

/** A plan's comments, oldest first, with who wrote them and their role. */
export async function planCommentsOf(db: Database, planId: number) {
  return db
    .select({ id: planComments.id, body: planComments.body, createdAt: planComments.createdAt, authorName: users.name, authorRole: users.role })
    .from(planComments)
    .leftJoin(users, eq(users.id, planComments.authorId))
    .where(eq(planComments.planId, planId))
    .orderBy(asc(planComments.createdAt), asc(planComments.id));
}
