import type { Delivery, NoticeKind, Role } from "@/lib/domain";
import type { MessageKey } from "@/lib/i18n/messages";

/**
 * The kinds of notice each role can receive, so the profile offers only choices that matter to
 * the reader (an officer is never told of submissions; a reviewer never registers anyone).
 */
export const NOTICE_KINDS_BY_ROLE: Record<Role, readonly NoticeKind[]> = {
  officer: ["value.validate", "value.return", "resource.publish", "resource.unpublish", "event.registered", "event.changed", "event.cancelled", "event.reminder", "round.open", "round.reminder", "response.accept", "response.return", "report.return", "report.validate", "report.finalize", "report.comment", "problem.reported", "plan.validate", "plan.return", "plan.overdue"],
  reviewer: ["value.submit", "response.submit", "resource.publish", "resource.unpublish", "report.share", "report.return", "report.validate", "report.comment"],
  trainer: ["resource.publish", "resource.unpublish", "event.registered", "event.changed", "event.cancelled", "event.reminder"],
  partner: ["resource.publish", "resource.unpublish", "report.comment"],
  // The city's local government: its reports shared for comment, submitted for validation, final.
  approver: ["report.share", "report.submit", "report.finalize", "report.comment", "plan.submit"],
  admin: ["value.submit", "value.validate", "value.return", "resource.publish", "resource.unpublish", "event.registered", "event.changed", "event.cancelled", "event.reminder", "response.submit", "report.share", "report.submit", "report.return", "report.validate", "report.finalize", "report.comment", "problem.reported", "plan.submit", "plan.validate", "plan.return", "plan.overdue"],
};

/** The default when a user has not chosen: reviewers hear of submissions once a day, the rest at once. */
export const DEFAULT_DELIVERY_BY_KIND: Record<NoticeKind, Delivery> = {
  "value.submit": "daily",
  "value.validate": "immediate",
  "value.return": "immediate",
  "resource.publish": "immediate",
  "resource.unpublish": "immediate",
  "event.registered": "immediate",
  "event.changed": "immediate",
  "event.cancelled": "immediate",
  "event.reminder": "immediate",
  "round.open": "immediate",
  "round.reminder": "immediate",
  // A round's submissions come city by city: reviewers read them in the day's one mail.
  "response.submit": "daily",
  "response.accept": "immediate",
  "response.return": "immediate",
  "report.share": "immediate",
  "report.submit": "immediate",
  "report.return": "immediate",
  "report.validate": "immediate",
  "report.finalize": "immediate",
  // Consultation brings many comments: the author reads them in the day's one mail.
  "report.comment": "daily",
  // A resident waits for the city's answer: its officers hear at once.
  "problem.reported": "immediate",
  "plan.submit": "immediate",
  "plan.validate": "immediate",
  "plan.return": "immediate",
  // Overdue actions are gathered into one reminder a week (server/plans).
  "plan.overdue": "immediate",
};

/** How the profile names each kind. */
export const NOTICE_KIND_LABEL: Record<NoticeKind, MessageKey> = {
  "value.submit": "profile.kind.value.submit",
  "value.validate": "profile.kind.value.validate",
  "value.return": "profile.kind.value.return",
  "resource.publish": "profile.kind.resource.publish",
  "resource.unpublish": "profile.kind.resource.unpublish",
  "event.registered": "profile.kind.event.registered",
  "event.changed": "profile.kind.event.changed",
  "event.cancelled": "profile.kind.event.cancelled",
  "event.reminder": "profile.kind.event.reminder",
  "round.open": "profile.kind.round.open",
  "round.reminder": "profile.kind.round.reminder",
  "response.submit": "profile.kind.response.submit",
  "response.accept": "profile.kind.response.accept",
  "response.return": "profile.kind.response.return",
  "report.share": "profile.kind.report.share",
  "report.submit": "profile.kind.report.submit",
  "report.return": "profile.kind.report.return",
  "report.validate": "profile.kind.report.validate",
  "report.finalize": "profile.kind.report.finalize",
  "report.comment": "profile.kind.report.comment",
  "problem.reported": "profile.kind.problem.reported",
  "plan.submit": "profile.kind.plan.submit",
  "plan.validate": "profile.kind.plan.validate",
  "plan.return": "profile.kind.plan.return",
  "plan.overdue": "profile.kind.plan.overdue",
};

/** Submissions for review: reviewers' daily mail summarises what still waits instead of listing them. */
export const SUBMISSION_KIND: NoticeKind = "value.submit";

/** Told to a round's cities when it opens, and before its deadline (server/questionnaires). */
export const ROUND_OPEN_KIND: NoticeKind = "round.open";
export const ROUND_REMINDER_KIND: NoticeKind = "round.reminder";

/** Told to a report version's author when someone comments on it or answers their comment. */
export const REPORT_COMMENT_KIND: NoticeKind = "report.comment";

/** Told to a city's officers when a resident reports a problem on the public city page. */
export const PROBLEM_REPORTED_KIND: NoticeKind = "problem.reported";

/** Told weekly to the users who own overdue actions of an active plan. */
export const PLAN_OVERDUE_KIND: NoticeKind = "plan.overdue";
