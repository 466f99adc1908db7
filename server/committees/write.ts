import "server-only";
import type { Database } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import {
  componentExists,
  insertCommittee,
  insertMeeting,
  insertMember,
  lockCommittee,
  lockMeeting,
  lockMember,
  membersAmong,
  replaceAttendance,
  replaceDecisions,
  updateCommitteeRow,
  updateMeetingRow,
  updateMemberRow,
  type CommitteeColumns,
  type MeetingColumns,
  type MemberColumns,
} from "@/db/queries/committees";
import type { Committee, CommitteeMember } from "@/db/schema";
import { programmeToday } from "@/lib/committees";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { canWriteCommittees } from "@/lib/policies/committees";

/** What a committee form sends once parsed: its name and focus. */
export interface CommitteeFields {
  name: string;
  component: number | null;
  theme: string;
}

export type MemberFields = MemberColumns;

export interface MeetingFields {
  heldOn: string;
  place: string;
  minutes: string;
  attendees: readonly number[];
  decisions: readonly string[];
}

const committeeAudit = (row: Committee) => ({ cityId: row.cityId, name: row.name, componentId: row.componentId, theme: row.theme });

// The log keeps whether a member has a contact, not the number itself: audit rows are never
// edited, and a phone number changed or removed should not live on there.
const memberAudit = (row: CommitteeMember) => ({ committeeId: row.committeeId, name: row.name, organisation: row.organisation, role: row.role, gender: row.gender, wardResident: row.wardResident, hasContact: row.contact !== "", leftOn: row.leftOn });

/** A second committee of the same name in one city (any case) is refused with a message, not an error page. */
async function namedUniquely<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "committees.nameTaken");
    throw error;
  }
}

async function committeeColumns(tx: Database, input: CommitteeFields): Promise<CommitteeColumns> {
  if (input.component !== null && !(await componentExists(tx, input.component))) throw new AppError("invalid", "committees.componentUnknown");
  if (input.component === null && input.theme.trim() === "") throw new AppError("invalid", "validation.committees.focus");
  return { name: input.name, componentId: input.component, theme: input.theme };
}

export async function createCommittee(db: Database, actor: Actor, input: CommitteeFields & { cityId: number }): Promise<{ committeeId: number }> {
  if (!canWriteCommittees(actor, input.cityId)) throw new AppError("forbidden");
  return namedUniquely(() =>
    db.transaction(async (tx) => {
      const row = await insertCommittee(tx, { ...(await committeeColumns(tx, input)), cityId: input.cityId, createdBy: actor.id });
      await writeAudit(tx, { actorId: actor.id, action: "committee.create", entity: "committee", entityId: row.id, after: committeeAudit(row) });
      return { committeeId: row.id };
    }),
  );
}

export async function updateCommittee(db: Database, actor: Actor, input: CommitteeFields & { committeeId: number }): Promise<{ committeeId: number }> {
  return namedUniquely(() =>
    db.transaction(async (tx) => {
      const before = await lockCommittee(tx, input.committeeId);
      if (!before) throw new AppError("not_found");
      if (!canWriteCommittees(actor, before.cityId)) throw new AppError("forbidden");
      const after = await updateCommitteeRow(tx, before.id, await committeeColumns(tx, input));
      await writeAudit(tx, { actorId: actor.id, action: "committee.update", entity: "committee", entityId: before.id, before: committeeAudit(before), after: committeeAudit(after) });
      return { committeeId: before.id };
    }),
  );
}

export async function addMember(db: Database, actor: Actor, input: MemberFields & { committeeId: number }): Promise<{ memberId: number; committeeId: number }> {
  return db.transaction(async (tx) => {
    const committee = await lockCommittee(tx, input.committeeId);
    if (!committee) throw new AppError("not_found");
    if (!canWriteCommittees(actor, committee.cityId)) throw new AppError("forbidden");
    const { committeeId: _committeeId, ...fields } = input;
    const row = await insertMember(tx, { ...fields, committeeId: committee.id });
    await writeAudit(tx, { actorId: actor.id, action: "committee_member.add", entity: "committee_member", entityId: row.id, after: memberAudit(row) });
    return { memberId: row.id, committeeId: committee.id };
  });
}

async function lockWritableMember(tx: Database, actor: Actor, memberId: number): Promise<CommitteeMember> {
  const locked = await lockMember(tx, memberId);
  if (!locked) throw new AppError("not_found");
  if (!canWriteCommittees(actor, locked.cityId)) throw new AppError("forbidden");
  return locked.member;
}

