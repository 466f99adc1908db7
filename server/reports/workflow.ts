import "server-only";
import type { Database } from "@/db/client";
import { lockReportVersions, moveReportVersion, recommendationsOf, upsertReportResource } from "@/db/queries/reports";
import type { Report, ReportVersion } from "@/db/schema";
import type { ReportStatus } from "@/lib/domain";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/permissions";
import { publicReportPath } from "@/lib/reports/paths";
import { REPORT_WORKFLOW } from "@/lib/workflow/reports";
import { transition, type Move, type WorkflowAdapter, type WorkflowRow } from "@/server/workflow";
import { buildReportSnapshot } from "./data";

export interface ReportWorkflowRow extends WorkflowRow<ReportStatus> {
  row: ReportVersion;
  report: Report;
  mentorCityId: number | null;
  unanswered: number;
}

type MoveSet = Parameters<typeof moveReportVersion>[2];

/**
 * Report versions in the shared workflow. Finalizing stores the snapshot of every number the
 * report shows (and its recommendations with their needs) in the same statement that makes it
 * final; from then on the database refuses any change to the row. A final report enters the
 * resource library (one entry per report, pointing at its newest final version).
 */
export const reportVersionAdapter: WorkflowAdapter<ReportStatus, ReportWorkflowRow> = {
  workflow: REPORT_WORKFLOW,
  lock: async (tx, ids) =>
    (await lockReportVersions(tx, ids)).map(({ row, report, mentorCityId, unanswered }) => ({ id: row.id, status: row.status, version: row.version, cityId: report.cityId, ownerId: row.createdBy, row, report, mentorCityId, unanswered })),
  apply: async (tx, current, { to, comment, actor }) => {
    const now = new Date();
    let set: MoveSet;
    if (to === "draft") set = { status: to, returnReason: comment, validatedAt: null, validatedBy: null };
    else if (to === "validated") set = { status: to, validatedAt: now, validatedBy: actor.id };
    else if (to === "final") {
      const snapshot = await buildReportSnapshot(tx, current.report, now);
      set = { status: to, finalizedAt: now, finalizedBy: actor.id, snapshot: { ...snapshot, recommendations: await recommendationsOf(tx, current.id) } };
    } else set = { status: to };
    const row = await moveReportVersion(tx, current.id, set, actor.id);
    return { ...current, status: row.status, version: row.version, row };
  },
  auditView: (r) => ({ report: r.report.id, number: r.row.number, status: r.status, version: r.version, returnReason: r.row.returnReason }),
  refuse: (r, to) => (to === "validation" && r.unanswered > 0 ? "reports.commentsUnanswered" : null),
  afterBatch: async (tx, moved) => {
    for (const { after, transition: done } of moved) {
      if (done.to !== "final") continue;
      await upsertReportResource(tx, after.report, {
        title: after.report.title,
        summary: after.row.changeNote,
        url: `${env().appUrl}${publicReportPath(after.report.id)}`,
        year: after.report.year ?? (after.row.finalizedAt ?? new Date()).getUTCFullYear(),
        language: after.report.language === "bn" || after.report.language === "ne" ? after.report.language : "en",
        actorId: after.row.finalizedBy,
      });
    }
  },
};

/** One move of one version, checked against the table, the actor's city and the version they saw. */
export async function moveReport(db: Database, actor: Actor, move: Move<ReportStatus>) {
  return transition(db, actor, reportVersionAdapter, [move]);
}
