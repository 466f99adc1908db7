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
