import { describe, expect, it } from "vitest";
import { analyseOutliers, MAD_SCALE, median } from "@/lib/outliers";

describe("outliers across cities: median ± 3 × scaled MAD", () => {
  it("marks the values far from the others in a hand-computed case", () => {
    // Seven cities. Sorted: 2, 10, 11, 12, 12, 13, 50 → median 12.
    // |x − 12|: 10, 2, 1, 0, 0, 1, 38 → sorted 0, 0, 1, 1, 2, 10, 38 → MAD 1.
    // Scaled MAD 1.4826; 3 × 1.4826 = 4.4478; bounds 7.5522 … 16.4478.
    const values = [10, 12, 11, 13, 50, 12, 2];
    const result = analyseOutliers(values);
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.median).toBe(12);
    expect(result.mad).toBe(1);
    expect(result.scaledMad).toBeCloseTo(1.4826, 10);
    expect(result.low).toBeCloseTo(7.5522, 10);
    expect(result.high).toBeCloseTo(16.4478, 10);
    expect(result.marks.map((m) => m.verdict)).toEqual([null, null, null, null, "high", null, "low"]);
    // 50 lies (50 − 12) / 1.4826 ≈ 25.63 scaled MADs above the median.
    expect(result.marks[4]?.score).toBeCloseTo(38 / 1.4826, 10);
    // A plain mean ± 3 SD would mark nothing here: the 50 inflates the SD enough to hide itself.
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    expect(values.filter((v) => Math.abs(v - mean) > 3 * sd)).toEqual([]);
  });

  it("keeps a value exactly on the bound, marks one just past it", () => {
    // median 0, MAD 1 (values −1, 0, 0, 1, x): bound at 3 × 1.4826 = 4.4478.
    const bound = 3 * MAD_SCALE;
    expect(analyseOutliers([-1, 0, 0, 1, bound])).toMatchObject({ status: "ok", marks: [{ verdict: null }, { verdict: null }, { verdict: null }, { verdict: null }, { verdict: null }] });
    const past = analyseOutliers([-1, 0, 0, 1, bound + 0.01]);
    expect(past.status === "ok" && past.marks[4]?.verdict).toBe("high");
  });

  it("says so instead with fewer than four values or no spread", () => {
    expect(analyseOutliers([1, 2, 300])).toEqual({ status: "tooFew", count: 3 });
    expect(analyseOutliers([])).toEqual({ status: "tooFew", count: 0 });
    // Three of five cities report 100: MAD is 0 and any other value would be infinitely far.
    expect(analyseOutliers([100, 100, 100, 40, 0])).toEqual({ status: "noSpread", count: 5, median: 100 });
  });

  it("takes the median of even and odd counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
