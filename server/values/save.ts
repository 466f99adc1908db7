import "server-only";
import type { Database } from "@/db/client";
import type { IndicatorValue } from "@/db/schema";
import { cityForValues, evidenceResources, insertDraftValues, lockValuesForSave, updateDraftValues, validatedHistory, valueAuditView, type DraftWrite } from "@/db/queries/indicator-values";
import { activeIndicatorsByCodes } from "@/db/queries/value-import";
import { writeAuditRows, type AuditInput } from "@/db/queries/audit";
import { VALUE_FLAGS, type ValueFlag } from "@/lib/domain";
import { AppError, RowErrorsError, ValueConflictError, type RowError, type ValueConflict } from "@/lib/errors";
import { messageKeyOf } from "@/lib/i18n/messages";
import { earliestPeriodFor } from "@/lib/periods";
import type { Actor } from "@/lib/permissions";
import { flagsFor, type PlausibilityIndicator, type PreviousValue } from "@/lib/plausibility";
import { canUseAsEvidence, canWriteValuesFor } from "@/lib/policies/values";
import { checkPeriodForCity, checkValueForIndicator, valueEntrySchema, VALUE_ROWS_MAX, type ValueEntry, type ValueProblem } from "@/lib/validation/values";

/**
 * The one write path for indicator values: the data-entry form, the CSV import and the API save
 * through here (questionnaires and offline sync will). Input arrives parsed by the caller's own
 * schema (its boundary); the rules that need the framework or the city — indicator known and
 * active, the hard range and whole numbers, annual only in Q4, the city's earliest quarter, an
 * evidence file of the same city, one row per indicator and quarter — are checked here, once, and
 * every problem of every row is returned at once. The stored rows are locked once; each written
 * value gets its flags (lib/plausibility.ts) against the city's last validated value, looked up
 * once per batch. Row problems come back keyed by the caller's own row keys (an indicator code, a
 * file row, an array position) instead of being thrown. docs/values.md#rules-for-a-value.
 */

export type RowKey = string | number;

export type ValueRowInput<K extends RowKey> = ValueEntry & { key: K };

export interface SaveRowError<K extends RowKey> {
  key: K;
  field: string;
  messageKey: string;
  /** What the message names ({earliest}, {min}, {max}). */
  params?: Record<string, string | number>;
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
  /** Why the value needs a second look; a flagged value needs an explanation to be submitted. */
  flags: ValueFlag[];
  /** The city's last validated value it was compared with. */
  previous: PreviousValue | null;
  explanation: string;
}

export interface SaveValuesResult<K extends RowKey> {
  /** Rows written (new or changed), in the caller's order; with `checkOnly`, the rows that would be (id 0 for new ones). */
  saved: SavedValue<K>[];
  /** Rows equal to the stored value: not rewritten, no new version, no audit row. */
  unchanged: SavedValue<K>[];
  rowErrors: SaveRowError<K>[];
  conflicts: SaveConflict<K>[];
}

