import { describe, expect, it } from "vitest";
import { goalProgress, goalTargetProblem, meetsTarget, type GoalProgressInput } from "@/lib/plans/on-track";

// Every expected number is worked out by hand from the rule in lib/plans/on-track.ts; the
// arithmetic is in the comment beside it. "q" counts quarters from the baseline quarter.

/** A percentage goal: 40 % in 2025-Q4 → 80 % in 2027-Q4, 8 quarters. */
const coverage = (latest: GoalProgressInput["latest"], asOf: string): GoalProgressInput => ({
  direction: "higher_is_better",
  unit: "percent",
  baseline: { value: 40, period: "2025-Q4" },
  latest,
  target: { value: 80, period: "2027-Q4" },
  asOf,
});

describe("a higher-is-better goal", () => {
  it("ahead of the path is on track", () => {
    // progress (52 − 40) / (80 − 40) = 12/40 = 0.3 ≥ expected 2q/8q = 0.25 → on_track.
    // actual 12 / 2q = 6 a quarter; required (80 − 52) / 6q left = 28/6.
    const result = goalProgress(coverage({ value: 52, period: "2026-Q2" }, "2026-Q3"));
    expect(result.status).toBe("on_track");
    expect(result.progress).toBeCloseTo(0.3, 12);
    expect(result.expectedProgress).toBe(0.25);
    expect(result.actualPerQuarter).toBe(6);
    expect(result.requiredPerQuarter).toBeCloseTo(28 / 6, 12);
  });

  it("behind the path is behind", () => {
    // progress 8/40 = 0.2 < expected 2/8 = 0.25 → behind; actual 8/2 = 4 < required 32/6 ≈ 5.33.
    const result = goalProgress(coverage({ value: 48, period: "2026-Q2" }, "2026-Q3"));
    expect(result.status).toBe("behind");
    expect(result.progress).toBeCloseTo(0.2, 12);
    expect(result.expectedProgress).toBe(0.25);
    expect(result.actualPerQuarter).toBe(4);
    expect(result.requiredPerQuarter).toBeCloseTo(32 / 6, 12);
  });

  it("exactly on the path is on track, and the actual pace equals the required one", () => {
    // progress 10/40 = 0.25 = expected 2/8; actual 10/2 = 5 = required 30/6 = 5.
    const result = goalProgress(coverage({ value: 50, period: "2026-Q2" }, "2026-Q2"));
    expect(result).toEqual({ status: "on_track", progress: 0.25, expectedProgress: 0.25, requiredPerQuarter: 5, actualPerQuarter: 5 });
  });

  it("is measured at the latest value's quarter, not at asOf", () => {
    // Same 52 % in 2026-Q2, read in 2027-Q3: still 0.3 ≥ 2/8 → on_track.
    expect(goalProgress(coverage({ value: 52, period: "2026-Q2" }, "2027-Q3")).status).toBe("on_track");
  });

  it("a value that fell below the baseline has progress 0", () => {
    // (36 − 40) / 40 = −0.1 → clamped 0 < 0.25 → behind; actual −4 / 2q = −2.
    const result = goalProgress(coverage({ value: 36, period: "2026-Q2" }, "2026-Q3"));
    expect(result.status).toBe("behind");
    expect(result.progress).toBe(0);
    expect(result.actualPerQuarter).toBe(-2);
  });

  it("meeting or passing the target is achieved, before or after the target quarter", () => {
    // 80 ≥ 80 in 2027-Q1 (5q): progress 1, expected 5/8; actual 40/5 = 8; nothing more required.
    expect(goalProgress(coverage({ value: 80, period: "2027-Q1" }, "2027-Q2"))).toEqual({ status: "achieved", progress: 1, expectedProgress: 0.625, requiredPerQuarter: null, actualPerQuarter: 8 });
    expect(goalProgress(coverage({ value: 85, period: "2026-Q1" }, "2026-Q2")).status).toBe("achieved");
    // Reached in 2028-Q2, two quarters late: still achieved, not overdue.
    expect(goalProgress(coverage({ value: 81, period: "2028-Q2" }, "2028-Q3")).status).toBe("achieved");
  });

  it("is overdue once asOf is past the target quarter without the target", () => {
    // asOf 2028-Q1 > 2027-Q4; progress 30/40 = 0.75, expected 8/8 = 1; actual 30/8 = 3.75.
    expect(goalProgress(coverage({ value: 70, period: "2027-Q4" }, "2028-Q1"))).toEqual({ status: "overdue", progress: 0.75, expectedProgress: 1, requiredPerQuarter: null, actualPerQuarter: 3.75 });
  });

  it("in the target quarter itself it is behind, not yet overdue", () => {
    // 0.75 < expected 1; no quarter left after 2027-Q4 → required null.
    const result = goalProgress(coverage({ value: 70, period: "2027-Q4" }, "2027-Q4"));
    expect(result.status).toBe("behind");
    expect(result.requiredPerQuarter).toBeNull();
  });
});

