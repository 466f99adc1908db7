import { and, asc, count, desc, eq, getTableColumns, inArray, isNotNull, lte, min, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cities, components, indicatorValues, indicators, resources, users, type IndicatorValue } from "../schema";
import { AppError } from "@/lib/errors";
import { addQuarters } from "@/lib/periods";

/** What the audit log keeps of a value. */
export function valueAuditView(row: Pick<IndicatorValue, "value" | "note" | "evidenceUrl" | "status" | "version" | "validatedValue" | "reviewComment"> & Partial<Pick<IndicatorValue, "explanation" | "evidenceResourceId" | "flags">>) {
  return {
    value: row.value,
    note: row.note,
    evidenceUrl: row.evidenceUrl,
    status: row.status,
    version: row.version,
    validatedValue: row.validatedValue,
    reviewComment: row.reviewComment,
    // Issue 12: the trail shows the explanation, the evidence file and why the value was flagged.
    ...(row.explanation !== undefined ? { explanation: row.explanation } : {}),
    ...(row.evidenceResourceId !== undefined ? { evidenceResourceId: row.evidenceResourceId } : {}),
    ...(row.flags !== undefined ? { flags: row.flags } : {}),
  };
}

// Rows per statement (one JSON parameter each): a 5,000-row import is one statement.
const WRITE_CHUNK = 5000;

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

/** What the save path needs of the city: its reporting window and its population (per-capita ranges). */
export async function cityForValues(db: Database, cityId: number) {
  const [row] = await db.select({ id: cities.id, population: cities.population, joinedOn: cities.joinedOn, earliestPeriod: cities.earliestPeriod }).from(cities).where(eq(cities.id, cityId));
  return row ?? null;
}

/**
 * The city's validated values of these indicators before `beforePeriod`, oldest first per
 * indicator: the save path picks each row's last validated earlier value from them (one query per
 * batch, not one per row; a city's history is a few thousand rows at most).
 */
export async function validatedHistory(db: Database, cityId: number, indicatorIds: readonly number[], beforePeriod: string) {
  if (indicatorIds.length === 0) return [];
  return db
    .select({ indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: sql<number>`${indicatorValues.validatedValue}`.mapWith(Number) })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.cityId, cityId), inArray(indicatorValues.indicatorId, [...indicatorIds]), isNotNull(indicatorValues.validatedValue), sql`${indicatorValues.period} < ${beforePeriod}`))
    .orderBy(asc(indicatorValues.indicatorId), asc(indicatorValues.period));
}

/** The library resources named as evidence, with the city each belongs to (one query per batch). */
export async function evidenceResources(db: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.select({ id: resources.id, cityId: resources.cityId }).from(resources).where(inArray(resources.id, [...ids]));
}

export interface DraftWrite {
  indicatorId: number;
  period: string;
  value: number;
  note: string;
  evidenceUrl: string | null;
  explanation: string;
  evidenceResourceId: number | null;
  /** Why the value needs a second look (lib/plausibility flagsFor), with the value it was compared with. */
  flags: readonly string[];
  previousValue: number | null;
  previousPeriod: string | null;
}

// The rows of a write ride in one JSON parameter, unpacked by jsonb_to_recordset: one parameter
// instead of one per cell keeps building the statement cheap (a 5,000-row import sends 5,000 × 10
// cells), and the update joins on id instead of evaluating CASE lists (quadratic in the rows).
const SOURCE_COLUMNS = sql.raw(
  "src(id bigint, indicator_id integer, period text, value double precision, note text, evidence_url text, explanation text, evidence_resource_id integer, flags text[], previous_value double precision, previous_period text)",
);

function payload(rows: readonly (DraftWrite & { id?: number })[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      id: r.id ?? null,
      indicator_id: r.indicatorId,
      period: r.period,
      value: r.value,
      note: r.note,
      evidence_url: r.evidenceUrl || null,
      explanation: r.explanation,
      evidence_resource_id: r.evidenceResourceId,
      flags: r.flags,
      previous_value: r.previousValue,
      previous_period: r.previousPeriod,
    })),
  );
}

/** Rows of a raw statement: postgres.js answers an array, PGlite an object with `rows`. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

/**
 * New values as drafts, version 1, one statement per chunk. The stored rows are built from what
 * was written and the ids, entry times the database gave them (everything else is a default).
 */
