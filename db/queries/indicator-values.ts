import { and, asc, count, desc, eq, inArray, isNotNull, lte, min, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cities, components, indicatorValues, indicators, users, type IndicatorValue } from "../schema";
import { AppError } from "@/lib/errors";
import { addQuarters } from "@/lib/periods";

/** What the audit log keeps of a value. */
export function valueAuditView(row: Pick<IndicatorValue, "value" | "note" | "evidenceUrl" | "status" | "version" | "validatedValue" | "reviewComment">) {
  return { value: row.value, note: row.note, evidenceUrl: row.evidenceUrl, status: row.status, version: row.version, validatedValue: row.validatedValue, reviewComment: row.reviewComment };
}

// Rows per statement: a 5,000-row import stays far below the driver's parameter limit.
const WRITE_CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += WRITE_CHUNK) out.push(items.slice(start, start + WRITE_CHUNK));
  return out;
}

/**
 * The stored values a save may touch in one city (every indicator × period named), with who
 * entered each, locked until the transaction ends: one query per city and save.
 */
export async function lockValuesForSave(tx: Database, cityId: number, indicatorIds: readonly number[], periods: readonly string[]) {
  if (indicatorIds.length === 0 || periods.length === 0) return [];
  return tx
    .select({ row: indicatorValues, enteredByName: users.name })
    .from(indicatorValues)
    .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
    .where(and(eq(indicatorValues.cityId, cityId), inArray(indicatorValues.indicatorId, [...indicatorIds]), inArray(indicatorValues.period, [...periods])))
    .for("update", { of: indicatorValues });
}

export interface DraftWrite {
  indicatorId: number;
  period: string;
  value: number;
  note: string;
  evidenceUrl: string | null;
}

/** New values as drafts, version 1, in as few statements as possible. */
export async function insertDraftValues(tx: Database, cityId: number, rows: readonly DraftWrite[], actorId: number): Promise<IndicatorValue[]> {
  const out: IndicatorValue[] = [];
  for (const part of chunks(rows)) {
    out.push(...(await tx.insert(indicatorValues).values(part.map((r) => ({ cityId, indicatorId: r.indicatorId, period: r.period, value: r.value, note: r.note, evidenceUrl: r.evidenceUrl, status: "draft" as const, version: 1, enteredBy: actorId }))).returning()));
  }
  return out;
}

/**
 * Changed values become drafts again with the next version; the validated value keeps counting
 * until the new one is validated. One statement per chunk (the new values ride in CASE lists).
 */
export async function updateDraftValues(tx: Database, rows: readonly (Omit<DraftWrite, "indicatorId" | "period"> & { id: number })[], actorId: number): Promise<IndicatorValue[]> {
  const out: IndicatorValue[] = [];
  for (const part of chunks(rows)) {
    const cases = <T>(pick: (r: (typeof part)[number]) => T, type: string) =>
      sql.join([sql`(case ${indicatorValues.id}`, ...part.map((r) => sql`when ${r.id} then ${pick(r)}::${sql.raw(type)}`), sql`end)`], sql` `);
    out.push(
      ...(await tx
        .update(indicatorValues)
        .set({
          value: cases((r) => r.value, "double precision"),
          note: cases((r) => r.note, "text"),
          evidenceUrl: cases((r) => r.evidenceUrl, "text"),
          status: "draft",
          version: sql`${indicatorValues.version} + 1`,
          enteredBy: actorId,
          enteredAt: sql`now()`,
          submittedAt: null,
          isDemo: false,
        })
        .where(inArray(indicatorValues.id, part.map((r) => r.id)))
        .returning()),
    );
  }
  return out;
}

/** Ids of the city's values of `period` that may be sent to review (drafts and returned ones). */
export async function submittableValueIds(db: Database, cityId: number, period: string): Promise<number[]> {
  const rows = await db
    .select({ id: indicatorValues.id })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.period, period), inArray(indicatorValues.status, ["draft", "returned"])))
    .orderBy(asc(indicatorValues.id));
  return rows.map((r) => r.id);
}

/** Values by id, locked for a status change (server/workflow.ts). */
export async function lockValuesById(tx: Database, ids: readonly number[]): Promise<IndicatorValue[]> {
  if (ids.length === 0) return [];
  return tx.select().from(indicatorValues).where(inArray(indicatorValues.id, [...ids])).for("update");
}

/**
 * Stores a value's move to `to` with the next version. Submitting stamps the time; validating makes
 * the value count (validatedValue) and stamps who and when; returning keeps the comment.
 */
export async function moveValue(tx: Database, before: IndicatorValue, to: "submitted" | "validated" | "returned", input: { actorId: number; comment: string | null }): Promise<IndicatorValue> {
  const change =
    to === "submitted"
      ? { status: to, submittedAt: sql`now()` }
      : to === "validated"
        ? { status: to, validatedValue: before.value, validatedAt: sql`now()`, reviewComment: input.comment, reviewedBy: input.actorId, reviewedAt: sql`now()` }
        : { status: to, reviewComment: input.comment, reviewedBy: input.actorId, reviewedAt: sql`now()` };
  const [after] = await tx
    .update(indicatorValues)
    .set({ ...change, version: before.version + 1 })
    .where(eq(indicatorValues.id, before.id))
    .returning();
  if (!after) throw new AppError("not_found");
  return after;
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
  current: Pick<IndicatorValue, "id" | "value" | "note" | "evidenceUrl" | "status" | "version" | "validatedValue" | "reviewComment" | "enteredAt"> | null;
  previous: { period: string; value: number } | null;
}

