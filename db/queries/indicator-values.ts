import { and, asc, count, desc, eq, inArray, isNotNull, lte, min, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cities, components, indicatorValues, indicators, users, type IndicatorValue } from "../schema";
import { writeAudit } from "./audit";
import { refreshCityScores } from "./scores";
import { AppError, RowErrorsError, ValueConflictError, type RowError, type ValueConflict } from "@/lib/errors";
import { checkValueForIndicator, type ReviewDecision, type ValueEntry } from "@/lib/validation/values";
import { addQuarters } from "@/lib/periods";

/** What the audit log keeps of a value. */
function auditView(row: Pick<IndicatorValue, "value" | "note" | "evidenceUrl" | "status" | "version" | "validatedValue" | "reviewComment">) {
  return { value: row.value, note: row.note, evidenceUrl: row.evidenceUrl, status: row.status, version: row.version, validatedValue: row.validatedValue, reviewComment: row.reviewComment };
}

export interface SavedValue {
  id: number;
  indicator: string;
  period: string;
  value: number;
  status: IndicatorValue["status"];
  version: number;
}

/**
 * Saves values of one city as drafts, all or nothing. Every refusal is collected first, per row:
 * unknown indicator, out-of-range value, annual indicator outside Q4, a value locked in review, and
 * edits based on an older version (a conflict, reported with the newer value).
 */
export async function upsertValues(db: Database, input: { cityId: number; entries: ValueEntry[] }, actorId: number): Promise<SavedValue[]> {
  return db.transaction(async (tx) => {
    const codes = [...new Set(input.entries.map((e) => e.indicator.toUpperCase()))];
    const known = await tx.select().from(indicators).where(and(inArray(indicators.code, codes), eq(indicators.active, true)));
    const byCode = new Map(known.map((i) => [i.code, i]));

    const errors: RowError[] = [];
    const seen = new Set<string>();
    input.entries.forEach((entry, index) => {
      const row = index + 1;
      const indicator = byCode.get(entry.indicator.toUpperCase());
      if (!indicator) return errors.push({ row, field: "indicator", messageKey: "validation.indicatorUnknown" });
      const key = `${indicator.id}:${entry.period}`;
      if (seen.has(key)) return errors.push({ row, field: "indicator", messageKey: "validation.duplicateRow" });
      seen.add(key);
      const problem = checkValueForIndicator(indicator, entry.period, entry.value);
      if (problem) errors.push({ row, field: problem === "validation.annualQ4" ? "period" : "value", messageKey: problem });
    });
    if (errors.length) throw new RowErrorsError(errors);

    const periods = [...new Set(input.entries.map((e) => e.period))];
    const existing = await tx
      .select({ row: indicatorValues, enteredByName: users.name })
      .from(indicatorValues)
      .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
      .where(and(eq(indicatorValues.cityId, input.cityId), inArray(indicatorValues.indicatorId, known.map((i) => i.id)), inArray(indicatorValues.period, periods)))
      .for("update", { of: indicatorValues });
    const current = new Map(existing.map((e) => [`${e.row.indicatorId}:${e.row.period}`, e]));

    const conflicts: ValueConflict[] = [];
    input.entries.forEach((entry, index) => {
      const indicator = byCode.get(entry.indicator.toUpperCase());
      if (!indicator) return;
      const found = current.get(`${indicator.id}:${entry.period}`);
      if (found?.row.status === "submitted") {
        errors.push({ row: index + 1, field: "value", messageKey: "values.lockedInReview" });
        return;
      }
      const expected = entry.version;
      if (expected !== undefined && expected !== (found?.row.version ?? 0) && found) {
        conflicts.push({
          row: index + 1,
          indicator: indicator.code,
          period: entry.period,
          currentValue: found.row.value,
          currentNote: found.row.note,
          currentVersion: found.row.version,
          enteredBy: found.enteredByName,
          enteredAt: found.row.enteredAt,
        });
      } else if (expected !== undefined && expected > 0 && !found) {
        errors.push({ row: index + 1, field: "version", messageKey: "values.vanished" });
      }
    });
    if (errors.length) throw new RowErrorsError(errors);
    if (conflicts.length) throw new ValueConflictError(conflicts);

    const saved: SavedValue[] = [];
    for (const entry of input.entries) {
      const indicator = byCode.get(entry.indicator.toUpperCase());
      if (!indicator) continue;
      const found = current.get(`${indicator.id}:${entry.period}`)?.row;
      const note = entry.note;
      const evidenceUrl = entry.evidenceUrl;
      if (found && found.value === entry.value && found.note === note && found.evidenceUrl === evidenceUrl) {
        saved.push({ id: found.id, indicator: indicator.code, period: found.period, value: found.value, status: found.status, version: found.version });
        continue;
      }
      const [row] = found
        ? await tx
            .update(indicatorValues)
            .set({ value: entry.value, note, evidenceUrl, status: "draft", version: found.version + 1, enteredBy: actorId, enteredAt: sql`now()`, submittedAt: null, isDemo: false })
            .where(eq(indicatorValues.id, found.id))
            .returning()
        : await tx
            .insert(indicatorValues)
            .values({ cityId: input.cityId, indicatorId: indicator.id, period: entry.period, value: entry.value, note, evidenceUrl, status: "draft", version: 1, enteredBy: actorId })
            .returning();
      if (!row) throw new AppError("unexpected");
      await writeAudit(tx, { actorId, action: "value.save", entity: "indicator_value", entityId: row.id, before: found ? auditView(found) : null, after: auditView(row) });
      saved.push({ id: row.id, indicator: indicator.code, period: row.period, value: row.value, status: row.status, version: row.version });
    }
    return saved;
  });
}