/** What the value checks need of an indicator. */
export interface CheckIndicator extends PlausibilityIndicator {
  id: number;
  code: string;
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
 * The framework's rules for one value: annual-only-in-Q4, the hard range, whole numbers. Every
 * problem, empty when none. One call per row.
 */
export function valueProblems(indicator: CheckIndicator, period: string, value: number): ValueProblem[] {
  return checkValueForIndicator(indicator, period, value);
}

/** The first of valueProblems (with an unknown indicator first of all), or null. */
export function valueProblem(indicator: CheckIndicator | undefined, period: string, value: number): { field: "indicator" | "period" | "value"; messageKey: string; params?: Record<string, string | number> } | null {
  if (!indicator) return { field: "indicator", messageKey: "validation.indicatorUnknown" };
  return valueProblems(indicator, period, value)[0] ?? null;
}

/** What the rules need of the city a batch is saved for. */
export interface SaveContext {
  cityId: number;
  /** The first quarter the city's values are accepted for (lib/periods earliestPeriodFor). */
  earliest: string;
  population: number | null;
  /** The evidence resources the batch names, by id, with their city. */
  resources: ReadonlyMap<number, { cityId: number | null }>;
}

/** The city (one query) and the evidence resources the rows name (one more, only if any). */
export async function loadSaveContext(db: Database, cityId: number, rows: readonly Pick<ValueEntry, "evidenceResourceId">[]): Promise<SaveContext> {
  const ids = [...new Set(rows.map((r) => r.evidenceResourceId).filter((id): id is number => typeof id === "number"))];
  const [city, found] = await Promise.all([cityForValues(db, cityId), evidenceResources(db, ids)]);
  if (!city) throw new AppError("not_found");
  return { cityId, earliest: earliestPeriodFor(city), population: city.population, resources: new Map(found.map((r) => [r.id, { cityId: r.cityId }])) };
}

/** The rules that need the city: not before its earliest quarter, evidence from its own library. */
export function cityProblems(entry: Pick<ValueEntry, "period" | "evidenceResourceId">, context: SaveContext): { field: string; messageKey: string; params?: Record<string, string | number> }[] {
  const problems: { field: string; messageKey: string; params?: Record<string, string | number> }[] = [];
  const period = checkPeriodForCity(entry.period, context.earliest);
  if (period) problems.push(period);
  if (typeof entry.evidenceResourceId === "number" && !canUseAsEvidence(context.resources.get(entry.evidenceResourceId), context.cityId)) {
    problems.push({ field: "evidenceResourceId", messageKey: "validation.evidenceResource" });
  }
  return problems;
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
  /**
   * A row without a version over a stored value (that it would change) is a conflict, not an
   * overwrite: the API unless the request says ?overwrite=true.
   */
  requireVersion?: boolean;
  /** Run every check (locks, versions, flags) and write nothing; `saved` lists what would be written. */
  checkOnly?: boolean;
}

const isFlag = (flag: string): flag is ValueFlag => (VALUE_FLAGS as readonly string[]).includes(flag);

/** For each row, the latest validated value of its indicator in an earlier quarter. */
function previousFinder(history: readonly { indicatorId: number; period: string; value: number }[]) {
  const byIndicator = new Map<number, { period: string; value: number }[]>();
  for (const h of history) {
    const list = byIndicator.get(h.indicatorId) ?? [];
    list.push({ period: h.period, value: h.value });
    byIndicator.set(h.indicatorId, list);
  }
  return (indicatorId: number, period: string): PreviousValue | null => {
    // Oldest first: binary search for the last period before `period`.
    const list = byIndicator.get(indicatorId);
    if (!list) return null;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.period ?? "") < period) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? (list[lo - 1] ?? null) : null;
  };
}

/**
 * Writes checked rows of one city inside the caller's transaction: the actor's city scope, one
 * lock query, then per row: locked in review, stale or missing version (a conflict) or vanished,
 * unchanged (left alone); for the rows to write, the city's rules (earliest quarter, evidence of
 * the same city; the city is read once, or comes as `context` from the caller). Only when no row
 * has a problem are they written as drafts, with their flags (one query for the previous
 * validated values) and audit rows. The framework's rules are not validated again here.
 */
