import "server-only";
import { cache } from "react";
import { getDb, type Database } from "@/db/client";
import { getCommittee, getMeeting, listCommittees, meetingsOf, membersOf, type CommitteeListRow, type MeetingListRow } from "@/db/queries/committees";
import type { CommitteeMember } from "@/db/schema";
import { cityToday, genderBalance, isCurrentMember, type GenderBalance } from "@/lib/committees";
import type { CommitteeRole, Country, Gender } from "@/lib/domain";
import type { Actor } from "@/lib/permissions";
import { canSeeCommitteeContacts, canWriteCommittees } from "@/lib/policies/committees";

// Pages get only what their reader may see: a member's contact is removed here, on the server,
// for everyone but the city's officer and approver and admins, so it never reaches the browser.

export type { CommitteeListRow, MeetingListRow };

export interface CommitteeCity {
  id: number;
  slug: string;
  country: Country;
}

export interface MemberView {
  id: number;
  name: string;
  organisation: string;
  role: CommitteeRole;
  gender: Gender;
  wardResident: boolean;
  /** null: the reader may not see it (or, for those who may, see "" when none was given). */
  contact: string | null;
  leftOn: string | null;
  current: boolean;
}

export interface CommitteeView {
  committee: { id: number; cityId: number; name: string; theme: string; componentId: number | null };
  component: { id: number; code: string; nameEn: string; nameBn: string; nameNe: string } | null;
  city: CommitteeCity;
  members: MemberView[];
  meetings: MeetingListRow[];
  balance: GenderBalance;
  /** The city's today, as the page should use it (the "left on" form's default). */
  today: string;
  canWrite: boolean;
  canSeeContacts: boolean;
}

function memberView(member: CommitteeMember, today: string, showContact: boolean): MemberView {
  return {
    id: member.id,
    name: member.name,
    organisation: member.organisation,
    role: member.role,
    gender: member.gender,
    wardResident: member.wardResident,
    contact: showContact ? member.contact : null,
    leftOn: member.leftOn,
    current: isCurrentMember(member, today),
  };
}

/** A city's committees as its list page shows them, and whether the reader may add one. */
export async function committeesOfCity(db: Database, city: CommitteeCity, actor: Actor | null, now: Date = new Date()) {
  const today = cityToday(city.country, now);
  const rows = await listCommittees(db, { cityId: city.id, today });
  return { rows, today, canWrite: canWriteCommittees(actor, city.id) };
}

/** One committee, its members (contacts only for those allowed), its meetings and gender balance; null when missing. */
export async function committeeView(db: Database, committeeId: number, actor: Actor | null, now: Date = new Date()): Promise<CommitteeView | null> {
  const found = await getCommittee(db, committeeId);
  if (!found) return null;
  const { committee, city, component } = found;
  const today = cityToday(city.country, now);
  const [members, meetings] = await Promise.all([membersOf(db, committee.id, today), meetingsOf(db, committee.id)]);
  const canSeeContacts = canSeeCommitteeContacts(actor, committee.cityId);
  return {
    committee: { id: committee.id, cityId: committee.cityId, name: committee.name, theme: committee.theme, componentId: committee.componentId },
    component,
    city,
    members: members.map((member) => memberView(member, today, canSeeContacts)),
    meetings,
    balance: genderBalance(members, today),
    today,
    canWrite: canWriteCommittees(actor, committee.cityId),
    canSeeContacts,
  };
}

export interface MeetingView {
  meeting: { id: number; committeeId: number; heldOn: string; place: string; minutes: string };
  committee: { id: number; name: string; cityId: number };
  recordedBy: string | null;
  attendees: { id: number; name: string; role: CommitteeRole; gender: Gender }[];
  decisions: { id: number; position: number; text: string }[];
  /**
   * Whom the edit form offers as attendees: the current members and whoever was recorded as
   * present (a member who left since still attended). Empty for readers who may not edit.
   */
  choices: { id: number; name: string; role: CommitteeRole; current: boolean }[];
  canWrite: boolean;
}

/** One meeting as its page shows it (no contacts: the page lists attendees by name); null when missing. */
export async function meetingView(db: Database, meetingId: number, actor: Actor | null, now: Date = new Date()): Promise<MeetingView | null> {
  const found = await getMeeting(db, meetingId);
  if (!found) return null;
  const committee = await getCommittee(db, found.committee.id);
  if (!committee) return null;
  const today = cityToday(committee.city.country, now);
  const members = await membersOf(db, found.committee.id, today);
  const present = new Set(found.attendeeIds);
  const canWrite = canWriteCommittees(actor, found.committee.cityId);
  return {
    meeting: { id: found.meeting.id, committeeId: found.meeting.committeeId, heldOn: found.meeting.heldOn, place: found.meeting.place, minutes: found.meeting.minutes },
    committee: found.committee,
    recordedBy: found.recordedBy,
    attendees: members.filter((m) => present.has(m.id)).map((m) => ({ id: m.id, name: m.name, role: m.role, gender: m.gender })),
    decisions: found.decisions,
    choices: canWrite ? members.filter((m) => present.has(m.id) || isCurrentMember(m, today)).map((m) => ({ id: m.id, name: m.name, role: m.role, current: isCurrentMember(m, today) })) : [],
    canWrite,
  };
}

export const loadCommitteesOfCity = cache(async (city: CommitteeCity, actor: Actor | null) => committeesOfCity(await getDb(), city, actor));

export const loadCommittee = cache(async (committeeId: number, actor: Actor | null) => committeeView(await getDb(), committeeId, actor));

export const loadMeeting = cache(async (meetingId: number, actor: Actor | null) => meetingView(await getDb(), meetingId, actor));
