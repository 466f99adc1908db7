import { z } from "zod";
import { COMMITTEE_ROLES, GENDERS } from "@/lib/domain";
import { COMMITTEE_TEXT_MAX, DECISION_MAX, MAX_ATTENDEES, MAX_DECISIONS, MEETING_PLACE_MAX, programmeToday } from "@/lib/committees";
import { MARKDOWN_MAX, markdownProblem } from "@/lib/markdown";
import { CONTROL_CHARS, optionalId, plainText, positiveId as id } from "./fields";

const text = plainText;

const required = (max: number) => text(max).min(1, { error: "validation.required" });

const slug = z.string({ error: "validation.invalid" }).trim().min(1, { error: "validation.invalid" }).max(100, { error: "validation.invalid" });
const isoDate = z.iso.date({ error: "validation.date" });

/** A checkbox: "on" when ticked, absent when not; anything else is a forged form. */
const checkbox = z.preprocess((v) => (v === "on" || v === "true" ? true : v === undefined || v === null || v === "" || v === "false" ? false : v), z.boolean({ error: "validation.invalid" }));

// ---------------------------------------------------------------------------------------------
// Committees

const committeeFields = {
  name: required(COMMITTEE_TEXT_MAX),
  component: optionalId,
  theme: text(COMMITTEE_TEXT_MAX).default(""),
};

/** A committee's focus is a CWIS component, a theme in words, or both (the table's check says the same). */
function needsFocus(input: { component: number | null; theme: string }, ctx: z.RefinementCtx) {
  if (input.component === null && input.theme === "") ctx.addIssue({ code: "custom", path: ["theme"], message: "validation.committees.focus" });
}

/** A new committee of the city named by its slug (the action's scope checks the writer's city). */
export const newCommitteeSchema = z.object({ city: slug, ...committeeFields }).superRefine(needsFocus);
export type NewCommitteeInput = z.infer<typeof newCommitteeSchema>;

export const editCommitteeSchema = z.object({ committee: id, ...committeeFields }).superRefine(needsFocus);
export type EditCommitteeInput = z.infer<typeof editCommitteeSchema>;

// ---------------------------------------------------------------------------------------------
// Members

const memberFields = {
  name: required(COMMITTEE_TEXT_MAX),
  organisation: text(COMMITTEE_TEXT_MAX).default(""),
  role: z.enum(COMMITTEE_ROLES, { error: "validation.committees.role" }),
  gender: z.enum(GENDERS, { error: "validation.committees.gender" }),
  wardResident: checkbox,
  contact: text(COMMITTEE_TEXT_MAX).default(""),
};

export const memberSchema = z.object({ committee: id, ...memberFields });
export type MemberInput = z.infer<typeof memberSchema>;

export const editMemberSchema = z.object({ member: id, ...memberFields });
export type EditMemberInput = z.infer<typeof editMemberSchema>;

export const memberLeavesSchema = z.object({ member: id, leftOn: isoDate });
export type MemberLeavesInput = z.infer<typeof memberLeavesSchema>;

// ---------------------------------------------------------------------------------------------
// Meetings

// The renderer's reasons, said of minutes rather than of a report's section.
const MINUTES_PROBLEM = {
  "validation.markdown.tooLong": "validation.meeting.minutesTooLong",
  "validation.markdown.html": "validation.meeting.minutesHtml",
  "validation.markdown.scriptLink": "validation.markdown.scriptLink",
} as const;

const minutes = z
  .string({ error: "validation.invalid" })
  .default("")
  .superRefine((value, ctx) => {
    if (value.length > MARKDOWN_MAX) return void ctx.addIssue({ code: "custom", message: "validation.meeting.minutesTooLong" });
    if (CONTROL_CHARS.test(value)) return void ctx.addIssue({ code: "custom", message: "validation.controlChars" });
    const problem = markdownProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: MINUTES_PROBLEM[problem] });
  });

const meetingFields = {
  // Read at parse time, not at start: a server running for days still knows what "future" means.
  heldOn: isoDate.refine((day) => day <= programmeToday(), { error: "validation.meeting.future" }),
  place: text(MEETING_PLACE_MAX).default(""),
  minutes,
  attendees: z
    .array(id, { error: "validation.invalid" })
    .max(MAX_ATTENDEES, { error: "validation.meeting.tooManyAttendees" })
    .default([])
    .transform((ids) => [...new Set(ids)]),
  decisions: z
    .array(text(DECISION_MAX).min(1, { error: "validation.meeting.decisionEmpty" }), { error: "validation.invalid" })
    .max(MAX_DECISIONS, { error: "validation.meeting.tooManyDecisions" })
    .default([]),
};

export const meetingSchema = z.object({ committee: id, ...meetingFields });
export type MeetingInput = z.infer<typeof meetingSchema>;

export const editMeetingSchema = z.object({ meeting: id, ...meetingFields });
export type EditMeetingInput = z.infer<typeof editMeetingSchema>;

// ---------------------------------------------------------------------------------------------
// Reading the forms

const one = (formData: FormData, name: string) => formData.get(name) ?? undefined;

/** A member form: an unticked "resident of the ward" box sends nothing, which means no. */
export function readMemberForm(formData: FormData): Record<string, unknown> {
  return { ...Object.fromEntries(formData), wardResident: one(formData, "wardResident") };
}

/**
 * A meeting form: one `attendee` checkbox per member present, one `decision` field per decision.
 * A decision row left blank is a row nobody filled in, not a decision, so it is dropped here; the
 * schema still refuses an empty decision sent any other way.
 */
export function readMeetingForm(formData: FormData): Record<string, unknown> {
  return {
    committee: one(formData, "committee"),
    meeting: one(formData, "meeting"),
    heldOn: one(formData, "heldOn"),
    place: one(formData, "place"),
    minutes: one(formData, "minutes"),
    attendees: formData.getAll("attendee"),
    decisions: formData.getAll("decision").filter((value) => typeof value !== "string" || value.trim() !== ""),
  };
}