export async function writeValues<K extends RowKey>(
  tx: Database,
  actor: Actor,
  input: { cityId: number; rows: readonly CheckedRow<K>[]; context?: SaveContext },
  options: WriteOptions = {},
): Promise<SaveValuesResult<K>> {
  if (!canWriteValuesFor(actor, input.cityId)) throw new AppError("forbidden");
  const result: SaveValuesResult<K> = { saved: [], unchanged: [], rowErrors: [], conflicts: [] };
  if (input.rows.length === 0) return result;

  const locked = await lockValuesForSave(tx, input.cityId, [...new Set(input.rows.map((r) => r.indicator.id))], [...new Set(input.rows.map((r) => r.entry.period))]);
  const current = new Map(locked.map((e) => [`${e.row.indicatorId}:${e.row.period}`, e]));

  const inserts: CheckedRow<K>[] = [];
  const updates: { row: CheckedRow<K>; before: IndicatorValue }[] = [];
  const view = (row: CheckedRow<K>, stored: Pick<IndicatorValue, "id" | "period" | "value" | "status" | "version" | "flags" | "previousValue" | "previousPeriod" | "explanation">): SavedValue<K> => ({
    key: row.key,
    id: stored.id,
    indicator: row.indicator.code,
    period: stored.period,
    value: stored.value,
    status: stored.status,
    version: stored.version,
    flags: stored.flags.filter(isFlag),
    previous: stored.previousValue !== null && stored.previousPeriod !== null ? { period: stored.previousPeriod, value: stored.previousValue } : null,
    explanation: stored.explanation,
  });
  const conflict = (row: CheckedRow<K>, found: (typeof locked)[number], reason: ValueConflict["reason"]): SaveConflict<K> => ({
    key: row.key,
    indicator: row.indicator.code,
    period: row.entry.period,
    currentValue: found.row.value,
    currentNote: found.row.note,
    currentVersion: found.row.version,
    enteredBy: found.enteredByName,
    enteredAt: found.row.enteredAt,
    reason,
  });
  for (const row of input.rows) {
    const found = current.get(`${row.indicator.id}:${row.entry.period}`);
    const { entry } = row;
    // Left out, the explanation and the evidence file keep what is stored (see valueEntrySchema).
    const same =
      found !== undefined &&
      found.row.value === entry.value &&
      found.row.note === entry.note &&
      (found.row.evidenceUrl || null) === (entry.evidenceUrl || null) &&
      (entry.explanation === undefined || found.row.explanation === entry.explanation) &&
      (entry.evidenceResourceId === undefined || found.row.evidenceResourceId === entry.evidenceResourceId);
    if (same && options.unchangedFirst) {
      result.unchanged.push(view(row, found.row));
      continue;
    }
    if (found?.row.status === "submitted") {
      result.rowErrors.push({ key: row.key, field: "value", messageKey: "values.lockedInReview" });
      continue;
    }
    const expected = entry.version;
    if (expected !== undefined && found && expected !== found.row.version) {
      result.conflicts.push(conflict(row, found, "stale"));
      continue;
    }
    if (expected === undefined && found && !same && options.requireVersion) {
      result.conflicts.push(conflict(row, found, "unversioned"));
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
  // The city's rules apply to what would be written: an unchanged row (an old export imported
  // again) is left alone. The city is read only then, unless the caller already has it.
  const toWrite = [...inserts, ...updates.map((u) => u.row)];
  const context = toWrite.length === 0 ? null : (input.context ?? (await loadSaveContext(tx, input.cityId, toWrite.map((r) => r.entry))));
  if (context) for (const row of toWrite) for (const problem of cityProblems(row.entry, context)) result.rowErrors.push({ key: row.key, ...problem });
  if (result.rowErrors.length || result.conflicts.length) return { ...result, saved: [], unchanged: [] };
  if (!context) return result;

  // The last validated value before each row's quarter: one query for the whole batch.
  const latestPeriod = toWrite.reduce((max, r) => (r.entry.period > max ? r.entry.period : max), "");
  const previousOf = previousFinder(await validatedHistory(tx, input.cityId, [...new Set(toWrite.map((r) => r.indicator.id))], latestPeriod));
  const draft = (row: CheckedRow<K>, before: IndicatorValue | null): DraftWrite => {
    const previous = previousOf(row.indicator.id, row.entry.period);
    return {
      indicatorId: row.indicator.id,
      period: row.entry.period,
      value: row.entry.value,
      note: row.entry.note,
      evidenceUrl: row.entry.evidenceUrl || null,
      explanation: row.entry.explanation ?? before?.explanation ?? "",
      evidenceResourceId: row.entry.evidenceResourceId === undefined ? (before?.evidenceResourceId ?? null) : row.entry.evidenceResourceId,
      flags: flagsFor({ indicator: row.indicator, population: context.population, value: row.entry.value, previous }),
      previousValue: previous?.value ?? null,
      previousPeriod: previous?.period ?? null,
    };
  };
  const insertWrites = inserts.map((r) => draft(r, null));
  const updateWrites = updates.map(({ row, before }) => ({ ...draft(row, before), id: before.id }));

  if (options.checkOnly) {
    // What would be stored, without storing it.
    const wouldBe = (row: CheckedRow<K>, write: DraftWrite, before: IndicatorValue | null): SavedValue<K> => ({
      key: row.key,
      id: before?.id ?? 0,
      indicator: row.indicator.code,
      period: write.period,
      value: write.value,
      status: "draft",
      version: before ? before.version + 1 : 1,
      flags: write.flags.filter(isFlag),
      previous: write.previousValue !== null && write.previousPeriod !== null ? { period: write.previousPeriod, value: write.previousValue } : null,
      explanation: write.explanation,
    });
    const planned = new Map<K, SavedValue<K>>([...inserts.map((r, i) => [r.key, wouldBe(r, insertWrites[i] as DraftWrite, null)] as const), ...updates.map((u, i) => [u.row.key, wouldBe(u.row, updateWrites[i] as DraftWrite, u.before)] as const)]);
    for (const row of input.rows) {
      const value = planned.get(row.key);
      if (value) result.saved.push(value);
    }
    return result;
  }

  const inserted = await insertDraftValues(tx, input.cityId, insertWrites, actor.id);
  const updated = await updateDraftValues(tx, updateWrites, actor.id);
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
 * Checks the framework's and the city's rules on every row, with the indicators (and the city,
 * when given) looked up by the caller, once. Every problem of every row: an unknown indicator
 * (nothing else can be checked then), a second row for the same indicator and quarter, then the
 * value's range, whole numbers and period, the city's earliest quarter and the evidence file.
 * Rows whose key is in `refused` (the caller's own parsing found a problem) are checked but never
 * come back as checked.
 */
export function checkValues<K extends RowKey>(
  rows: readonly ValueRowInput<K>[],
  indicators: IndicatorLookup,
  context?: SaveContext,
  refused: ReadonlySet<K> = new Set(),
): { checked: CheckedRow<K>[]; rowErrors: SaveRowError<K>[] } {
  const checked: CheckedRow<K>[] = [];
  const rowErrors: SaveRowError<K>[] = [];
  const seen = new Set<string>();
  for (const { key, ...entry } of rows) {
    const indicator = indicators.get(entry.indicator.trim().toUpperCase());
    if (!indicator) {
      rowErrors.push({ key, field: "indicator", messageKey: "validation.indicatorUnknown" });
      continue;
    }
    const before = rowErrors.length;
    const slot = `${indicator.id}:${entry.period}`;
    if (seen.has(slot)) rowErrors.push({ key, field: "indicator", messageKey: "validation.duplicateRow" });
    seen.add(slot);
    for (const problem of valueProblems(indicator, entry.period, entry.value)) rowErrors.push({ key, ...problem });
    if (context) for (const problem of cityProblems(entry, context)) rowErrors.push({ key, ...problem });
    if (rowErrors.length === before && !refused.has(key)) checked.push({ key, indicator, entry: { ...entry, indicator: indicator.code } });
  }
  return { checked, rowErrors };
}

/**
 * Saves values of one city as drafts, all or nothing: indicators and the city looked up once,
 * every row checked once, the stored rows locked once, the actor's city scope checked inside. A
 * refused save writes nothing and says why, every problem of every row at once: `presetErrors`
 * are the caller's own parsing problems (a bad link, a malformed number), listed with the rest;
 * the rows that passed are still run through the locks and versions (checkOnly) so values in
 * review and conflicts show in the same answer.
 */
export async function saveValues<K extends RowKey>(
  db: Database,
  actor: Actor,
  input: { cityId: number; rows: readonly ValueRowInput<K>[]; presetErrors?: readonly SaveRowError<K>[] },
  options: WriteOptions = {},
): Promise<SaveValuesResult<K>> {
  if (!canWriteValuesFor(actor, input.cityId)) throw new AppError("forbidden");
  const preset = input.presetErrors ?? [];
  const [indicators, context] = await Promise.all([lookupIndicators(db, input.rows.map((r) => r.indicator)), loadSaveContext(db, input.cityId, input.rows)]);
  const { checked, rowErrors } = checkValues(input.rows, indicators, context, new Set(preset.map((e) => e.key)));
  const errors = [...preset, ...rowErrors];
  if (errors.length && checked.length === 0) return { saved: [], unchanged: [], rowErrors: errors, conflicts: [] };
  const result = await db.transaction((tx) => writeValues(tx, actor, { cityId: input.cityId, rows: checked, context }, { ...options, checkOnly: options.checkOnly || errors.length > 0 }));
  if (errors.length === 0) return result;
  return { saved: [], unchanged: [], rowErrors: [...errors, ...result.rowErrors], conflicts: result.conflicts };
}

/**
 * Parses raw rows (an API body's items, a form's fields) with valueEntrySchema, every problem of
 * every row. A row with a problem only in its note, link, explanation, evidence or version is
 * still handed on (without those fields) so its value is range-checked in the same answer; it is
 * never written, because its problems are in `rowErrors`.
 */
export function parseValueRows<K extends RowKey>(items: readonly { key: K; input: unknown }[]): { rows: ValueRowInput<K>[]; rowErrors: SaveRowError<K>[] } {
  const rows: ValueRowInput<K>[] = [];
  const rowErrors: SaveRowError<K>[] = [];
  for (const { key, input } of items) {
    const parsed = valueEntrySchema.safeParse(input);
    if (parsed.success) {
      rows.push({ ...parsed.data, key });
      continue;
    }
    const fields = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join(".") || "row";
      fields.add(String(issue.path[0] ?? "row"));
      rowErrors.push({ key, field, messageKey: messageKeyOf(issue) });
    }
    if (typeof input !== "object" || input === null || ["indicator", "period", "value", "row"].some((f) => fields.has(f))) continue;
    const salvaged = valueEntrySchema.safeParse(Object.fromEntries(Object.entries(input).filter(([name]) => !fields.has(name))));
    if (salvaged.success) rows.push({ ...salvaged.data, key });
  }
  return { rows, rowErrors };
}

function throwIfRefused(result: SaveValuesResult<number>): void {
  if (result.rowErrors.length) {
    const rows: RowError[] = result.rowErrors.map(({ key, ...e }) => ({ row: key, ...e }));
    throw new RowErrorsError(rows.sort((a, b) => a.row - b.row));
  }
  if (result.conflicts.length) throw new ValueConflictError(result.conflicts.map(({ key, ...c }) => ({ row: key, ...c })));
}

const inOrder = (result: SaveValuesResult<number>) => [...result.saved, ...result.unchanged].sort((a, b) => a.key - b.key);

/**
 * saveValues for callers whose rows are a list (tests, scripts): rows count from 1, and a refused
 * save throws RowErrorsError (422) or ValueConflictError (409). Returns every row, saved or
 * unchanged, in the caller's order.
 */
export async function saveValueList(db: Database, actor: Actor, input: { cityId: number; entries: readonly ValueEntry[] }, options: WriteOptions = {}): Promise<SavedValue<number>[]> {
  const result = await saveValues(db, actor, { cityId: input.cityId, rows: input.entries.map((entry, index) => ({ ...entry, key: index + 1 })) }, options);
  throwIfRefused(result);
  return inOrder(result);
}

/**
 * The API's PUT body: a JSON array of value entries. Every problem of every row comes back in one
 * 422 (parsing and the rules together); a row without `version` over a stored value it would
 * change is a conflict (409) unless `overwrite`.
 */
export async function saveValueBody(db: Database, actor: Actor, input: { cityId: number; body: unknown; overwrite: boolean }): Promise<SavedValue<number>[]> {
  if (!Array.isArray(input.body)) throw new AppError("invalid", "validation.api.bodyNotArray");
  if (input.body.length === 0) throw new AppError("invalid", "validation.noValues");
  if (input.body.length > VALUE_ROWS_MAX) throw new AppError("invalid", "validation.tooMany");
  const { rows, rowErrors } = parseValueRows(input.body.map((item: unknown, index) => ({ key: index + 1, input: item })));
  const result = await saveValues(db, actor, { cityId: input.cityId, rows, presetErrors: rowErrors }, { requireVersion: !input.overwrite });
  throwIfRefused(result);
  return inOrder(result);
}
