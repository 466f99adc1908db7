import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { actionsOfPlan, goalsOfPlan, latestValidated, planChangesOf } from "@/db/queries/plans";
import { actionPlans, committees, events, indicatorValues, indicators, meetingDecisions, meetings, notifications, planActions } from "@/db/schema";
import { planView, programmePlanRows } from "@/server/loaders/plans";
import { queuePlanReminders } from "@/server/plans/reminders";
import { addPlanComment } from "@/server/plans/comments";
import type { Actor } from "@/lib/permissions";
import { actionSchema, goalSchema } from "@/lib/validation/plans";
import { movePlan } from "@/server/plans/workflow";
import { addGoal, createPlan, saveAction } from "@/server/plans/write";
import { describeDb, seededCityId, seededUser } from "./support";

async function actor(db: Database, email: string): Promise<Actor> {
  const { id, role, cityId } = await seededUser(db, email);
  return { id, role, cityId };
}

async function planVersion(db: Database, id: number) {
  const [row] = await db.select().from(actionPlans).where(eq(actionPlans.id, id));
  if (!row) throw new Error("no plan");
  return row;
}

const action = (plan: number, version: number, goal: number, extra: Record<string, unknown> = {}) =>
  actionSchema.parse({ plan, version, goal, action: "", actionVersion: "", title: "Hire a second desludging truck", ownerKind: "organisation", ownerOrganisation: "SNV", startsOn: "2026-08-01", dueOn: "2026-12-31", status: "planned", progress: "0", budgetPlanned: "1500000", budgetSpent: "", decision: "", event: "", ...extra });

