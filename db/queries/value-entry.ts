import { and, asc, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cities, components, indicatorValues, indicators, resources, type IndicatorValue } from "../schema";
import { addQuarters, earliestPeriodFor, lastCompletedQuarter, periodOfDate } from "@/lib/periods";

/*
 * Reads of the officer's data-entry page: the sheet of one quarter, the quarters the picker lists
 * and the quarter the page opens on. Writes go through server/values/save.ts.
 */

/** The library resource a value's evidence file is stored as. */
export interface EntryEvidence {
  id: number;
  title: string;
  fileName: string | null;
  status: "draft" | "published";
}

/** The row the data-entry form shows for one indicator in one period. */
export interface EntryRow {
  indicatorId: number;
  code: string;
  componentId: number;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  unit: (typeof indicators.$inferSelect)["unit"];
  direction: (typeof indicators.$inferSelect)["direction"];
  target: number;
  frequency: (typeof indicators.$inferSelect)["frequency"];
  current:
    | (Pick<IndicatorValue, "id" | "value" | "note" | "evidenceUrl" | "status" | "version" | "validatedValue" | "reviewComment" | "enteredAt" | "explanation" | "flags" | "previousValue" | "previousPeriod"> & {
        evidence: EntryEvidence | null;
      })
    | null;
  previous: { period: string; value: number } | null;
}

/** Every active indicator with the city's value for `period` (and its evidence file) and its value for the period before. */
export async function entrySheet(db: Database, cityId: number, period: string): Promise<EntryRow[]> {
  const [indicatorRows, currentRows, previousRows] = await Promise.all([
    db.select().from(indicators).innerJoin(components, eq(components.id, indicators.componentId)).where(eq(indicators.active, true)).orderBy(asc(components.sortOrder), asc(indicators.sortOrder)),
    db
      .select({ value: indicatorValues, evidenceId: resources.id, evidenceTitle: resources.title, evidenceFileName: resources.fileName, evidenceStatus: resources.status })
      .from(indicatorValues)
      .leftJoin(resources, eq(resources.id, indicatorValues.evidenceResourceId))
      .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.period, period))),
    // The latest earlier value per indicator (quarterly: usually last quarter; annual: last Q4).
    db
      .selectDistinctOn([indicatorValues.indicatorId], { indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.value })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.cityId, cityId), lte(indicatorValues.period, addQuarters(period, -1))))
      .orderBy(indicatorValues.indicatorId, desc(indicatorValues.period)),
  ]);
  const currentBy = new Map(currentRows.map((r) => [r.value.indicatorId, r]));
  const previousBy = new Map(previousRows.map((r) => [r.indicatorId, r]));
  return indicatorRows.map(({ indicators: i }) => {
    const row = currentBy.get(i.id);
    const current = row?.value;
    const previous = previousBy.get(i.id);
    return {
      indicatorId: i.id,
      code: i.code,
      componentId: i.componentId,
      nameEn: i.nameEn,
      nameBn: i.nameBn,
      nameNe: i.nameNe,
      unit: i.unit,
      direction: i.direction,
      target: i.target,
      frequency: i.frequency,
      current: current
        ? {
            id: current.id,
            value: current.value,
            note: current.note,
            evidenceUrl: current.evidenceUrl,
            status: current.status,
            version: current.version,
            validatedValue: current.validatedValue,
            reviewComment: current.reviewComment,
            enteredAt: current.enteredAt,
            explanation: current.explanation,
            flags: current.flags,
            previousValue: current.previousValue,
            previousPeriod: current.previousPeriod,
            evidence: row.evidenceId !== null && row.evidenceTitle !== null && row.evidenceStatus !== null ? { id: row.evidenceId, title: row.evidenceTitle, fileName: row.evidenceFileName, status: row.evidenceStatus } : null,
          }
        : null,
      previous: previous ? { period: previous.period, value: previous.value } : null,
    };
  });
}

