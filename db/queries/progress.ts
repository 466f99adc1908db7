import { and, asc, count, gt, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cityComponentScores, indicatorValues } from "../schema";
import { computedScoresAsOf } from "./scores";
import { componentScores, cwisIndex, lensScores, type ComponentScore, type LensScore, type ScoredIndicator } from "@/lib/scoring";

export interface ValidatedPoint {
  cityId: number;
  indicatorId: number;
  period: string;
  value: number;
}

/**
 * Every validated value of the given cities, oldest quarter first: one query, so a city page
 * computes its whole score history (and its mentor's latest scores) in TS without a query per quarter.
 */
export async function validatedHistory(db: Database, cityIds: readonly number[]): Promise<ValidatedPoint[]> {
  if (cityIds.length === 0) return [];
  const rows = await db
    .select({ cityId: indicatorValues.cityId, indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.validatedValue })
    .from(indicatorValues)
    .where(and(inArray(indicatorValues.cityId, [...cityIds]), isNotNull(indicatorValues.validatedValue)))
    .orderBy(asc(indicatorValues.period));
  return rows.flatMap((row) => (row.value === null ? [] : [{ cityId: row.cityId, indicatorId: row.indicatorId, period: row.period, value: row.value }]));
}

export interface ScorePoint {
  period: string;
  components: ComponentScore[];
  index: number | null;
}

export interface ScoreSeries {
  /** Quarters in which the city has at least one validated value, oldest first. */
  periods: string[];
  /** Scores as of each of `periods`: the latest validated value of each indicator at or before it. */
  points: ScorePoint[];
  /** Indicator id → its validated value in each of `periods` (null where that quarter has none). */
  indicatorValues: Map<number, (number | null)[]>;
  /** The latest validated value of each indicator (what the newest scores are computed from). */
  latestValues: Map<number, number>;
}

/**
 * The score history of one city from its validated values (`points` of that city only, any order).
 * Equal, quarter by quarter, to `cityScoresAt(db, cityId, period)`: values carry forward until a
 * newer quarter replaces them.
 */
export function scoreSeries(componentIds: readonly number[], indicators: readonly ScoredIndicator[], points: readonly ValidatedPoint[]): ScoreSeries {
  const sorted = [...points].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const periods = [...new Set(sorted.map((p) => p.period))];
  const periodIndex = new Map(periods.map((period, i) => [period, i]));
  const current = new Map<number, number>();
  const byIndicator = new Map<number, (number | null)[]>();
  const result: ScorePoint[] = [];
  let next = 0;
  for (const period of periods) {
    for (; next < sorted.length && sorted[next]?.period === period; next++) {
      const point = sorted[next];
      if (!point) continue;
      current.set(point.indicatorId, point.value);
      let row = byIndicator.get(point.indicatorId);
      if (!row) byIndicator.set(point.indicatorId, (row = periods.map(() => null)));
      row[periodIndex.get(period) ?? 0] = point.value;
    }
    const components = componentScores(componentIds, indicators, current);
    result.push({ period, components, index: cwisIndex(components).index });
  }
  return { periods, points: result, indicatorValues: byIndicator, latestValues: new Map(current) };
}

/** Latest component and lens scores from a city's validated values (any order). */
export function latestScores(componentIds: readonly number[], lensCodes: readonly string[], indicators: readonly ScoredIndicator[], points: readonly ValidatedPoint[]): { components: ComponentScore[]; lenses: LensScore[]; period: string | null } {
  const latest = new Map<number, { period: string; value: number }>();
  for (const point of points) {
    const seen = latest.get(point.indicatorId);
    if (!seen || point.period > seen.period) latest.set(point.indicatorId, { period: point.period, value: point.value });
  }
  const values = new Map([...latest].map(([id, v]) => [id, v.value]));
  const period = [...latest.values()].reduce<string | null>((max, v) => (max === null || v.period > max ? v.period : max), null);
  return { components: componentScores(componentIds, indicators, values), lenses: lensScores(lensCodes, indicators, values), period };
}

export interface ComponentMedian {
  componentId: number;
  median: number;
  /** Cities with a score for this component. */
  cities: number;
}

/**
 * The programme median of each component: the median over all cities of their stored latest score
 * (cities without a score for the component are left out). Aggregated in SQL on the small derived table.
 */
export async function componentMedians(db: Database): Promise<ComponentMedian[]> {
  const rows = await db
    .select({
      componentId: cityComponentScores.componentId,
      median: sql<number>`percentile_cont(0.5) within group (order by ${cityComponentScores.score})`.mapWith(Number),
      cities: count(),
    })
    .from(cityComponentScores)
    .where(isNotNull(cityComponentScores.score))
    .groupBy(cityComponentScores.componentId);
  return rows;
}

/**
 * The programme median of each component as of `period`: over all cities, each city's score from
 * its latest validated values up to that quarter (the same rule as every other comparison). Cities
 * whose stored scores are not newer than `period` are read from the derived table in SQL; only the
 * cities with newer stored scores are recomputed (one query of their history), and their scores
 * join the SQL median as a JSON parameter: 2–4 queries, whatever the number of cities.
 */
export async function componentMediansAsOf(db: Database, period: string): Promise<ComponentMedian[]> {
  const newer = await db.selectDistinct({ cityId: cityComponentScores.cityId }).from(cityComponentScores).where(gt(cityComponentScores.asOfPeriod, period));
  const staleIds = newer.map((row) => row.cityId);
  const recomputed = staleIds.length ? await computedScoresAsOf(db, staleIds, period) : new Map();
  const extra = [...recomputed.values()].flatMap((scores) => [...scores.components].flatMap(([componentId, score]) => (score === null ? [] : [{ c: componentId, s: score }])));
  const storedPart = sql`select ${cityComponentScores.componentId} as component_id, ${cityComponentScores.score} as score from ${cityComponentScores} where ${and(isNotNull(cityComponentScores.score), lte(cityComponentScores.asOfPeriod, period))}`;
  const union = extra.length
    ? sql`${storedPart} union all select (e->>'c')::int, (e->>'s')::float8 from json_array_elements(${JSON.stringify(extra)}::json) e`
    : storedPart;
  const rows = await db
    .select({
      componentId: sql<number>`m.component_id`.mapWith(Number),
      median: sql<number>`percentile_cont(0.5) within group (order by m.score)`.mapWith(Number),
      cities: sql<number>`count(*)`.mapWith(Number),
    })
    .from(sql`(${union}) m`)
    .groupBy(sql`m.component_id`);
  return rows;
}
