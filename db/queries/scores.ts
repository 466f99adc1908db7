import { and, asc, desc, eq, inArray, isNotNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cities, cityComponentScores, cityLensScores, components, indicatorValues, indicators, lenses } from "../schema";
import { componentScores, cwisIndex, lensScores, type ComponentScore, type LensScore } from "@/lib/scoring";

export interface CityScores {
  period: string | null;
  components: ComponentScore[];
  /** The same indicator progress regrouped by CWIS lens, in lens order. */
  lenses: LensScore[];
  index: number | null;
  indexCoverage: number;
}

async function scoringFrame(db: Database) {
  const [componentRows, lensRows, indicatorRows] = await Promise.all([
    db.select({ id: components.id }).from(components).orderBy(asc(components.sortOrder)),
    db.select({ code: lenses.code }).from(lenses).orderBy(asc(lenses.sortOrder)),
    db
      .select({ id: indicators.id, componentId: indicators.componentId, unit: indicators.unit, direction: indicators.direction, target: indicators.target, worst: indicators.worst, lensCode: indicators.lensCode })
      .from(indicators)
      .where(eq(indicators.active, true)),
  ]);
  return { componentIds: componentRows.map((c) => c.id), lensCodes: lensRows.map((l) => l.code), indicatorRows };
}

/**
 * Scores of one city for `period` (or its newest validated period when omitted), from the latest
 * validated value of each indicator at or before that period. Drafts never count.
 */
export async function cityScoresAt(db: Database, cityId: number, period?: string): Promise<CityScores> {
  const { componentIds, lensCodes, indicatorRows } = await scoringFrame(db);
  const latest = await db
    .selectDistinctOn([indicatorValues.indicatorId], { indicatorId: indicatorValues.indicatorId, value: indicatorValues.validatedValue, period: indicatorValues.period })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.cityId, cityId), isNotNull(indicatorValues.validatedValue), period ? lte(indicatorValues.period, period) : undefined))
    .orderBy(indicatorValues.indicatorId, desc(indicatorValues.period));
  const values = new Map<number, number>();
  let newest: string | null = null;
  for (const row of latest) {
    if (row.value === null) continue;
    values.set(row.indicatorId, row.value);
    if (newest === null || row.period > newest) newest = row.period;
  }
  const scores = componentScores(componentIds, indicatorRows, values);
  const index = cwisIndex(scores);
  return { period: period ?? newest, components: scores, lenses: lensScores(lensCodes, indicatorRows, values), index: index.index, indexCoverage: index.coverage };
}

/**
 * Rewrites the city's rows of the derived score tables (by component and by lens, both from the
 * same values). Call inside the validating transaction.
 */
export async function refreshCityScores(tx: Database, cityId: number): Promise<void> {
  const scores = await cityScoresAt(tx, cityId);
  await tx.delete(cityComponentScores).where(eq(cityComponentScores.cityId, cityId));
  await tx.delete(cityLensScores).where(eq(cityLensScores.cityId, cityId));
  if (scores.period === null) return;
  const asOfPeriod = scores.period;
  await tx.insert(cityComponentScores).values(scores.components.map((c) => ({ cityId, componentId: c.componentId, asOfPeriod, score: c.score, coverage: c.coverage })));
  if (scores.lenses.length) {
    await tx.insert(cityLensScores).values(scores.lenses.map((l) => ({ cityId, lensCode: l.lensCode, asOfPeriod, score: l.score, coverage: l.coverage })));
  }
}

/**
 * Fills the derived tables for cities that have validated values but no component or no lens
 * score rows: after seeding, and after upgrading a database from before the lens table existed.
 */
export async function refreshMissingScores(db: Database): Promise<number> {
  // Runs on every start: walk the cities (primary-key probes of the score tables), and touch the
  // value history only for a city that has no score rows, instead of scanning every validated value.
  const noComponentRows = sql`not exists (select 1 from ${cityComponentScores} where ${cityComponentScores.cityId} = ${cities.id})`;
  // Without any lens defined there is nothing to fill, and every start would refresh every city.
  const noLensRows = sql`exists (select 1 from ${lenses}) and not exists (select 1 from ${cityLensScores} where ${cityLensScores.cityId} = ${cities.id})`;
  const hasValidated = sql`exists (select 1 from ${indicatorValues} where ${indicatorValues.cityId} = ${cities.id} and ${indicatorValues.validatedValue} is not null)`;
  const missing = await db
    .select({ cityId: cities.id })
    .from(cities)
    .where(and(or(noComponentRows, noLensRows), hasValidated));
  for (const { cityId } of missing) {
    await db.transaction((tx) => refreshCityScores(tx, cityId));
  }
  return missing.length;
}

