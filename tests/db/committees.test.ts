import { and, asc, eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditLog, committeeMembers, committees, meetingAttendance, meetingDecisions, meetings } from "@/db/schema";
import { committeeOptions, listCommittees } from "@/db/queries/committees";
import { DEMO_COMMITTEE_NAME, seedDemoCommittees } from "@/db/seed-committees";
import { cityToday, programmeToday } from "@/lib/committees";
import { sqlState } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { meetingSchema } from "@/lib/validation/committees";
import { addMember, createCommittee, memberLeaves, recordMeeting, updateCommittee, updateMeeting, updateMember } from "@/server/committees/write";
import { committeeView, committeesOfCity, meetingView } from "@/server/loaders/committees";
import { describeDb, seededCityId, seededUser } from "./support";

async function actor(db: Database, email: string): Promise<Actor> {
  const { id, role, cityId } = await seededUser(db, email);
  return { id, role, cityId };
}

const member = (name: string, gender: "female" | "male" | "other" | "undisclosed", extra: Partial<{ role: "chair" | "secretary" | "treasurer" | "member"; contact: string; wardResident: boolean; organisation: string }> = {}) => ({
  name,
  gender,
  role: extra.role ?? "member",
  organisation: extra.organisation ?? "",
  wardResident: extra.wardResident ?? true,
  contact: extra.contact ?? "",
});

const auditOf = (db: Database, entity: string, entityId: number) =>
  db.select({ action: auditLog.action, actorId: auditLog.actorId, before: auditLog.before, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId)))).orderBy(asc(auditLog.id));

