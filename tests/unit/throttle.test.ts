import { describe, expect, it } from "vitest";
import { ADDRESS_IP_RULE, ADDRESS_RULE, IP_RULE, LOOKBACK_MS, addressLockedUntil, lockedUntil, throttleVerdict, type LoginAttemptRow } from "@/lib/throttle";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(now.getTime() - m * 60_000));

describe("login lock", () => {
  it("four failures do not lock", () => {
    expect(lockedUntil(minutesAgo(1, 2, 3, 4), now)).toBeNull();
  });

  it("five failures within 15 minutes lock for 15 minutes from the fifth", () => {
    expect(lockedUntil(minutesAgo(1, 2, 3, 4, 5), now)).toEqual(new Date(now.getTime() + 14 * 60_000));
  });

  it("five failures spread over more than 15 minutes do not lock", () => {
    expect(lockedUntil(minutesAgo(1, 5, 10, 15, 20), now)).toBeNull();
  });

  it("the lock ends 15 minutes after the locking failure", () => {
    expect(lockedUntil(minutesAgo(16, 17, 18, 19, 20), now)).toBeNull();
    expect(lockedUntil(minutesAgo(14, 17, 18, 19, 20), now)).toEqual(new Date(now.getTime() + 60_000));
  });

  it("order of the input does not matter", () => {
    expect(lockedUntil(minutesAgo(5, 1, 4, 2, 3), now)).toEqual(new Date(now.getTime() + 14 * 60_000));
  });
});


const failed = (ip: string | null, ...minutes: number[]): LoginAttemptRow[] => minutesAgo(...minutes).map((at) => ({ ip, succeeded: false, at }));
const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i * 0.1);

describe("sign-in limits", () => {
  it("are 5 per address and IP in 15 minutes, 50 per address in an hour, 30 per IP in 15 minutes", () => {
    expect(ADDRESS_IP_RULE).toEqual({ max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
    expect(ADDRESS_RULE).toEqual({ max: 50, windowMs: 60 * 60_000, lockMs: 60 * 60_000 });
    expect(IP_RULE).toEqual({ max: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
    expect(LOOKBACK_MS).toBe(120 * 60_000);
  });

  it("five failures lock the address from that IP only", () => {
    const addressRows = failed("10.0.0.1", 1, 2, 3, 4, 5);
    expect(throttleVerdict({ ip: "10.0.0.1", addressRows, ipFailureTimes: minutesAgo(1, 2, 3, 4, 5) }, now)).toEqual({ reason: "address", until: new Date(now.getTime() + 14 * 60_000) });
    expect(throttleVerdict({ ip: "10.0.0.2", addressRows, ipFailureTimes: [] }, now)).toBeNull();
    expect(throttleVerdict({ ip: "10.0.0.1", addressRows: failed("10.0.0.1", 1, 2, 3, 4), ipFailureTimes: [] }, now)).toBeNull();
  });

  it("fifty failures from many IPs lock the address for everyone, for an hour", () => {
    const addressRows = Array.from({ length: 50 }, (_, i) => failed(`10.0.${i}.1`, 1 + i * 0.5)).flat();
    const verdict = throttleVerdict({ ip: "192.168.1.1", addressRows, ipFailureTimes: [] }, now);
    expect(verdict?.reason).toBe("account");
    expect(verdict?.until).toEqual(new Date(now.getTime() + 59 * 60_000));
    expect(throttleVerdict({ ip: "192.168.1.1", addressRows: addressRows.slice(1), ipFailureTimes: [] }, now)).toBeNull();
  });

  it("thirty failures from one IP across addresses lock that IP for every address", () => {
    expect(throttleVerdict({ ip: "10.0.0.9", addressRows: [], ipFailureTimes: minutesAgo(...range(30)) }, now)?.reason).toBe("network");
    expect(throttleVerdict({ ip: "10.0.0.9", addressRows: [], ipFailureTimes: minutesAgo(...range(29)) }, now)).toBeNull();
  });

  it("a success resets the address limits but not the IP limit", () => {
    const addressRows = [...failed("10.0.0.1", 10, 11, 12, 13), { ip: "10.0.0.7", succeeded: true, at: minutesAgo(5)[0] ?? now }, ...failed("10.0.0.1", 1)];
    expect(throttleVerdict({ ip: "10.0.0.1", addressRows, ipFailureTimes: [] }, now)).toBeNull();
    expect(throttleVerdict({ ip: "10.0.0.1", addressRows, ipFailureTimes: minutesAgo(...range(30)) }, now)?.reason).toBe("network");
  });

  it("without an IP there is no IP limit, and unknown-IP attempts share one address lock", () => {
    expect(throttleVerdict({ ip: null, addressRows: failed(null, 1, 2, 3, 4, 5), ipFailureTimes: minutesAgo(...range(40)) }, now)?.reason).toBe("address");
    expect(throttleVerdict({ ip: null, addressRows: failed("10.0.0.1", 1, 2, 3, 4, 5), ipFailureTimes: [] }, now)).toBeNull();
  });

  it("an administrator sees an address as locked when any one IP is, or the backstop is", () => {
    expect(addressLockedUntil([...failed("10.0.0.1", 1, 2), ...failed("10.0.0.2", 1, 2, 3, 4, 6)], now)).toEqual(new Date(now.getTime() + 14 * 60_000));
    expect(addressLockedUntil([...failed("10.0.0.1", 1, 2, 3, 4), ...failed("10.0.0.2", 1, 2, 3, 4)], now)).toBeNull();
    expect(addressLockedUntil(failed("10.0.0.1", 16, 17, 18, 19, 20), now)).toBeNull();
  });
});
