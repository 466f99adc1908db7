import { and, asc, eq, gt, gte, inArray, isNotNull, lte } from "drizzle-orm";
import type { Database } from "../client";
import { cities, components, indicatorValues, indicators, type ValueStatus } from "../schema";
import type { CsvValueRow } from "@/lib/csv";

export interface ValueExportFilters {
  cityId?: number;
  componentId?: number;
  /** Inclusive quarter bounds, `2025-Q1`; quarters sort as text. */
  from?: string;
  to?: string;
  /** Only these statuses; undefined means all. An empty list exports nothing. */
  statuses?: readonly ValueStatus[];
  /**
   * Only what has been validated, as validated: the validated figure, without notes or links.
   * For readers who may not see unvalidated values (lib/permissions.ts canSeeUnvalidatedValues).
   */
  validatedOnly?: boolean;
}

export const EXPORT_BATCH_SIZE = 5000;

/**
 * Every value matching `filters`, in batches of at most `batchSize` rows, ordered by id. Each batch
 * is a keyset query (`id > last id`), so memory stays constant however many values there are and
 * a late batch costs no more than the first. City slugs and indicator codes come from small maps
 * read once, not from joins: mapping joined rows made the export several times slower.
 */
export async function* exportValueRows(db: Database, filters: ValueExportFilters, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<CsvValueRow[], void, undefined> {
  if (filters.statuses && filters.statuses.length === 0) return;
  const [cityRows, indicatorRows] = await Promise.all([
    db.select({ id: cities.id, slug: cities.slug }).from(cities).where(filters.cityId !== undefined ? eq(cities.id, filters.cityId) : undefined),
    db.select({ id: indicators.id, code: indicators.code, componentId: indicators.componentId }).from(indicators),
  ]);
  const slugs = new Map(cityRows.map((c) => [c.id, c.slug]));
  const codes = new Map(indicatorRows.map((i) => [i.id, i.code]));
  const componentIndicators = filters.componentId !== undefined ? indicatorRows.filter((i) => i.componentId === filters.componentId).map((i) => i.id) : undefined;
  if (componentIndicators && componentIndicators.length === 0) return;

  const where = and(
    filters.cityId !== undefined ? eq(indicatorValues.cityId, filters.cityId) : undefined,
    componentIndicators ? inArray(indicatorValues.indicatorId, componentIndicators) : undefined,
    filters.from ? gte(indicatorValues.period, filters.from) : undefined,
    filters.to ? lte(indicatorValues.period, filters.to) : undefined,
    filters.statuses ? inArray(indicatorValues.status, [...filters.statuses]) : undefined,
    filters.validatedOnly ? isNotNull(indicatorValues.validatedValue) : undefined,
  );
  let lastId = 0;
  for (;;) {
    const batch = await db
      .select({
        id: indicatorValues.id,
        cityId: indicatorValues.cityId,
        indicatorId: indicatorValues.indicatorId,
        period: indicatorValues.period,
        value: indicatorValues.value,
        note: indicatorValues.note,
        evidenceUrl: indicatorValues.evidenceUrl,
        status: indicatorValues.status,
        validatedValue: indicatorValues.validatedValue,
        version: indicatorValues.version,
      })
      .from(indicatorValues)
      .where(and(gt(indicatorValues.id, lastId), where))
      .orderBy(asc(indicatorValues.id))
      .limit(batchSize);
    const last = batch.at(-1);
    if (!last) return;
    lastId = last.id;
    // A city or indicator added while the export runs: look it up once.
    const missingCities = [...new Set(batch.filter((r) => !slugs.has(r.cityId)).map((r) => r.cityId))];
    const missingIndicators = [...new Set(batch.filter((r) => !codes.has(r.indicatorId)).map((r) => r.indicatorId))];
    if (missingCities.length) for (const c of await db.select({ id: cities.id, slug: cities.slug }).from(cities).where(inArray(cities.id, missingCities))) slugs.set(c.id, c.slug);
    if (missingIndicators.length) for (const i of await db.select({ id: indicators.id, code: indicators.code }).from(indicators).where(inArray(indicators.id, missingIndicators))) codes.set(i.id, i.code);
    yield batch.map((r) =>
      filters.validatedOnly
        ? // No version: it belongs to the stored row (maybe a newer draft), not to the validated figure.
          { city: slugs.get(r.cityId) ?? "", indicator: codes.get(r.indicatorId) ?? "", period: r.period, value: r.validatedValue ?? r.value, note: "", evidenceUrl: null, status: "validated" as const, validatedValue: r.validatedValue, version: null }
        : {
            city: slugs.get(r.cityId) ?? "",
            indicator: codes.get(r.indicatorId) ?? "",
            period: r.period,
            value: r.value,
            note: r.note,
            evidenceUrl: r.evidenceUrl,
            status: r.status,
            validatedValue: r.validatedValue,
            version: r.version,
          },
    );
    if (batch.length < batchSize) return;
  }
}

export async function componentIdByCode(db: Database, code: string): Promise<number | null> {
  const [row] = await db.select({ id: components.id }).from(components).where(eq(components.code, code));
  return row?.id ?? null;
}

/** Active indicators in framework order, for the data-entry template. */
export async function templateIndicators(db: Database) {
  return db
    .select({ id: indicators.id, code: indicators.code, frequency: indicators.frequency })
    .from(indicators)
    .innerJoin(components, eq(components.id, indicators.componentId))
    .where(eq(indicators.active, true))
    .orderBy(asc(components.sortOrder), asc(indicators.sortOrder));
}

export async function citySlugById(db: Database, cityId: number): Promise<string | null> {
  const [row] = await db.select({ slug: cities.slug }).from(cities).where(eq(cities.id, cityId));
  return row?.slug ?? null;
}

/**
 * The stored versions of a city's values in one quarter, by indicator id: the template carries
 * them, so a value saved in the form after the template was downloaded is a conflict on import.
 */
export async function storedVersions(db: Database, cityId: number, period: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ indicatorId: indicatorValues.indicatorId, version: indicatorValues.version })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.period, period)));
  return new Map(rows.map((r) => [r.indicatorId, r.version]));
}
