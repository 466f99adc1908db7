import type { MessageKey } from "@/lib/i18n/messages";

// What each committee form may show: its labels and every refusal its action can return.

const COMMON = ["validation.checkFields", "validation.required", "validation.tooLong", "validation.controlChars", "validation.invalid", "common.saving", "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.unauthenticated"] as const satisfies readonly MessageKey[];

export const COMMITTEE_FORM_MESSAGES = [
  ...COMMON,
  "committees.field.name", "committees.field.component", "committees.field.noComponent", "committees.field.theme", "committees.field.themeHint", "committees.saved",
  "committees.nameTaken", "committees.componentUnknown", "validation.committees.focus",
] as const satisfies readonly MessageKey[];

export const MEMBER_FORM_MESSAGES = [
  ...COMMON,
  "committees.member.name", "committees.member.organisation", "committees.member.role", "committees.member.gender", "committees.member.wardResidentLabel",
  "committees.member.contact", "committees.member.contactHint", "committees.member.added", "committees.saved", "committees.role.chair", "committees.role.secretary",
  "committees.role.treasurer", "committees.role.member", "events.gender.female", "events.gender.male", "events.gender.other", "events.gender.undisclosed",
  "validation.committees.role", "validation.committees.gender",
] as const satisfies readonly MessageKey[];

export const LEAVE_FORM_MESSAGES = [...COMMON, "committees.member.leftOnField", "committees.member.leave", "committees.member.confirmLeave", "committees.member.leaveSaved", "validation.date"] as const satisfies readonly MessageKey[];

export const MEETING_FORM_MESSAGES = [
  ...COMMON,
  "committees.meeting.heldOn", "committees.meeting.place", "committees.meeting.attendees", "committees.meeting.noCurrentMembers", "committees.meeting.minutes",
  "committees.meeting.minutesHint", "committees.meeting.decisions", "committees.meeting.decisionsHint", "committees.meeting.decisionN", "committees.meeting.addDecision",
  "committees.meeting.removeDecision", "committees.meeting.saved", "committees.attendeeNotMember", "validation.date", "validation.meeting.future",
  "validation.meeting.minutesTooLong", "validation.meeting.minutesHtml", "validation.markdown.scriptLink", "validation.meeting.tooManyAttendees",
  "validation.meeting.decisionEmpty", "validation.meeting.tooManyDecisions",
] as const satisfies readonly MessageKey[];
