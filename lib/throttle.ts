/**
 * Sign-in throttling. Three limits, so one person's lock is not a free denial of service and one
 * machine cannot try passwords against every address:
 *
 * - address + IP: 5 failures within 15 minutes lock that address *from that IP* for 15 minutes.
 *   The owner, signing in from elsewhere, is not locked out by someone guessing.
 * - address (backstop, from every IP): 50 failures within an hour lock the address for an hour,
 *   so guessing from many machines is still bounded.
 * - IP (across addresses): 30 failures within 15 minutes lock the IP for 15 minutes (password
 *   spraying). Shared office addresses get six people's worth of typos before it bites.
 *
 * The two address limits count failures since the address's last successful sign-in; the IP
 * limit counts every failure (one attacker's own account must not reset their spraying count).
 */
export interface ThrottleRule {
  max: number;
  windowMs: number;
  lockMs: number;
}

const MINUTE = 60 * 1000;

export const ADDRESS_IP_RULE: ThrottleRule = { max: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
export const ADDRESS_RULE: ThrottleRule = { max: 50, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE };
export const IP_RULE: ThrottleRule = { max: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

/** The address + IP rule, under the names the first version of this module used. */
export const MAX_FAILURES = ADDRESS_IP_RULE.max;
export const WINDOW_MS = ADDRESS_IP_RULE.windowMs;
export const LOCK_MS = ADDRESS_IP_RULE.lockMs;

/** How far back any rule looks: attempts older than this never matter. */
export const LOOKBACK_MS = Math.max(...[ADDRESS_IP_RULE, ADDRESS_RULE, IP_RULE].map((rule) => rule.windowMs + rule.lockMs));

/**
 * `failures` are the times of failed attempts (any order). The lock starts at the failure that
 * made `rule.max` within the window, and lasts `rule.lockMs` from there.
 */
export function lockedUntil(failures: Date[], now: Date, rule: ThrottleRule = ADDRESS_IP_RULE): Date | null {
  const times = failures.map((d) => d.getTime()).sort((a, b) => b - a);
  for (let i = 0; i + rule.max - 1 < times.length; i++) {
    const newest = times[i];
    const oldestOfGroup = times[i + rule.max - 1];
    if (newest === undefined || oldestOfGroup === undefined) break;
    if (newest - oldestOfGroup <= rule.windowMs) {
      const until = newest + rule.lockMs;
      return until > now.getTime() ? new Date(until) : null;
    }
    // Later groups are older still: a lock from them would have ended before this one.
    if (newest + rule.lockMs <= now.getTime()) break;
  }
  return null;
}

export interface LoginAttemptRow {
  ip: string | null;
  succeeded: boolean;
  at: Date;
}

/** Which limit refused an attempt: it decides the message (and how long to wait). */
export type ThrottleReason = "address" | "account" | "network";

export interface ThrottleVerdict {
  reason: ThrottleReason;
  until: Date;
}

/** Failures of an address after its newest success (rows of that one address, any IP). */
function failuresSinceSuccess(rows: readonly LoginAttemptRow[]): LoginAttemptRow[] {
  const lastSuccess = Math.max(-Infinity, ...rows.filter((row) => row.succeeded).map((row) => row.at.getTime()));
  return rows.filter((row) => !row.succeeded && row.at.getTime() > lastSuccess);
}

/**
 * Whether one more attempt for this address from this IP may be evaluated. `addressRows` are the
 * address's recent attempts from every IP; `ipFailureTimes` the IP's recent failures for every
 * address. A null IP (no proxy header) has no IP limit and shares the address + "unknown" lock.
 */
export function throttleVerdict(input: { ip: string | null; addressRows: readonly LoginAttemptRow[]; ipFailureTimes: readonly Date[] }, now: Date): ThrottleVerdict | null {
  const failures = failuresSinceSuccess(input.addressRows);
  const checks: [ThrottleReason, Date[], ThrottleRule][] = [
    ["address", failures.filter((row) => row.ip === input.ip).map((row) => row.at), ADDRESS_IP_RULE],
    ["account", failures.map((row) => row.at), ADDRESS_RULE],
  ];
  if (input.ip !== null) checks.push(["network", [...input.ipFailureTimes], IP_RULE]);
  let verdict: ThrottleVerdict | null = null;
  for (const [reason, times, rule] of checks) {
    const until = lockedUntil(times, now, rule);
    if (until && (!verdict || until > verdict.until)) verdict = { reason, until };
  }
  return verdict;
}

/**
 * For administrators: until when an address is locked for anyone, from any one IP or by the
 * backstop. Null when nobody is locked out of it.
 */
export function addressLockedUntil(addressRows: readonly LoginAttemptRow[], now: Date): Date | null {
  const failures = failuresSinceSuccess(addressRows);
  const byIp = new Map<string | null, Date[]>();
  for (const row of failures) byIp.set(row.ip, [...(byIp.get(row.ip) ?? []), row.at]);
  const locks = [lockedUntil(failures.map((row) => row.at), now, ADDRESS_RULE), ...[...byIp.values()].map((times) => lockedUntil(times, now, ADDRESS_IP_RULE))];
  return locks.reduce<Date | null>((latest, until) => (until && (!latest || until > latest) ? until : latest), null);
}
