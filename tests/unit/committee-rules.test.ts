import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { cityToday, genderBalance, isCurrentMember, programmeToday } from "@/lib/committees";
import type { Gender } from "@/lib/domain";
import type { Actor } from "@/lib/permissions";
import { canSeeCommitteeContacts, canWriteCommittees } from "@/lib/policies/committees";
import { editCommitteeSchema, editMeetingSchema, editMemberSchema, memberLeavesSchema, meetingSchema, memberSchema, newCommitteeSchema, readMeetingForm, readMemberForm } from "@/lib/validation/committees";
import { MARKDOWN_MAX } from "@/lib/markdown";

// Kushtia (10) is the committee's city; Mahalaxmi (30) is another.
const KUSHTIA = 10, OTHER = 30;
const actors = {
  officer: { id: 1, role: "officer", cityId: KUSHTIA },
  otherOfficer: { id: 2, role: "officer", cityId: OTHER },
  cityless: { id: 3, role: "officer", cityId: null },
  approver: { id: 4, role: "approver", cityId: KUSHTIA },
  otherApprover: { id: 5, role: "approver", cityId: OTHER },
  reviewer: { id: 6, role: "reviewer", cityId: null },
  trainer: { id: 7, role: "trainer", cityId: null },
  partner: { id: 8, role: "partner", cityId: null },
  admin: { id: 9, role: "admin", cityId: null },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;

/** The message keys a schema refuses `input` with, by field (`_` for the whole form); null when it parses. */
function refusal(schema: z.ZodType, input: unknown): Record<string, string[]> | null {
  const result = schema.safeParse(input);
  if (result.success) return null;
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return out;
}

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

/** A day relative to today in the programme's latest zone. */
const dayFromToday = (days: number) => new Date(Date.parse(`${programmeToday()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("who may write committees and see contacts", () => {
  const WRITE: Who[] = ["officer", "admin"];
  const CONTACTS: Who[] = ["officer", "approver", "admin"];
  it.each(Object.keys(actors) as Who[])("%s", (who) => {
    expect(canWriteCommittees(actors[who], KUSHTIA), "write").toBe(WRITE.includes(who));
    expect(canSeeCommitteeContacts(actors[who], KUSHTIA), "contacts").toBe(CONTACTS.includes(who));
  });

  it("gives a city's officer and approver nothing of another city but what every reader sees", () => {
    expect(canWriteCommittees(actors.officer, OTHER)).toBe(false);
    expect(canSeeCommitteeContacts(actors.officer, OTHER)).toBe(false);
    expect(canSeeCommitteeContacts(actors.approver, OTHER)).toBe(false);
    expect(canWriteCommittees(actors.otherOfficer, OTHER)).toBe(true);
    expect(canSeeCommitteeContacts(actors.otherApprover, OTHER)).toBe(true);
  });

  it("refuses the signed-out", () => {
    expect(canWriteCommittees(null, KUSHTIA)).toBe(false);
    expect(canSeeCommitteeContacts(null, KUSHTIA)).toBe(false);
  });
});

describe("gender balance", () => {
  const TODAY = "2026-03-15";
  const m = (gender: Gender, leftOn: string | null = null) => ({ gender, leftOn });

  it("counts current members by gender and the women's share", () => {
    const balance = genderBalance([m("female"), m("female"), m("male"), m("other"), m("undisclosed"), m("female", "2026-12-31")], TODAY);
    expect(balance.counts).toEqual({ female: 3, male: 1, other: 1, undisclosed: 1 });
    expect(balance.total).toBe(6);
    expect(balance.womenShare).toBeCloseTo(0.5);
  });

  it("leaves out members who left, from the day they leave", () => {
    const balance = genderBalance([m("female", "2026-03-14"), m("female", TODAY), m("male"), m("female", "2026-03-16")], TODAY);
    expect(balance.counts).toEqual({ female: 1, male: 1, other: 0, undisclosed: 0 });
    expect(balance.womenShare).toBe(0.5);
    expect(isCurrentMember({ leftOn: TODAY }, TODAY)).toBe(false);
    expect(isCurrentMember({ leftOn: "2026-03-16" }, TODAY)).toBe(true);
    expect(isCurrentMember({ leftOn: null }, TODAY)).toBe(true);
  });

  it("has no share without current members", () => {
    expect(genderBalance([], TODAY)).toEqual({ counts: { female: 0, male: 0, other: 0, undisclosed: 0 }, total: 0, womenShare: null });
    expect(genderBalance([m("female", "2020-01-01")], TODAY).womenShare).toBeNull();
    expect(genderBalance([m("male"), m("male")], TODAY).womenShare).toBe(0);
  });

  it("reads today on the city's clock, and the programme's latest day in Dhaka", () => {
    // 18:10 UTC: already the next day in Dhaka (UTC+6), not yet in Kathmandu (UTC+5:45).
    const now = new Date("2026-03-15T18:10:00Z");
    expect(cityToday("BD", now)).toBe("2026-03-16");
    expect(cityToday("NP", now)).toBe("2026-03-15");
    expect(programmeToday(now)).toBe("2026-03-16");
  });
});

describe("committee schemas", () => {
  const ok = { city: "kushtia", name: "  Health and sanitation  ", component: "3", theme: "" };

  it("takes a name and a component, a theme, or both", () => {
    expect(newCommitteeSchema.parse(ok)).toEqual({ city: "kushtia", name: "Health and sanitation", component: 3, theme: "" });
    expect(newCommitteeSchema.parse({ ...ok, component: "", theme: " market waste " })).toMatchObject({ component: null, theme: "market waste" });
    expect(newCommitteeSchema.parse({ ...ok, theme: "market waste" })).toMatchObject({ component: 3, theme: "market waste" });
    expect(editCommitteeSchema.parse({ committee: "7", name: "X", component: "1" })).toEqual({ committee: 7, name: "X", component: 1, theme: "" });
  });

  it.each([
    ["an empty name", { name: "   " }, { name: ["validation.required"] }],
    ["a name of 121 characters", { name: "n".repeat(121) }, { name: ["validation.tooLong"] }],
    ["control characters in the name", { name: "Health\u0007" }, { name: ["validation.controlChars"] }],
    ["no focus at all", { component: "", theme: "  " }, { theme: ["validation.committees.focus"] }],
    ["a theme of 121 characters", { component: "", theme: "t".repeat(121) }, { theme: ["validation.tooLong"] }],
    ["a component that is not an id", { component: "governance" }, { component: ["validation.invalid"] }],
    ["a negative component", { component: "-2" }, { component: ["validation.invalid"] }],
    ["a component beyond int4", { component: "9999999999" }, { component: ["validation.invalid"] }],
    ["no city", { city: undefined }, { city: ["validation.invalid"] }],
  ])("refuses %s", (_what, change, expected) => {
    expect(refusal(newCommitteeSchema, { ...ok, ...change })).toEqual(expected);
  });

  it("refuses an edit without the committee's id", () => {
    expect(refusal(editCommitteeSchema, { name: "X", component: "1" })).toEqual({ committee: ["validation.invalid"] });
    expect(refusal(editCommitteeSchema, { committee: "1.5", name: "X", component: "1" })).toEqual({ committee: ["validation.invalid"] });
  });
});

describe("member schemas", () => {
  const ok = { committee: "4", name: "Shahana Begum", organisation: "Ward 7", role: "chair", gender: "female", wardResident: "on", contact: "+880 1700-000101" };

  it("parses a member; the ward box is yes when ticked and no when absent", () => {
    expect(memberSchema.parse(ok)).toEqual({ committee: 4, name: "Shahana Begum", organisation: "Ward 7", role: "chair", gender: "female", wardResident: true, contact: "+880 1700-000101" });
    expect(memberSchema.parse(readMemberForm(form([["committee", "4"], ["name", "A"], ["role", "member"], ["gender", "male"]])))).toEqual({ committee: 4, name: "A", organisation: "", role: "member", gender: "male", wardResident: false, contact: "" });
    expect(memberSchema.parse(readMemberForm(form([["committee", "4"], ["name", "A"], ["role", "member"], ["gender", "male"], ["wardResident", "on"]]))).wardResident).toBe(true);
    expect(editMemberSchema.parse({ ...ok, committee: undefined, member: "12" })).toMatchObject({ member: 12, name: "Shahana Begum" });
  });

  it.each([
    ["an empty name", { name: "" }, { name: ["validation.required"] }],
    ["a name of 121 characters", { name: "n".repeat(121) }, { name: ["validation.tooLong"] }],
    ["an organisation of 121 characters", { organisation: "o".repeat(121) }, { organisation: ["validation.tooLong"] }],
    ["an unknown role", { role: "president" }, { role: ["validation.committees.role"] }],
    ["no role", { role: undefined }, { role: ["validation.committees.role"] }],
    ["an unknown gender", { gender: "f" }, { gender: ["validation.committees.gender"] }],
    ["no gender", { gender: "" }, { gender: ["validation.committees.gender"] }],
    ["a ward box that is neither ticked nor not", { wardResident: "maybe" }, { wardResident: ["validation.invalid"] }],
    ["a contact of 121 characters", { contact: "1".repeat(121) }, { contact: ["validation.tooLong"] }],
    ["control characters in the contact", { contact: "0170\u0000" }, { contact: ["validation.controlChars"] }],
    ["no committee", { committee: "" }, { committee: ["validation.invalid"] }],
  ])("refuses %s", (_what, change, expected) => {
    expect(refusal(memberSchema, { ...ok, ...change })).toEqual(expected);
  });

  it("takes a leaving date as a real calendar day", () => {
    expect(memberLeavesSchema.parse({ member: "3", leftOn: "2026-02-28" })).toEqual({ member: 3, leftOn: "2026-02-28" });
    for (const leftOn of ["2026-02-30", "2026-13-01", "28/02/2026", "yesterday", ""]) expect(refusal(memberLeavesSchema, { member: "3", leftOn }), leftOn).toEqual({ leftOn: ["validation.date"] });
    expect(refusal(memberLeavesSchema, { leftOn: "2026-02-28" })).toEqual({ member: ["validation.invalid"] });
  });
});

describe("meeting schemas", () => {
  const ok = { committee: "4", heldOn: "2025-11-12", place: "Town hall", minutes: "## Agenda\n\n- drains", attendees: ["1", "2"], decisions: ["Clean the drains"] };

  it("parses a meeting from its form: repeated attendees and decisions, blank decision rows dropped", () => {
    const data = form([["committee", "4"], ["heldOn", "2025-11-12"], ["place", " Town hall "], ["minutes", "Text"], ["attendee", "1"], ["attendee", "2"], ["attendee", "2"], ["decision", " First "], ["decision", "   "], ["decision", "Second"]]);
    expect(meetingSchema.parse(readMeetingForm(data))).toEqual({ committee: 4, heldOn: "2025-11-12", place: "Town hall", minutes: "Text", attendees: [1, 2], decisions: ["First", "Second"] });
    expect(meetingSchema.parse(readMeetingForm(form([["committee", "4"], ["heldOn", "2025-11-12"]])))).toEqual({ committee: 4, heldOn: "2025-11-12", place: "", minutes: "", attendees: [], decisions: [] });
    expect(editMeetingSchema.parse(readMeetingForm(form([["meeting", "9"], ["heldOn", "2025-11-12"]])))).toMatchObject({ meeting: 9 });
  });

  it("takes today, in the programme's latest zone, but not tomorrow", () => {
    expect(refusal(meetingSchema, { ...ok, heldOn: programmeToday() })).toBeNull();
    expect(refusal(meetingSchema, { ...ok, heldOn: dayFromToday(1) })).toEqual({ heldOn: ["validation.meeting.future"] });
  });

  it.each([
    ["a date that is not a day", { heldOn: "2025-02-30" }, { heldOn: ["validation.date"] }],
    ["a date in another format", { heldOn: "12.11.2025" }, { heldOn: ["validation.date"] }],
    ["no date", { heldOn: undefined }, { heldOn: ["validation.date"] }],
    ["a date years ahead", { heldOn: "2999-01-01" }, { heldOn: ["validation.meeting.future"] }],
    ["a place of 201 characters", { place: "p".repeat(201) }, { place: ["validation.tooLong"] }],
    ["minutes with an HTML tag", { minutes: "Hello <script>alert(1)</script>" }, { minutes: ["validation.meeting.minutesHtml"] }],
    ["minutes with an event handler in a tag", { minutes: '<img src=x onerror="alert(1)">' }, { minutes: ["validation.meeting.minutesHtml"] }],
    ["minutes with a javascript: link", { minutes: "[click](javascript:alert(1))" }, { minutes: ["validation.markdown.scriptLink"] }],
    ["minutes with a data: link", { minutes: "[x](data:text/html;base64,AAAA)" }, { minutes: ["validation.markdown.scriptLink"] }],
    ["minutes longer than a section", { minutes: "m".repeat(MARKDOWN_MAX + 1) }, { minutes: ["validation.meeting.minutesTooLong"] }],
    ["control characters in the minutes", { minutes: "a\u0001b" }, { minutes: ["validation.controlChars"] }],
    ["an attendee that is not an id", { attendees: ["1", "someone"] }, { "attendees.1": ["validation.invalid"] }],
    ["201 attendees", { attendees: Array.from({ length: 201 }, (_, i) => String(i + 1)) }, { attendees: ["validation.meeting.tooManyAttendees"] }],
    ["attendees that are not a list", { attendees: "1,2" }, { attendees: ["validation.invalid"] }],
    ["an empty decision sent directly", { decisions: ["First", "  "] }, { "decisions.1": ["validation.meeting.decisionEmpty"] }],
    ["a decision of 1001 characters", { decisions: ["d".repeat(1001)] }, { "decisions.0": ["validation.tooLong"] }],
    ["31 decisions", { decisions: Array.from({ length: 31 }, (_, i) => `Decision ${i + 1}`) }, { decisions: ["validation.meeting.tooManyDecisions"] }],
    ["control characters in a decision", { decisions: ["ok\u0008"] }, { "decisions.0": ["validation.controlChars"] }],
    ["no committee", { committee: "abc" }, { committee: ["validation.invalid"] }],
  ])("refuses %s", (_what, change, expected) => {
    expect(refusal(meetingSchema, { ...ok, ...change })).toEqual(expected);
  });

  it("takes the limits themselves", () => {
    expect(refusal(meetingSchema, { ...ok, place: "p".repeat(200), minutes: "m".repeat(MARKDOWN_MAX), attendees: Array.from({ length: 200 }, (_, i) => String(i + 1)), decisions: Array.from({ length: 30 }, () => "d".repeat(1000)) })).toBeNull();
  });
});
