import { localDateOf, wallClockToUtc } from "@/lib/events/time";

/** The hour of the reader's day the daily mail goes out (08:00, before the office day). */
export const DIGEST_HOUR = 8;

/**
 * Whether a reader's daily mail is due at `now` in their zone, and the key that lets it go at most
 * once that local day (the outbox's dedupe key).
 */
export function dailyDigestSlot(userId: number, timeZone: string, now: Date): { due: boolean; key: string } {
  const today = localDateOf(now, timeZone);
  const sendFrom = wallClockToUtc(`${today}T${String(DIGEST_HOUR).padStart(2, "0")}:00`, timeZone);
  return { due: sendFrom !== null && now.getTime() >= sendFrom.getTime(), key: `digest:${userId}:${today}` };
}
