import "server-only";
import type { Database } from "@/db/client";
import type { IndicatorValue } from "@/db/schema";
import { insertDraftValues, lockValuesForSave, updateDraftValues, valueAuditView } from "@/db/queries/indicator-values";
import { activeIndicatorsByCodes } from "@/db/queries/value-import";
import { writeAuditRows, type AuditInput } from "@/db/queries/audit";
import { AppError, RowErrorsError, ValueConflictError, type ValueConflict } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { canWriteValuesFor } from "@/lib/policies/values";
import { checkValueForIndicator, type ValueEntry } from "@/lib/validation/values";

/**
 * The one write path for indicator values: the data-entry form, the CSV import and the API save
 * through here (questionnaires and offline sync will). Input arrives parsed by the caller's own
 * schema (its boundary); the rules that need the framework — indicator known and active, unit
 * range, annual only in Q4, one row per indicator and quarter — are checked here, once, and the
 * stored rows are locked once. Row problems come back keyed by the caller's own row keys (an
 * indicator code, a file row, an array position) instead of being thrown.
 */

export type RowKey = string | number;

export type ValueRowInput<K extends RowKey> = ValueEntry & { key: K };

export interface SaveRowError<K extends RowKey> {
  key: K;
  field: string;
  messageKey: string;
}

/** A newer value someone else saved since the caller's editor loaded it: the API's conflict, keyed by the caller's row. */
export type SaveConflict<K extends RowKey> = Omit<ValueConflict, "row"> & { key: K };

export interface SavedValue<K extends RowKey = RowKey> {
  key: K;
  id: number;
  indicator: string;
  period: string;
  value: number;
  status: IndicatorValue["status"];
  version: number;
}

export interface SaveValuesResult<K extends RowKey> {
  /** Rows written (new or changed), in the caller's order. */
  saved: SavedValue<K>[];
  /** Rows equal to the stored value: not rewritten, no new version, no audit row. */
  unchanged: SavedValue<K>[];
  rowErrors: SaveRowError<K>[];
  conflicts: SaveConflict<K>[];
}

/** What the value checks need of an indicator. */
export interface CheckIndicator {
  id: number;
  code: string;
  unit: Parameters<typeof checkValueForIndicator>[0]["unit"];
  frequency: Parameters<typeof checkValueForIndicator>[0]["frequency"];
}

export type IndicatorLookup = ReadonlyMap<string, CheckIndicator>;

/** The active indicators named by `codes` (any case), by upper-case code: one query. */
export async function lookupIndicators(db: Database, codes: Iterable<string>): Promise<IndicatorLookup> {
  const wanted = [...new Set([...codes].map((c) => c.trim().toUpperCase()).filter(Boolean))];
  const rows = await activeIndicatorsByCodes(db, wanted);
  return new Map(rows.map((i) => [i.code, i]));
}

/**
 * The framework's rules for one value: the indicator exists and is active, then its unit's range
 * and annual-only-in-Q4. The first problem, or null.
 */
export function valueProblem(indicator: CheckIndicator | undefined, period: string, value: number): { field: "indicator" | "period" | "value"; messageKey: string } | null {
  if (!indicator) return { field: "indicator", messageKey: "validation.indicatorUnknown" };
  const problem = checkValueForIndicator(indicator, period, value);
  return problem ? { field: problem === "validation.annualQ4" ? "period" : "value", messageKey: problem } : null;
}

/** A row that passed the framework's rules, with its indicator. */
export interface CheckedRow<K extends RowKey> {
  key: K;
  indicator: CheckIndicator;
  entry: ValueEntry;
}

export interface WriteOptions {
  /**
   * A row equal to the stored value is unchanged whatever the stored status or version (the CSV
   * import: re-importing an export that holds values waiting for review changes nothing). By
   * default a value in review is refused and a stale version is a conflict, equal or not.
   */
  unchangedFirst?: boolean;
}

/**
 * Writes checked rows of one city inside the caller's transaction: the actor's city scope, one
 * lock query, then per row: locked in review, stale version (a conflict) or vanished, unchanged
 * (left alone). Only when no row has a problem are the others written as drafts, with their
 * audit rows. Nothing is validated again here.
 */
