/** Login throttling: five failed attempts for one email within 15 minutes lock it for 15 minutes. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

/**
 * `failures` are the times of failed attempts since the last successful sign-in, newest first.
 * The lock starts at the failure that made five within the window, and lasts LOCK_MS from there.
 */
export function lockedUntil(failures: Date[], now: Date): Date | null {
  const times = failures.map((d) => d.getTime()).sort((a, b) => b - a);
  for (let i = 0; i + MAX_FAILURES - 1 < times.length; i++) {
    const newest = times[i];
    const fifthNewest = times[i + MAX_FAILURES - 1];
    if (newest === undefined || fifthNewest === undefined) break;
    if (newest - fifthNewest <= WINDOW_MS) {
      const until = newest + LOCK_MS;
      return until > now.getTime() ? new Date(until) : null;
    }
  }
  return null;
}