/** Periods of a city that still have drafts or returned values, for the officer's to-do list. */
export async function openPeriods(db: Database, cityId: number) {
  return db
    .select({ period: indicatorValues.period, drafts: sql<number>`count(*) filter (where ${indicatorValues.status} = 'draft')`.mapWith(Number), returned: sql<number>`count(*) filter (where ${indicatorValues.status} = 'returned')`.mapWith(Number) })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.cityId, cityId), or(eq(indicatorValues.status, "draft"), eq(indicatorValues.status, "returned"))))
    .groupBy(indicatorValues.period)
    .orderBy(desc(indicatorValues.period));
}

/** A quarter that holds values of the city, with how many are in each state. */
export interface CityPeriod {
  period: string;
  drafts: number;
  returned: number;
  submitted: number;
  validated: number;
}

/** Every quarter holding any value of the city (whatever its status), newest first. */
export async function cityPeriods(db: Database, cityId: number): Promise<CityPeriod[]> {
  const n = (status: IndicatorValue["status"]) => sql<number>`count(*) filter (where ${indicatorValues.status} = ${status})`.mapWith(Number);
  return db
    .select({ period: indicatorValues.period, drafts: n("draft"), returned: n("returned"), submitted: n("submitted"), validated: n("validated") })
    .from(indicatorValues)
    .where(eq(indicatorValues.cityId, cityId))
    .groupBy(indicatorValues.period)
    .orderBy(desc(indicatorValues.period));
}

/** A quarter the entry page's picker offers, with its values' counts when it holds any. */
export interface PickerQuarter {
  period: string;
  counts: CityPeriod | null;
}

/**
 * The quarters the entry page's picker lists, newest first: every quarter from the city's earliest
 * (cities.earliestPeriod, else five years before it joined) up to the current one, and every
 * earlier quarter that holds values of the city (an old draft saved through the API stays reachable).
 */
export async function entryPeriods(db: Database, cityId: number, now: Date = new Date()): Promise<{ earliest: string; current: string; quarters: PickerQuarter[] }> {
  const [[city], withData] = await Promise.all([db.select({ earliestPeriod: cities.earliestPeriod, joinedOn: cities.joinedOn }).from(cities).where(eq(cities.id, cityId)), cityPeriods(db, cityId)]);
  const current = periodOfDate(now);
  const earliest = city ? earliestPeriodFor(city) : current;
  // A quarter after the current one cannot be opened (the page is a 404), so it is not offered.
  const periods = new Set(withData.map((p) => p.period).filter((p) => p <= current));
  // Plain string order is time order for `YYYY-Qn`.
  for (let p = earliest; p <= current; p = addQuarters(p, 1)) periods.add(p);
  const countsBy = new Map(withData.map((p) => [p.period, p]));
  const quarters = [...periods].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).map((period) => ({ period, counts: countsBy.get(period) ?? null }));
  return { earliest, current, quarters };
}

/**
 * The quarter /cities/<slug>/values opens on: the last completed quarter, unless the quarter still
 * running already holds the officer's work (drafts or returned values) — then that one.
 */
export async function openingPeriod(db: Database, cityId: number, now: Date = new Date()): Promise<string> {
  const current = periodOfDate(now);
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.period, current), inArray(indicatorValues.status, ["draft", "returned"])));
  return (row?.n ?? 0) > 0 ? current : lastCompletedQuarter(now);
}

/** What an evidence file is filed under in the library: the indicator's component, and the city's slug. */
export async function evidenceTarget(db: Database, cityId: number, indicatorCode: string) {
  const [row] = await db
    .select({ code: indicators.code, nameEn: indicators.nameEn, componentCode: components.code, citySlug: cities.slug, cityNameEn: cities.nameEn })
    .from(indicators)
    .innerJoin(components, eq(components.id, indicators.componentId))
    .innerJoin(cities, eq(cities.id, cityId))
    .where(and(sql`upper(${indicators.code}) = upper(${indicatorCode})`, eq(indicators.active, true)));
  return row ?? null;
}