describeDb("action plans", (db) => {
  it("starts a plan per city and year, sets a goal whose baseline is the latest validated value, and refuses targets that are no goal", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const other = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    await expect(createPlan(db(), other, { city: "kushtia", fiscalYear: "FY2026-27", title: "Kushtia plan" })).rejects.toMatchObject({ code: "forbidden" });
    const { id } = await createPlan(db(), officer, { city: "kushtia", fiscalYear: "FY2026-27", title: "Kushtia action plan 2026-27" }, new Date("2026-12-06T00:00:00Z"));
    await expect(createPlan(db(), officer, { city: "kushtia", fiscalYear: "FY2026-27", title: "Again" }, new Date("2026-12-06T00:00:00Z"))).rejects.toMatchObject({ messageKey: "plans.exists" });
    await expect(createPlan(db(), officer, { city: "kushtia", fiscalYear: "FY2040-41", title: "Far" }, new Date("2026-12-06T00:00:00Z"))).rejects.toMatchObject({ messageKey: "validation.plans.fiscalYear" });

    const [sd2] = await db().select().from(indicators).where(eq(indicators.code, "SD-2"));
    const baseline = await latestValidated(db(), kushtia, sd2!.id);
    expect(baseline).not.toBeNull();
    const goal = (extra: Record<string, unknown>) => goalSchema.parse({ plan: id, version: 0, indicator: sd2!.id, targetValue: "95", targetPeriod: "2027-Q2", note: "", ...extra });
    const v1 = (await planVersion(db(), id)).version;
    // A target no better than the baseline, outside the unit's range, or not after the baseline: refused.
    await expect(addGoal(db(), officer, goal({ version: v1, targetValue: String(baseline!.value) }))).rejects.toMatchObject({ messageKey: "validation.plans.targetNotBetter" });
    await expect(addGoal(db(), officer, goal({ version: v1, targetValue: "130" }))).rejects.toMatchObject({ messageKey: "validation.plans.targetOutOfRange" });
    await expect(addGoal(db(), officer, goal({ version: v1, targetPeriod: baseline!.period }))).rejects.toMatchObject({ messageKey: "validation.plans.targetPeriod" });
    await expect(addGoal(db(), officer, goal({ version: v1 + 5 }))).rejects.toMatchObject({ messageKey: "plans.stale" });
    await addGoal(db(), officer, goal({ version: v1 }));
    const [stored] = await goalsOfPlan(db(), id);
    expect(stored?.goal).toMatchObject({ baselineValue: baseline!.value, baselinePeriod: baseline!.period, targetValue: 95, targetPeriod: "2027-Q2" });
    expect(stored?.indicator.code).toBe("SD-2");
  });

  it("adds actions with owners, dates, progress and budgets; refuses bad dates, progress, budgets, a blocked action without a reason and another city's committee", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const mahalaxmi = await seededCityId(db(), "mahalaxmi");
    const { id } = await createPlan(db(), officer, { city: "kushtia", fiscalYear: "FY2025-26", title: "Kushtia 2025-26" }, new Date("2026-12-06T00:00:00Z"));
    const [sd3] = await db().select().from(indicators).where(eq(indicators.code, "SD-3"));
    const { goalId, version } = await addGoal(db(), officer, goalSchema.parse({ plan: id, version: (await planVersion(db(), id)).version, indicator: sd3!.id, targetValue: "100", targetPeriod: "2027-Q2" }));

    expect(actionSchema.safeParse({ ...action(id, version, goalId), dueOn: "2026-07-01" }).success).toBe(false);
    expect(actionSchema.safeParse({ ...action(id, version, goalId), progress: 120 }).success).toBe(false);
    expect(actionSchema.safeParse({ ...action(id, version, goalId), budgetSpent: -5 }).success).toBe(false);
    const blocked = actionSchema.safeParse({ ...action(id, version, goalId), status: "blocked", statusReason: "" });
    expect(blocked.success ? [] : blocked.error.issues.map((i) => i.message)).toEqual(["validation.plans.reasonForStatus"]);

    const [own] = await db().insert(committees).values({ cityId: kushtia, name: "Plan committee", theme: "FSM" }).returning();
    const [foreign] = await db().insert(committees).values({ cityId: mahalaxmi, name: "Foreign committee", theme: "FSM" }).returning();
    await expect(saveAction(db(), officer, action(id, version, goalId, { ownerKind: "committee", ownerCommittee: String(foreign!.id) }))).rejects.toMatchObject({ messageKey: "validation.plans.ownerUnknown" });
    const [meeting] = await db().insert(meetings).values({ committeeId: own!.id, heldOn: "2026-06-01" }).returning();
    const [decision] = await db().insert(meetingDecisions).values({ meetingId: meeting!.id, position: 1, text: "Ask for a second truck" }).returning();
    const saved = await saveAction(db(), officer, action(id, version, goalId, { ownerKind: "committee", ownerCommittee: String(own!.id), decision: String(decision!.id) }));
    const [row] = await db().select().from(planActions).where(eq(planActions.id, saved.actionId));
    expect(row).toMatchObject({ ownerCommitteeId: own!.id, decisionId: decision!.id, budgetPlanned: 1_500_000, status: "planned" });
    // The workshop it came out of must be one the city hosted.
    const workshop = async (hostCityId: number) => (await db().insert(events).values({ title: "Scenario workshop", type: "scenario_workshop", hostCityId, timeZone: "Asia/Dhaka", startsAt: new Date("2026-05-01T04:00:00Z"), endsAt: new Date("2026-05-01T08:00:00Z"), capacity: 30 }).returning())[0]!.id;
    const ownWorkshop = await workshop(kushtia);
    const foreignWorkshop = await workshop(mahalaxmi);
    const withEvent = (event: number, v: number) => action(id, v, goalId, { ownerKind: "committee", ownerCommittee: String(own!.id), event: String(event), title: "From the workshop" });
    await expect(saveAction(db(), officer, withEvent(foreignWorkshop, saved.version))).rejects.toMatchObject({ messageKey: "validation.problems.eventUnknown" });
    const fromWorkshop = await saveAction(db(), officer, withEvent(ownWorkshop, saved.version));
    expect((await db().select().from(planActions).where(eq(planActions.id, fromWorkshop.actionId)))[0]?.eventId).toBe(ownWorkshop);
    // The database keeps an action's committee in the plan's city too.
    await expect(db().update(planActions).set({ ownerCommitteeId: foreign!.id }).where(eq(planActions.id, saved.actionId))).rejects.toThrow();

    // Changing it later: against its version; done means 100 %.
    await saveAction(db(), officer, action(id, fromWorkshop.version, goalId, { action: String(saved.actionId), actionVersion: String(row!.version), ownerKind: "committee", ownerCommittee: String(own!.id), status: "done", progress: "40" }));
    const done = (await actionsOfPlan(db(), id)).find((a) => a.action.id === saved.actionId);
    expect(done?.action).toMatchObject({ status: "done", progress: 100 });
    expect(done?.committeeName).toBe("Plan committee");
  });

  it("goes draft → validation → active only by the city's approver; a return needs a reason; changes to an active plan need one and are kept", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const approver = await actor(db(), "approver.kushtia@demo.cwis");
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const otherOfficer = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const { id } = await createPlan(db(), officer, { city: "kushtia", fiscalYear: "FY2024-25", title: "Kushtia 2024-25" }, new Date("2026-12-06T00:00:00Z"));
    const move = async (who: Actor, to: "draft" | "validation" | "active" | "closed", comment = "") => movePlan(db(), who, { id, to, comment, version: (await planVersion(db(), id)).version });

    await expect(move(officer, "validation")).rejects.toMatchObject({ messageKey: "plans.noGoals" });
    const [sd4] = await db().select().from(indicators).where(eq(indicators.code, "SD-4"));
    const { goalId } = await addGoal(db(), officer, goalSchema.parse({ plan: id, version: (await planVersion(db(), id)).version, indicator: sd4!.id, targetValue: "3", targetPeriod: "2027-Q4" }));
    await expect(move(otherOfficer, "validation")).rejects.toMatchObject({ messageKey: "errors.forbidden" });
    await move(officer, "validation");
    // Frozen while the local government reads it.
    await expect(addGoal(db(), officer, goalSchema.parse({ plan: id, version: (await planVersion(db(), id)).version, indicator: sd4!.id, targetValue: "2", targetPeriod: "2027-Q4" }))).rejects.toMatchObject({ messageKey: "plans.notEditable.validation" });
    for (const who of [officer, reviewer]) await expect(move(who, "active")).rejects.toMatchObject({ messageKey: "errors.forbidden" });
    await expect(move(approver, "draft", " ")).rejects.toMatchObject({ messageKey: "workflow.commentRequired" });
    await move(approver, "draft", "Add the budget for the truck.");
    expect((await planVersion(db(), id)).returnReason).toBe("Add the budget for the truck.");
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, officer.id), eq(notifications.kind, "plan.return")))).toHaveLength(1);
    await move(officer, "validation");
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, approver.id), eq(notifications.kind, "plan.submit")))).toHaveLength(2);
    await move(approver, "active");
    expect(await planVersion(db(), id)).toMatchObject({ status: "active", validatedBy: approver.id, returnReason: null });

    // Active: a change needs a reason, and the plan's history keeps it with who.
    const version = (await planVersion(db(), id)).version;
    await expect(saveAction(db(), officer, action(id, version, goalId))).rejects.toMatchObject({ messageKey: "validation.plans.reasonNeeded" });
    await saveAction(db(), officer, action(id, version, goalId, { reason: "The council added a truck to this year's budget." }));
    const history = await planChangesOf(db(), id);
    expect(history.map((h) => [h.what, h.reason])).toEqual([["action.add", "The council added a truck to this year's budget."]]);
    expect(history[0]?.actorName).toBe((await seededUser(db(), "officer.kushtia@demo.cwis")).name);
  });

  it("measures a goal by the city's validated values: a newly validated value moves its progress; an action past its due day is overdue", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const { id } = await createPlan(db(), officer, { city: "kushtia", fiscalYear: "FY2023-24", title: "Kushtia 2023-24" }, new Date("2026-12-06T00:00:00Z"));
    const [sd5] = await db().select().from(indicators).where(eq(indicators.code, "SD-5"));
    const baseline = await latestValidated(db(), kushtia, sd5!.id);
    const { goalId, version } = await addGoal(db(), officer, goalSchema.parse({ plan: id, version: (await planVersion(db(), id)).version, indicator: sd5!.id, targetValue: "100", targetPeriod: "2028-Q4" }));
    await saveAction(db(), officer, action(id, version, goalId, { startsOn: "2026-01-01", dueOn: "2026-06-30" }));
    const now = new Date("2026-12-06T06:00:00Z");
    const before = await planView(db(), id, officer, now);
    const goal = before?.goals[0];
    expect(goal?.baseline).toEqual(baseline);
    expect(goal?.latest).toEqual(baseline);
    expect(before?.actions[0]?.overdue).toBe(true);

    // A value validated for a newer quarter is the goal's latest; its progress is measured from it.
    const newer = "2026-Q4";
    const value = Math.min(100, baseline!.value + 10);
    await db().insert(indicatorValues).values({ cityId: kushtia, indicatorId: sd5!.id, period: newer, value, status: "validated", validatedValue: value, validatedAt: now }).onConflictDoUpdate({ target: [indicatorValues.cityId, indicatorValues.indicatorId, indicatorValues.period], set: { value, validatedValue: value, status: "validated", validatedAt: now } });
    const after = await planView(db(), id, officer, now);
    expect(after?.goals[0]?.latest).toEqual({ value, period: newer });
    // progress = (latest − baseline) / (target − baseline)
    expect(after?.goals[0]?.progress.progress).toBeCloseTo((value - baseline!.value) / (100 - baseline!.value), 6);
    expect(after?.goals[0]?.progress.progress ?? 0).toBeGreaterThan(before?.goals[0]?.progress.progress ?? 0);
  });

  it("reminds a user who owns overdue actions of an active plan once a week, one notice per plan with how many", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const approver = await actor(db(), "approver.kushtia@demo.cwis");
    const { id } = await createPlan(db(), officer, { city: "kushtia", fiscalYear: "FY2027-28", title: "Kushtia 2027-28" }, new Date("2026-12-06T00:00:00Z"));
    const [sd6] = await db().select().from(indicators).where(eq(indicators.code, "SD-6"));
    const { goalId, version } = await addGoal(db(), officer, goalSchema.parse({ plan: id, version: (await planVersion(db(), id)).version, indicator: sd6!.id, targetValue: "90", targetPeriod: "2028-Q2" }));
    const mine = { ownerKind: "user", ownerUser: String(officer.id), ownerOrganisation: "" };
    const first = await saveAction(db(), officer, action(id, version, goalId, { ...mine, title: "Survey customers", startsOn: "2026-09-01", dueOn: "2026-10-31" }));
    const second = await saveAction(db(), officer, action(id, first.version, goalId, { ...mine, title: "Publish the results", startsOn: "2026-09-01", dueOn: "2026-11-15" }));
    await saveAction(db(), officer, action(id, second.version, goalId, { ...mine, title: "Not due yet", startsOn: "2026-09-01", dueOn: "2027-03-31" }));
    const told = () => db().select().from(notifications).where(and(eq(notifications.userId, officer.id), eq(notifications.kind, "plan.overdue")));

    const now = new Date("2026-12-06T06:00:00Z");
    // A draft's actions are not chased.
    await queuePlanReminders(db(), now);
    expect(await told()).toHaveLength(0);
    await movePlan(db(), officer, { id, to: "validation", comment: "", version: (await planVersion(db(), id)).version });
    await movePlan(db(), approver, { id, to: "active", comment: "", version: (await planVersion(db(), id)).version });

    await queuePlanReminders(db(), now);
    await queuePlanReminders(db(), new Date(now.getTime() + 60_000));
    const notices = await told();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.params).toMatchObject({ subject: "Kushtia 2027-28", count: 2 });
    // A week later, still overdue: told again.
    await queuePlanReminders(db(), new Date(now.getTime() + 8 * 86_400_000));
    expect(await told()).toHaveLength(2);
  });

  it("lists every city's plan for the programme with actions done, overdue and goals on track, counted as the plan page counts them", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const admin = await actor(db(), "admin@demo.cwis");
    const { id } = await createPlan(db(), admin, { city: "meherpur", fiscalYear: "FY2026-27", title: "Meherpur 2026-27" }, new Date("2026-12-06T00:00:00Z"));
    const [sd1] = await db().select().from(indicators).where(eq(indicators.code, "SD-1"));
    const { goalId, version } = await addGoal(db(), admin, goalSchema.parse({ plan: id, version: (await planVersion(db(), id)).version, indicator: sd1!.id, targetValue: "100", targetPeriod: "2028-Q4" }));
    const a = await saveAction(db(), admin, action(id, version, goalId, { title: "Done one", status: "done", startsOn: "2026-07-01", dueOn: "2026-08-01" }));
    const b = await saveAction(db(), admin, action(id, a.version, goalId, { title: "Late one", startsOn: "2026-07-01", dueOn: "2026-09-01" }));
    await saveAction(db(), admin, action(id, b.version, goalId, { title: "Later one", startsOn: "2026-07-01", dueOn: "2027-06-01" }));
    const now = new Date("2026-12-06T06:00:00Z");
    const { rows } = await programmePlanRows(db(), { fiscalYear: "FY2026-27" }, { limit: 50, offset: 0 }, now);
    const meherpur = rows.find((r) => r.city.slug === "meherpur");
    expect(meherpur).toMatchObject({ planId: id, actions: 3, done: 1, overdue: 1, goals: 1 });
    const page = await planView(db(), id, officer, now);
    expect(meherpur?.goalsOnTrack).toBe(page?.goals.filter((g) => g.progress.status === "on_track" || g.progress.status === "achieved").length);
    // Country filter.
    expect((await programmePlanRows(db(), { fiscalYear: "FY2026-27", country: "NP" }, { limit: 50, offset: 0 }, now)).rows.some((r) => r.planId === id)).toBe(false);
  });

  it("takes comments from the mentor city's officers, the city's approver, reviewers and partners; refuses other cities' officers", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const mentorOfficer = await actor(db(), "officer.kushtia@demo.cwis");
    const otherOfficer = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const partner = await actor(db(), "partner@demo.cwis");
    const { id } = await createPlan(db(), admin, { city: "meherpur", fiscalYear: "FY2025-26", title: "Meherpur 2025-26" }, new Date("2026-12-06T00:00:00Z"));
    await addPlanComment(db(), mentorOfficer, { plan: id, body: "Start with the emptying tariff, as we did." });
    await addPlanComment(db(), partner, { plan: id, body: "We can fund the crews' training." });
    await expect(addPlanComment(db(), otherOfficer, { plan: id, body: "x" })).rejects.toMatchObject({ code: "forbidden" });
    const view = await planView(db(), id, partner);
    expect(view?.comments.map((c) => c.body)).toEqual(["Start with the emptying tariff, as we did.", "We can fund the crews' training."]);
    expect(view?.canComment).toBe(true);
    expect((await planView(db(), id, otherOfficer))?.canComment).toBe(false);
  });
});
