import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cities, committeeMembers, committees, components, meetingAttendance, meetingDecisions, meetings, users, type Committee, type CommitteeMember, type Meeting } from "../schema";
import type { CommitteeRole, Gender } from "@/lib/domain";

// `today` (YYYY-MM-DD on the city's clock) is passed in rather than read from the server's
// current_date, so the lists count the same current members as lib/committees.ts genderBalance.
const isCurrent = (today: string) => sql`(${committeeMembers.leftOn} is null or ${committeeMembers.leftOn} > ${today}::date)`;

const componentColumns = { id: components.id, code: components.code, nameEn: components.nameEn, nameBn: components.nameBn, nameNe: components.nameNe };

/** A city's committees by name, each with its current members, the women among them and its last meeting. */
export async function listCommittees(db: Database, params: { cityId: number; today: string }) {
  const rows = await db
    .select({
      id: committees.id,
      name: committees.name,
      theme: committees.theme,
      component: componentColumns,
      members: sql<number>`(select count(*) from ${committeeMembers} where ${committeeMembers.committeeId} = ${committees.id} and ${isCurrent(params.today)})`.mapWith(Number),
      women: sql<number>`(select count(*) from ${committeeMembers} where ${committeeMembers.committeeId} = ${committees.id} and ${committeeMembers.gender} = 'female' and ${isCurrent(params.today)})`.mapWith(Number),
      lastMeeting: sql<string | null>`(select max(${meetings.heldOn})::text from ${meetings} where ${meetings.committeeId} = ${committees.id})`,
    })
    .from(committees)
    .leftJoin(components, eq(components.id, committees.componentId))
    .where(eq(committees.cityId, params.cityId))
    .orderBy(sql`lower(${committees.name})`, asc(committees.id));
  // A left join gives an object of nulls for a committee focused on a theme only.
  return rows.map((row) => ({ ...row, component: row.component?.id == null ? null : row.component }));
}
export type CommitteeListRow = Awaited<ReturnType<typeof listCommittees>>[number];

/** The committees a form may pick (the problem log names the committee that handles a problem). */
export async function committeeOptions(db: Database, cityId: number): Promise<{ id: number; name: string }[]> {
  return db.select({ id: committees.id, name: committees.name }).from(committees).where(eq(committees.cityId, cityId)).orderBy(sql`lower(${committees.name})`, asc(committees.id));
}

/** One committee with its city and its focus component, or null. */
export async function getCommittee(db: Database, committeeId: number) {
  const [row] = await db
    .select({ committee: committees, city: { id: cities.id, slug: cities.slug, country: cities.country }, component: componentColumns })
    .from(committees)
    .innerJoin(cities, eq(cities.id, committees.cityId))
    .leftJoin(components, eq(components.id, committees.componentId))
    .where(eq(committees.id, committeeId));
  if (!row) return null;
  return { ...row, component: row.component?.id == null ? null : row.component };
}

/** Every member who ever sat on the committee: current ones first, by role, then by name. */
export async function membersOf(db: Database, committeeId: number, today: string): Promise<CommitteeMember[]> {
  return db
    .select()
    .from(committeeMembers)
    .where(eq(committeeMembers.committeeId, committeeId))
    .orderBy(sql`case when ${isCurrent(today)} then 0 else 1 end`, asc(committeeMembers.role), asc(committeeMembers.name), asc(committeeMembers.id));
}

/** A committee's meetings, newest first, with how many came and how many decisions each took. */
export async function meetingsOf(db: Database, committeeId: number) {
  return db
    .select({
      id: meetings.id,
      heldOn: meetings.heldOn,
      place: meetings.place,
      attendees: sql<number>`(select count(*) from ${meetingAttendance} where ${meetingAttendance.meetingId} = ${meetings.id})`.mapWith(Number),
      decisions: sql<number>`(select count(*) from ${meetingDecisions} where ${meetingDecisions.meetingId} = ${meetings.id})`.mapWith(Number),
    })
    .from(meetings)
    .where(eq(meetings.committeeId, committeeId))
    .orderBy(desc(meetings.heldOn), desc(meetings.id));
}
export type MeetingListRow = Awaited<ReturnType<typeof meetingsOf>>[number];