export interface ScoresAsOf {
  /**
   * The newest quarter among the validated values these scores use: the asked quarter, or older
   * when the city has nothing newer up to it (a chart says so); null: no validated value up to it.
   */
  dataPeriod: string | null;
  /** Component id → score (null: no indicator of it has a value). */
  components: Map<number, number | null>;
  /** Lens code → score. */
  lenses: Map<string, number | null>;
}

const noScores = (): ScoresAsOf => ({ dataPeriod: null, components: new Map(), lenses: new Map() });

/**
 * Scores of several cities as of one quarter: for each city, from the latest validated value of
 * each indicator up to `period` (each city's own latest when `period` is null). Bounded whatever
 * the number of cities: the derived tables (2 queries) answer every city whose stored scores are
 * not newer than `period`; the others are computed from their value history in ONE query (plus
 * the scoring frame).
 */
export async function scoresAsOf(db: Database, cityIds: readonly number[], period: string | null): Promise<Map<number, ScoresAsOf>> {
  const ids = [...new Set(cityIds)];
  const result = new Map<number, ScoresAsOf>();
  if (ids.length === 0) return result;
  const [componentRows, lensRows] = await Promise.all([storedScores(db, ids), storedLensScores(db, ids)]);
  const stale: number[] = [];
  for (const id of ids) {
    const own = componentRows.filter((row) => row.cityId === id);
    const asOf = own[0]?.asOfPeriod ?? null;
    if (asOf === null) result.set(id, noScores());
    else if (period !== null && asOf > period) stale.push(id);
    else {
      result.set(id, {
        dataPeriod: asOf,
        components: new Map(own.map((row) => [row.componentId, row.score])),
        lenses: new Map(lensRows.filter((row) => row.cityId === id).map((row) => [row.lensCode, row.score])),
      });
    }
  }
  if (stale.length && period !== null) {
    for (const [id, scores] of await computedScoresAsOf(db, stale, period)) result.set(id, scores);
  }
  return result;
}

/** Scores of the cities as of `period`, computed from their validated values (for cities whose stored scores are newer). */
export async function computedScoresAsOf(db: Database, cityIds: readonly number[], period: string): Promise<Map<number, ScoresAsOf>> {
  const result = new Map<number, ScoresAsOf>();
  if (cityIds.length === 0) return result;
  const [{ componentIds, lensCodes, indicatorRows }, rows] = await Promise.all([
    scoringFrame(db),
    db
      .selectDistinctOn([indicatorValues.cityId, indicatorValues.indicatorId], { cityId: indicatorValues.cityId, indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.validatedValue })
      .from(indicatorValues)
      .where(and(inArray(indicatorValues.cityId, [...cityIds]), isNotNull(indicatorValues.validatedValue), lte(indicatorValues.period, period)))
      // Descending on every key, so the (city, indicator, period) unique index answers it backwards.
      .orderBy(desc(indicatorValues.cityId), desc(indicatorValues.indicatorId), desc(indicatorValues.period)),
  ]);
  const byCity = new Map<number, { values: Map<number, number>; newest: string | null }>();
  for (const row of rows) {
    if (row.value === null) continue;
    const own = byCity.get(row.cityId) ?? { values: new Map<number, number>(), newest: null };
    own.values.set(row.indicatorId, row.value);
    if (own.newest === null || row.period > own.newest) own.newest = row.period;
    byCity.set(row.cityId, own);
  }
  for (const id of cityIds) {
    const own = byCity.get(id);
    if (!own) {
      result.set(id, noScores());
      continue;
    }
    result.set(id, {
      dataPeriod: own.newest,
      components: new Map(componentScores(componentIds, indicatorRows, own.values).map((c) => [c.componentId, c.score])),
      lenses: new Map(lensScores(lensCodes, indicatorRows, own.values).map((l) => [l.lensCode, l.score])),
    });
  }
  return result;
}

/** The stored latest scores of many cities, for lists: one row per city × component. */
export async function storedScores(db: Database, cityIds: number[]) {
  if (cityIds.length === 0) return [];
  return db
    .select({ cityId: cityComponentScores.cityId, componentId: cityComponentScores.componentId, asOfPeriod: cityComponentScores.asOfPeriod, score: cityComponentScores.score, coverage: cityComponentScores.coverage })
    .from(cityComponentScores)
    .where(inArray(cityComponentScores.cityId, cityIds));
}

export interface StoredLensScore {
  cityId: number;
  lensCode: string;
  asOfPeriod: string;
  score: number | null;
  coverage: number;
}

/** The stored latest lens scores of many cities: one row per city × lens. */
export async function storedLensScores(db: Database, cityIds: readonly number[]): Promise<StoredLensScore[]> {
  if (cityIds.length === 0) return [];
  return db
    .select({ cityId: cityLensScores.cityId, lensCode: cityLensScores.lensCode, asOfPeriod: cityLensScores.asOfPeriod, score: cityLensScores.score, coverage: cityLensScores.coverage })
    .from(cityLensScores)
    .where(inArray(cityLensScores.cityId, [...cityIds]));
}
