import type { Indicator } from "@/db/schema";
import type { ValueFlag } from "@/lib/domain";
import { UNIT_RANGES } from "@/lib/units";

/**
 * Plausible values (issue 12), pure. Three rules, each per indicator:
 *
 * - the hard range: a value outside is refused. The indicator's hardMin/hardMax when set (within
 *   the unit's own bounds: a percentage stays within 0–100), else the unit's bounds, with a finite
 *   ceiling for counts (lib/units.ts), so 1e25 and 1e308 are refused even before anyone sets ranges;
 * - the expected range: a value outside is accepted but flagged `outside_expected`. For counts
 *   with expectedPerCapita the bounds are per 100,000 residents, scaled by the city's population;
 *   a city without a population gets no expected check for those;
 * - a large change from the city's last validated value of the indicator (for an earlier
 *   quarter): flagged `large_change` when it moves more than maxChange (else the unit's default) —
 *   in points for percentages and other bounded units, as a ratio (larger / smaller) for counts and
 *   days. Ratios are taken of value + 1, so a zero compares sensibly: 0 → 2 is a ratio of 3, and
 *   0 → 0 is no change.
 *
 * A flagged value needs the officer's explanation before it is submitted; the reviewer sees the
 * flag with both numbers.
 */

export type PlausibilityIndicator = Pick<Indicator, "unit" | "hardMin" | "hardMax" | "expectedMin" | "expectedMax" | "expectedPerCapita" | "maxChange">;

/** Expected bounds with expectedPerCapita are per this many residents. */
export const PER_CAPITA_BASE = 100_000;

export interface Range {
  min: number;
  max: number;
}

/** The range a value must lie in to be saved at all. */
export function hardRange(indicator: Pick<PlausibilityIndicator, "unit" | "hardMin" | "hardMax">): Range {
  const unit = UNIT_RANGES[indicator.unit];
  const upper = unit.max ?? Number.POSITIVE_INFINITY;
  return {
    min: Math.min(upper, Math.max(unit.min, indicator.hardMin ?? unit.min)),
    max: Math.max(unit.min, Math.min(upper, indicator.hardMax ?? unit.ceiling)),
  };
}

/** A refused value: the message key, and what it names (the bounds). */
export interface RangeProblem {
  messageKey: string;
  params?: Record<string, number>;
}

/**
 * The hard range and whole numbers for one value. Every problem, not only the first: −2.5 for a
 * count is both below the range and not a whole number. Within the unit's own bounds the unit's
 * message says it ("A percentage must be between 0 and 100"); a range an administrator narrowed, or
 * the count ceiling, is named with its numbers.
 */
export function checkHardRange(indicator: Pick<PlausibilityIndicator, "unit" | "hardMin" | "hardMax">, value: number): RangeProblem[] {
  const unit = UNIT_RANGES[indicator.unit];
  const range = hardRange(indicator);
  const problems: RangeProblem[] = [];
  const outside = !Number.isFinite(value) || value < range.min || value > range.max;
  const fraction = unit.integer && Number.isFinite(value) && !Number.isInteger(value);
  const unitOwn = range.min === unit.min && unit.max !== null && range.max === unit.max;
  if (indicator.unit === "boolean" && unitOwn) {
    // "Answer yes (1) or no (0)" covers both problems.
    if (outside || fraction) problems.push({ messageKey: "validation.range.boolean" });
    return problems;
  }
  if (outside) problems.push(unitOwn ? { messageKey: `validation.range.${indicator.unit}` } : { messageKey: "validation.range.between", params: { min: range.min, max: range.max } });
  if (fraction) problems.push({ messageKey: "validation.wholeNumber" });
  return problems;
}

/**
 * The expected range for this city, or null when there is none to check: no bounds set, or
 * per-capita bounds and no population.
 */
export function expectedRange(indicator: PlausibilityIndicator, population: number | null): { min: number | null; max: number | null } | null {
  if (indicator.expectedMin === null && indicator.expectedMax === null) return null;
  if (indicator.expectedPerCapita && indicator.unit === "count") {
    if (population === null || !(population > 0)) return null;
    const scale = population / PER_CAPITA_BASE;
    return { min: indicator.expectedMin === null ? null : indicator.expectedMin * scale, max: indicator.expectedMax === null ? null : indicator.expectedMax * scale };
  }
  return { min: indicator.expectedMin, max: indicator.expectedMax };
}

export function isOutsideExpected(indicator: PlausibilityIndicator, population: number | null, value: number): boolean {
  const range = expectedRange(indicator, population);
  if (!range) return false;
  return (range.min !== null && value < range.min) || (range.max !== null && value > range.max);
}

/** How far `value` moved from `previous`, in the unit's measure (points, or a ratio ≥ 1). */
export function changeSize(unit: PlausibilityIndicator["unit"], previous: number, value: number): number {
  if (UNIT_RANGES[unit].change === "points") return Math.abs(value - previous);
  const a = Math.max(0, value) + 1;
  const b = Math.max(0, previous) + 1;
  return Math.max(a / b, b / a);
}

/** The move that needs an explanation for this indicator. */
export function maxChangeOf(indicator: Pick<PlausibilityIndicator, "unit" | "maxChange">): number {
  return indicator.maxChange ?? UNIT_RANGES[indicator.unit].maxChange;
}

export function isLargeChange(indicator: Pick<PlausibilityIndicator, "unit" | "maxChange">, previous: number, value: number): boolean {
  return changeSize(indicator.unit, previous, value) > maxChangeOf(indicator);
}

/** The city's last validated value of the indicator for an earlier quarter. */
export interface PreviousValue {
  period: string;
  value: number;
}

/** Why a value needs a second look, in VALUE_FLAGS order; empty when it looks ordinary. */
export function flagsFor(input: { indicator: PlausibilityIndicator; population: number | null; value: number; previous: PreviousValue | null }): ValueFlag[] {
  const flags: ValueFlag[] = [];
  if (isOutsideExpected(input.indicator, input.population, input.value)) flags.push("outside_expected");
  if (input.previous && isLargeChange(input.indicator, input.previous.value, input.value)) flags.push("large_change");
  return flags;
}
