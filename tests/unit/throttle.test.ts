import { describe, expect, it } from "vitest";
import { lockedUntil } from "@/lib/throttle";

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
