import { and, asc, count, desc, eq, isNotNull, lte, max, min, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { cities, cityComponentScores, indicatorValues, indicators, users, type Country, type ProgrammeRole } from "../schema";
import { getFramework } from "./framework";
import { componentScores, cwisIndex, lensScores, type ScoredIndicator } from "@/lib/scoring";

/** Filters of the overview: which cities the heat table, histogram and recent list show. */
export interface DashboardFilters {
  country?: Country;
  role?: ProgrammeRole;
}

function cityWhere(filters: DashboardFilters): SQL | undefined {
  return and(filters.country ? eq(cities.country, filters.country) : undefined, filters.role ? eq(cities.programmeRole, filters.role) : undefined);
}

/**
 * Data coverage per country: how many city × active-indicator pairs have a validated value. Read
 * from the derived score table (coverage × the component's indicator count = indicators with data),
 * so it never scans the value history.
 */
export async function dataCoverage(db: Database): Promise<{ country: Country; cities: number; indicators: number; withData: number }[]> {
  const [[active], rows] = await Promise.all([
    db.select({ n: count() }).from(indicators).where(eq(indicators.active, true)),
    db
      .select({
        country: cities.country,
        cities: sql<number>`count(*)`.mapWith(Number),
        withData: sql<number>`coalesce(sum(d.with_data), 0)`.mapWith(Number),
      })
      .from(cities)
      .leftJoin(
        sql`(
          select s.city_id, sum(s.coverage * ic.n) as with_data
          from ${cityComponentScores} s
          join (select component_id, count(*) as n from ${indicators} where active group by component_id) ic on ic.component_id = s.component_id
          group by s.city_id
        ) d`,
        sql`d.city_id = ${cities.id}`,
      )
      .groupBy(cities.country)
      .orderBy(asc(cities.country)),
  ]);
  const n = active?.n ?? 0;
  // coverage is a float share; the product is a whole number up to rounding.
  return rows.map((row) => ({ country: row.country, cities: row.cities, indicators: n, withData: Math.round(row.withData) }));
}

/**
 * The quarters the period filter offers: from the oldest value in the database to the newest
 * quarter the derived score table has reached ("latest"). Both ends are cheap index look-ups.
 */
export async function dashboardPeriods(db: Database): Promise<{ first: string | null; latest: string | null }> {
  const [[first], [latest]] = await Promise.all([
    db.select({ period: min(indicatorValues.period) }).from(indicatorValues),
    db.select({ period: max(cityComponentScores.asOfPeriod) }).from(cityComponentScores),
  ]);
  return { first: first?.period ?? null, latest: latest?.period ?? null };
}

export interface HeatColumn {
  /** Component id (as text) or lens code. */
  key: string;
  code: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
}

export interface HeatRow {
  id: number;
  slug: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  country: Country;
  programmeRole: ProgrammeRole;
  /** One score per column, in column order; null where no indicator has a validated value. */
  scores: (number | null)[];
  index: number | null;
  /** Share (0–1) of the active indicators with a validated value. */
  coverage: number;
}

export interface HeatTable {
  view: "component" | "lens";
  /** The quarter the scores are as of; null when nothing has been validated yet. */
  period: string | null;
  columns: HeatColumn[];
  rows: HeatRow[];
}

/**
 * Per city × indicator, the latest validated value at or before `period` (all periods when
 * omitted), for every city the filters keep: ONE query, whatever the number of cities.
 */
export async function validatedValuesAt(db: Database, filters: DashboardFilters, period?: string) {
  return (
    db
      .selectDistinctOn([indicatorValues.cityId, indicatorValues.indicatorId], {
        cityId: indicatorValues.cityId,
        indicatorId: indicatorValues.indicatorId,
        value: sql<number>`${indicatorValues.validatedValue}`.mapWith(Number),
      })
      .from(indicatorValues)
      .innerJoin(cities, eq(cities.id, indicatorValues.cityId))
      .where(and(isNotNull(indicatorValues.validatedValue), period ? lte(indicatorValues.period, period) : undefined, cityWhere(filters)))
      // All descending, so Postgres can walk the (city, indicator, period) unique index backwards
      // instead of sorting; DISTINCT ON keeps the first row, i.e. the newest period.
      .orderBy(desc(indicatorValues.cityId), desc(indicatorValues.indicatorId), desc(indicatorValues.period))
  );
}

async function filteredCities(db: Database, filters: DashboardFilters) {
  return db
    .select({ id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country, programmeRole: cities.programmeRole })
    .from(cities)
    .where(cityWhere(filters))
    .orderBy(asc(cities.nameEn));
}

async function storedRows(db: Database, filters: DashboardFilters) {
  return db
    .select({ cityId: cityComponentScores.cityId, componentId: cityComponentScores.componentId, score: cityComponentScores.score, coverage: cityComponentScores.coverage })
    .from(cityComponentScores)
    .innerJoin(cities, eq(cities.id, cityComponentScores.cityId))
    .where(cityWhere(filters));
}

/**
 * The cities × components (or × lenses) table of the overview, sorted by CWIS index, highest
 * first (cities without an index last, then by name).
 *
 * - component view at the latest quarter (`period` omitted or equal to `latest`): the derived
 *   score table, no value history read;
 * - an earlier quarter, or the lens view (lens scores need per-indicator values): one query for
 *   the latest validated value per city × indicator at or before the quarter, then lib/scoring.
 */
export async function heatTable(db: Database, options: { filters: DashboardFilters; view: "component" | "lens"; period?: string; latest: string | null }): Promise<HeatTable> {
  const { filters, view, latest } = options;
  const period = options.period && latest && options.period < latest ? options.period : undefined;
  const [framework, cityRows] = await Promise.all([getFramework(db), filteredCities(db, filters)]);
  const componentIds = framework.components.map((c) => c.id);
  const scored: ScoredIndicator[] = framework.components.flatMap((c) => c.indicators);
  const perComponent = new Map(framework.components.map((c) => [c.id, c.indicators.length]));
  const totalIndicators = scored.length;

  const columns: HeatColumn[] =
    view === "lens"
      ? framework.lenses.map((l) => ({ key: l.code, code: l.code, nameEn: l.nameEn, nameBn: l.nameBn, nameNe: l.nameNe }))
      : framework.components.map((c) => ({ key: String(c.id), code: c.code, nameEn: c.nameEn, nameBn: c.nameBn, nameNe: c.nameNe }));

  let rows: HeatRow[];
  if (view === "component" && period === undefined) {
    const stored = await storedRows(db, filters);
    const byCity = new Map<number, Map<number, { score: number | null; coverage: number }>>();
    for (const s of stored) {
      const own = byCity.get(s.cityId) ?? new Map<number, { score: number | null; coverage: number }>();
      own.set(s.componentId, { score: s.score, coverage: s.coverage });
      byCity.set(s.cityId, own);
    }
    rows = cityRows.map((city) => {
      const own = byCity.get(city.id);
      const scores = componentIds.map((id) => own?.get(id)?.score ?? null);
      const withData = componentIds.reduce((sum, id) => sum + (own?.get(id)?.coverage ?? 0) * (perComponent.get(id) ?? 0), 0);
      return { ...city, scores, index: cwisIndex(scores.map((score) => ({ score }))).index, coverage: totalIndicators ? withData / totalIndicators : 0 };
    });
  } else {
    const values = await validatedValuesAt(db, filters, period);
    const byCity = new Map<number, Map<number, number>>();
    for (const v of values) {
      const own = byCity.get(v.cityId) ?? new Map<number, number>();
      own.set(v.indicatorId, v.value);
      byCity.set(v.cityId, own);
    }
    const lensCodes = framework.lenses.map((l) => l.code);
    rows = cityRows.map((city) => {
      const own = byCity.get(city.id) ?? new Map<number, number>();
      const components = componentScores(componentIds, scored, own);
      const scores = view === "lens" ? lensScores(lensCodes, scored, own).map((l) => l.score) : components.map((c) => c.score);
      const withData = components.reduce((sum, c) => sum + c.indicatorsWithData, 0);
      return { ...city, scores, index: cwisIndex(components).index, coverage: totalIndicators ? withData / totalIndicators : 0 };
    });
  }
  rows.sort((a, b) => (a.index === null ? (b.index === null ? 0 : 1) : b.index === null ? -1 : b.index - a.index) || a.nameEn.localeCompare(b.nameEn));
  return { view, period: period ?? latest, columns, rows };
}

export const HISTOGRAM_BINS = 10;

/** Counts of cities per CWIS-index bin of width 10 (100 falls in the last bin), plus those without an index. */
export function indexHistogram(indexes: readonly (number | null)[]): { bins: number[]; noData: number } {
  const bins = Array.from({ length: HISTOGRAM_BINS }, () => 0);
  let noData = 0;
  for (const index of indexes) {
    if (index === null) noData++;
    else {
      const bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(index / 10)));
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
  }
  return { bins, noData };
}

