/**
 * Time axes for trend charts. A chart's x axis lists every quarter in its range, not only the
 * quarters that hold a value: a quarter without a validated value is a null (a visible gap in the
 * line, with `spanGaps: false`) instead of silently disappearing from a categorical axis.
 */
import { addQuarters, parsePeriod } from "@/lib/periods";
import type { Frequency } from "@/lib/domain";

/** A range longer than this is a data error (a stray quarter decades back), not a chart. */
export const MAX_AXIS_QUARTERS = 200;

/**
 * Every quarter from `first` to `last` inclusive, oldest first; for an annual indicator only the
 * years' Q4 (annual values report in Q4). Empty when either end is missing or not a quarter.
 * A range longer than MAX_AXIS_QUARTERS keeps its newest MAX_AXIS_QUARTERS quarters.
 */
export function quarterAxis(first: string | null | undefined, last: string | null | undefined, frequency: Frequency = "quarterly"): string[] {
  if (!first || !last || !parsePeriod(first) || !parsePeriod(last) || first > last) return [];
  const out: string[] = [];
  for (let p = last; p >= first && out.length < MAX_AXIS_QUARTERS; p = addQuarters(p, -1)) {
    if (frequency === "quarterly" || p.endsWith("Q4")) out.push(p);
  }
  return out.reverse();
}

/**
 * Places values known for some quarters on an axis: one entry per axis quarter, null where
 * `values` has none (or holds null).
 */
export function onAxis<T>(axis: readonly string[], values: ReadonlyMap<string, T | null>): (T | null)[] {
  return axis.map((period) => values.get(period) ?? null);
}

/** `values[i]` belongs to `periods[i]`: the same, as a map for onAxis. */
export function byPeriod<T>(periods: readonly string[], values: readonly (T | null | undefined)[]): Map<string, T | null> {
  return new Map(periods.map((period, i) => [period, values[i] ?? null]));
}

/** Quarters of the axis that carry no value: the gaps a reader should see (and a summary can name). */
export function missingQuarters(axis: readonly string[], values: readonly (unknown | null)[]): string[] {
  return axis.filter((_, i) => values[i] === null || values[i] === undefined);
}

/**
 * Quarters for a period filter, newest first, from `latest` back to `first` (at most 100). Both
 * ends must come from validated values on public pages: one stray draft decades back would
 * otherwise stretch the list.
 */
export function periodOptions(first: string | null, latest: string | null): string[] {
  if (!latest || !parsePeriod(latest)) return [];
  const out: string[] = [];
  for (let p = latest; out.length < 100; p = addQuarters(p, -1)) {
    out.push(p);
    if (!first || p <= first) break;
  }
  return out;
}
