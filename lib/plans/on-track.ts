/**
 * How far a plan goal has come toward its target, pure. Time is counted in quarters between
 * `YYYY-Qn` periods: 2025-Q4 → 2027-Q4 is 8. Values are in the indicator's unit.
 *
 * goalProgress, in this order:
 * 1. Invalid input throws a RangeError: a malformed period, a value that is not a finite number, or
 *    a target quarter that is not after the baseline quarter (goalTargetProblem refuses such a goal
 *    when it is entered, so a stored goal never has one).
 * 2. no_data: no baseline or no latest value. A latest value from before the baseline quarter is
 *    not newer data: the baseline stands in for it.
 * 3. achieved: the latest value meets the target in the indicator's direction (≥ the target for
 *    higher_is_better, ≤ for lower_is_better), also when that came after the target quarter, and
 *    also when the baseline already met it.
 * 4. overdue: not achieved and asOf (the current quarter) is after the target quarter.
 * 5. on_track when progress ≥ expectedProgress (within 1e-9, so a value exactly on the path is not
 *    behind by a rounding error), else behind, where
 *    - progress = (latest − baseline) / (target − baseline), clamped to 0–1: the share of the way
 *      from baseline to target covered. 0 when the target is no improvement on the baseline (equal,
 *      or beyond it in the wrong direction) and not met. Booleans: 1 when met, else 0.
 *    - expectedProgress = (m − baseline quarter) / (target quarter − baseline quarter), clamped to
 *      0–1: the share of the time passed on a straight path from the baseline at its quarter to the
 *      target at the target quarter, measured at m = the latest value's quarter. When there is no
 *      newer quarter than the baseline's, m = asOf instead: the clock runs on without data, so a goal
 *      whose latest value is the baseline itself (progress 0) is on track only while asOf is still
 *      the baseline quarter. Booleans step instead: 0 before the target quarter, 1 from it on — a
 *      yes/no cannot be a quarter of the way, so it is on track until the target quarter, and
 *      behind in it while the answer is still no.
 *
 * The two rates, in the unit per quarter and signed (a lower-is-better value improves by negative
 * steps), null for booleans:
 * - actualPerQuarter = (latest − baseline) / (latest quarter − baseline quarter); null when no
 *   quarter lies between them.
 * - requiredPerQuarter = (target − latest) / (target quarter − latest quarter): what the value still
 *   has to move each quarter to arrive on time; null unless the goal is on_track or behind, or when
 *   no quarter is left after the latest one.
 * Keeping up actualPerQuarter reaches the target by its quarter exactly when actual ≥ required
 * (≤ for lower_is_better), which is the same test as progress ≥ expectedProgress: "on track" means
 * the value moves toward the target fast enough to get there in time.
 */
import type { Direction, Unit } from "@/lib/domain";
import { parsePeriod } from "@/lib/periods";
import { checkHardRange } from "@/lib/plausibility";

export type GoalStatus = "achieved" | "on_track" | "behind" | "overdue" | "no_data";

export interface PeriodValue {
  value: number;
  /** A quarter, `YYYY-Qn`. */
  period: string;
}

export interface GoalProgressInput {
  direction: Direction;
  unit: Unit;
  baseline: PeriodValue | null;
  latest: PeriodValue | null;
  target: PeriodValue;
  /** The current quarter. */
  asOf: string;
}

export interface GoalProgress {
  status: GoalStatus;
  progress: number | null;
  expectedProgress: number | null;
  requiredPerQuarter: number | null;
  actualPerQuarter: number | null;
}

const NO_DATA: GoalProgress = { status: "no_data", progress: null, expectedProgress: null, requiredPerQuarter: null, actualPerQuarter: null };

const EPSILON = 1e-9;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function quarterIndex(period: string): number {
  const quarter = parsePeriod(period);
  if (!quarter) throw new RangeError(`not a period: ${period}`);
  return quarter.year * 4 + quarter.quarter - 1;
}

function checkFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} is not a finite number: ${value}`);
}

/** Whether `value` is at the target or beyond it in the indicator's direction. */
export function meetsTarget(direction: Direction, value: number, target: number): boolean {
  return direction === "lower_is_better" ? value <= target : value >= target;
}

/** Whether moving from `baseline` to `target` is an improvement in the indicator's direction. */
function isImprovement(direction: Direction, baseline: number, target: number): boolean {
  return direction === "lower_is_better" ? target < baseline : target > baseline;
}

export function goalProgress(input: GoalProgressInput): GoalProgress {
  const { baseline, target } = input;
  const targetQuarter = quarterIndex(target.period);
  const now = quarterIndex(input.asOf);
  checkFinite(target.value, "target");
  if (input.latest) {
    checkFinite(input.latest.value, "latest value");
    quarterIndex(input.latest.period);
  }
  if (!baseline) return NO_DATA;
  checkFinite(baseline.value, "baseline");
  const baselineQuarter = quarterIndex(baseline.period);
  if (targetQuarter <= baselineQuarter) throw new RangeError(`target quarter ${target.period} is not after the baseline quarter ${baseline.period}`);
  if (!input.latest) return NO_DATA;

  const latest = quarterIndex(input.latest.period) < baselineQuarter ? baseline : input.latest;
  const latestQuarter = quarterIndex(latest.period);
  const isBoolean = input.unit === "boolean";
  const achieved = meetsTarget(input.direction, latest.value, target.value);

  let progress: number;
  if (achieved) progress = 1;
  else if (isBoolean || !isImprovement(input.direction, baseline.value, target.value)) progress = 0;
  else progress = clamp01((latest.value - baseline.value) / (target.value - baseline.value));

  const measuredAt = latestQuarter > baselineQuarter ? latestQuarter : now;
  const expectedProgress = isBoolean ? (measuredAt >= targetQuarter ? 1 : 0) : clamp01((measuredAt - baselineQuarter) / (targetQuarter - baselineQuarter));

  let status: GoalStatus;
  if (achieved) status = "achieved";
  else if (now > targetQuarter) status = "overdue";
  else status = progress >= expectedProgress - EPSILON ? "on_track" : "behind";

  const actualPerQuarter = isBoolean || latestQuarter <= baselineQuarter ? null : (latest.value - baseline.value) / (latestQuarter - baselineQuarter);
  const stillOpen = status === "on_track" || status === "behind";
  const requiredPerQuarter = isBoolean || !stillOpen || latestQuarter >= targetQuarter ? null : (target.value - latest.value) / (targetQuarter - latestQuarter);

  return { status, progress, expectedProgress, requiredPerQuarter, actualPerQuarter };
}

/** The indicator fields a target is checked against (a plain object: an `indicators` row fits). */
export interface GoalIndicator {
  unit: Unit;
  direction: Direction;
  hardMin: number | null;
  hardMax: number | null;
}

export type GoalTargetProblem = "validation.plans.targetOutOfRange" | "validation.plans.targetNotBetter" | "validation.plans.targetPeriod";

/**
 * Why a goal's target cannot be saved, or null. The first problem of, in order:
 * - targetOutOfRange: a value the indicator's values could never take — outside its hard range
 *   (hardMin/hardMax within the unit's bounds, lib/plausibility.ts), or a fraction for a unit of
 *   whole numbers (counts, yes/no, scores);
 * - targetNotBetter: not an improvement on the baseline in the indicator's direction (equal
 *   included: a goal has to move something); not checked without a baseline value;
 * - targetPeriod: not a quarter, or not after the baseline quarter (goalProgress needs time to
 *   measure a path over); without a baseline quarter only the form is checked.
 */
export function goalTargetProblem(indicator: GoalIndicator, baselineValue: number | null, targetValue: number, targetPeriod: string, baselinePeriod: string | null): GoalTargetProblem | null {
  if (checkHardRange(indicator, targetValue).length > 0) return "validation.plans.targetOutOfRange";
  if (baselineValue !== null && !isImprovement(indicator.direction, baselineValue, targetValue)) return "validation.plans.targetNotBetter";
  // Well-formed periods sort as text.
  if (!parsePeriod(targetPeriod) || (baselinePeriod !== null && targetPeriod <= baselinePeriod)) return "validation.plans.targetPeriod";
  return null;
}