export async function insertDraftValues(tx: Database, cityId: number, rows: readonly DraftWrite[], actorId: number): Promise<IndicatorValue[]> {
  const out: IndicatorValue[] = [];
  for (const part of chunks(rows)) {
    const result = await tx.execute(sql`
      insert into ${indicatorValues} (city_id, indicator_id, period, value, note, evidence_url, explanation, evidence_resource_id, flags, previous_value, previous_period, status, version, entered_by)
      select ${cityId}::integer, src.indicator_id, src.period, src.value, src.note, src.evidence_url, src.explanation, src.evidence_resource_id, coalesce(src.flags, '{}'), src.previous_value, src.previous_period, 'draft', 1, ${actorId}::integer
      from jsonb_to_recordset(${payload(part)}::jsonb) as ${SOURCE_COLUMNS}
      returning id::text as id, indicator_id, period, (extract(epoch from entered_at) * 1000)::double precision as entered_ms`);
    const written = new Map(part.map((r) => [`${r.indicatorId}:${r.period}`, r]));
    for (const row of rowsOf(result)) {
      const r = written.get(`${Number(row.indicator_id)}:${String(row.period)}`);
      if (!r) throw new AppError("unexpected");
      out.push({
        id: Number(row.id),
        cityId,
        indicatorId: r.indicatorId,
        period: r.period,
        value: r.value,
        note: r.note,
        evidenceUrl: r.evidenceUrl || null,
        status: "draft",
        version: 1,
        enteredBy: actorId,
        enteredAt: new Date(Number(row.entered_ms)),
        explanation: r.explanation,
        flags: [...r.flags],
        previousValue: r.previousValue,
        previousPeriod: r.previousPeriod,
        evidenceResourceId: r.evidenceResourceId,
        submittedBy: null,
        submittedAt: null,
        reviewedBy: null,
        reviewedAt: null,
        reviewComment: null,
        validatedValue: null,
        validatedAt: null,
        isDemo: false,
      });
    }
  }
  return out;
}

/**
 * Changed values become drafts again with the next version; the validated value keeps counting
 * until the new one is validated. One statement per chunk.
 */
export async function updateDraftValues(tx: Database, rows: readonly (Omit<DraftWrite, "indicatorId" | "period"> & { id: number })[], actorId: number): Promise<IndicatorValue[]> {
  const out: IndicatorValue[] = [];
  for (const part of chunks(rows)) {
    out.push(
      ...(await tx
        .update(indicatorValues)
        .set({
          value: sql`src.value`,
          note: sql`src.note`,
          evidenceUrl: sql`src.evidence_url`,
          explanation: sql`src.explanation`,
          evidenceResourceId: sql`src.evidence_resource_id`,
          flags: sql`coalesce(src.flags, '{}')`,
          previousValue: sql`src.previous_value`,
          previousPeriod: sql`src.previous_period`,
          status: "draft",
          version: sql`${indicatorValues.version} + 1`,
          enteredBy: actorId,
          enteredAt: sql`now()`,
          submittedAt: null,
          submittedBy: null,
          isDemo: false,
        })
        .where(eq(indicatorValues.id, sql`src.id`))
        .from(sql`jsonb_to_recordset(${payload(part.map((r) => ({ ...r, indicatorId: 0, period: "" })))}::jsonb) as ${SOURCE_COLUMNS}`)
        .returning(getTableColumns(indicatorValues))),
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
 * Stores a value's move to `to` with the next version. Submitting stamps who and when (four eyes); validating makes
 * the value count (validatedValue) and stamps who and when; returning keeps the comment.
 */
export async function moveValue(tx: Database, before: IndicatorValue, to: "submitted" | "validated" | "returned", input: { actorId: number; comment: string | null }): Promise<IndicatorValue> {
  const change =
    to === "submitted"
      ? { status: to, submittedAt: sql`now()`, submittedBy: input.actorId }
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

// The entry page's reads (entrySheet, openPeriods) live in ./value-entry.ts.
export { entrySheet, openPeriods, type EntryRow } from "./value-entry";

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

// The review queue and the review sheet are in db/queries/review.ts.
