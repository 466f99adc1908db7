/**
 * How the worker retries a message the mail server refused or could not take: after 1, 2, 4 …
 * minutes, at most 6 hours apart, and gives up after MAX_ATTEMPTS (the row is then `failed`, with
 * the server's last answer, until an admin retries it).
 */
export const MAX_ATTEMPTS = 8;
const BASE_MS = 60 * 1000;
const CAP_MS = 6 * 60 * 60 * 1000;

/** The wait before the next try, after `attempts` tries have failed (1 = the first failed). */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_MS * 2 ** Math.max(0, attempts - 1), CAP_MS);
}

/** What becomes of a message after a failed try: another try at `at`, or failed for good. */
export function afterFailure(attempts: number, now: Date): { status: "queued"; nextAttemptAt: Date } | { status: "failed" } {
  return attempts >= MAX_ATTEMPTS ? { status: "failed" } : { status: "queued", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/**
 * A message claimed longer ago than this without an outcome belongs to a worker that died mid-send;
 * it is offered again (it may then arrive twice: SMTP cannot tell us whether the first got through).
 */
export const STALE_CLAIM_MS = 10 * 60 * 1000;
