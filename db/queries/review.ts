import { and, asc, count, desc, eq, inArray, isNotNull, lte, min, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { cities, components, indicatorValues, indicators, users } from "../schema";
import { addQuarters } from "@/lib/periods";
import type { ValueFlag } from "@/lib/domain";

// The reviewer's reads: the queue, one city's quarter waiting for review, and one indicator's
// quarter across every city (outliers).

/**
 * The review queue: one line per city × period with submitted values, oldest first. With
 * `actorId`, `own` counts the values that person entered or submitted: another reviewer must
 * validate those (four eyes).
 */
export async function reviewQueue(db: Database, actorId?: number) {
  const own =
    actorId === undefined
      ? sql<number>`0`.mapWith(Number)
      : sql<number>`count(*) filter (where ${indicatorValues.enteredBy} = ${actorId} or ${indicatorValues.submittedBy} = ${actorId})`.mapWith(Number);
  return db
    .select({
      cityId: cities.id,
      slug: cities.slug,
      nameEn: cities.nameEn,
      nameBn: cities.nameBn,
      nameNe: cities.nameNe,
      period: indicatorValues.period,
      waiting: count(),
      own,
      flagged: sql<number>`count(*) filter (where cardinality(${indicatorValues.flags}) > 0)`.mapWith(Number),
      since: min(indicatorValues.submittedAt),
    })
    .from(indicatorValues)
    .innerJoin(cities, eq(cities.id, indicatorValues.cityId))
    .where(eq(indicatorValues.status, "submitted"))
    .groupBy(cities.id, indicatorValues.period)
    .orderBy(sql`min(${indicatorValues.submittedAt}) asc nulls first`, asc(cities.nameEn), asc(indicatorValues.period));
}

/** One submitted value as the reviewer sees it. */
export interface ReviewRow {
  id: number;
  code: string;
  componentId: number;
  componentNameEn: string;
  componentNameBn: string;
  componentNameNe: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  unit: (typeof indicators.$inferSelect)["unit"];
  target: number;
  value: number;
  note: string;
  evidenceUrl: string | null;
  /** A library resource (photo, scan) uploaded as evidence. */
  evidenceResourceId: number | null;
  submittedAt: Date | null;
  enteredBy: string | null;
  enteredById: number | null;
  submittedById: number | null;
  submittedByName: string | null;
  /** Why the value needs a second look, with the validated value it was compared with at save. */
  flags: ValueFlag[];
  explanation: string;
  flaggedAgainst: { period: string; value: number } | null;
  /** What counts now: this quarter's own earlier validated value, else the newest validated one before it. */
  previousValidated: { period: string; value: number } | null;
}

const submitter = alias(users, "submitter");

/** The values of one city and period waiting for review, in framework order. */
export async function reviewSheet(db: Database, cityId: number, period: string): Promise<ReviewRow[]> {
  const [rows, earlier] = await Promise.all([
    db
      .select({
        id: indicatorValues.id,
        indicatorId: indicators.id,
        code: indicators.code,
        componentId: components.id,
        componentNameEn: components.nameEn,
        componentNameBn: components.nameBn,
        componentNameNe: components.nameNe,
        nameEn: indicators.nameEn,
        nameBn: indicators.nameBn,
        nameNe: indicators.nameNe,
        unit: indicators.unit,
        target: indicators.target,
        value: indicatorValues.value,
        note: indicatorValues.note,
        evidenceUrl: indicatorValues.evidenceUrl,
        evidenceResourceId: indicatorValues.evidenceResourceId,
        submittedAt: indicatorValues.submittedAt,
        validatedValue: indicatorValues.validatedValue,
        enteredBy: users.name,
        enteredById: indicatorValues.enteredBy,
        submittedById: indicatorValues.submittedBy,
        submittedByName: submitter.name,
        flags: indicatorValues.flags,
        explanation: indicatorValues.explanation,
        previousValue: indicatorValues.previousValue,
        previousPeriod: indicatorValues.previousPeriod,
      })
      .from(indicatorValues)
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .innerJoin(components, eq(components.id, indicators.componentId))
      .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
      .leftJoin(submitter, eq(submitter.id, indicatorValues.submittedBy))
      .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.period, period), eq(indicatorValues.status, "submitted")))
      .orderBy(asc(components.sortOrder), asc(indicators.sortOrder)),
    db
      .selectDistinctOn([indicatorValues.indicatorId], { indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.validatedValue })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.cityId, cityId), isNotNull(indicatorValues.validatedValue), lte(indicatorValues.period, addQuarters(period, -1))))
      .orderBy(indicatorValues.indicatorId, desc(indicatorValues.period)),
  ]);
  const earlierBy = new Map(earlier.map((r) => [r.indicatorId, r]));
  return rows.map(({ indicatorId, validatedValue, flags, previousValue, previousPeriod, ...row }) => {
    const before = earlierBy.get(indicatorId);
    const previousValidated =
      validatedValue !== null ? { period, value: validatedValue } : before && before.value !== null ? { period: before.period, value: before.value } : null;
    return {
      ...row,
      flags: flags.filter((f): f is ValueFlag => f === "outside_expected" || f === "large_change"),
      flaggedAgainst: previousValue !== null && previousPeriod !== null ? { period: previousPeriod, value: previousValue } : null,
      previousValidated,
    };
  });
}

