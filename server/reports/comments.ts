import "server-only";
import type { Database } from "@/db/client";
import { writeAuditRows } from "@/db/queries/audit";
import { insertComment, lockComment, lockReportVersion, setCommentAnswer, setCommentResolved } from "@/db/queries/reports";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { canCommentOnReport, canReadReport, canResolveComment, canWriteReport, type ReportAccess } from "@/lib/policies/reports";
import { reportPath } from "@/lib/reports/paths";
import { isSectionOf } from "@/lib/reports/templates";
import type { CommentInput } from "@/lib/validation/reports";
import { notifyUsers } from "@/server/mail/notify";
import { REPORT_COMMENT_KIND } from "@/lib/mail/kinds";

async function lockAccess(tx: Database, versionId: number) {
  const locked = await lockReportVersion(tx, versionId);
  if (!locked) throw new AppError("not_found");
  const access: ReportAccess = { cityId: locked.report.cityId, mentorCityId: locked.mentorCityId, status: locked.row.status };
  return { ...locked, access };
}

/**
 * A comment on one section (or a reply in a thread) while the version is in consultation or
 * waiting for validation. Whoever cannot read the report is told it does not exist. The version's
 * author hears of it.
 */
export async function addComment(db: Database, actor: Actor, input: CommentInput): Promise<{ commentId: number }> {
  return db.transaction(async (tx) => {
    const { row, report, access } = await lockAccess(tx, input.versionId);
    if (!canReadReport(actor, access)) throw new AppError("not_found");
    if (!canCommentOnReport(actor, access)) throw new AppError("forbidden", row.status === "final" ? "reports.finalFrozen" : "reports.notInConsultation");
    if (!isSectionOf(report.kind, input.section)) throw new AppError("invalid", "reports.unknownSection");
    if (input.parent !== null) {
      const parent = await lockComment(tx, input.parent);
      if (!parent || parent.versionId !== row.id || parent.sectionKey !== input.section) throw new AppError("invalid", "reports.unknownComment");
    }
    const comment = await insertComment(tx, { versionId: row.id, sectionKey: input.section, parentId: input.parent, body: input.body, authorId: actor.id });
    await writeAuditRows(tx, [{ actorId: actor.id, action: "report.comment", entity: "report_version", entityId: row.id, after: { comment: comment.id, section: input.section, parent: input.parent, body: input.body } }]);
    const author = row.createdBy;
    if (author !== null && author !== actor.id) {
      await notifyUsers(tx, [{ kind: REPORT_COMMENT_KIND, userIds: [author], params: { subject: report.title, comment: input.body }, path: `${reportPath(row.id)}#comment-${comment.id}`, cityId: report.cityId, entity: "report_version", entityIds: [row.id] }]);
    }
    return { commentId: comment.id };
  });
}

/** The author's answer to an opening comment: incorporated, or not incorporated with the reason. */
export async function answerComment(db: Database, actor: Actor, input: { comment: number; answer: "incorporated" | "not_incorporated"; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const comment = await lockComment(tx, input.comment);
    if (!comment) throw new AppError("not_found");
    const { row, report, access } = await lockAccess(tx, comment.versionId);
    if (!canReadReport(actor, access)) throw new AppError("not_found");
    if (!canWriteReport(actor, access)) throw new AppError("forbidden");
    if (row.status === "final") throw new AppError("conflict", "reports.finalFrozen");
    if (comment.parentId !== null) throw new AppError("invalid", "reports.answerOpeningOnly");
    const reason = input.answer === "not_incorporated" ? input.reason : null;
    await setCommentAnswer(tx, comment.id, { answer: input.answer, reason }, actor.id);
    await writeAuditRows(tx, [{ actorId: actor.id, action: "report.answer", entity: "report_version", entityId: row.id, before: { comment: comment.id, answer: comment.answer, reason: comment.answerReason }, after: { comment: comment.id, answer: input.answer, reason } }]);
    if (comment.authorId !== null && comment.authorId !== actor.id) {
      await notifyUsers(tx, [{ kind: REPORT_COMMENT_KIND, userIds: [comment.authorId], params: { subject: report.title, ...(reason ? { comment: reason } : {}) }, path: `${reportPath(row.id)}#comment-${comment.id}`, cityId: access.cityId, entity: "report_version", entityIds: [row.id] }]);
    }
  });
}

/** Resolves (or reopens) a thread: the report's writers, or whoever opened it. */
export async function resolveComment(db: Database, actor: Actor, input: { comment: number; resolved: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    const comment = await lockComment(tx, input.comment);
    if (!comment) throw new AppError("not_found");
    const { row, access } = await lockAccess(tx, comment.versionId);
    if (!canReadReport(actor, access)) throw new AppError("not_found");
    if (comment.parentId !== null) throw new AppError("invalid", "reports.answerOpeningOnly");
    if (!canResolveComment(actor, access, comment)) throw new AppError("forbidden", row.status === "final" ? "reports.finalFrozen" : "errors.forbidden");
    await setCommentResolved(tx, comment.id, input.resolved, actor.id);
    await writeAuditRows(tx, [{ actorId: actor.id, action: input.resolved ? "report.resolve" : "report.reopen", entity: "report_version", entityId: row.id, after: { comment: comment.id } }]);
  });
}
