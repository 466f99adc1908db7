import { z } from "zod";
import type { Unit } from "@/lib/domain";
import { parseDecimal } from "@/lib/numbers";
import { UNIT_RANGES } from "@/lib/units";

/**
 * An indicator's plausible ranges as an administrator edits them on the framework page
 * (docs/values.md#plausible-ranges). Every field may be left empty: hard bounds then fall back to
 * the unit's own, an empty expected bound checks nothing, an empty max change is the unit's
 * default. Every problem of every field is reported, not only the first.
 */
export const RANGE_FIELDS = ["hardMin", "hardMax", "expectedMin", "expectedMax", "maxChange"] as const;
export type RangeField = (typeof RANGE_FIELDS)[number];

export interface IndicatorRanges {
  hardMin: number | null;
  hardMax: number | null;
  expectedMin: number | null;
  expectedMax: number | null;
  expectedPerCapita: boolean;
  maxChange: number | null;
}

/** What the form posts for one indicator: the text of each field and the per-capita checkbox. */
export const rangesInputSchema = z.object({
  hardMin: z.string().max(40, { error: "validation.tooLong" }),
  hardMax: z.string().max(40, { error: "validation.tooLong" }),
  expectedMin: z.string().max(40, { error: "validation.tooLong" }),
  expectedMax: z.string().max(40, { error: "validation.tooLong" }),
  maxChange: z.string().max(40, { error: "validation.tooLong" }),
  expectedPerCapita: z.boolean(),
});
export type RangesInput = z.infer<typeof rangesInputSchema>;

/** The highest number a bound of this unit may take (counts: the write path's ceiling). */
const upperOf = (unit: Unit) => UNIT_RANGES[unit].max ?? UNIT_RANGES[unit].ceiling;

export interface RangeIssue {
  field: RangeField | "expectedPerCapita";
  messageKey: string;
}

/**
 * Checks one indicator's ranges for its unit: numbers in the one strict form (local digits
 * accepted), each bound within the unit's bounds, min ≤ max, the expected range inside the hard
 * one (unless it is per 100,000 residents), per capita for counts only, max change above 0 (above 1
 * where it is a ratio: counts and days). Every problem of every field, at once — a schema's
 * refinement would stop at the first bad number, so the cross-field rules run on what parsed.
 */
export function checkIndicatorRanges(unit: Unit, input: RangesInput): { ok: true; value: IndicatorRanges } | { ok: false; issues: RangeIssue[] } {
  const range = UNIT_RANGES[unit];
  const issues: RangeIssue[] = [];
  const issue = (field: RangeIssue["field"], messageKey: string) => issues.push({ field, messageKey });
  const number = (field: RangeField): number | null => {
    const text = input[field];
    if (text.trim() === "") return null;
    const parsed = parseDecimal(text);
    if (!parsed.ok) {
      issue(field, parsed.messageKey);
      return null;
    }
    if (field !== "maxChange" && (parsed.value < range.min || parsed.value > upperOf(unit))) {
      issue(field, unit === "count" ? "validation.ranges.countBounds" : `validation.range.${unit}`);
      return null;
    }
    return parsed.value;
  };
  const r: IndicatorRanges = {
    hardMin: number("hardMin"),
    hardMax: number("hardMax"),
    expectedMin: number("expectedMin"),
    expectedMax: number("expectedMax"),
    maxChange: number("maxChange"),
    expectedPerCapita: input.expectedPerCapita,
  };
  if (r.hardMin !== null && r.hardMax !== null && r.hardMin > r.hardMax) issue("hardMax", "validation.ranges.order");
  if (r.expectedMin !== null && r.expectedMax !== null && r.expectedMin > r.expectedMax) issue("expectedMax", "validation.ranges.order");
  if (r.expectedPerCapita && unit !== "count") issue("expectedPerCapita", "validation.ranges.perCapitaCounts");
  // Per 100,000 residents the expected bounds are not on the hard range's scale.
  if (!(r.expectedPerCapita && unit === "count")) {
    const hardMin = r.hardMin ?? range.min;
    const hardMax = r.hardMax ?? upperOf(unit);
    if (r.expectedMin !== null && r.expectedMin < hardMin) issue("expectedMin", "validation.ranges.expectedInsideHard");
    if (r.expectedMax !== null && r.expectedMax > hardMax) issue("expectedMax", "validation.ranges.expectedInsideHard");
  }
  if (r.maxChange !== null) {
    const ratio = range.change === "ratio";
    if (ratio ? r.maxChange <= 1 : r.maxChange <= 0) issue("maxChange", ratio ? "validation.ranges.maxChangeRatio" : "validation.ranges.maxChangePositive");
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: r };
}

/** A stored bound as the form's text (empty for none). */
export function rangeText(value: number | null): string {
  return value === null ? "" : String(value);
}
