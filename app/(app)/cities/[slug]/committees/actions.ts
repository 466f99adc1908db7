"use server";

import type { Database } from "@/db/client";
import { getCityBySlug } from "@/db/queries/cities";
import { committeeCity, meetingCity, memberCity, type RecordCity } from "@/db/queries/committees";
import { AppError } from "@/lib/errors";
import { editCommitteeSchema, editMeetingSchema, editMemberSchema, meetingSchema, memberLeavesSchema, memberSchema, newCommitteeSchema, readMeetingForm, readMemberForm } from "@/lib/validation/committees";
import { action } from "@/server/action";
import { addMember, createCommittee, memberLeaves, recordMeeting, updateCommittee, updateMeeting, updateMember } from "@/server/committees/write";
import { invalidate } from "@/server/invalidate";

// Every scope is found from the record the form names (a committee, member or meeting id), never
// from the page's address: a form edited to name another city's record is checked for that city.

const committeesPath = (slug: string) => `/cities/${slug}/committees`;

async function found(lookup: Promise<RecordCity | null>): Promise<RecordCity> {
  const record = await lookup;
  if (!record) throw new AppError("not_found");
  return record;
}

async function cityBySlug(db: Database, slug: string) {
  const city = await getCityBySlug(db, slug);
  if (!city) throw new AppError("not_found");
  return { cityId: city.id, slug: city.slug };
}

// The meeting form keeps what was typed itself (its decisions are a list, which echo cannot carry).
const COMMITTEE_ECHO = ["name", "component", "theme"] as const;
const MEMBER_ECHO = ["name", "organisation", "role", "gender", "wardResident", "contact"] as const;

export const createCommitteeAction = action({
  permission: "committees.write",
  schema: newCommitteeSchema,
  scope: ({ db, input }) => cityBySlug(db, input.city),
  run: ({ db, actor, input, scope }) => createCommittee(db, actor, { cityId: scope.cityId, name: input.name, component: input.component, theme: input.theme }),
  invalidate: (_data, { scope }) => invalidate.committees(scope.slug),
  redirectTo: (data, { scope }) => `${committeesPath(scope.slug)}/${data.committeeId}`,
  echo: COMMITTEE_ECHO,
});

export const updateCommitteeAction = action({
  permission: "committees.write",
  schema: editCommitteeSchema,
  scope: ({ db, input }) => found(committeeCity(db, input.committee)),
  run: ({ db, actor, input }) => updateCommittee(db, actor, { committeeId: input.committee, name: input.name, component: input.component, theme: input.theme }),
  invalidate: (_data, { scope }) => invalidate.committees(scope.slug),
  echo: COMMITTEE_ECHO,
});

export const addMemberAction = action({
  permission: "committees.write",
  schema: memberSchema,
  read: readMemberForm,
  scope: ({ db, input }) => found(committeeCity(db, input.committee)),
  run: ({ db, actor, input }) => {
    const { committee, ...fields } = input;
    return addMember(db, actor, { ...fields, committeeId: committee });
  },
  invalidate: (_data, { scope }) => invalidate.committees(scope.slug),
  echo: MEMBER_ECHO,
});

export const updateMemberAction = action({
  permission: "committees.write",
  schema: editMemberSchema,
  read: readMemberForm,
  scope: ({ db, input }) => found(memberCity(db, input.member)),
  run: ({ db, actor, input }) => {
    const { member, ...fields } = input;
    return updateMember(db, actor, { ...fields, memberId: member });
  },
  invalidate: (_data, { scope }) => invalidate.committees(scope.slug),
  echo: MEMBER_ECHO,
});

export const memberLeavesAction = action({
  permission: "committees.write",
  schema: memberLeavesSchema,
  scope: ({ db, input }) => found(memberCity(db, input.member)),
  run: ({ db, actor, input }) => memberLeaves(db, actor, { memberId: input.member, leftOn: input.leftOn }),
  invalidate: (_data, { scope }) => invalidate.committees(scope.slug),
  echo: ["leftOn"],
});

export const recordMeetingAction = action({
  permission: "committees.write",
  schema: meetingSchema,
  read: readMeetingForm,
  scope: ({ db, input }) => found(committeeCity(db, input.committee)),
  run: ({ db, actor, input }) => {
    const { committee, ...fields } = input;
    return recordMeeting(db, actor, { ...fields, committeeId: committee });
  },
  invalidate: (_data, { scope }) => invalidate.committees(scope.slug),
  redirectTo: (data, { scope }) => `${committeesPath(scope.slug)}/${data.committeeId}/meetings/${data.meetingId}`,
});

export const updateMeetingAction = action({
  permission: "committees.write",
  schema: editMeetingSchema,
  read: readMeetingForm,
  scope: ({ db, input }) => found(meetingCity(db, input.meeting)),
  run: ({ db, actor, input }) => {
    const { meeting, ...fields } = input;
    return updateMeeting(db, actor, { ...fields, meetingId: meeting });
  },
  invalidate: (_data, { scope }) => invalidate.committees(scope.slug),
});