/** Indicator codes of the given values, in framework order (for a refusal naming them). */
export async function indicatorCodesOfValues(db: Database, valueIds: readonly number[]): Promise<string[]> {
  if (valueIds.length === 0) return [];
  const rows = await db
    .select({ code: indicators.code })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .innerJoin(components, eq(components.id, indicators.componentId))
    .where(inArray(indicatorValues.id, [...valueIds]))
    .orderBy(asc(components.sortOrder), asc(indicators.sortOrder));
  return rows.map((r) => r.code);
}

/** One city's value of the indicator and quarter, for the outlier view. */
export interface CityValue {
  cityId: number;
  slug: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  population: number | null;
  value: number;
  status: "submitted" | "validated";
}

/**
 * Every city's submitted or validated value of one indicator in one quarter. A validated value
 * being edited again (a draft or returned) still counts with its validated figure.
 */
export async function valuesAcrossCities(db: Database, indicatorId: number, period: string): Promise<CityValue[]> {
  const rows = await db
    .select({
      cityId: cities.id,
      slug: cities.slug,
      nameEn: cities.nameEn,
      nameBn: cities.nameBn,
      nameNe: cities.nameNe,
      population: cities.population,
      status: indicatorValues.status,
      value: indicatorValues.value,
      validatedValue: indicatorValues.validatedValue,
    })
    .from(indicatorValues)
    .innerJoin(cities, eq(cities.id, indicatorValues.cityId))
    .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.period, period), or(inArray(indicatorValues.status, ["submitted", "validated"]), isNotNull(indicatorValues.validatedValue))))
    .orderBy(asc(cities.nameEn));
  return rows.map((r): CityValue => {
    const submitted = r.status === "submitted" || r.status === "validated";
    return {
      cityId: r.cityId,
      slug: r.slug,
      nameEn: r.nameEn,
      nameBn: r.nameBn,
      nameNe: r.nameNe,
      population: r.population,
      value: submitted ? r.value : (r.validatedValue ?? r.value),
      status: r.status === "submitted" ? "submitted" : "validated",
    };
  });
}

/** Quarters that hold any submitted or validated value, newest first (the outlier view's choices). */
export async function reviewedPeriods(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ period: indicatorValues.period })
    .from(indicatorValues)
    .where(or(inArray(indicatorValues.status, ["submitted", "validated"]), isNotNull(indicatorValues.validatedValue)))
    .orderBy(desc(indicatorValues.period));
  return rows.map((r) => r.period);
}