/** Sends every draft or returned value of the city's period to review. */
export async function submitPeriod(db: Database, input: { cityId: number; period: string }, actorId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(indicatorValues)
      .set({ status: "submitted", submittedAt: sql`now()`, version: sql`${indicatorValues.version} + 1` })
      .where(and(eq(indicatorValues.cityId, input.cityId), eq(indicatorValues.period, input.period), inArray(indicatorValues.status, ["draft", "returned"])))
      .returning();
    if (rows.length === 0) throw new AppError("invalid", "values.nothingToSubmit");
    for (const row of rows) {
      await writeAudit(tx, { actorId, action: "value.submit", entity: "indicator_value", entityId: row.id, before: { status: "draft" }, after: auditView(row) });
    }
    return rows.length;
  });
}

/**
 * Validates or returns submitted values. Validation makes a value count in scores; the city's
 * derived scores are recomputed in the same transaction.
 */
export async function reviewValues(db: Database, decisions: ReviewDecision[], actorId: number): Promise<{ validated: number; returned: number }> {
  return db.transaction(async (tx) => {
    const ids = decisions.map((d) => d.valueId);
    const rows = await tx.select().from(indicatorValues).where(inArray(indicatorValues.id, ids)).for("update");
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: RowError[] = [];
    decisions.forEach((decision, index) => {
      const row = byId.get(decision.valueId);
      if (!row) errors.push({ row: index + 1, field: "valueId", messageKey: "errors.not_found" });
      else if (row.status !== "submitted") errors.push({ row: index + 1, field: "valueId", messageKey: "values.notSubmitted" });
    });
    if (errors.length) throw new RowErrorsError(errors);

    const touchedCities = new Set<number>();
    let validated = 0;
    for (const decision of decisions) {
      const before = byId.get(decision.valueId);
      if (!before) continue;
      const change =
        decision.decision === "validate"
          ? { status: "validated" as const, validatedValue: before.value, validatedAt: sql`now()`, reviewComment: decision.comment || null }
          : { status: "returned" as const, reviewComment: decision.comment };
      const [after] = await tx
        .update(indicatorValues)
        .set({ ...change, reviewedBy: actorId, reviewedAt: sql`now()`, version: before.version + 1 })
        .where(eq(indicatorValues.id, before.id))
        .returning();
      if (!after) throw new AppError("unexpected");
      await writeAudit(tx, { actorId, action: decision.decision === "validate" ? "value.validate" : "value.return", entity: "indicator_value", entityId: after.id, before: auditView(before), after: auditView(after) });
      if (decision.decision === "validate") {
        validated++;
        touchedCities.add(after.cityId);
      }
    }
    for (const cityId of touchedCities) await refreshCityScores(tx, cityId);
    return { validated, returned: decisions.length - validated };
  });
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
