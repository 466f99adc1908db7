import type { ReportStatus } from "@/lib/domain";
import { can, canForCity, type Actor } from "@/lib/permissions";
import { COMMENTABLE_STATUSES } from "@/lib/workflow/reports";

/** What the rules need to know of a report version: its city (null: a synthesis), that city's mentor, its status. */
export interface ReportAccess {
  cityId: number | null;
  mentorCityId: number | null;
  status: ReportStatus;
}

/** The city's own officer, a reviewer or an admin: those who write the report and answer its comments. */
export function canWriteReport(actor: Actor | null, report: Pick<ReportAccess, "cityId">): boolean {
  return actor !== null && canForCity(actor, "reports.write", report.cityId);
}

/** The mentor city's officers follow and comment on their mentees' reports. */
function isMentorOfficer(actor: Actor, report: ReportAccess): boolean {
  return actor.role === "officer" && actor.cityId !== null && report.mentorCityId !== null && actor.cityId === report.mentorCityId;
}

/**
 * A final version is public. Before that a draft stays with its writers and the city's own
 * approver; once shared for consultation, reviewers, partners, the city's approver and the
 * officers of the city and of its mentor read it (trainers and other cities do not).
 */
export function canReadReport(actor: Actor | null, report: ReportAccess): boolean {
  if (report.status === "final") return true;
  if (!actor || !can(actor.role, "reports.read")) return false;
  if (canWriteReport(actor, report)) return true;
  const ownApprover = actor.role === "approver" && report.cityId !== null && actor.cityId === report.cityId;
  if (ownApprover) return true;
  if (report.status === "draft") return false;
  return actor.role === "partner" || isMentorOfficer(actor, report);
}

/**
 * Comments are taken while a version is in consultation or waiting for validation, from whoever
 * reads it and holds reports.comment: reviewers, partners, admins, the city's approver and the
 * officers of the city and of its mentor (lib/policies canReadReport decides the city part).
 */
export function canCommentOnReport(actor: Actor | null, report: ReportAccess): boolean {
  if (!actor || !COMMENTABLE_STATUSES.includes(report.status)) return false;
  return can(actor.role, "reports.comment") && canReadReport(actor, report);
}

/** A thread is resolved by the report's writers or by whoever opened it. */
export function canResolveComment(actor: Actor | null, report: ReportAccess, comment: { authorId: number | null }): boolean {
  if (!actor || report.status === "final") return false;
  return canWriteReport(actor, report) || (comment.authorId === actor.id && canReadReport(actor, report));
}