describe("no newer data than the baseline", () => {
  const stale = { value: 40, period: "2025-Q4" };

  it("is on track only while no time has passed", () => {
    // Measured at asOf: 2025-Q4 → 0/8 = 0; progress 0 ≥ 0 → on_track; required 40/8 = 5.
    expect(goalProgress(coverage(stale, "2025-Q4"))).toEqual({ status: "on_track", progress: 0, expectedProgress: 0, requiredPerQuarter: 5, actualPerQuarter: null });
    // 2026-Q1 → 1/8 = 0.125 > 0 → behind.
    const later = goalProgress(coverage(stale, "2026-Q1"));
    expect(later.status).toBe("behind");
    expect(later.expectedProgress).toBe(0.125);
  });

  it("a latest value older than the baseline counts as none newer", () => {
    // 30 % in 2025-Q2 predates the baseline: the baseline (40 %, progress 0) stands in.
    expect(goalProgress(coverage({ value: 30, period: "2025-Q2" }, "2025-Q4")).status).toBe("on_track");
    expect(goalProgress(coverage({ value: 30, period: "2025-Q2" }, "2026-Q2")).progress).toBe(0);
  });

  it("no baseline or no latest value is no_data", () => {
    const empty = { status: "no_data", progress: null, expectedProgress: null, requiredPerQuarter: null, actualPerQuarter: null };
    expect(goalProgress(coverage(null, "2026-Q2"))).toEqual(empty);
    expect(goalProgress({ ...coverage({ value: 52, period: "2026-Q2" }, "2026-Q3"), baseline: null })).toEqual(empty);
  });
});

describe("a lower-is-better goal", () => {
  /** Days to empty a pit on request: 20 in 2026-Q1 → 8 in 2027-Q1, 4 quarters. */
  const emptying = (value: number, period: string, asOf = "2026-Q4"): GoalProgressInput => ({
    direction: "lower_is_better",
    unit: "days",
    baseline: { value: 20, period: "2026-Q1" },
    latest: { value, period },
    target: { value: 8, period: "2027-Q1" },
    asOf,
  });

  it("counts a fall as progress", () => {
    // (14 − 20) / (8 − 20) = −6/−12 = 0.5 ≥ expected 2/4 = 0.5 → on_track; actual −6/2 = −3 = required (8 − 14)/2.
    expect(goalProgress(emptying(14, "2026-Q3"))).toEqual({ status: "on_track", progress: 0.5, expectedProgress: 0.5, requiredPerQuarter: -3, actualPerQuarter: -3 });
    // (17 − 20) / −12 = 0.25 < 0.5 → behind; actual −1.5 a quarter, required (8 − 17)/2 = −4.5.
    expect(goalProgress(emptying(17, "2026-Q3"))).toEqual({ status: "behind", progress: 0.25, expectedProgress: 0.5, requiredPerQuarter: -4.5, actualPerQuarter: -1.5 });
  });

  it("a rise is progress 0", () => {
    // (24 − 20) / −12 < 0 → 0.
    expect(goalProgress(emptying(24, "2026-Q2")).progress).toBe(0);
  });

  it("at or under the target is achieved", () => {
    expect(goalProgress(emptying(8, "2026-Q4")).status).toBe("achieved");
    expect(goalProgress(emptying(7, "2026-Q4")).status).toBe("achieved");
    expect(meetsTarget("lower_is_better", 8.5, 8)).toBe(false);
  });

  it("open defecation, a percentage that should fall", () => {
    // 12 % in 2025-Q4 → 0 % in 2026-Q4 (4q); 9 % in 2026-Q1: (9 − 12)/(0 − 12) = 0.25 ≥ 1/4 → on_track.
    const result = goalProgress({ direction: "lower_is_better", unit: "percent", baseline: { value: 12, period: "2025-Q4" }, latest: { value: 9, period: "2026-Q1" }, target: { value: 0, period: "2026-Q4" }, asOf: "2026-Q2" });
    expect(result.status).toBe("on_track");
    expect(result.progress).toBe(0.25);
  });
});

