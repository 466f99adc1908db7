import { GENDERS, type Country, type Gender } from "@/lib/domain";
import { COUNTRY_TIME_ZONE, todayIn } from "@/lib/time";

/** Longest name, organisation, theme and contact a committee form takes. */
export const COMMITTEE_TEXT_MAX = 120;
export const MEETING_PLACE_MAX = 200;
export const DECISION_MAX = 1000;
export const MAX_DECISIONS = 30;
export const MAX_ATTENDEES = 200;

/**
 * A member sits on the committee until the day they leave: `leftOn` is their first day off it, so
 * someone who leaves today no longer counts today. `today` is `YYYY-MM-DD` on the city's clock.
 */
export function isCurrentMember(member: { leftOn: string | null }, today: string): boolean {
  return member.leftOn === null || member.leftOn > today;
}

export interface GenderBalance {
  counts: Record<Gender, number>;
  total: number;
  /** Women among the current members, 0–1; null while the committee has none. */
  womenShare: number | null;
}

/**
 * How many current members of each gender a committee has, and the women's share: the programme
 * tracks women in decision-making bodies, so members who left are not counted.
 */
export function genderBalance(members: readonly { gender: Gender; leftOn: string | null }[], today: string): GenderBalance {
  const counts = Object.fromEntries(GENDERS.map((gender) => [gender, 0])) as Record<Gender, number>;
  let total = 0;
  for (const member of members) {
    if (!isCurrentMember(member, today)) continue;
    counts[member.gender] += 1;
    total += 1;
  }
  return { counts, total, womenShare: total === 0 ? null : counts.female / total };
}

/** Today on a city's clock (its country's zone): who is a current member, which meeting dates have passed. */
export function cityToday(country: Country, now: Date = new Date()): string {
  return todayIn(COUNTRY_TIME_ZONE[country], now);
}

/**
 * The latest calendar day anywhere in the programme (Dhaka is ahead of Kathmandu), read when a
 * meeting date is checked: a meeting held today in any programme city is never refused as "future".
 */
export function programmeToday(now: Date = new Date()): string {
  return todayIn(COUNTRY_TIME_ZONE.BD, now);
}
