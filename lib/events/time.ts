/**
 * Wall-clock time in an event venue's zone ↔ UTC, with Intl only. Both venue zones
 * (Asia/Dhaka +06:00, Asia/Kathmandu +05:45) have no daylight saving today, but the conversion
 * asks Intl for the offset at the instant itself, so it stays right if a zone ever changes.
 */

/** `YYYY-MM-DDTHH:mm`, what <input type="datetime-local"> sends. */
export const WALL_CLOCK_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(date: Date, timeZone: string): WallClock {
  const parts = partsFormatter(timeZone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at `date`, in minutes (Kathmandu: 345). */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const w = wallClockOf(date, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const whole = Math.floor(date.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The instant as `YYYY-MM-DDTHH:mm` in `timeZone` (the value of a datetime-local input). */
export function utcToWallClock(date: Date, timeZone: string): string {
  const w = wallClockOf(date, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The calendar date (`YYYY-MM-DD`) of the instant in `timeZone`. */
export function localDateOf(date: Date, timeZone: string): string {
  return utcToWallClock(date, timeZone).slice(0, 10);
}

/**
 * The UTC instant of a wall-clock time in `timeZone`, or null when the text is not a real time
 * (2026-02-30T10:00, 25:00) or falls in a gap a zone change skipped.
 */
export function wallClockToUtc(local: string, timeZone: string): Date | null {
  const match = WALL_CLOCK_PATTERN.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(guess)) return null;
  // The offset at the guess may differ from the offset at the answer near a zone change; a second
  // pass settles it.
  let result = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  const second = guess - zoneOffsetMinutes(new Date(result), timeZone) * 60_000;
  if (second !== result) result = second;
  const date = new Date(result);
  return utcToWallClock(date, timeZone) === local ? date : null;
}

/** `+05:45` for an offset in minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Formatters for an event's times in its venue zone, in the reader's Intl locale. */
export function eventTimeFormat(intlLocale: string, timeZone: string) {
  const date = new Intl.DateTimeFormat(intlLocale, { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" });
  const time = new Intl.DateTimeFormat(intlLocale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return {
    date: (d: Date) => date.format(d),
    time: (d: Date) => time.format(d),
    /** "Sat, 21 Nov 2026, 10:00–16:00" or, across days, both dates. */
    range: (start: Date, end: Date) =>
      localDateOf(start, timeZone) === localDateOf(end, timeZone)
        ? `${date.format(start)}, ${time.format(start)}–${time.format(end)}`
        : `${date.format(start)}, ${time.format(start)} – ${date.format(end)}, ${time.format(end)}`,
  };
}

/** `YYYY-MM` of a month, and the first day of the month before and after. */
export function monthBounds(month: string): { first: string; next: string; previous: string; year: number; monthIndex: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return null;
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  if (monthIndex < 0 || monthIndex > 11 || year < 2000 || year > 2100) return null;
  const at = (y: number, m: number) => {
    const d = new Date(Date.UTC(y, m, 1));
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`;
  };
  return { first: `${month}-01`, next: at(year, monthIndex + 1), previous: at(year, monthIndex - 1), year, monthIndex };
}
