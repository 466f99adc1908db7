import { describe, expect, it } from "vitest";
import { changeSize, checkHardRange, expectedRange, flagsFor, hardRange, isLargeChange, type PlausibilityIndicator } from "@/lib/plausibility";
import { isMessageKey } from "@/lib/i18n/messages";
import { UNITS } from "@/lib/domain";
import { earliestPeriodFor } from "@/lib/periods";

const base = { hardMin: null, hardMax: null, expectedMin: null, expectedMax: null, expectedPerCapita: false, maxChange: null } as const;
const ind = (unit: PlausibilityIndicator["unit"], extra: Partial<PlausibilityIndicator> = {}): PlausibilityIndicator => ({ ...base, unit, ...extra });

describe("hardRange", () => {
  it("is the unit's bounds when the indicator sets none, with a finite ceiling for counts", () => {
    expect(hardRange(ind("percent"))).toEqual({ min: 0, max: 100 });
    expect(hardRange(ind("days"))).toEqual({ min: 0, max: 365 });
    expect(hardRange(ind("count"))).toEqual({ min: 0, max: 10_000_000 });
    for (const unit of UNITS) expect(Number.isFinite(hardRange(ind(unit)).max)).toBe(true);
  });

  it("uses the indicator's bounds, kept within the unit's own", () => {
    expect(hardRange(ind("percent", { hardMin: 10, hardMax: 90 }))).toEqual({ min: 10, max: 90 });
    expect(hardRange(ind("percent", { hardMin: -5, hardMax: 150 }))).toEqual({ min: 0, max: 100 });
    expect(hardRange(ind("count", { hardMax: 50_000_000 }))).toEqual({ min: 0, max: 50_000_000 });
  });
});

describe("checkHardRange", () => {
  const keys = (i: PlausibilityIndicator, v: number) => checkHardRange(i, v).map((p) => p.messageKey);

  it("refuses 1e25 and 1e308 before anyone has set a range", () => {
    expect(keys(ind("count"), 1e25)).toEqual(["validation.range.between"]);
    expect(checkHardRange(ind("count"), 1e308)).toEqual([{ messageKey: "validation.range.between", params: { min: 0, max: 10_000_000 } }]);
    expect(keys(ind("count"), Number.POSITIVE_INFINITY)).toEqual(["validation.range.between"]);
    expect(keys(ind("count"), 10_000_000)).toEqual([]);
  });

  it("names the unit's range, or the narrowed one with its numbers", () => {
    expect(keys(ind("percent"), -5)).toEqual(["validation.range.percent"]);
    expect(keys(ind("percent"), 150)).toEqual(["validation.range.percent"]);
    expect(keys(ind("days"), 400)).toEqual(["validation.range.days"]);
    expect(keys(ind("percent"), 100)).toEqual([]);
    expect(checkHardRange(ind("percent", { hardMin: 20 }), 10)).toEqual([{ messageKey: "validation.range.between", params: { min: 20, max: 100 } }]);
  });

  it("lists every problem: out of range and not a whole number", () => {
    expect(keys(ind("count"), 2.5)).toEqual(["validation.wholeNumber"]);
    expect(keys(ind("count"), -2.5)).toEqual(["validation.range.between", "validation.wholeNumber"]);
    expect(keys(ind("score5"), 6.5)).toEqual(["validation.range.score5", "validation.wholeNumber"]);
    expect(keys(ind("boolean"), 0.5)).toEqual(["validation.range.boolean"]);
    expect(keys(ind("boolean"), 1)).toEqual([]);
  });

  it("uses message keys the catalogue has", () => {
    for (const unit of UNITS) for (const v of [-1, 0.5, 1e9]) for (const p of checkHardRange(ind(unit), v)) expect(isMessageKey(p.messageKey)).toBe(true);
  });
});