describe("targets that are no improvement on the baseline", () => {
  it("a baseline that already meets the target is achieved", () => {
    // 85 ≥ 80 with no newer data.
    const input = { ...coverage({ value: 85, period: "2025-Q4" }, "2026-Q2"), baseline: { value: 85, period: "2025-Q4" } };
    expect(goalProgress(input)).toMatchObject({ status: "achieved", progress: 1 });
    // Falling back under it: the way from 85 to 80 is no way at all → progress 0 < expected 2/8 → behind.
    expect(goalProgress({ ...input, latest: { value: 78, period: "2026-Q2" } })).toMatchObject({ status: "behind", progress: 0, expectedProgress: 0.25 });
  });

  it("a target equal to the baseline is achieved while the value holds", () => {
    const equal = { ...coverage({ value: 40, period: "2026-Q2" }, "2026-Q3"), target: { value: 40, period: "2027-Q4" } };
    expect(goalProgress(equal).status).toBe("achieved");
    expect(goalProgress({ ...equal, latest: { value: 39, period: "2026-Q2" } })).toMatchObject({ status: "behind", progress: 0 });
  });
});

describe("invalid input throws", () => {
  it("a target quarter equal to or before the baseline quarter", () => {
    expect(() => goalProgress({ ...coverage({ value: 52, period: "2026-Q2" }, "2026-Q3"), target: { value: 80, period: "2025-Q4" } })).toThrow(RangeError);
    expect(() => goalProgress({ ...coverage({ value: 52, period: "2026-Q2" }, "2026-Q3"), target: { value: 80, period: "2025-Q1" } })).toThrow(RangeError);
    // Also when there is no latest value yet.
    expect(() => goalProgress({ ...coverage(null, "2026-Q3"), target: { value: 80, period: "2025-Q4" } })).toThrow(RangeError);
  });

  it("malformed periods and values that are not numbers", () => {
    expect(() => goalProgress(coverage({ value: 52, period: "2026-Q5" }, "2026-Q3"))).toThrow(RangeError);
    expect(() => goalProgress(coverage({ value: 52, period: "2026-Q2" }, "2026Q3"))).toThrow(RangeError);
    expect(() => goalProgress(coverage({ value: Number.NaN, period: "2026-Q2" }, "2026-Q3"))).toThrow(RangeError);
    expect(() => goalProgress({ ...coverage({ value: 52, period: "2026-Q2" }, "2026-Q3"), target: { value: Number.POSITIVE_INFINITY, period: "2027-Q4" } })).toThrow(RangeError);
  });
});

describe("a yes/no goal", () => {
  /** "The city has a faecal sludge by-law": no in 2025-Q4 → yes by 2027-Q4. */
  const byLaw = (value: number, period: string, asOf: string): GoalProgressInput => ({
    direction: "higher_is_better",
    unit: "boolean",
    baseline: { value: 0, period: "2025-Q4" },
    latest: { value, period },
    target: { value: 1, period: "2027-Q4" },
    asOf,
  });

  it("is on track while it is still no before the target quarter (no partial yes)", () => {
    // progress 0; expected steps from 0 to 1 at 2027-Q4, so 0 in 2026-Q2 → on_track. No rates for yes/no.
    expect(goalProgress(byLaw(0, "2026-Q2", "2026-Q3"))).toEqual({ status: "on_track", progress: 0, expectedProgress: 0, requiredPerQuarter: null, actualPerQuarter: null });
    // No newer data either: measured at asOf 2027-Q3 < 2027-Q4 → still 0 → on_track.
    expect(goalProgress(byLaw(0, "2025-Q4", "2027-Q3")).status).toBe("on_track");
  });

  it("yes is achieved with progress 1", () => {
    expect(goalProgress(byLaw(1, "2026-Q4", "2027-Q1"))).toMatchObject({ status: "achieved", progress: 1 });
  });

  it("still no in the target quarter is behind, and after it overdue", () => {
    // expected 1 at 2027-Q4, progress 0 → behind.
    expect(goalProgress(byLaw(0, "2027-Q4", "2027-Q4"))).toMatchObject({ status: "behind", progress: 0, expectedProgress: 1 });
    expect(goalProgress(byLaw(0, "2027-Q4", "2028-Q1")).status).toBe("overdue");
  });
});

