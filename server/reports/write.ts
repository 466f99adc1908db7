import "server-only";
import type { Database } from "@/db/client";
import { writeAuditRows } from "@/db/queries/audit";
import { getCityRef } from "@/db/queries/cities";
import { cityInRound, insertNextVersion, insertReport, lockNewestVersion, lockReportVersion, needAnswerIds, replaceRecommendations, updateDraft } from "@/db/queries/reports";
import { AppError, RowErrorsError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { canWriteReport } from "@/lib/policies/reports";
import { isWrittenSectionOf } from "@/lib/reports/templates";
import type { NewReportInput, SaveDraftInput } from "@/lib/validation/reports";

/**
 * Starts a report: the row and its first version, a draft. Officers start their own city's city
 * profile or round report (the action's city scope); a synthesis has no city, so it is a
 * reviewer's or an admin's.
 */
export async function createReport(db: Database, actor: Actor, input: NewReportInput): Promise<{ reportId: number; versionId: number }> {
  return db.transaction(async (tx) => {
    const cityId = input.kind === "synthesis" ? null : input.city;
    if (!canWriteReport(actor, { cityId })) throw new AppError("forbidden");
    if (cityId !== null && !(await getCityRef(tx, cityId))) throw new RowErrorsError([{ row: 1, field: "city", messageKey: "errors.not_found" }]);
    if (input.kind === "round_report" && input.round !== null && cityId !== null && !(await cityInRound(tx, input.round, cityId))) {
      throw new RowErrorsError([{ row: 1, field: "round", messageKey: "reports.cityNotInRound" }]);
    }
    const { report, version } = await insertReport(
      tx,
      {
        kind: input.kind,
        cityId,
        year: input.kind === "city_profile" ? input.year : null,
        roundId: input.kind === "city_profile" ? null : input.round,
        scopeCityIds: input.kind === "synthesis" && input.cities.length ? [...new Set(input.cities)] : null,
        language: input.language,
        title: input.title,
      },
      actor.id,
    );
    await writeAuditRows(tx, [{ actorId: actor.id, action: "report.create", entity: "report_version", entityId: version.id, after: { report: report.id, kind: report.kind, cityId, language: report.language, title: report.title } }]);
    return { reportId: report.id, versionId: version.id };
  });
}

/**
 * Saves a draft's title, written sections and recommendations. Only a draft is edited: a version
 * in consultation or further is read as it was shared, and a final one never changes. A stale
 * save (someone saved since the page was opened) is a conflict, not an overwrite.
 */
export async function saveDraft(db: Database, actor: Actor, input: SaveDraftInput): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const locked = await lockReportVersion(tx, input.versionId);
    if (!locked) throw new AppError("not_found");
    const { row, report } = locked;
    if (!canWriteReport(actor, { cityId: report.cityId })) throw new AppError("forbidden");
    if (row.status === "final") throw new AppError("conflict", "reports.finalFrozen");
    if (row.status !== "draft") throw new AppError("conflict", "reports.notDraft");
    if (row.version !== input.version) throw new AppError("conflict", "reports.staleSave");
    const unknown = Object.keys(input.written).filter((key) => !isWrittenSectionOf(report.kind, key));
    if (unknown.length) throw new AppError("invalid", "reports.unknownSection");
    const needIds = [...new Set(input.recommendations.flatMap((r) => r.needs))];
    const needs = await needAnswerIds(tx, needIds);
    if (needIds.some((id) => !needs.has(id))) throw new AppError("invalid", "reports.unknownNeed");
    const written = Object.fromEntries(Object.entries(input.written).filter(([, text]) => text.trim() !== ""));
    const after = await updateDraft(tx, row, { title: input.title, written, changeNote: input.changeNote }, actor.id);
    await replaceRecommendations(tx, row.id, input.recommendations);
    await writeAuditRows(tx, [{ actorId: actor.id, action: "report.save", entity: "report_version", entityId: row.id, before: { title: report.title, written: row.written, version: row.version }, after: { title: input.title, written, recommendations: input.recommendations.length, version: after.version } }]);
    return { version: after.version };
  });
}

/**
 * A correction of a final report: version n + 1, a draft that starts from the final text and
 * recommendations, with the reason for the change. The final version stays as it was, readable,
 * and is superseded once the new one is final.
 */
export async function startNextVersion(db: Database, actor: Actor, input: { reportId: number; changeNote: string }): Promise<{ versionId: number }> {
  return db.transaction(async (tx) => {
    const newest = await lockNewestVersion(tx, input.reportId);
    if (!newest) throw new AppError("not_found");
    const locked = await lockReportVersion(tx, newest.id);
    if (!locked || !canWriteReport(actor, { cityId: locked.report.cityId })) throw new AppError("forbidden");
    if (newest.status !== "final") throw new AppError("conflict", "reports.nextVersionOpen");
    const version = await insertNextVersion(tx, newest, input.changeNote, actor.id);
    await writeAuditRows(tx, [{ actorId: actor.id, action: "report.revise", entity: "report_version", entityId: version.id, after: { report: input.reportId, number: version.number, changeNote: input.changeNote, supersedes: newest.id } }]);
    return { versionId: version.id };
  });
}
