import { and, asc, count, desc, eq, inArray, isNotNull, lte, max, sql, type SQL } from "drizzle-orm";
import { INTL_LOCALE, localizedName } from "@/lib/i18n/config";
import type { Database } from "../client";
import { cities, cityComponentScores, cityLensScores, indicatorValues, indicators, users, type Country, type ProgrammeRole } from "../schema";
import type { Unit } from "@/lib/domain";
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
 * The quarters the period filter offers (on the public overview too): from the oldest VALIDATED
 * value to the newest quarter the derived score table has reached ("latest"). A draft never
 * stretches the list. Both ends are index look-ups: the period index walked from its oldest end
 * until the first validated row.
 */
export async function dashboardPeriods(db: Database): Promise<{ first: string | null; latest: string | null }> {
  const [[first], [latest]] = await Promise.all([
    db.select({ period: indicatorValues.period }).from(indicatorValues).where(isNotNull(indicatorValues.validatedValue)).orderBy(asc(indicatorValues.period)).limit(1),
    db.select({ period: max(cityComponentScores.asOfPeriod) }).from(cityComponentScores),
  ]);
  return { first: first?.period ?? null, latest: latest?.period ?? null };
}

export const HISTOGRAM_BINS = 10;

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
  /**
   * The newest quarter of the validated values behind this row's scores (≤ the table's quarter;
   * null without data). Older than the table's quarter: the row is marked "data from …".
   */
  dataPeriod: string | null;
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
async function validatedValuesAt(db: Database, filters: DashboardFilters, period?: string) {
  return (
    db
      .selectDistinctOn([indicatorValues.cityId, indicatorValues.indicatorId], {
        cityId: indicatorValues.cityId,
        indicatorId: indicatorValues.indicatorId,
        period: indicatorValues.period,
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

const cityColumns = { id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country, programmeRole: cities.programmeRole };

async function filteredCities(db: Database, filters: DashboardFilters) {
  return db
    .select(cityColumns)
    .from(cities)
    .where(cityWhere(filters))
    .orderBy(asc(cities.nameEn));
}

/** How the heat table can be sorted: by CWIS index, name, coverage, or its i-th score column. */
export type HeatSort = "index" | "name" | "coverage" | `col:${number}`;
type NameLocale = "en" | "bn" | "ne";

/**
 * The derived tables pivoted to one row per city (score per component, per lens for the lens
 * view, CWIS index, indicators with data), for the cities the filters keep. A query builder, so
 * callers can sort, page or aggregate it in SQL.
 */
function storedHeat(db: Database, componentIds: readonly number[], lensCodes: readonly string[] | null) {
  const componentColumns = componentIds.map((id, i) => sql`max(s.score) filter (where s.component_id = ${id}) as c${sql.raw(String(i))}`);
  const lensColumns = (lensCodes ?? []).map((code, i) => sql`max(l.score) filter (where l.lens_code = ${code}) as l${sql.raw(String(i))}`);
  const scoresByCity = sql`(
    select s.city_id, ${sql.join(componentColumns, sql`, `)},
      -- The CWIS index: the mean of the component scores that exist (avg skips nulls).
      avg(s.score) as idx, sum(s.coverage * ic.n) as with_data, max(s.as_of_period) as as_of
    from ${cityComponentScores} s
    join (select component_id, count(*) as n from ${indicators} where active group by component_id) ic on ic.component_id = s.component_id
    group by s.city_id
  ) sc`;
  const lensesByCity = sql`(select l.city_id, ${sql.join(lensColumns, sql`, `)} from ${cityLensScores} l group by l.city_id) ls`;
  return {
    rows: () => {
      const q = db
        .select({
        ...cityColumns,
        // JSON, not float8[]: postgres.js reads a NULL inside a float8[] as NaN.
        components: sql<(number | null)[]>`json_build_array(${sql.join(componentIds.map((_, i) => sql.raw(`sc.c${i}`)), sql`, `)})`,
        lenses: lensCodes?.length ? sql<(number | null)[]>`json_build_array(${sql.join(lensCodes.map((_, i) => sql.raw(`ls.l${i}`)), sql`, `)})` : sql<(number | null)[]>`json_build_array()`,
        index: sql<number | null>`sc.idx`.mapWith(Number),
        withData: sql<number | null>`sc.with_data`.mapWith(Number),
        dataPeriod: sql<string | null>`sc.as_of`,
        })
        .from(cities)
        .leftJoin(scoresByCity, sql`sc.city_id = ${cities.id}`);
      return lensCodes?.length ? q.leftJoin(lensesByCity, sql`ls.city_id = ${cities.id}`) : q;
    },
    histogram: () =>
      db
        .select({
          // Bins of ten, 100 in the last; null: no index.
          bin: sql<number | null>`least(${HISTOGRAM_BINS - 1}, greatest(0, floor(sc.idx / 10)))::int`.mapWith(Number),
          n: sql<number>`count(*)::int`.mapWith(Number),
        })
        .from(cities)
        .leftJoin(scoresByCity, sql`sc.city_id = ${cities.id}`),
    scoreColumn: (i: number) => sql.raw(lensCodes?.length ? `ls.l${i}` : `sc.c${i}`),
  };
}

function storedHeatRow(row: { components: (number | null)[]; lenses: (number | null)[]; index: number | null; withData: number | null; dataPeriod: string | null } & Omit<HeatRow, "scores" | "index" | "coverage" | "dataPeriod">, view: "component" | "lens", totalIndicators: number): HeatRow {
  const { components, lenses, index, withData, dataPeriod, ...city } = row;
  return { ...city, scores: view === "lens" ? lenses : components, index, coverage: totalIndicators ? (withData ?? 0) / totalIndicators : 0, dataPeriod: dataPeriod ?? null };
}

type Framework = Awaited<ReturnType<typeof getFramework>>;

function heatColumns(framework: Framework, view: "component" | "lens"): HeatColumn[] {
  return view === "lens"
    ? framework.lenses.map((l) => ({ key: l.code, code: l.code, nameEn: l.nameEn, nameBn: l.nameBn, nameNe: l.nameNe }))
    : framework.components.map((c) => ({ key: String(c.id), code: c.code, nameEn: c.nameEn, nameBn: c.nameBn, nameNe: c.nameNe }));
}

/** The asked quarter when it is before `latest` (computed from the value history); else undefined (the derived tables). */
function pastPeriod(period: string | undefined, latest: string | null): string | undefined {
  return period && latest && period < latest ? period : undefined;
}

/**
 * The cities × components (or × lenses) table of the overview, sorted by CWIS index, highest
 * first (cities without an index last, then by name).
 *
 * - at the latest quarter (`period` omitted or equal to `latest`): the derived score tables
 *   (by component, and by lens for the lens view), no value history read;
 * - an earlier quarter: one query for the latest validated value per city × indicator at or
 *   before the quarter, then lib/scoring.
 */
export async function heatTable(db: Database, options: { filters: DashboardFilters; view: "component" | "lens"; period?: string; latest: string | null }): Promise<HeatTable> {
  return heatTableOf(db, await getFramework(db), options);
}

async function heatTableOf(db: Database, framework: Framework, options: { filters: DashboardFilters; view: "component" | "lens"; period?: string; latest: string | null }): Promise<HeatTable> {
  const { filters, view, latest } = options;
  const period = pastPeriod(options.period, latest);
  const componentIds = framework.components.map((c) => c.id);
  const lensCodes = framework.lenses.map((l) => l.code);
  const scored: ScoredIndicator[] = framework.components.flatMap((c) => c.indicators);
  const totalIndicators = scored.length;

  let rows: HeatRow[];
  if (period === undefined) {
    const stored = await storedHeat(db, componentIds, view === "lens" ? lensCodes : null).rows().where(cityWhere(filters)).orderBy(asc(cities.nameEn));
    rows = stored.map((row) => storedHeatRow(row, view, totalIndicators));
  } else {
    const [cityRows, values] = await Promise.all([filteredCities(db, filters), validatedValuesAt(db, filters, period)]);
    const byCity = new Map<number, Map<number, number>>();
    const newest = new Map<number, string>();
    for (const v of values) {
      const own = byCity.get(v.cityId) ?? new Map<number, number>();
      own.set(v.indicatorId, v.value);
      byCity.set(v.cityId, own);
      const seen = newest.get(v.cityId);
      if (seen === undefined || v.period > seen) newest.set(v.cityId, v.period);
    }
    rows = cityRows.map((city) => {
      const own = byCity.get(city.id) ?? new Map<number, number>();
      const components = componentScores(componentIds, scored, own);
      const scores = view === "lens" ? lensScores(lensCodes, scored, own).map((l) => l.score) : components.map((c) => c.score);
      const withData = components.reduce((sum, c) => sum + c.indicatorsWithData, 0);
      return { ...city, scores, index: cwisIndex(components).index, coverage: totalIndicators ? withData / totalIndicators : 0, dataPeriod: newest.get(city.id) ?? null };
    });
  }
  rows.sort((a, b) => (a.index === null ? (b.index === null ? 0 : 1) : b.index === null ? -1 : b.index - a.index) || a.nameEn.localeCompare(b.nameEn));
  return { view, period: period ?? latest, columns: heatColumns(framework, view), rows };
}


function compareNullable(a: number | null, b: number | null, dir: 1 | -1): number {
  if (a === null) return b === null ? 0 : 1; // no data last, whichever the direction
  if (b === null) return -1;
  return (a - b) * dir;
}

/** The heat table's order in TS (for computed quarters): the same order heatPage asks SQL for. */
export function sortHeatRows(rows: readonly HeatRow[], sort: HeatSort, dir: "asc" | "desc", locale: NameLocale): HeatRow[] {
  const collator = new Intl.Collator(INTL_LOCALE[locale]);
  const sign = dir === "asc" ? 1 : -1;
  const byName = (a: HeatRow, b: HeatRow) => collator.compare(localizedName(a, locale), localizedName(b, locale));
  const copy = [...rows];
  if (sort === "name") return copy.sort((a, b) => byName(a, b) * sign);
  if (sort === "coverage") return copy.sort((a, b) => (a.coverage - b.coverage) * sign || byName(a, b));
  if (sort === "index") return copy.sort((a, b) => compareNullable(a.index, b.index, sign) || byName(a, b));
  const column = Number(sort.slice("col:".length));
  return copy.sort((a, b) => compareNullable(a.scores[column] ?? null, b.scores[column] ?? null, sign) || byName(a, b));
}

export interface HeatPage extends HeatTable {
  /** The rows of the asked page only. */
  rows: HeatRow[];
  /** Cities the filters keep (all pages). */
  total: number;
  /** Cities per CWIS-index bin of ten, over all pages. */
  histogram: { bins: number[]; noData: number };
  /** The sort applied (an unknown score column falls back to the index). */
  sort: HeatSort;
  dir: "asc" | "desc";
}

/**
 * One page of the heat table, sorted, with the number of cities and the CWIS-index histogram of
 * all of them. At the latest quarter everything is done in SQL on the derived tables, so the cost
 * does not grow with the page count: the database sorts and aggregates, one page of rows comes
 * back. An earlier quarter is computed from the value history (heatTable), then sorted here.
 */
export async function heatPage(
  db: Database,
  options: { filters: DashboardFilters; view: "component" | "lens"; period?: string; latest: string | null; sort?: HeatSort; dir?: "asc" | "desc"; locale: NameLocale; limit: number; offset: number },
): Promise<HeatPage> {
  const { filters, view, latest, locale, limit, offset } = options;
  const period = pastPeriod(options.period, latest);
  const framework = await getFramework(db);
  const columnCount = view === "lens" ? framework.lenses.length : framework.components.length;
  const asked = options.sort ?? "index";
  const sort: HeatSort = asked.startsWith("col:") && Number(asked.slice(4)) >= columnCount ? "index" : asked;
  const dir = options.dir ?? (sort === "name" ? "asc" : "desc");

  if (period !== undefined) {
    const heat = await heatTableOf(db, framework, { filters, view, period, latest });
    return { ...heat, rows: sortHeatRows(heat.rows, sort, dir, locale).slice(offset, offset + limit), total: heat.rows.length, histogram: indexHistogram(heat.rows.map((r) => r.index)), sort, dir };
  }

  const componentIds = framework.components.map((c) => c.id);
  const lensCodes = framework.lenses.map((l) => l.code);
  const totalIndicators = framework.components.reduce((sum, c) => sum + c.indicators.length, 0);
  const stored = storedHeat(db, componentIds, view === "lens" ? lensCodes : null);
  const name = locale === "bn" ? cities.nameBn : locale === "ne" ? cities.nameNe : cities.nameEn;
  const direction = sql.raw(dir === "asc" ? "asc" : "desc");
  const key = sort === "name" ? null : sort === "index" ? sql`sc.idx` : sort === "coverage" ? sql`coalesce(sc.with_data, 0)` : stored.scoreColumn(Number(sort.slice(4)));
  const order = key === null ? [sql`${name} ${direction}`, asc(cities.id)] : [sql`${key} ${direction} nulls last`, asc(name), asc(cities.id)];
  const [rows, bins] = await Promise.all([
    stored.rows().where(cityWhere(filters)).orderBy(...order).limit(limit).offset(offset),
    stored.histogram().where(cityWhere(filters)).groupBy(sql`1`),
  ]);
  const histogram = { bins: Array.from({ length: HISTOGRAM_BINS }, () => 0), noData: 0 };
  for (const { bin, n } of bins) {
    if (bin === null) histogram.noData += n;
    else histogram.bins[bin] = (histogram.bins[bin] ?? 0) + n;
  }
  const total = histogram.noData + histogram.bins.reduce((a, b) => a + b, 0);
  return { view, period: latest, columns: heatColumns(framework, view), rows: rows.map((row) => storedHeatRow(row, view, totalIndicators)), total, histogram, sort, dir };
}

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
    .orderBy(sql`${indicatorValues.validatedAt} desc nulls last`, sql`${indicatorValues.id} desc nulls last`)
    .limit(limit);
}

export interface ReturnedValue {
  id: number;
  period: string;
  indicatorCode: string;
  indicatorNameEn: string;
  indicatorNameBn: string;
  indicatorNameNe: string;
  unit: Unit;
  value: number;
  reviewComment: string | null;
  reviewedAt: Date | null;
  reviewer: string | null;
}

export interface QuarterToSubmit {
  period: string;
  /** Values saved but not submitted. */
  drafts: number;
  /** Indicators due that quarter without any value (counted for the last completed quarter only). */
  missing: number;
  /** Indicators due that quarter (0 where only drafts are counted). */
  due: number;
}

export interface OfficerOverview {
  /** Values a reviewer sent back, newest review first, with the reviewer's comment. */
  returned: ReturnedValue[];
  /** How many values are returned in all (the list is capped). */
  returnedTotal: number;
  /** Quarters with drafts, and the last completed quarter when values are missing or in draft; newest first. */
  toSubmit: QuarterToSubmit[];
  /** Submitted values waiting for a reviewer, per quarter, newest first. */
  awaiting: { period: string; n: number }[];
}

/** Returned values shown on the officer's dashboard; more are on the entry pages. */
export const OFFICER_RETURNED_LIMIT = 20;

/**
 * What an officer's city still owes and what is waiting on others: values returned to them,
 * quarters not yet submitted (drafts anywhere; missing values in `lastCompleted`), and submitted
 * values waiting for review. Four queries, whatever the city's history.
 */
export async function officerOverview(db: Database, cityId: number, lastCompleted: string): Promise<OfficerOverview> {
  const annualDue = lastCompleted.endsWith("Q4");
  const [returned, [returnedCount], byStatus, [due], [present]] = await Promise.all([
    db
      .select({
        id: indicatorValues.id,
        period: indicatorValues.period,
        indicatorCode: indicators.code,
        indicatorNameEn: indicators.nameEn,
        indicatorNameBn: indicators.nameBn,
        indicatorNameNe: indicators.nameNe,
        unit: indicators.unit,
        value: indicatorValues.value,
        reviewComment: indicatorValues.reviewComment,
        reviewedAt: indicatorValues.reviewedAt,
        reviewer: users.name,
      })
      .from(indicatorValues)
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .leftJoin(users, eq(users.id, indicatorValues.reviewedBy))
      .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.status, "returned")))
      .orderBy(sql`${indicatorValues.reviewedAt} desc nulls last`, desc(indicatorValues.period), asc(indicators.sortOrder))
      .limit(OFFICER_RETURNED_LIMIT),
    db.select({ n: count() }).from(indicatorValues).where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.status, "returned"))),
    db
      .select({ period: indicatorValues.period, status: indicatorValues.status, n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.cityId, cityId), inArray(indicatorValues.status, ["draft", "submitted"])))
      .groupBy(indicatorValues.period, indicatorValues.status),
    // Indicators due in the last completed quarter: every active quarterly one, and the annual ones in Q4.
    db
      .select({ n: count() })
      .from(indicators)
      .where(and(eq(indicators.active, true), annualDue ? undefined : eq(indicators.frequency, "quarterly"))),
    db
      .select({ n: count() })
      .from(indicatorValues)
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.period, lastCompleted), eq(indicators.active, true), annualDue ? undefined : eq(indicators.frequency, "quarterly"))),
  ]);
  const drafts = new Map<string, number>();
  const awaiting = new Map<string, number>();
  for (const row of byStatus) (row.status === "draft" ? drafts : awaiting).set(row.period, row.n);
  const dueCount = due?.n ?? 0;
  const missing = Math.max(0, dueCount - (present?.n ?? 0));
  const periods = new Set([...drafts.keys(), ...(missing > 0 ? [lastCompleted] : [])]);
  const toSubmit = [...periods]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((period) => ({ period, drafts: drafts.get(period) ?? 0, missing: period === lastCompleted ? missing : 0, due: period === lastCompleted ? dueCount : 0 }));
  return {
    returned: returned.map((row) => ({ ...row, id: Number(row.id) })),
    returnedTotal: returnedCount?.n ?? 0,
    toSubmit,
    awaiting: [...awaiting].map(([period, n]) => ({ period, n })).sort((a, b) => (a.period < b.period ? 1 : -1)),
  };
}
