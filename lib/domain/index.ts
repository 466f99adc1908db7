/**
 * The programme's vocabulary as plain tuples. db/schema.ts builds its pgEnums from these, so pure
 * code (validation, permissions, OpenAPI, components) can name a role or a status without
 * importing drizzle's table file.
 */

export const ROLES = ["officer", "reviewer", "trainer", "partner", "admin", "approver"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that belong to one city and act on it alone: a sanitation officer, and the city's local
 * government (approver: the mayor's office, the municipal secretary).
 */
export const CITY_ROLES: readonly Role[] = ["officer", "approver"];

export const COUNTRIES = ["BD", "NP"] as const;
export type Country = (typeof COUNTRIES)[number];

export const CITY_KINDS = ["paurashava_a", "paurashava_b", "paurashava_c", "city_corporation", "municipality", "sub_metropolitan_city", "metropolitan_city"] as const;
export type CityKind = (typeof CITY_KINDS)[number];

export const PROGRAMME_ROLES = ["mentor", "mentee", "candidate"] as const;
export type ProgrammeRole = (typeof PROGRAMME_ROLES)[number];

export const LENS_KINDS = ["outcome", "function"] as const;
export type LensKind = (typeof LENS_KINDS)[number];

export const UNITS = ["percent", "ratio", "count", "days", "boolean", "score5"] as const;
export type Unit = (typeof UNITS)[number];

export const DIRECTIONS = ["higher_is_better", "lower_is_better"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const FREQUENCIES = ["quarterly", "annual"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const VALUE_STATUSES = ["draft", "submitted", "validated", "returned"] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

export const EVENT_TIME_ZONES = ["Asia/Dhaka", "Asia/Kathmandu"] as const;
export type EventTimeZone = (typeof EVENT_TIME_ZONES)[number];

/** The time zones users see times in: the programme's two countries. */
export const TIME_ZONES = EVENT_TIME_ZONES;
export type TimeZone = EventTimeZone;

/**
 * Why a saved value needs a second look (issue 12): outside the indicator's expected range, or
 * far from the city's last validated value. A flagged value needs the officer's explanation
 * before it can be submitted, and the reviewer sees the flag.
 */
export const VALUE_FLAGS = ["outside_expected", "large_change"] as const;
export type ValueFlag = (typeof VALUE_FLAGS)[number];

export const EVENT_TYPES = ["training", "workshop", "exposure_visit", "webinar", "mentoring_session", "consultation_workshop", "focus_group_discussion", "scenario_workshop"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_STATUSES = ["scheduled", "completed", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const GENDERS = ["female", "male", "other", "undisclosed"] as const;
export type Gender = (typeof GENDERS)[number];

// What a participant does in their town; participation statistics are broken down by it.
export const PARTICIPANT_ROLES = ["elected_representative", "municipal_staff", "sanitation_worker", "private_operator", "ngo_partner", "other"] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const REGISTRATION_STATUSES = ["registered", "waitlisted", "withdrawn"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const RESOURCE_TYPES = ["guideline", "policy", "plan", "case_study", "training_material", "report", "tool", "video", "other"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const RESOURCE_LANGUAGES = ["bn", "en", "ne", "other"] as const;
export type ResourceLanguage = (typeof RESOURCE_LANGUAGES)[number];

export const RESOURCE_STATUSES = ["draft", "published"] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** What a personal API token may do: read only, or read and write. */
export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Where a message in the outbox stands (issue 13). `sending`: claimed by a worker right now. */
export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * What a user can be told of, and may choose how to hear about (profile → notifications). The
 * workflow kinds are the transitions' audit actions; account mail (reset, invitation) is not here:
 * nobody may turn it off.
 */
export const NOTICE_KINDS = ["value.submit", "value.validate", "value.return", "resource.publish", "resource.unpublish", "event.registered", "event.changed", "event.cancelled", "event.reminder", "round.open", "round.reminder", "response.submit", "response.accept", "response.return", "report.share", "report.submit", "report.return", "report.validate", "report.finalize", "report.comment", "problem.reported", "plan.submit", "plan.validate", "plan.return", "plan.overdue"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** How a user hears of a kind by mail: at once, in one mail a day, or not by mail (in-app only). */
export const DELIVERIES = ["immediate", "daily", "off"] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** What a single-use account link is for; a token for one purpose never works for another. */
export const AUTH_TOKEN_PURPOSES = ["password_reset", "invitation"] as const;
export type AuthTokenPurpose = (typeof AUTH_TOKEN_PURPOSES)[number];

export const SUBSCRIPTION_STATUSES = ["pending", "confirmed", "unsubscribed"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** What the public newsletter may be about; a subscriber picks some. */
export const NEWSLETTER_TOPICS = ["events", "progress", "resources", "reports"] as const;
export type NewsletterTopic = (typeof NEWSLETTER_TOPICS)[number];

export const DIGEST_STATUSES = ["draft", "sent"] as const;
export type DigestStatus = (typeof DIGEST_STATUSES)[number];

/** A name kept in the programme's three languages (a city's). */
export type LocalizedText = Record<"en" | "bn" | "ne", string>;

/**
 * What a notification's text needs besides its kind, stored with it so the text is made in the
 * reader's language when read. Every string is escaped on output.
 */
export interface NoticeParams {
  /** The city's name, or the resource's or event's title. */
  subject?: string | LocalizedText;
  count?: number;
  /** A reviewer's comment (the reader's own city's business): shown as a quote. */
  comment?: string;
  /** When the event starts (ISO), shown in the reader's zone. */
  at?: string;
}

// ---------------------------------------------------------------------------------------------
// Questionnaires and reporting rounds (issue 14)

/** What a question asks for; `indicator` binds it to a framework indicator (its unit, range and rules). */
export const QUESTION_TYPES = ["number", "percent", "yes_no", "single_choice", "multiple_choice", "short_text", "long_text", "date", "file", "indicator"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A questionnaire version is a draft until published; a published version never changes. */
export const QUESTIONNAIRE_VERSION_STATUSES = ["draft", "published"] as const;
export type QuestionnaireVersionStatus = (typeof QUESTIONNAIRE_VERSION_STATUSES)[number];

export const ROUND_STATUSES = ["scheduled", "open", "closed"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** A city's answer to a round: `not_started` until its officer first saves. */
export const RESPONSE_STATUSES = ["not_started", "draft", "submitted", "returned", "accepted"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** Which cities a round asks. */
export const ROUND_TARGET_KINDS = ["all", "country", "programme_role", "list"] as const;
export type RoundTargetKind = (typeof ROUND_TARGET_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// City reports (issue 15)

/**
 * A city profile (a city, a year), a round report (a city, after a reporting round) or a programme
 * synthesis (all or some cities after a round: the policy brief for a national workshop).
 */
export const REPORT_KINDS = ["city_profile", "round_report", "synthesis"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * A report version's way to final: written, shared for comments, submitted to the city's local
 * government, validated by it, then final (frozen). Consultation and validation can return it to
 * draft with a reason.
 */
export const REPORT_STATUSES = ["draft", "consultation", "validation", "validated", "final"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The author's answer to a consultation comment. */
export const COMMENT_ANSWERS = ["incorporated", "not_incorporated"] as const;
export type CommentAnswer = (typeof COMMENT_ANSWERS)[number];

// ---------------------------------------------------------------------------------------------
// Local problems and committees (issue 16)

/**
 * A city's problem: `reported` by a resident and waiting for the city's officer to accept it into
 * the log (nothing of it is public until then) or reject it; then open → acknowledged → in
 * progress → resolved, or closed (a duplicate, out of the city's hands). Every step has a note.
 */
export const PROBLEM_STATUSES = ["reported", "open", "acknowledged", "in_progress", "resolved", "closed", "rejected"] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** Statuses of a problem still being worked on (the public page counts these as open). */
export const ACTIVE_PROBLEM_STATUSES: readonly ProblemStatus[] = ["open", "acknowledged", "in_progress"];

export const PROBLEM_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type ProblemSeverity = (typeof PROBLEM_SEVERITIES)[number];

/** Where the city learnt of it: the programme's ways of listening, and residents' own reports. */
export const PROBLEM_SOURCES = ["focus_group", "interview", "complaint", "inspection", "scenario_workshop", "field_visit", "resident"] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

export const COMMITTEE_ROLES = ["chair", "secretary", "treasurer", "member"] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

// ---------------------------------------------------------------------------------------------
// Action plans (issue 16)

/**
 * A city's plan for a fiscal year: written by its officer, submitted to the city's local
 * government, validated by its approver (then active: the plan the city works to) or returned
 * with a reason; closed when its year is over.
 */
export const PLAN_STATUSES = ["draft", "validation", "active", "closed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** An action's state; blocked and dropped need a reason. */
export const ACTION_STATUSES = ["planned", "in_progress", "done", "blocked", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Who carries an action out: one of the city's committees, a user of the app, or a partner organisation by name. */
export const ACTION_OWNER_KINDS = ["committee", "user", "organisation"] as const;
export type ActionOwnerKind = (typeof ACTION_OWNER_KINDS)[number];

/** Budgets are in the city's currency. */
export const CURRENCY_BY_COUNTRY = { BD: "BDT", NP: "NPR" } as const;
