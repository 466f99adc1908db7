import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cityComponentScores, components, indicatorValues, indicators } from "../schema";
import { componentScores, cwisIndex, type ComponentScore } from "@/lib/scoring";

export interface CityScores {
  period: string | null;
  components: ComponentScore[];
  index: number | null;
  indexCoverage: number;
}

async function scoringFrame(db: Database) {
  const [componentRows, indicatorRows] = await Promise.all([
    db.select({ id: components.id }).from(components).orderBy(asc(components.sortOrder)),
    db
      .select({ id: indicators.id, componentId: indicators.componentId, unit: indicators.unit, direction: indicators.direction, target: indicators.target, worst: indicators.worst })
      .from(indicators)
      .where(eq(indicators.active, true)),
  ]);
  return { componentIds: componentRows.map((c) => c.id), indicatorRows };
}

/**
 * Scores of one city for `period` (or its newest validated period when omitted), from the latest
 * validated value of each indicator at or before that period. Drafts never count.
 */
export async function cityScoresAt(db: Database, cityId: number, period?: string): Promise<CityScores> {
  const { componentIds, indicatorRows } = await scoringFrame(db);
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
  return { period: period ?? newest, components: scores, index: index.index, indexCoverage: index.coverage };
}

/** Rewrites the city's rows of the derived score table. Call inside the validating transaction. */
export async function refreshCityScores(tx: Database, cityId: number): Promise<void> {
  const scores = await cityScoresAt(tx, cityId);
  await tx.delete(cityComponentScores).where(eq(cityComponentScores.cityId, cityId));
  if (scores.period === null) return;
  const asOfPeriod = scores.period;
  await tx.insert(cityComponentScores).values(scores.components.map((c) => ({ cityId, componentId: c.componentId, asOfPeriod, score: c.score, coverage: c.coverage })));
}

/** Fills the derived table for cities that have validated values but no score rows (after seeding or upgrading). */
export async function refreshMissingScores(db: Database): Promise<number> {
  const missing = await db
    .selectDistinct({ cityId: indicatorValues.cityId })
    .from(indicatorValues)
    .where(and(isNotNull(indicatorValues.validatedValue), sql`not exists (select 1 from ${cityComponentScores} where ${cityComponentScores.cityId} = ${indicatorValues.cityId})`));
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
