import { PLAN_STATUSES, type PlanStatus } from "@/lib/domain";
import type { Workflow } from "./types";

/**
 * A plan's way to being the city's plan: its officer submits the draft to the city's local
 * government, whose approver validates it (it becomes active) or returns it with a reason. An
 * active plan is changed with a reason kept in its history (server/plans), and closed when its
 * year is over.
 */
export const PLAN_WORKFLOW = {
  entity: "action_plan",
  statuses: PLAN_STATUSES,
  transitions: [
    { from: "draft", to: "validation", permission: "plans.write", action: "plan.submit", notify: ["cityApprovers"] },
    { from: "validation", to: "active", permission: "plans.validate", action: "plan.validate", notify: ["owner", "cityOfficers"] },
    { from: "validation", to: "draft", permission: "plans.validate", action: "plan.return", requires: ["comment"], notify: ["owner", "cityOfficers"] },
    { from: "active", to: "closed", permission: "plans.write", action: "plan.close", requires: ["comment"] },
  ],
  refusedKey: (to) => `plans.refused.${to}`,
} as const satisfies Workflow<PlanStatus>;
