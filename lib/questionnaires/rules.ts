import type { Country, ResponseStatus, RoundStatus } from "@/lib/domain";
import { COUNTRY_TIME_ZONE, todayIn } from "@/lib/time";

/**
 * Why a city's answers cannot be changed now, in words the form shows (never a bare "locked"), or
 * null when they can. Days are the city's own (its country's zone): a round due on the 31st takes
 * answers until midnight in Dhaka for a Bangladeshi city, in Kathmandu for a Nepali one.
 * - submitted (awaiting review) and accepted answers are read-only;
 * - an admin's reopening for the city (reopenedUntil) lets it answer, whatever the round's state;
 * - otherwise the round must be open, and before its deadline — except a returned response,
 *   which is corrected while the round is open even after the deadline (a return must be actionable).
 */
export type AnswerLock = "submitted" | "accepted" | "not_open" | "closed" | "deadline";

export function answerLock(input: { roundStatus: RoundStatus; dueOn: string; responseStatus: ResponseStatus; reopenedUntil: string | null; today: string }): AnswerLock | null {
  if (input.responseStatus === "submitted") return "submitted";
  if (input.responseStatus === "accepted") return "accepted";
  if (input.reopenedUntil !== null && input.today <= input.reopenedUntil) return null;
  if (input.roundStatus === "scheduled") return "not_open";
  if (input.roundStatus === "closed") return "closed";
  if (input.today > input.dueOn && input.responseStatus !== "returned") return "deadline";
  return null;
}

/** Today in a city's zone (YYYY-MM-DD). */
export function cityToday(country: Country, now: Date = new Date()): string {
  return todayIn(COUNTRY_TIME_ZONE[country], now);
}

/** Days from `today` to the deadline (negative: overdue by that many days). */
export function daysLeft(dueOn: string, today: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Whether a city still owes its answers: not submitted (or accepted) and past the deadline. */
export function isOverdue(input: { dueOn: string; responseStatus: ResponseStatus; today: string }): boolean {
  return input.today > input.dueOn && input.responseStatus !== "submitted" && input.responseStatus !== "accepted";
}

/**
 * The indicator period a round's indicator questions write: the quarter itself, or Q4 of a year
 * round (annual indicators are entered in Q4, lib/validation/values.ts).
 */
export function indicatorPeriodOf(roundPeriod: string): string {
  return /^\d{4}$/.test(roundPeriod) ? `${roundPeriod}-Q4` : roundPeriod;
}
