/**
 * Outliers across cities, pure: which of one indicator's values in one quarter lie far from the
 * others. The rule is robust — one wild value cannot hide itself by dragging the mean and the
 * standard deviation with it:
 *
 *   median m of the values; MAD = median of |x − m|; scaled MAD s = 1.4826 × MAD (for normally
 *   distributed values s estimates the standard deviation); a value is an outlier when
 *   |x − m| > k × s, k = 3.
 *
 * With fewer than MIN_VALUES values there is too little to compare; with MAD = 0 (at least half
 * the cities report the same number) every other value would be "infinitely" far, so neither
 * case marks anything and the page says why instead.
 */

export const MAD_SCALE = 1.4826;
export const OUTLIER_K = 3;
export const MIN_VALUES = 4;

export type OutlierVerdict = "low" | "high" | null;

export type OutlierAnalysis =
  | { status: "tooFew"; count: number }
  | { status: "noSpread"; count: number; median: number }
  | {
      status: "ok";
      count: number;
      median: number;
      mad: number;
      scaledMad: number;
      /** Values outside [low, high] are outliers. */
      low: number;
      high: number;
      /** Per value, in the order given: low/high outlier or null, and (x − m) / s. */
      marks: { verdict: OutlierVerdict; score: number }[];
    };

/** The median of the values (they need not be sorted); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** Marks the values far from the others by median ± k × scaled MAD. Non-finite values are ignored. */
export function analyseOutliers(values: readonly number[], k: number = OUTLIER_K): OutlierAnalysis {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < MIN_VALUES) return { status: "tooFew", count: finite.length };
  const m = median(finite);
  const mad = median(finite.map((v) => Math.abs(v - m)));
  if (mad === 0) return { status: "noSpread", count: finite.length, median: m };
  const scaledMad = MAD_SCALE * mad;
  const low = m - k * scaledMad;
  const high = m + k * scaledMad;
  return {
    status: "ok",
    count: finite.length,
    median: m,
    mad,
    scaledMad,
    low,
    high,
    marks: values.map((v) => ({ verdict: !Number.isFinite(v) ? null : v < low ? "low" : v > high ? "high" : null, score: (v - m) / scaledMad })),
  };
}