const tomorrow = () => new Date(Date.parse(`${programmeToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describeDb("committees", (db) => {
  it("keeps a committee with members and a meeting (attendance, decisions), each change audited in its transaction", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");

    const { committeeId } = await createCommittee(db(), officer, { cityId: kushtia, name: "Ward 7 sanitation committee", component: null, theme: "Market area drains" });
    const chair = await addMember(db(), officer, { ...member("Shahana Begum", "female", { role: "chair", contact: "+880 1700-000101" }), committeeId });
    const secretary = await addMember(db(), officer, { ...member("Abdur Rahim", "male", { role: "secretary", wardResident: false }), committeeId });
    const treasurer = await addMember(db(), officer, { ...member("Roksana Akter", "female", { role: "treasurer" }), committeeId });
    expect(chair.committeeId).toBe(committeeId);

    const { meetingId } = await recordMeeting(db(), officer, { committeeId, heldOn: "2025-11-12", place: "Town hall", minutes: "## Agenda\n\n- drains", attendees: [chair.memberId, treasurer.memberId, chair.memberId], decisions: ["Clean the market drains", "Report back next month"] });

    const attendance = await db().select({ memberId: meetingAttendance.memberId }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)).orderBy(asc(meetingAttendance.memberId));
    expect(attendance.map((a) => a.memberId)).toEqual([chair.memberId, treasurer.memberId].sort((a, b) => a - b));
    const decisions = await db().select({ id: meetingDecisions.id, position: meetingDecisions.position, text: meetingDecisions.text }).from(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId)).orderBy(asc(meetingDecisions.position));
    expect(decisions.map(({ position, text }) => ({ position, text }))).toEqual([{ position: 1, text: "Clean the market drains" }, { position: 2, text: "Report back next month" }]);

    // Correcting the meeting replaces both sets.
    await updateMeeting(db(), officer, { meetingId, heldOn: "2025-11-13", place: "Town hall", minutes: "Corrected", attendees: [secretary.memberId], decisions: ["Only this one"] });
    const view = await meetingView(db(), meetingId, officer);
    expect(view?.meeting).toMatchObject({ heldOn: "2025-11-13", minutes: "Corrected" });
    expect(view?.attendees.map((a) => a.name)).toEqual(["Abdur Rahim"]);
    // The first decision keeps its row (a plan action made from it still points at it); the second is gone.
    expect(view?.decisions).toEqual([{ id: decisions[0]?.id, position: 1, text: "Only this one" }]);

    await updateCommittee(db(), officer, { committeeId, name: "Ward 7 WASH committee", component: null, theme: "Market area drains" });
    await updateMember(db(), officer, { ...member("Shahana Begum", "female", { role: "chair", contact: "+880 1700-000199" }), memberId: chair.memberId });

    expect((await auditOf(db(), "committee", committeeId)).map((a) => a.action)).toEqual(["committee.create", "committee.update"]);
    const committeeAudit = await auditOf(db(), "committee", committeeId);
    expect(committeeAudit[1]).toMatchObject({ actorId: officer.id, before: { name: "Ward 7 sanitation committee" }, after: { name: "Ward 7 WASH committee", cityId: kushtia } });
    const memberAudit = await auditOf(db(), "committee_member", chair.memberId);
    expect(memberAudit.map((a) => a.action)).toEqual(["committee_member.add", "committee_member.update"]);
    // The log says a contact exists, never what it is.
    expect(JSON.stringify(memberAudit)).not.toContain("1700-000");
    expect(memberAudit[0]?.after).toMatchObject({ committeeId, name: "Shahana Begum", role: "chair", gender: "female", hasContact: true });
    const meetingAudit = await auditOf(db(), "meeting", meetingId);
    expect(meetingAudit.map((a) => a.action)).toEqual(["meeting.create", "meeting.update"]);
    expect(meetingAudit[0]?.after).toMatchObject({ committeeId, heldOn: "2025-11-12", attendees: [chair.memberId, treasurer.memberId].sort((a, b) => a - b), decisions: ["Clean the market drains", "Report back next month"] });
    expect(meetingAudit[1]).toMatchObject({ before: { heldOn: "2025-11-12", decisions: ["Clean the market drains", "Report back next month"] }, after: { heldOn: "2025-11-13", attendees: [secretary.memberId], decisions: ["Only this one"] } });
  });

  it("lists a city's committees with current members, women and the last meeting; a member who leaves stops counting", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const { committeeId } = await createCommittee(db(), officer, { cityId: kushtia, name: "Aaa first committee", component: null, theme: "Counting" });
    const a = await addMember(db(), officer, { ...member("A", "female"), committeeId });
    await addMember(db(), officer, { ...member("B", "male"), committeeId });
    await addMember(db(), officer, { ...member("C", "female"), committeeId });
    await recordMeeting(db(), officer, { committeeId, heldOn: "2025-06-01", place: "", minutes: "", attendees: [], decisions: [] });
    await recordMeeting(db(), officer, { committeeId, heldOn: "2025-09-30", place: "", minutes: "", attendees: [a.memberId], decisions: [] });
    const today = cityToday("BD");
    const row = (await listCommittees(db(), { cityId: kushtia, today })).find((r) => r.id === committeeId);
    expect(row).toMatchObject({ members: 3, women: 2, lastMeeting: "2025-09-30", component: null, theme: "Counting" });

    await memberLeaves(db(), officer, { memberId: a.memberId, leftOn: today });
    expect((await listCommittees(db(), { cityId: kushtia, today })).find((r) => r.id === committeeId)).toMatchObject({ members: 2, women: 1 });
    const view = await committeeView(db(), committeeId, officer);
    expect(view?.balance).toMatchObject({ total: 2, womenShare: 0.5, counts: { female: 1, male: 1, other: 0, undisclosed: 0 } });
    // Still on the list (last), so the meetings they attended still name them.
    expect(view?.members.map((m) => [m.name, m.current])).toEqual([["B", true], ["C", true], ["A", false]]);
    expect((await auditOf(db(), "committee_member", a.memberId)).at(-1)).toMatchObject({ action: "committee_member.leave", before: { leftOn: null }, after: { leftOn: today } });

    const options = await committeeOptions(db(), kushtia);
    expect(options[0]).toEqual({ id: committeeId, name: "Aaa first committee" });
    expect(options.map((o) => o.name)).toContain("Ward 7 WASH committee");
    const page = await committeesOfCity(db(), { id: kushtia, slug: "kushtia", country: "BD" }, officer);
    expect(page.canWrite).toBe(true);
    expect(page.rows.some((r) => r.id === committeeId)).toBe(true);
  });

  it("refuses writers of another city, approvers and partners, and changes nothing", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const mahalaxmiOfficer = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const approver = await actor(db(), "approver.kushtia@demo.cwis");
    const partner = await actor(db(), "partner@demo.cwis");
    const admin = await actor(db(), "admin@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const { committeeId } = await createCommittee(db(), officer, { cityId: kushtia, name: "Refusals committee", component: null, theme: "Scope" });
    const { memberId } = await addMember(db(), officer, { ...member("Kept", "female"), committeeId });

    for (const who of [mahalaxmiOfficer, approver, partner]) {
      await expect(createCommittee(db(), who, { cityId: kushtia, name: `By ${who.role} ${who.id}`, component: null, theme: "x" }), who.role).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateCommittee(db(), who, { committeeId, name: "Renamed", component: null, theme: "x" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(addMember(db(), who, { ...member("Intruder", "male"), committeeId })).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateMember(db(), who, { ...member("Renamed", "male"), memberId })).rejects.toMatchObject({ code: "forbidden" });
      await expect(memberLeaves(db(), who, { memberId, leftOn: "2025-01-01" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(recordMeeting(db(), who, { committeeId, heldOn: "2025-01-01", place: "", minutes: "", attendees: [], decisions: [] })).rejects.toMatchObject({ code: "forbidden" });
    }
    const [row] = await db().select().from(committees).where(eq(committees.id, committeeId));
    expect(row?.name).toBe("Refusals committee");
    const people = await db().select({ name: committeeMembers.name, leftOn: committeeMembers.leftOn }).from(committeeMembers).where(eq(committeeMembers.committeeId, committeeId));
    expect(people).toEqual([{ name: "Kept", leftOn: null }]);
    expect(await db().select().from(meetings).where(eq(meetings.committeeId, committeeId))).toEqual([]);

    // An admin writes for any city; the Mahalaxmi officer for their own.
    await expect(updateCommittee(db(), admin, { committeeId, name: "Renamed by admin", component: null, theme: "x" })).resolves.toEqual({ committeeId });
    const mahalaxmi = await seededCityId(db(), "mahalaxmi");
    await expect(createCommittee(db(), mahalaxmiOfficer, { cityId: mahalaxmi, name: "Refusals committee", component: null, theme: "Same name, other city" })).resolves.toMatchObject({ committeeId: expect.any(Number) });
  });

  it("refuses a duplicate name in the city (any case), an unknown component and a committee without focus", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    await createCommittee(db(), officer, { cityId: kushtia, name: "Unique Name", component: null, theme: "x" });
    await expect(createCommittee(db(), officer, { cityId: kushtia, name: "unique name", component: null, theme: "y" })).rejects.toMatchObject({ code: "conflict", messageKey: "committees.nameTaken" });
    await expect(createCommittee(db(), officer, { cityId: kushtia, name: "Component 999999", component: 999_999, theme: "" })).rejects.toMatchObject({ code: "invalid", messageKey: "committees.componentUnknown" });
    await expect(createCommittee(db(), officer, { cityId: kushtia, name: "No focus", component: null, theme: " " })).rejects.toMatchObject({ code: "invalid", messageKey: "validation.committees.focus" });
    const other = await createCommittee(db(), officer, { cityId: kushtia, name: "Another name", component: null, theme: "x" });
    await expect(updateCommittee(db(), officer, { committeeId: other.committeeId, name: "UNIQUE NAME", component: null, theme: "x" })).rejects.toMatchObject({ messageKey: "committees.nameTaken" });
    await expect(updateCommittee(db(), officer, { committeeId: 999_999, name: "Ghost", component: null, theme: "x" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses an attendee of another committee: the server in words, the database trigger whatever code runs", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const first = await createCommittee(db(), officer, { cityId: kushtia, name: "Attendance A", component: null, theme: "x" });
    const second = await createCommittee(db(), officer, { cityId: kushtia, name: "Attendance B", component: null, theme: "x" });
    const own = await addMember(db(), officer, { ...member("Own", "female"), committeeId: first.committeeId });
    const stranger = await addMember(db(), officer, { ...member("Stranger", "male"), committeeId: second.committeeId });

    await expect(recordMeeting(db(), officer, { committeeId: first.committeeId, heldOn: "2025-05-05", place: "", minutes: "", attendees: [own.memberId, stranger.memberId], decisions: ["x"] })).rejects.toMatchObject({ code: "invalid", messageKey: "committees.attendeeNotMember" });
    await expect(recordMeeting(db(), officer, { committeeId: first.committeeId, heldOn: "2025-05-05", place: "", minutes: "", attendees: [999_999], decisions: [] })).rejects.toMatchObject({ messageKey: "committees.attendeeNotMember" });
    // Nothing of the refused meeting was kept.
    expect(await db().select().from(meetings).where(eq(meetings.committeeId, first.committeeId))).toEqual([]);

    const { meetingId } = await recordMeeting(db(), officer, { committeeId: first.committeeId, heldOn: "2025-05-05", place: "", minutes: "", attendees: [own.memberId], decisions: [] });
    await expect(updateMeeting(db(), officer, { meetingId, heldOn: "2025-05-05", place: "", minutes: "", attendees: [stranger.memberId], decisions: [] })).rejects.toMatchObject({ messageKey: "committees.attendeeNotMember" });
    const kept = await db().select({ memberId: meetingAttendance.memberId }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
    expect(kept).toEqual([{ memberId: own.memberId }]);

    let refused: unknown = null;
    try {
      await db().insert(meetingAttendance).values({ meetingId, memberId: stranger.memberId });
    } catch (error) {
      refused = error;
    }
    expect(sqlState(refused)).toBe("23514");
    expect(await db().select().from(meetingAttendance).where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.memberId, stranger.memberId)))).toEqual([]);
  });

  it("refuses a meeting dated in the future, in the schema and in the server", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const { committeeId } = await createCommittee(db(), officer, { cityId: kushtia, name: "Future committee", component: null, theme: "x" });
    const parsed = meetingSchema.safeParse({ committee: String(committeeId), heldOn: tomorrow() });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(["validation.meeting.future"]);
    await expect(recordMeeting(db(), officer, { committeeId, heldOn: tomorrow(), place: "", minutes: "", attendees: [], decisions: [] })).rejects.toMatchObject({ code: "invalid", messageKey: "validation.meeting.future" });
    const { meetingId } = await recordMeeting(db(), officer, { committeeId, heldOn: programmeToday(), place: "", minutes: "", attendees: [], decisions: [] });
    await expect(updateMeeting(db(), officer, { meetingId, heldOn: "2999-01-01", place: "", minutes: "", attendees: [], decisions: [] })).rejects.toMatchObject({ messageKey: "validation.meeting.future" });
    expect(await db().select({ heldOn: meetings.heldOn }).from(meetings).where(eq(meetings.committeeId, committeeId))).toEqual([{ heldOn: programmeToday() }]);
  });

  it("shows contacts to the city's officer, its approver and admins only; nothing of them reaches anyone else", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const { committeeId } = await createCommittee(db(), officer, { cityId: kushtia, name: "Contacts committee", component: null, theme: "x" });
    const CONTACT = "shahana.contact@example.org";
    const { memberId } = await addMember(db(), officer, { ...member("Shahana", "female", { contact: CONTACT }), committeeId });
    const { meetingId } = await recordMeeting(db(), officer, { committeeId, heldOn: "2025-04-04", place: "", minutes: "", attendees: [memberId], decisions: [] });

    const seeing = ["officer.kushtia@demo.cwis", "approver.kushtia@demo.cwis", "admin@demo.cwis"];
    const notSeeing = ["partner@demo.cwis", "reviewer@demo.cwis", "trainer@demo.cwis", "officer.mahalaxmi@demo.cwis"];
    for (const email of seeing) {
      const view = await committeeView(db(), committeeId, await actor(db(), email));
      expect(view?.canSeeContacts, email).toBe(true);
      expect(view?.members[0]?.contact, email).toBe(CONTACT);
    }
    for (const email of notSeeing) {
      const reader = await actor(db(), email);
      const view = await committeeView(db(), committeeId, reader);
      expect(view?.canSeeContacts, email).toBe(false);
      expect(view?.members[0]?.contact, email).toBeNull();
      expect(view?.members[0]?.name).toBe("Shahana");
      expect(JSON.stringify(view), email).not.toContain(CONTACT);
      expect(JSON.stringify(await meetingView(db(), meetingId, reader)), email).not.toContain(CONTACT);
      expect(JSON.stringify(await committeesOfCity(db(), { id: kushtia, slug: "kushtia", country: "BD" }, reader)), email).not.toContain(CONTACT);
    }
    const approverView = await committeeView(db(), committeeId, await actor(db(), "approver.kushtia@demo.cwis"));
    expect(approverView?.canWrite).toBe(false);
    expect(await committeeView(db(), 999_999, officer)).toBeNull();
    expect(await meetingView(db(), 999_999, officer)).toBeNull();
  });

  it("seeds Kushtia's demo committee once: five members (three women, one chair) and a past meeting with four attendees", async () => {
    const kushtia = await seededCityId(db(), "kushtia");
    await seedDemoCommittees(db());
    await seedDemoCommittees(db());
    const demo = await db().select().from(committees).where(eq(committees.isDemo, true));
    expect(demo).toHaveLength(1);
    expect(demo[0]).toMatchObject({ cityId: kushtia, name: DEMO_COMMITTEE_NAME });
    expect(demo[0]?.componentId).not.toBeNull();
    const people = await db().select().from(committeeMembers).where(eq(committeeMembers.committeeId, demo[0]!.id));
    expect(people).toHaveLength(5);
    expect(people.filter((p) => p.gender === "female")).toHaveLength(3);
    expect(people.filter((p) => p.role === "chair")).toHaveLength(1);
    expect(people.every((p) => p.isDemo)).toBe(true);
    const [meeting] = await db().select().from(meetings).where(eq(meetings.committeeId, demo[0]!.id));
    expect(meeting?.isDemo).toBe(true);
    expect(meeting!.heldOn < programmeToday()).toBe(true);
    expect(meeting?.minutes).toMatch(/[\u0980-\u09FF]/);
    expect(await db().select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meeting!.id))).toHaveLength(4);
    expect(await db().select().from(meetingDecisions).where(eq(meetingDecisions.meetingId, meeting!.id))).toHaveLength(2);

    const view = await committeeView(db(), demo[0]!.id, await actor(db(), "partner@demo.cwis"));
    expect(view?.balance).toMatchObject({ total: 5, womenShare: 0.6 });
    expect(view?.members.every((m) => m.contact === null)).toBe(true);
    const ids = people.map((p) => p.id);
    expect(await db().select({ id: committeeMembers.id }).from(committeeMembers).where(inArray(committeeMembers.id, ids))).toHaveLength(5);
  });
});