/** Every active indicator with the city's value for `period` and its value for the period before. */
export async function entrySheet(db: Database, cityId: number, period: string): Promise<EntryRow[]> {
  const [indicatorRows, currentRows, previousRows] = await Promise.all([
    db.select().from(indicators).innerJoin(components, eq(components.id, indicators.componentId)).where(eq(indicators.active, true)).orderBy(asc(components.sortOrder), asc(indicators.sortOrder)),
    db.select().from(indicatorValues).where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.period, period))),
    // The latest earlier value per indicator (quarterly: usually last quarter; annual: last Q4).
    db
      .selectDistinctOn([indicatorValues.indicatorId], { indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.value })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.cityId, cityId), lte(indicatorValues.period, addQuarters(period, -1))))
      .orderBy(indicatorValues.indicatorId, desc(indicatorValues.period)),
  ]);
  const currentBy = new Map(currentRows.map((r) => [r.indicatorId, r]));
  const previousBy = new Map(previousRows.map((r) => [r.indicatorId, r]));
  return indicatorRows.map(({ indicators: i }) => {
    const current = currentBy.get(i.id);
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
        ? { id: current.id, value: current.value, note: current.note, evidenceUrl: current.evidenceUrl, status: current.status, version: current.version, validatedValue: current.validatedValue, reviewComment: current.reviewComment, enteredAt: current.enteredAt }
        : null,
      previous: previous ? { period: previous.period, value: previous.value } : null,
    };
  });
}

/**
 * The newest value of each indicator for a city. With `includeUnvalidated` (the city's own officer,
 * reviewers, admins) drafts and submissions show with their status; otherwise only validated values.
 */
export async function latestValues(db: Database, cityId: number, options: { includeUnvalidated: boolean }) {
  return db
    .selectDistinctOn([indicatorValues.indicatorId], {
      id: indicatorValues.id,
      indicatorId: indicatorValues.indicatorId,
      period: indicatorValues.period,
      value: options.includeUnvalidated ? indicatorValues.value : sql<number>`${indicatorValues.validatedValue}`.mapWith(Number),
      validatedValue: indicatorValues.validatedValue,
      status: indicatorValues.status,
      reviewComment: indicatorValues.reviewComment,
    })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.cityId, cityId), options.includeUnvalidated ? undefined : isNotNull(indicatorValues.validatedValue)))
    .orderBy(indicatorValues.indicatorId, desc(indicatorValues.period));
}

/** All periods of one indicator in one city, newest first. */
export async function valueHistory(db: Database, cityId: number, indicatorId: number, options: { includeUnvalidated: boolean }) {
  return db
    .select({ id: indicatorValues.id, period: indicatorValues.period, value: indicatorValues.value, validatedValue: indicatorValues.validatedValue, status: indicatorValues.status, note: indicatorValues.note, enteredAt: indicatorValues.enteredAt, enteredBy: users.name })
    .from(indicatorValues)
    .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
    .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.indicatorId, indicatorId), options.includeUnvalidated ? undefined : isNotNull(indicatorValues.validatedValue)))
    .orderBy(desc(indicatorValues.period));
}

/** Values waiting for a reviewer. */
export async function countSubmittedValues(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(indicatorValues).where(eq(indicatorValues.status, "submitted"));
  return row?.n ?? 0;
}

/** The review queue: one line per city × period with submitted values, oldest first. */
export async function reviewQueue(db: Database) {
  return db
    .select({ cityId: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, period: indicatorValues.period, waiting: count(), since: min(indicatorValues.submittedAt) })
    .from(indicatorValues)
    .innerJoin(cities, eq(cities.id, indicatorValues.cityId))
    .where(eq(indicatorValues.status, "submitted"))
    .groupBy(cities.id, indicatorValues.period)
    .orderBy(sql`min(${indicatorValues.submittedAt}) asc nulls first`, asc(cities.nameEn), asc(indicatorValues.period));
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
  submittedAt: Date | null;
  enteredBy: string | null;
  /** What counts now: this quarter's own earlier validated value, else the newest validated one before it. */
  previousValidated: { period: string; value: number } | null;
}

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
        submittedAt: indicatorValues.submittedAt,
        validatedValue: indicatorValues.validatedValue,
        enteredBy: users.name,
      })
      .from(indicatorValues)
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .innerJoin(components, eq(components.id, indicators.componentId))
      .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
      .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.period, period), eq(indicatorValues.status, "submitted")))
      .orderBy(asc(components.sortOrder), asc(indicators.sortOrder)),
    db
      .selectDistinctOn([indicatorValues.indicatorId], { indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.validatedValue })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.cityId, cityId), isNotNull(indicatorValues.validatedValue), lte(indicatorValues.period, addQuarters(period, -1))))
      .orderBy(indicatorValues.indicatorId, desc(indicatorValues.period)),
  ]);
  const earlierBy = new Map(earlier.map((r) => [r.indicatorId, r]));
  return rows.map(({ indicatorId, validatedValue, ...row }) => {
    const before = earlierBy.get(indicatorId);
    const previousValidated =
      validatedValue !== null ? { period, value: validatedValue } : before && before.value !== null ? { period: before.period, value: before.value } : null;
    return { ...row, previousValidated };
  });
}