export async function updateMember(db: Database, actor: Actor, input: MemberFields & { memberId: number }): Promise<{ memberId: number; committeeId: number }> {
  return db.transaction(async (tx) => {
    const before = await lockWritableMember(tx, actor, input.memberId);
    const { memberId: _memberId, ...fields } = input;
    const after = await updateMemberRow(tx, before.id, fields);
    await writeAudit(tx, { actorId: actor.id, action: "committee_member.update", entity: "committee_member", entityId: before.id, before: memberAudit(before), after: memberAudit(after) });
    return { memberId: before.id, committeeId: before.committeeId };
  });
}

/**
 * A member leaves on a day (today, a day past, or a day already agreed): the row stays, so the
 * meetings they attended still name them, and they stop counting from that day.
 */
export async function memberLeaves(db: Database, actor: Actor, input: { memberId: number; leftOn: string }): Promise<{ memberId: number; committeeId: number }> {
  return db.transaction(async (tx) => {
    const before = await lockWritableMember(tx, actor, input.memberId);
    const after = await updateMemberRow(tx, before.id, { leftOn: input.leftOn });
    await writeAudit(tx, { actorId: actor.id, action: "committee_member.leave", entity: "committee_member", entityId: before.id, before: { leftOn: before.leftOn }, after: { leftOn: after.leftOn } });
    return { memberId: before.id, committeeId: before.committeeId };
  });
}

/** Every attendee must be a member of this committee (the trigger says the same; this says it in words). */
async function checkMeeting(tx: Database, committeeId: number, input: MeetingFields): Promise<number[]> {
  if (input.heldOn > programmeToday()) throw new AppError("invalid", "validation.meeting.future");
  const attendees = [...new Set(input.attendees)];
  const found = await membersAmong(tx, committeeId, attendees);
  if (attendees.some((id) => !found.has(id))) throw new AppError("invalid", "committees.attendeeNotMember");
  return attendees;
}

const meetingColumns = (input: MeetingFields): MeetingColumns => ({ heldOn: input.heldOn, place: input.place, minutes: input.minutes });

export async function recordMeeting(db: Database, actor: Actor, input: MeetingFields & { committeeId: number }): Promise<{ meetingId: number; committeeId: number }> {
  return db.transaction(async (tx) => {
    const committee = await lockCommittee(tx, input.committeeId);
    if (!committee) throw new AppError("not_found");
    if (!canWriteCommittees(actor, committee.cityId)) throw new AppError("forbidden");
    const attendees = await checkMeeting(tx, committee.id, input);
    const meeting = await insertMeeting(tx, { ...meetingColumns(input), committeeId: committee.id, createdBy: actor.id });
    await replaceAttendance(tx, meeting.id, attendees);
    await replaceDecisions(tx, meeting.id, input.decisions);
    await writeAudit(tx, { actorId: actor.id, action: "meeting.create", entity: "meeting", entityId: meeting.id, after: { committeeId: committee.id, ...meetingColumns(input), attendees: [...attendees].sort((a, b) => a - b), decisions: input.decisions } });
    return { meetingId: meeting.id, committeeId: committee.id };
  });
}

export async function updateMeeting(db: Database, actor: Actor, input: MeetingFields & { meetingId: number }): Promise<{ meetingId: number; committeeId: number }> {
  return db.transaction(async (tx) => {
    const locked = await lockMeeting(tx, input.meetingId);
    if (!locked) throw new AppError("not_found");
    if (!canWriteCommittees(actor, locked.cityId)) throw new AppError("forbidden");
    const before = locked.meeting;
    const attendees = await checkMeeting(tx, before.committeeId, input);
    await updateMeetingRow(tx, before.id, meetingColumns(input));
    const attendeesBefore = await replaceAttendance(tx, before.id, attendees);
    const decisionsBefore = await replaceDecisions(tx, before.id, input.decisions);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "meeting.update",
      entity: "meeting",
      entityId: before.id,
      before: { heldOn: before.heldOn, place: before.place, minutes: before.minutes, attendees: attendeesBefore, decisions: decisionsBefore },
      after: { ...meetingColumns(input), attendees: [...attendees].sort((a, b) => a - b), decisions: input.decisions },
    });
    return { meetingId: before.id, committeeId: before.committeeId };
  });
}
