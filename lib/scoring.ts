/**
 * CWIS scoring, as db/data/cwis-framework.json describes it. The one implementation: pages, API,
 * exports and the derived score table all call these functions.
 *
 * - Indicator progress 0–100. boolean: yes 100, no 0. higher_is_better:
 *   clamp((value − floor) / (target − floor)) × 100, floor = the unit's minimum.
 *   lower_is_better: clamp((worst − value) / (worst − target)) × 100.
 * - Component score: mean progress of its indicators that have a validated value at or before the
 *   period; null when none has. Coverage: the share of its indicators that have one.
 * - CWIS index: mean of the component scores that exist (null when none does); its coverage is the
 *   share of the six components with a score.
 */
import { UNIT_RANGES } from "./units";
import type { Indicator } from "@/db/schema";

export type ScoredIndicator = Pick<Indicator, "id" | "componentId" | "unit" | "direction" | "target" | "worst"> & { lensCode?: string };

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function indicatorProgress(indicator: Pick<Indicator, "unit" | "direction" | "target" | "worst">, value: number): number {
  if (indicator.unit === "boolean") return value >= 1 ? 100 : 0;
  if (indicator.direction === "lower_is_better") {
    const worst = indicator.worst ?? UNIT_RANGES[indicator.unit].max ?? indicator.target;
    if (worst === indicator.target) return value <= indicator.target ? 100 : 0;
    return clamp01((worst - value) / (worst - indicator.target)) * 100;
  }
  const floor = UNIT_RANGES[indicator.unit].min;
  if (indicator.target === floor) return value >= floor ? 100 : 0;
  return clamp01((value - floor) / (indicator.target - floor)) * 100;
}

interface GroupScore<K> {
  key: K;
  score: number | null;
  coverage: number;
  indicatorsWithData: number;
  indicatorCount: number;
}

/** Mean progress and coverage of each group of indicators (by component, by lens, …). */
function groupScores<K>(keys: readonly K[], indicators: readonly ScoredIndicator[], values: ReadonlyMap<number, number>, groupOf: (indicator: ScoredIndicator) => K | undefined): GroupScore<K>[] {
  return keys.map((key) => {
    const own = indicators.filter((indicator) => groupOf(indicator) === key);
    const progress = own.flatMap((indicator) => {
      const value = values.get(indicator.id);
      return value === undefined ? [] : [indicatorProgress(indicator, value)];
    });
    return {
      key,
      score: progress.length ? progress.reduce((sum, p) => sum + p, 0) / progress.length : null,
      coverage: own.length ? progress.length / own.length : 0,
      indicatorsWithData: progress.length,
      indicatorCount: own.length,
    };
  });
}

export interface ComponentScore {
  componentId: number;
  score: number | null;
  coverage: number;
  indicatorsWithData: number;
  indicatorCount: number;
}

/** `values` maps indicator id → its validated value at or before the period (absent: no value). */
export function componentScores(componentIds: readonly number[], indicators: readonly ScoredIndicator[], values: ReadonlyMap<number, number>): ComponentScore[] {
  return groupScores(componentIds, indicators, values, (indicator) => indicator.componentId).map(({ key, ...rest }) => ({ componentId: key, ...rest }));
}

export function cwisIndex(scores: readonly Pick<ComponentScore, "score">[]): { index: number | null; coverage: number } {
  const present = scores.map((s) => s.score).filter((score): score is number => score !== null);
  return {
    index: present.length ? present.reduce((sum, s) => sum + s, 0) / present.length : null,
    coverage: scores.length ? present.length / scores.length : 0,
  };
}

export interface LensScore {
  lensCode: string;
  score: number | null;
  coverage: number;
  indicatorsWithData: number;
  indicatorCount: number;
}

/**
 * The same indicator progress regrouped by CWIS outcome/function lens (equity, safety, …): the mean
 * progress of each lens's indicators that have a value, and the share that have one.
 */
export function lensScores(lensCodes: readonly string[], indicators: readonly ScoredIndicator[], values: ReadonlyMap<number, number>): LensScore[] {
  return groupScores(lensCodes, indicators, values, (indicator) => indicator.lensCode).map(({ key, ...rest }) => ({ lensCode: key, ...rest }));
}