/** One meeting with its committee, who recorded it, who attended and its decisions in order; or null. */
export async function getMeeting(db: Database, meetingId: number) {
  const [row] = await db
    .select({ meeting: meetings, committee: { id: committees.id, name: committees.name, cityId: committees.cityId }, recordedBy: users.name })
    .from(meetings)
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .leftJoin(users, eq(users.id, meetings.createdBy))
    .where(eq(meetings.id, meetingId));
  if (!row) return null;
  const [attendance, decisions] = await Promise.all([
    db.select({ memberId: meetingAttendance.memberId }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)),
    db.select({ id: meetingDecisions.id, position: meetingDecisions.position, text: meetingDecisions.text }).from(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId)).orderBy(asc(meetingDecisions.position)),
  ]);
  return { ...row, attendeeIds: attendance.map((a) => a.memberId), decisions };
}

// ---------------------------------------------------------------------------------------------
// Which city a record belongs to (the actions' city scope)

export interface RecordCity {
  cityId: number;
  slug: string;
  committeeId: number;
}

export async function committeeCity(db: Database, committeeId: number): Promise<RecordCity | null> {
  const [row] = await db.select({ cityId: committees.cityId, slug: cities.slug, committeeId: committees.id }).from(committees).innerJoin(cities, eq(cities.id, committees.cityId)).where(eq(committees.id, committeeId));
  return row ?? null;
}

export async function memberCity(db: Database, memberId: number): Promise<RecordCity | null> {
  const [row] = await db
    .select({ cityId: committees.cityId, slug: cities.slug, committeeId: committees.id })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .innerJoin(cities, eq(cities.id, committees.cityId))
    .where(eq(committeeMembers.id, memberId));
  return row ?? null;
}

export async function meetingCity(db: Database, meetingId: number): Promise<RecordCity | null> {
  const [row] = await db
    .select({ cityId: committees.cityId, slug: cities.slug, committeeId: committees.id })
    .from(meetings)
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .innerJoin(cities, eq(cities.id, committees.cityId))
    .where(eq(meetings.id, meetingId));
  return row ?? null;
}

export async function componentExists(db: Database, componentId: number): Promise<boolean> {
  const [row] = await db.select({ id: components.id }).from(components).where(eq(components.id, componentId));
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Writes (the caller holds the transaction and writes the audit row)

export interface CommitteeColumns {
  name: string;
  componentId: number | null;
  theme: string;
}

export async function insertCommittee(tx: Database, values: CommitteeColumns & { cityId: number; createdBy: number | null; isDemo?: boolean }): Promise<Committee> {
  const [row] = await tx.insert(committees).values(values).returning();
  if (!row) throw new Error("committee insert returned no row");
  return row;
}

export async function lockCommittee(tx: Database, committeeId: number): Promise<Committee | null> {
  const [row] = await tx.select().from(committees).where(eq(committees.id, committeeId)).for("update");
  return row ?? null;
}

export async function updateCommitteeRow(tx: Database, committeeId: number, set: CommitteeColumns): Promise<Committee> {
  const [row] = await tx.update(committees).set({ ...set, updatedAt: sql`now()` }).where(eq(committees.id, committeeId)).returning();
  if (!row) throw new Error("committee vanished under its lock");
  return row;
}

export interface MemberColumns {
  name: string;
  organisation: string;
  role: CommitteeRole;
  gender: Gender;
  wardResident: boolean;
  contact: string;
}

export async function insertMember(tx: Database, values: MemberColumns & { committeeId: number; isDemo?: boolean }): Promise<CommitteeMember> {
  const [row] = await tx.insert(committeeMembers).values(values).returning();
  if (!row) throw new Error("member insert returned no row");
  return row;
}

/** A member, locked, with the city of their committee. */
export async function lockMember(tx: Database, memberId: number): Promise<{ member: CommitteeMember; cityId: number } | null> {
  const [row] = await tx
    .select({ member: committeeMembers, cityId: committees.cityId })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .where(eq(committeeMembers.id, memberId))
    .for("update", { of: committeeMembers });
  return row ?? null;
}

export async function updateMemberRow(tx: Database, memberId: number, set: Partial<MemberColumns> & { leftOn?: string | null }): Promise<CommitteeMember> {
  const [row] = await tx.update(committeeMembers).set({ ...set, updatedAt: sql`now()` }).where(eq(committeeMembers.id, memberId)).returning();
  if (!row) throw new Error("member vanished under its lock");
  return row;
}

/** Of these members, the ones on the committee, with the day each left (null: still a member). */
export async function membersAmong(db: Database, committeeId: number, memberIds: readonly number[]): Promise<Map<number, string | null>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db
    .select({ id: committeeMembers.id, leftOn: committeeMembers.leftOn })
    .from(committeeMembers)
    .where(and(eq(committeeMembers.committeeId, committeeId), inArray(committeeMembers.id, [...memberIds])));
  return new Map(rows.map((r) => [r.id, r.leftOn]));
}