/**
 * The newest validations (value, quarter, when, by whom), newest first. "By whom" is the value's
 * last reviewer, which is the validator unless a later submission of the same value was returned.
 */
export async function recentValidations(db: Database, filters: DashboardFilters, limit = 10) {
  return db
    .select({
      id: indicatorValues.id,
      citySlug: cities.slug,
      cityNameEn: cities.nameEn,
      cityNameBn: cities.nameBn,
      cityNameNe: cities.nameNe,
      indicatorCode: indicators.code,
      indicatorNameEn: indicators.nameEn,
      indicatorNameBn: indicators.nameBn,
      indicatorNameNe: indicators.nameNe,
      unit: indicators.unit,
      period: indicatorValues.period,
      value: sql<number>`${indicatorValues.validatedValue}`.mapWith(Number),
      validatedAt: indicatorValues.validatedAt,
      reviewer: users.name,
    })
    .from(indicatorValues)
    .innerJoin(cities, eq(cities.id, indicatorValues.cityId))
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .leftJoin(users, eq(users.id, indicatorValues.reviewedBy))
    .where(and(isNotNull(indicatorValues.validatedAt), cityWhere(filters)))
    .orderBy(desc(indicatorValues.validatedAt), desc(indicatorValues.id))
    .limit(limit);
}
