import type { Indicator } from "@/db/schema";

type Unit = Indicator["unit"];

/** Allowed value range per unit (null max: no upper bound), as the framework file defines them. */
export const UNIT_RANGES: Record<Unit, { min: number; max: number | null; integer: boolean }> = {
  percent: { min: 0, max: 100, integer: false },
  ratio: { min: 0, max: 2, integer: false },
  count: { min: 0, max: null, integer: true },
  days: { min: 0, max: 365, integer: false },
  boolean: { min: 0, max: 1, integer: true },
  score5: { min: 0, max: 5, integer: true },
};