describe("expected range", () => {
  it("flags a value outside the expected bounds", () => {
    const i = ind("percent", { expectedMin: 20, expectedMax: 80 });
    expect(flagsFor({ indicator: i, population: null, value: 85, previous: null })).toEqual(["outside_expected"]);
    expect(flagsFor({ indicator: i, population: null, value: 19.9, previous: null })).toEqual(["outside_expected"]);
    expect(flagsFor({ indicator: i, population: null, value: 50, previous: null })).toEqual([]);
    expect(flagsFor({ indicator: ind("percent", { expectedMax: 80 }), population: null, value: 0, previous: null })).toEqual([]);
  });

  it("scales per-capita bounds for counts with the city's population (per 100,000)", () => {
    // 2 to 10 emptying operators per 100,000 residents.
    const i = ind("count", { expectedMin: 2, expectedMax: 10, expectedPerCapita: true });
    expect(expectedRange(i, 250_000)).toEqual({ min: 5, max: 25 });
    expect(flagsFor({ indicator: i, population: 250_000, value: 25, previous: null })).toEqual([]);
    expect(flagsFor({ indicator: i, population: 250_000, value: 26, previous: null })).toEqual(["outside_expected"]);
    expect(flagsFor({ indicator: i, population: 250_000, value: 4, previous: null })).toEqual(["outside_expected"]);
    // The same counts are ordinary for larger or smaller cities (8–40 for 400,000; 1–5 for 50,000).
    expect(flagsFor({ indicator: i, population: 400_000, value: 26, previous: null })).toEqual([]);
    expect(flagsFor({ indicator: i, population: 50_000, value: 4, previous: null })).toEqual([]);
  });

  it("skips per-capita bounds when the city has no population", () => {
    const i = ind("count", { expectedMin: 2, expectedMax: 10, expectedPerCapita: true });
    expect(expectedRange(i, null)).toBeNull();
    expect(flagsFor({ indicator: i, population: null, value: 1_000_000, previous: null })).toEqual([]);
  });
});

describe("large change from the last validated value", () => {
  const previous = (value: number) => ({ period: "2026-Q1", value });

  it("measures percentages in points (default 20)", () => {
    expect(changeSize("percent", 40, 65)).toBe(25);
    expect(flagsFor({ indicator: ind("percent"), population: null, value: 61, previous: previous(40) })).toEqual(["large_change"]);
    expect(flagsFor({ indicator: ind("percent"), population: null, value: 60, previous: previous(40) })).toEqual([]);
    expect(flagsFor({ indicator: ind("percent"), population: null, value: 19, previous: previous(40) })).toEqual(["large_change"]);
    expect(flagsFor({ indicator: ind("percent", { maxChange: 5 }), population: null, value: 46, previous: previous(40) })).toEqual(["large_change"]);
  });

  it("measures counts and days as a ratio (default 3), either way", () => {
    expect(isLargeChange(ind("count"), 12, 120)).toBe(true); // tenfold
    expect(isLargeChange(ind("count"), 120, 12)).toBe(true); // a tenth
    expect(isLargeChange(ind("count"), 10, 30)).toBe(false); // 31 / 11 < 3
    expect(isLargeChange(ind("count"), 10, 40)).toBe(true);
    expect(isLargeChange(ind("days"), 30, 200)).toBe(true);
    expect(isLargeChange(ind("count", { maxChange: 20 }), 12, 120)).toBe(false);
  });

  it("handles zeros: ratios of value + 1", () => {
    expect(changeSize("count", 0, 0)).toBe(1);
    expect(isLargeChange(ind("count"), 0, 2)).toBe(false); // 3 / 1 = 3, not more
    expect(isLargeChange(ind("count"), 0, 3)).toBe(true);
    expect(isLargeChange(ind("count"), 5, 0)).toBe(true);
  });

  it("gives both flags at once, and none without a previous value", () => {
    const i = ind("count", { expectedMax: 50 });
    expect(flagsFor({ indicator: i, population: null, value: 120, previous: previous(12) })).toEqual(["outside_expected", "large_change"]);
    expect(flagsFor({ indicator: ind("count"), population: null, value: 120, previous: null })).toEqual([]);
  });
});

describe("earliestPeriodFor (lib/periods): the first quarter a city reports", () => {
  it("is the city's own setting when it has one", () => {
    expect(earliestPeriodFor({ earliestPeriod: "2021-Q3", joinedOn: "2023-01-15" })).toBe("2021-Q3");
  });
  it("else the quarter five years before the city joined", () => {
    expect(earliestPeriodFor({ earliestPeriod: null, joinedOn: "2023-01-15" })).toBe("2018-Q1");
    expect(earliestPeriodFor({ earliestPeriod: null, joinedOn: "2024-07-01" })).toBe("2019-Q3");
    expect(earliestPeriodFor({ earliestPeriod: null, joinedOn: "2024-12-31" })).toBe("2019-Q4");
    expect(earliestPeriodFor({ earliestPeriod: null, joinedOn: new Date("2026-02-15T00:00:00Z") })).toBe("2021-Q1");
  });
  it("else 2000-Q1, and never earlier", () => {
    expect(earliestPeriodFor({ earliestPeriod: null, joinedOn: null })).toBe("2000-Q1");
    expect(earliestPeriodFor({ earliestPeriod: null, joinedOn: "2003-05-01" })).toBe("2000-Q1");
    expect(earliestPeriodFor({ earliestPeriod: "1999-Q4", joinedOn: null })).toBe("2000-Q1");
  });
});