export interface MeetingColumns {
  heldOn: string;
  place: string;
  minutes: string;
}

export async function insertMeeting(tx: Database, values: MeetingColumns & { committeeId: number; createdBy: number | null; isDemo?: boolean }): Promise<Meeting> {
  const [row] = await tx.insert(meetings).values(values).returning();
  if (!row) throw new Error("meeting insert returned no row");
  return row;
}

/** A meeting, locked, with the city of its committee. */
export async function lockMeeting(tx: Database, meetingId: number): Promise<{ meeting: Meeting; cityId: number } | null> {
  const [row] = await tx
    .select({ meeting: meetings, cityId: committees.cityId })
    .from(meetings)
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .where(eq(meetings.id, meetingId))
    .for("update", { of: meetings });
  return row ?? null;
}

export async function updateMeetingRow(tx: Database, meetingId: number, set: MeetingColumns): Promise<Meeting> {
  const [row] = await tx.update(meetings).set({ ...set, updatedAt: sql`now()` }).where(eq(meetings.id, meetingId)).returning();
  if (!row) throw new Error("meeting vanished under its lock");
  return row;
}

/** Who attended, as a whole set: the previous list is replaced (the trigger refuses non-members). */
export async function replaceAttendance(tx: Database, meetingId: number, memberIds: readonly number[]): Promise<number[]> {
  const before = await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)).returning({ memberId: meetingAttendance.memberId });
  const unique = [...new Set(memberIds)];
  if (unique.length) await tx.insert(meetingAttendance).values(unique.map((memberId) => ({ meetingId, memberId })));
  return before.map((row) => row.memberId).sort((a, b) => a - b);
}

/**
 * The decisions, in the given order, replacing the previous ones; returns the previous texts.
 * Rows are kept by position (their text updated), so a plan action made from decision 2 still
 * points at it after the minutes are corrected; only positions beyond the new list are deleted.
 */
export async function replaceDecisions(tx: Database, meetingId: number, texts: readonly string[]): Promise<string[]> {
  const before = await tx.select({ id: meetingDecisions.id, position: meetingDecisions.position, text: meetingDecisions.text }).from(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId)).orderBy(asc(meetingDecisions.position));
  for (const [i, text] of texts.entries()) {
    const existing = before[i];
    if (!existing) await tx.insert(meetingDecisions).values({ meetingId, position: i + 1, text });
    else if (existing.text !== text || existing.position !== i + 1) await tx.update(meetingDecisions).set({ text, position: i + 1 }).where(eq(meetingDecisions.id, existing.id));
  }
  const extra = before.slice(texts.length).map((row) => row.id);
  if (extra.length) await tx.delete(meetingDecisions).where(inArray(meetingDecisions.id, extra));
  return before.map((row) => row.text);
}

/** Whether the committee is one of the city's (a problem or a plan action may name only those). */
export async function committeeOfCity(db: Database, committeeId: number, cityId: number): Promise<boolean> {
  const [row] = await db.select({ id: committees.id }).from(committees).where(and(eq(committees.id, committeeId), eq(committees.cityId, cityId)));
  return Boolean(row);
}
