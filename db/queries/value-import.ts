import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { cities, indicators } from "../schema";

/** The cities named in an import file, by slug. */
export async function citiesBySlugs(db: Database, slugs: readonly string[]) {
  if (slugs.length === 0) return [];
  return db.select({ id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe }).from(cities).where(inArray(cities.slug, [...slugs]));
}

/** Active indicators named in an import file, by code, with what the value checks need (ranges included). */
export async function activeIndicatorsByCodes(db: Database, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .select({
      id: indicators.id,
      code: indicators.code,
      unit: indicators.unit,
      frequency: indicators.frequency,
      hardMin: indicators.hardMin,
      hardMax: indicators.hardMax,
      expectedMin: indicators.expectedMin,
      expectedMax: indicators.expectedMax,
      expectedPerCapita: indicators.expectedPerCapita,
      maxChange: indicators.maxChange,
    })
    .from(indicators)
    .where(and(inArray(indicators.code, [...codes]), eq(indicators.active, true)));
}
