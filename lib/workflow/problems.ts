import { PROBLEM_STATUSES, type ProblemStatus } from "@/lib/domain";
import type { Workflow } from "./types";

/**
 * A city problem's way through the log. A resident's report waits in `reported` until the city's
 * officer accepts it (then it is open, and counts on the public page) or rejects it with a reason.
 * Every later step needs a note: the history is the problem's account of what was done.
 */
export const PROBLEM_WORKFLOW = {
  entity: "city_problem",
  statuses: PROBLEM_STATUSES,
  transitions: [
    { from: "reported", to: "open", permission: "problems.moderate", action: "problem.accept" },
    { from: "reported", to: "rejected", permission: "problems.moderate", action: "problem.reject", requires: ["comment"] },
    { from: "open", to: "acknowledged", permission: "problems.write", action: "problem.acknowledge", requires: ["comment"] },
    { from: "open", to: "closed", permission: "problems.write", action: "problem.close", requires: ["comment"] },
    { from: "acknowledged", to: "in_progress", permission: "problems.write", action: "problem.start", requires: ["comment"] },
    { from: "acknowledged", to: "closed", permission: "problems.write", action: "problem.close", requires: ["comment"] },
    { from: "in_progress", to: "resolved", permission: "problems.write", action: "problem.resolve", requires: ["comment"] },
    { from: "in_progress", to: "closed", permission: "problems.write", action: "problem.close", requires: ["comment"] },
    // A problem that came back (the pit overflows again) is reopened, not logged twice.
    { from: "resolved", to: "in_progress", permission: "problems.write", action: "problem.reopen", requires: ["comment"] },
    { from: "closed", to: "open", permission: "problems.write", action: "problem.reopen", requires: ["comment"] },
  ],
  refusedKey: (to) => `problems.refused.${to}`,
} as const satisfies Workflow<ProblemStatus>;