export async function writeValues<K extends RowKey>(tx: Database, actor: Actor, input: { cityId: number; rows: readonly CheckedRow<K>[] }, options: WriteOptions = {}): Promise<SaveValuesResult<K>> {
  if (!canWriteValuesFor(actor, input.cityId)) throw new AppError("forbidden");
  const result: SaveValuesResult<K> = { saved: [], unchanged: [], rowErrors: [], conflicts: [] };
  if (input.rows.length === 0) return result;

  const locked = await lockValuesForSave(tx, input.cityId, [...new Set(input.rows.map((r) => r.indicator.id))], [...new Set(input.rows.map((r) => r.entry.period))]);
  const current = new Map(locked.map((e) => [`${e.row.indicatorId}:${e.row.period}`, e]));

  const inserts: CheckedRow<K>[] = [];
  const updates: { row: CheckedRow<K>; before: IndicatorValue }[] = [];
  const view = (row: CheckedRow<K>, stored: IndicatorValue): SavedValue<K> => ({ key: row.key, id: stored.id, indicator: row.indicator.code, period: stored.period, value: stored.value, status: stored.status, version: stored.version });
  for (const row of input.rows) {
    const found = current.get(`${row.indicator.id}:${row.entry.period}`);
    const same = found !== undefined && found.row.value === row.entry.value && found.row.note === row.entry.note && found.row.evidenceUrl === row.entry.evidenceUrl;
    if (same && options.unchangedFirst) {
      result.unchanged.push(view(row, found.row));
      continue;
    }
    if (found?.row.status === "submitted") {
      result.rowErrors.push({ key: row.key, field: "value", messageKey: "values.lockedInReview" });
      continue;
    }
    const expected = row.entry.version;
    if (expected !== undefined && found && expected !== found.row.version) {
      result.conflicts.push({
        key: row.key,
        indicator: row.indicator.code,
        period: row.entry.period,
        currentValue: found.row.value,
        currentNote: found.row.note,
        currentVersion: found.row.version,
        enteredBy: found.enteredByName,
        enteredAt: found.row.enteredAt,
      });
      continue;
    }
    if (expected !== undefined && expected > 0 && !found) {
      result.rowErrors.push({ key: row.key, field: "version", messageKey: "values.vanished" });
      continue;
    }
    if (same) result.unchanged.push(view(row, found.row));
    else if (found) updates.push({ row, before: found.row });
    else inserts.push(row);
  }
  if (result.rowErrors.length || result.conflicts.length) return { ...result, saved: [], unchanged: [] };

  const inserted = await insertDraftValues(
    tx,
    input.cityId,
    inserts.map((r) => ({ indicatorId: r.indicator.id, period: r.entry.period, value: r.entry.value, note: r.entry.note, evidenceUrl: r.entry.evidenceUrl })),
    actor.id,
  );
  const updated = await updateDraftValues(
    tx,
    updates.map(({ row, before }) => ({ id: before.id, value: row.entry.value, note: row.entry.note, evidenceUrl: row.entry.evidenceUrl })),
    actor.id,
  );
  const insertedBy = new Map(inserted.map((v) => [`${v.indicatorId}:${v.period}`, v]));
  const updatedBy = new Map(updated.map((v) => [v.id, v]));
  const beforeBy = new Map(updates.map((u) => [u.row.key, u.before]));
  const audits: AuditInput[] = [];
  for (const row of input.rows) {
    const before = beforeBy.get(row.key);
    const after = before ? updatedBy.get(before.id) : insertedBy.get(`${row.indicator.id}:${row.entry.period}`);
    if (!after) continue;
    result.saved.push(view(row, after));
    audits.push({ actorId: actor.id, action: "value.save", entity: "indicator_value", entityId: after.id, before: before ? valueAuditView(before) : null, after: valueAuditView(after) });
  }
  if (result.saved.length !== inserts.length + updates.length) throw new AppError("unexpected");
  await writeAuditRows(tx, audits);
  return result;
}

/**
 * Checks the framework's rules on every row, with the indicators looked up by the caller (once).
 * Per row the first problem: unknown indicator, then a second row for the same indicator and
 * quarter, then the value's own range and period.
 */
export function checkValues<K extends RowKey>(rows: readonly ValueRowInput<K>[], indicators: IndicatorLookup): { checked: CheckedRow<K>[]; rowErrors: SaveRowError<K>[] } {
  const checked: CheckedRow<K>[] = [];
  const rowErrors: SaveRowError<K>[] = [];
  const seen = new Set<string>();
  for (const { key, ...entry } of rows) {
    const indicator = indicators.get(entry.indicator.trim().toUpperCase());
    if (!indicator) {
      rowErrors.push({ key, field: "indicator", messageKey: "validation.indicatorUnknown" });
      continue;
    }
    const slot = `${indicator.id}:${entry.period}`;
    if (seen.has(slot)) {
      rowErrors.push({ key, field: "indicator", messageKey: "validation.duplicateRow" });
      continue;
    }
    seen.add(slot);
    const problem = valueProblem(indicator, entry.period, entry.value);
    if (problem) rowErrors.push({ key, ...problem });
    else checked.push({ key, indicator, entry: { ...entry, indicator: indicator.code } });
  }
  return { checked, rowErrors };
}

/**
 * Saves values of one city as drafts, all or nothing: indicators looked up once, every row checked
 * once, the stored rows locked once, the actor's city scope checked inside. A refused save writes
 * nothing and says why per row.
 */
export async function saveValues<K extends RowKey>(db: Database, actor: Actor, input: { cityId: number; rows: readonly ValueRowInput<K>[] }, options: WriteOptions = {}): Promise<SaveValuesResult<K>> {
  if (!canWriteValuesFor(actor, input.cityId)) throw new AppError("forbidden");
  const indicators = await lookupIndicators(db, input.rows.map((r) => r.indicator));
  const { checked, rowErrors } = checkValues(input.rows, indicators);
  if (rowErrors.length) return { saved: [], unchanged: [], rowErrors, conflicts: [] };
  return db.transaction((tx) => writeValues(tx, actor, { cityId: input.cityId, rows: checked }, options));
}

/**
 * saveValues for callers whose rows are a list (the API, tests): rows count from 1, and a refused
 * save throws RowErrorsError (422) or ValueConflictError (409). Returns every row, saved or
 * unchanged, in the caller's order.
 */
export async function saveValueList(db: Database, actor: Actor, input: { cityId: number; entries: readonly ValueEntry[] }): Promise<SavedValue<number>[]> {
  const result = await saveValues(db, actor, { cityId: input.cityId, rows: input.entries.map((entry, index) => ({ ...entry, key: index + 1 })) });
  if (result.rowErrors.length) throw new RowErrorsError(result.rowErrors.map(({ key, ...e }) => ({ row: key, ...e })));
  if (result.conflicts.length) throw new ValueConflictError(result.conflicts.map(({ key, ...c }) => ({ row: key, ...c })));
  return [...result.saved, ...result.unchanged].sort((a, b) => a.key - b.key);
}