describe("rounding", () => {
  it("a value exactly on the path is not behind by a rounding error", () => {
    // Ratio 0.1 in 2026-Q1 → 0.5 in 2026-Q3 (2q); 0.3 in 2026-Q2: 0.2/0.4 = 0.5 on paper,
    // 0.49999999999999994 in doubles, against expected 1/2 → on_track.
    const result = goalProgress({ direction: "higher_is_better", unit: "ratio", baseline: { value: 0.1, period: "2026-Q1" }, latest: { value: 0.3, period: "2026-Q2" }, target: { value: 0.5, period: "2026-Q3" }, asOf: "2026-Q2" });
    expect(result.progress).toBeCloseTo(0.5, 12);
    expect(result.status).toBe("on_track");
  });
});

describe("goalTargetProblem", () => {
  const percent = { unit: "percent" as const, direction: "higher_is_better" as const, hardMin: null, hardMax: null };
  const days = { unit: "days" as const, direction: "lower_is_better" as const, hardMin: null, hardMax: null };

  it("accepts an improvement, later than the baseline, within range", () => {
    expect(goalTargetProblem(percent, 40, 80, "2027-Q4", "2025-Q4")).toBeNull();
    expect(goalTargetProblem(percent, 40, 100, "2026-Q1", "2025-Q4")).toBeNull();
    expect(goalTargetProblem(days, 20, 8, "2027-Q1", "2026-Q1")).toBeNull();
    // Without a baseline only the range and the form of the quarter are checked.
    expect(goalTargetProblem(percent, null, 30, "2027-Q4", null)).toBeNull();
  });

  it("refuses targets outside the unit's or the indicator's hard range", () => {
    expect(goalTargetProblem(percent, 40, 101, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetOutOfRange");
    expect(goalTargetProblem(percent, 40, -1, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetOutOfRange");
    expect(goalTargetProblem(percent, 40, Number.NaN, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetOutOfRange");
    expect(goalTargetProblem({ ...percent, hardMax: 90 }, 40, 95, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetOutOfRange");
    expect(goalTargetProblem({ ...percent, hardMax: 90 }, 40, 90, "2027-Q4", "2025-Q4")).toBeNull();
    expect(goalTargetProblem({ ...days, hardMin: 1 }, 20, 0.5, "2027-Q1", "2026-Q1")).toBe("validation.plans.targetOutOfRange");
    // Counts: whole numbers, below the unit's ceiling of 10,000,000.
    const count = { unit: "count" as const, direction: "higher_is_better" as const, hardMin: null, hardMax: null };
    expect(goalTargetProblem(count, 2, 10.5, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetOutOfRange");
    expect(goalTargetProblem(count, 2, 20_000_000, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetOutOfRange");
    const yesNo = { unit: "boolean" as const, direction: "higher_is_better" as const, hardMin: null, hardMax: null };
    expect(goalTargetProblem(yesNo, 0, 2, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetOutOfRange");
    expect(goalTargetProblem(yesNo, 0, 0.5, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetOutOfRange");
    expect(goalTargetProblem(yesNo, 0, 1, "2027-Q4", "2025-Q4")).toBeNull();
  });

  it("refuses a target that is not better than the baseline in the indicator's direction", () => {
    expect(goalTargetProblem(percent, 40, 40, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetNotBetter");
    expect(goalTargetProblem(percent, 40, 30, "2027-Q4", "2025-Q4")).toBe("validation.plans.targetNotBetter");
    expect(goalTargetProblem(days, 20, 25, "2027-Q1", "2026-Q1")).toBe("validation.plans.targetNotBetter");
    expect(goalTargetProblem(days, 20, 20, "2027-Q1", "2026-Q1")).toBe("validation.plans.targetNotBetter");
  });

  it("refuses a target quarter not after the baseline quarter, or not a quarter", () => {
    expect(goalTargetProblem(percent, 40, 80, "2025-Q4", "2025-Q4")).toBe("validation.plans.targetPeriod");
    expect(goalTargetProblem(percent, 40, 80, "2025-Q3", "2025-Q4")).toBe("validation.plans.targetPeriod");
    expect(goalTargetProblem(percent, 40, 80, "2027-Q5", "2025-Q4")).toBe("validation.plans.targetPeriod");
    expect(goalTargetProblem(percent, null, 80, "FY2026-27", null)).toBe("validation.plans.targetPeriod");
  });

  it("names the value's problem before the quarter's", () => {
    expect(goalTargetProblem(percent, 40, 120, "2025-Q1", "2025-Q4")).toBe("validation.plans.targetOutOfRange");
    expect(goalTargetProblem(percent, 40, 30, "2025-Q1", "2025-Q4")).toBe("validation.plans.targetNotBetter");
  });
});
