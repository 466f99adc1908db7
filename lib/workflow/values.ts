import { VALUE_STATUSES, type ValueStatus } from "@/lib/domain";
import type { Workflow } from "./types";

/**
 * Indicator values: an officer submits a quarter's drafts (and returned values, once corrected);
 * a reviewer validates each or returns it with a comment. Saving a value is not a move: it makes
 * the value a draft again (server/values/save.ts), except while it waits for review.
 */
export const VALUE_WORKFLOW = {
  entity: "indicator_value",
  statuses: VALUE_STATUSES,
  transitions: [
    { from: "draft", to: "submitted", permission: "values.submit", action: "value.submit", notify: ["reviewers"] },
    { from: "returned", to: "submitted", permission: "values.submit", action: "value.submit", notify: ["reviewers"] },
    { from: "submitted", to: "validated", permission: "values.review", action: "value.validate", notify: ["cityOfficers"] },
    { from: "submitted", to: "returned", permission: "values.review", action: "value.return", requires: ["comment"], notify: ["cityOfficers"] },
  ],
  refusedKey: (to) => (to === "submitted" ? "values.notSubmittable" : "values.notSubmitted"),
} as const satisfies Workflow<ValueStatus>;

/**
 * A value flagged as unusual (outside its expected range, or a large change from the last
 * validated value) is submitted only with the officer's explanation of it.
 */
export function lacksExplanation(value: { flags: readonly string[]; explanation: string }): boolean {
  return value.flags.length > 0 && value.explanation.trim() === "";
}
