/**
 * The time zone a reader sees times in, and the helpers that show an instant in it. Pure: the
 * server resolves the signed-in user's zone once per request (server/i18n.ts currentTimeZone) and
 * hands it to lib/i18n/messages.ts formatters. Event times are the exception: they are shown in
 * the venue's zone whatever the reader's (lib/events/time.ts).
 */
import { TIME_ZONES, type Country, type TimeZone } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { localDateOf, wallClockToUtc } from "@/lib/events/time";

/** The zone of each programme country. */
export const COUNTRY_TIME_ZONE: Record<Country, TimeZone> = { BD: "Asia/Dhaka", NP: "Asia/Kathmandu" };

/** Without a user or a city: Nepali readers are most likely in Nepal, everyone else in Bangladesh. */
export function timeZoneForLocale(locale: Locale): TimeZone {
  return locale === "ne" ? "Asia/Kathmandu" : "Asia/Dhaka";
}

export function isTimeZone(value: unknown): value is TimeZone {
  return typeof value === "string" && (TIME_ZONES as readonly string[]).includes(value);
}

/**
 * The reader's zone: the one they chose in their profile, else their city's country's, else the
 * one their language suggests.
 */
export function resolveTimeZone(input: { userTimeZone?: string | null; country?: string | null; locale: Locale }): TimeZone {
  if (isTimeZone(input.userTimeZone)) return input.userTimeZone;
  if (input.country === "BD" || input.country === "NP") return COUNTRY_TIME_ZONE[input.country];
  return timeZoneForLocale(input.locale);
}

/** The message key naming a zone to a reader ("Kathmandu time"). */
export function timeZoneNameKey(timeZone: TimeZone): "time.zone.dhaka" | "time.zone.kathmandu" {
  return timeZone === "Asia/Kathmandu" ? "time.zone.kathmandu" : "time.zone.dhaka";
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "3 Dec 2026, 20:44" in the zone, 24-hour clock, digits of the Intl locale. Cached per locale and zone. */
export function dateTimeFormat(intlLocale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${intlLocale}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale, { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** A date-only value (`YYYY-MM-DD`, a `date` column): a calendar day, not an instant, so no zone applies. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/**
 * The UTC bounds of a range of calendar days in `timeZone` (`from` and `to` inclusive), for
 * filters a reader types as dates: "3 December" means 3 December on the reader's clock.
 */
export function dayRangeInZone(range: { from?: string; to?: string }, timeZone: string): { start?: Date; end?: Date } {
  const start = range.from ? wallClockToUtc(`${range.from}T00:00`, timeZone) ?? undefined : undefined;
  let end: Date | undefined;
  if (range.to) {
    const next = new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    end = wallClockToUtc(`${next}T00:00`, timeZone) ?? undefined;
  }
  return { start, end };
}

/** Today's date in the zone (`YYYY-MM-DD`). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDateOf(now, timeZone);
}
