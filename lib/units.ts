import type { Indicator } from "@/db/schema";

type Unit = Indicator["unit"];

export interface UnitRange {
  /** The unit's own bounds (null max: no natural upper bound), as the framework file defines them. */
  min: number;
  max: number | null;
  integer: boolean;
  /**
   * The highest value accepted when the indicator sets no hard maximum (lib/plausibility.ts): the
   * unit's own maximum, or for counts a finite ceiling — no city has 10^25 of anything, and a value
   * like 1e308 must be refused before an administrator has set any range.
   */
  ceiling: number;
  /**
   * How a move from the city's last validated value is measured: in points (percentages and
   * other bounded units) or as a ratio, larger over smaller (counts and days).
   */
  change: "points" | "ratio";
  /** The move that needs an explanation when the indicator sets no maxChange. */
  maxChange: number;
}

/** Per unit: the range, whole numbers, and the defaults of the plausibility checks. */
export const UNIT_RANGES: Record<Unit, UnitRange> = {
  percent: { min: 0, max: 100, integer: false, ceiling: 100, change: "points", maxChange: 20 },
  ratio: { min: 0, max: 2, integer: false, ceiling: 2, change: "points", maxChange: 0.5 },
  count: { min: 0, max: null, integer: true, ceiling: 10_000_000, change: "ratio", maxChange: 3 },
  days: { min: 0, max: 365, integer: false, ceiling: 365, change: "ratio", maxChange: 3 },
  // A yes/no answer may flip; that alone is no reason to ask for an explanation.
  boolean: { min: 0, max: 1, integer: true, ceiling: 1, change: "points", maxChange: 1 },
  score5: { min: 0, max: 5, integer: true, ceiling: 5, change: "points", maxChange: 2 },
};
