import { z } from "zod";
import { ACTION_OWNER_KINDS, ACTION_STATUSES } from "@/lib/domain";
import { optionalId, optionalNumber, plainText, positiveId } from "./fields";

export const PLAN_TITLE_MAX = 160;
export const ACTION_TITLE_MAX = 200;
export const PLAN_REASON_MAX = 1000;

const fiscalYear = z.string().trim().regex(/^FY[0-9]{4}-[0-9]{2}$/, { error: "validation.plans.fiscalYear" });
const quarter = z.string().trim().regex(/^[0-9]{4}-Q[1-4]$/, { error: "validation.period" });
const day = z.iso.date({ error: "validation.date" });
/** Why an active plan changes: kept in its history. Empty while the plan is a draft. */
const reason = plainText(PLAN_REASON_MAX).default("");

export const newPlanSchema = z.object({
  city: z.string().trim().max(60),
  fiscalYear,
  title: plainText(PLAN_TITLE_MAX).min(3, { error: "validation.plans.titleShort" }),
});
export type NewPlanInput = z.infer<typeof newPlanSchema>;

export const goalSchema = z.object({
  plan: positiveId,
  version: positiveId,
  indicator: positiveId,
  targetValue: z.coerce.number({ error: "validation.number" }).refine(Number.isFinite, { error: "validation.number" }),
  targetPeriod: quarter,
  note: plainText(1000).default(""),
  reason,
});
export type GoalInput = z.infer<typeof goalSchema>;

export const actionSchema = z
  .object({
    plan: positiveId,
    version: positiveId,
    goal: positiveId,
    /** Set when editing an action; absent for a new one. */
    action: optionalId,
    actionVersion: optionalId,
    title: plainText(ACTION_TITLE_MAX).min(3, { error: "validation.plans.titleShort" }),
    ownerKind: z.enum(ACTION_OWNER_KINDS, { error: "validation.invalid" }),
    ownerCommittee: optionalId,
    ownerUser: optionalId,
    ownerOrganisation: plainText(160).default(""),
    startsOn: day,
    dueOn: day,
    status: z.enum(ACTION_STATUSES, { error: "validation.invalid" }).default("planned"),
    statusReason: plainText(PLAN_REASON_MAX).default(""),
    progress: z.coerce.number({ error: "validation.number" }).int({ error: "validation.wholeNumber" }).min(0, { error: "validation.plans.progress" }).max(100, { error: "validation.plans.progress" }).default(0),
    budgetPlanned: optionalNumber(z.number().min(0, { error: "validation.plans.budgetNegative" }).max(1e12, { error: "validation.tooLong" })),
    budgetSpent: optionalNumber(z.number().min(0, { error: "validation.plans.budgetNegative" }).max(1e12, { error: "validation.tooLong" })),
    decision: optionalId,
    event: optionalId,
    problems: z.array(positiveId).max(50, { error: "validation.invalid" }).default([]),
    reason,
  })
  .superRefine((input, ctx) => {
    if (input.dueOn < input.startsOn) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "validation.plans.dueBeforeStart" });
    if ((input.status === "blocked" || input.status === "dropped") && !input.statusReason) ctx.addIssue({ code: "custom", path: ["statusReason"], message: "validation.plans.reasonForStatus" });
    if (input.ownerKind === "committee" && input.ownerCommittee === null) ctx.addIssue({ code: "custom", path: ["ownerCommittee"], message: "validation.plans.ownerNeeded" });
    if (input.ownerKind === "user" && input.ownerUser === null) ctx.addIssue({ code: "custom", path: ["ownerUser"], message: "validation.plans.ownerNeeded" });
    if (input.ownerKind === "organisation" && !input.ownerOrganisation) ctx.addIssue({ code: "custom", path: ["ownerOrganisation"], message: "validation.plans.ownerNeeded" });
    if ((input.action === null) !== (input.actionVersion === null)) ctx.addIssue({ code: "custom", path: ["action"], message: "validation.invalid" });
  });
export type ActionInput = z.infer<typeof actionSchema>;

export const movePlanSchema = z.object({
  plan: positiveId,
  version: positiveId,
  to: z.enum(["draft", "validation", "active", "closed"], { error: "validation.invalid" }),
  comment: plainText(PLAN_REASON_MAX).default(""),
});

export const PLAN_COMMENT_MAX = 2000;

export const planCommentSchema = z.object({
  plan: positiveId,
  body: plainText(PLAN_COMMENT_MAX).min(1, { error: "validation.required" }),
});
