import { describe, expect, it } from "vitest";
import { byPeriod, missingQuarters, onAxis, quarterAxis, MAX_AXIS_QUARTERS } from "@/lib/charts/quarter-series";

describe("quarter axis for trend charts", () => {
  it("lists every quarter in range, a missing quarter included", () => {
    // Values in 2025-Q3, 2025-Q4 and 2026-Q2: 2026-Q1 has none yet.
    const periods = ["2025-Q3", "2025-Q4", "2026-Q2"];
    const axis = quarterAxis(periods[0], periods[periods.length - 1]);
    expect(axis).toEqual(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
    const data = onAxis(axis, byPeriod(periods, [10, 20, 40]));
    expect(data).toEqual([10, 20, null, 40]);
    expect(missingQuarters(axis, data)).toEqual(["2026-Q1"]);
  });

  it("crosses years and keeps a single quarter", () => {
    expect(quarterAxis("2024-Q4", "2025-Q2")).toEqual(["2024-Q4", "2025-Q1", "2025-Q2"]);
    expect(quarterAxis("2025-Q2", "2025-Q2")).toEqual(["2025-Q2"]);
  });

  it("annual indicators get one point a year (their Q4), a missing year as a gap", () => {
    const axis = quarterAxis("2022-Q4", "2025-Q4", "annual");
    expect(axis).toEqual(["2022-Q4", "2023-Q4", "2024-Q4", "2025-Q4"]);
    expect(onAxis(axis, byPeriod(["2022-Q4", "2023-Q4", "2025-Q4"], [1, 2, 4]))).toEqual([1, 2, null, 4]);
  });

  it("no range without both ends, a reversed range or a malformed quarter", () => {
    expect(quarterAxis(null, "2025-Q1")).toEqual([]);
    expect(quarterAxis("2025-Q2", "2025-Q1")).toEqual([]);
    expect(quarterAxis("2025-Q5", "2026-Q1")).toEqual([]);
  });

  it("a stray quarter decades back does not make a chart of hundreds of quarters", () => {
    const axis = quarterAxis("2000-Q1", "2100-Q4");
    expect(axis).toHaveLength(MAX_AXIS_QUARTERS);
    expect(axis[axis.length - 1]).toBe("2100-Q4");
  });

  it("a null value stays a gap, it is not carried forward", () => {
    const axis = quarterAxis("2025-Q1", "2025-Q4");
    expect(onAxis(axis, new Map([["2025-Q1", 5], ["2025-Q2", null], ["2025-Q4", 7]]))).toEqual([5, null, null, 7]);
  });
});
