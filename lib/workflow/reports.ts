import { REPORT_STATUSES, type ReportStatus } from "@/lib/domain";
import type { Workflow } from "./types";

/**
 * A report version's way to final. The writers (the city's officer, a reviewer) share a draft for
 * comments and submit it to the city's local government; the approver validates it or returns it
 * with a reason; a reviewer finalizes a validated version, which freezes it (the adapter stores
 * the snapshot: server/reports/workflow.ts). Writers may take a version back from consultation,
 * with a reason, too.
 */
export const REPORT_WORKFLOW = {
  entity: "report_version",
  statuses: REPORT_STATUSES,
  transitions: [
    { from: "draft", to: "consultation", permission: "reports.write", action: "report.share", notify: ["reviewers", "cityApprovers"] },
    { from: "consultation", to: "draft", permission: "reports.write", action: "report.return", requires: ["comment"], notify: ["owner"] },
    { from: "consultation", to: "validation", permission: "reports.write", action: "report.submit", notify: ["cityApprovers"] },
    { from: "validation", to: "validated", permission: "reports.validate", action: "report.validate", notify: ["owner", "reviewers"] },
    { from: "validation", to: "draft", permission: "reports.validate", action: "report.return", requires: ["comment"], notify: ["owner", "cityOfficers"] },
    { from: "validated", to: "final", permission: "reports.finalize", action: "report.finalize", notify: ["owner", "cityOfficers", "cityApprovers"] },
  ],
  refusedKey: (to) => `reports.refused.${to}`,
} as const satisfies Workflow<ReportStatus>;

/** Statuses in which a version takes comments. */
export const COMMENTABLE_STATUSES: readonly ReportStatus[] = ["consultation", "validation"];
