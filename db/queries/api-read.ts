import { and, asc, eq, gte, isNotNull, lte } from "drizzle-orm";
import type { Database } from "../client";
import { components, indicatorValues, indicators } from "../schema";
import { nullIfBlank } from "@/lib/api-json";

/** Component id → code, to name components in API answers by their stable code. */
export async function componentCodes(db: Database): Promise<Map<number, string>> {
  const rows = await db.select({ id: components.id, code: components.code }).from(components).orderBy(asc(components.sortOrder));
  return new Map(rows.map((r) => [r.id, r.code]));
}

export interface ValueRange {
  /** Inclusive bounds, `2025-Q3` form; omitted: open. */
  from?: string;
  to?: string;
}

const orderByPeriodAndFramework = [asc(indicatorValues.period), asc(components.sortOrder), asc(indicators.sortOrder)] as const;

function rangeOf(cityId: number, range: ValueRange) {
  return and(
    eq(indicatorValues.cityId, cityId),
    eq(indicators.active, true),
    range.from ? gte(indicatorValues.period, range.from) : undefined,
    range.to ? lte(indicatorValues.period, range.to) : undefined,
  );
}

/**
 * The public view of a city's values: only values that passed review, each as it was validated.
 * A later edit still in draft or review stays invisible (its note and evidence too, since they may
 * describe the unvalidated figure).
 */
export async function validatedCityValues(db: Database, cityId: number, range: ValueRange) {
  const rows = await db
    .select({ indicator: indicators.code, component: components.code, period: indicatorValues.period, value: indicatorValues.validatedValue, validatedAt: indicatorValues.validatedAt })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .innerJoin(components, eq(components.id, indicators.componentId))
    .where(and(rangeOf(cityId, range), isNotNull(indicatorValues.validatedValue)))
    .orderBy(...orderByPeriodAndFramework);
  // The filter guarantees both are set; narrow the types for callers.
  return rows.flatMap((r) => (r.value === null || r.validatedAt === null ? [] : [{ ...r, value: r.value, validatedAt: r.validatedAt }]));
}

/**
 * Every current value of a city with its workflow state, for those who may see drafts (the city's
 * officer, reviewers, admins). `version` is what a later PUT sends back to detect conflicts.
 */
export async function allCityValues(db: Database, cityId: number, range: ValueRange) {
  const rows = await db
    .select({
      indicator: indicators.code,
      component: components.code,
      period: indicatorValues.period,
      value: indicatorValues.value,
      status: indicatorValues.status,
      version: indicatorValues.version,
      note: indicatorValues.note,
      explanation: indicatorValues.explanation,
      flags: indicatorValues.flags,
      previousValue: indicatorValues.previousValue,
      previousPeriod: indicatorValues.previousPeriod,
      evidenceUrl: indicatorValues.evidenceUrl,
      evidenceResourceId: indicatorValues.evidenceResourceId,
      validatedValue: indicatorValues.validatedValue,
      validatedAt: indicatorValues.validatedAt,
      enteredAt: indicatorValues.enteredAt,
      submittedAt: indicatorValues.submittedAt,
      reviewedAt: indicatorValues.reviewedAt,
      reviewComment: indicatorValues.reviewComment,
    })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .innerJoin(components, eq(components.id, indicators.componentId))
    .where(rangeOf(cityId, range))
    .orderBy(...orderByPeriodAndFramework);
  // Missing is null, never "": older rows and some imports stored an empty link or comment.
  return rows.map((r) => ({ ...r, evidenceUrl: nullIfBlank(r.evidenceUrl), reviewComment: nullIfBlank(r.reviewComment) }));
}
