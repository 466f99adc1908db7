import "server-only";
import type { Database } from "@/db/client";
import { citiesBySlugs } from "@/db/queries/value-import";
import { insertImportRecords } from "@/db/queries/import-history";
import type { Actor } from "@/lib/permissions";
import { canWriteValuesFor } from "@/lib/policies/values";
import { parseValueCell, parseValuesCsv, parseVersionCell, type CsvError, type CsvFormat, type ImportColumn } from "@/lib/csv";
import { messageKeyOf } from "@/lib/i18n/messages";
import { valueEntrySchema } from "@/lib/validation/values";
import { lookupIndicators, valueProblems, writeValues, type CheckedRow } from "@/server/values/save";

/** At most this many row errors are returned; the total is reported beside them. */
export const MAX_REPORTED_ERRORS = 200;

export interface ImportedCity {
  slug: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  /** Values written (new or changed) in this city; in a check, the values that would be. */
  saved: number;
  /** Quarters with written values, oldest first: each now has drafts to submit. */
  periods: { period: string; saved: number }[];
}

/** A row whose stored value changed after the file was made: never overwritten. */
export interface CsvConflict {
  row: number;
  city: string;
  indicator: string;
  period: string;
  /** The value in the file, and the version the file says it started from. */
  fileValue: number;
  fileVersion: number;
  currentValue: number;
  currentVersion: number;
  enteredBy: string | null;
  enteredAt: Date;
}

export interface CsvImportResult {
  /** Every row passed every check and no row is a conflict: saved (or, checking, would be). */
  ok: boolean;
  checkOnly: boolean;
  /** How the file was read: its separator and decimal mark. */
  format: CsvFormat;
  /** The file has a version column, so changes made since it was exported are conflicts. */
  hasVersion: boolean;
  saved: number;
  unchanged: number;
  /** Rows without a value (a template's unfilled rows). */
  skipped: number;
  /** Stored values replaced by rows of a file without a version column (no conflict check was possible). */
  replaced: number;
  /** Saved values flagged as unusual (lib/plausibility.ts): each needs an explanation before it is submitted. */
  flagged: number;
  cities: ImportedCity[];
  /** Every problem of every row (the first MAX_REPORTED_ERRORS), one per cell and rule. */
  errors: CsvError[];
  totalErrors: number;
  conflicts: CsvConflict[];
  /** Rows with at least one problem. */
  refusedRows: number;
}

export interface ImportOptions {
  /** Run every check, conflicts included, and save nothing. */
  checkOnly?: boolean;
  /** For the import history. */
  fileName?: string;
}

interface PlannedRow {
  cityId: number;
  checked: CheckedRow<number>;
}

// valueEntrySchema's field names → the file's column names.
const COLUMN_OF: Record<string, ImportColumn> = { indicator: "indicator", period: "period", value: "value", note: "note", evidenceUrl: "evidence_url", explanation: "explanation", version: "version" };

/** Thrown inside the transaction to roll it back: a refused file or a check. */
class RollBack extends Error {}

interface CityCounts {
  saved: number;
  unchanged: number;
  refused: Set<number>;
  conflicts: number;
}

function sortErrors(errors: CsvError[]): CsvError[] {
  return [...errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
}

/**
 * Imports indicator values from CSV text, all or nothing, or only checks them (`checkOnly`).
 *
 * The file is read with its own separator and decimal mark (lib/csv.ts); city slugs, indicator
 * codes and quarters in any letter case. Every row is checked (city known and writable by
 * `actor`, indicator, quarter, number, value range, note, evidence link, version, duplicates) and
 * every problem of every row is collected. The rows that pass go to server/values/save.ts's
 * writeValues, city by city, in one transaction, whether or not other rows failed: so values
 * waiting for review and conflicts are reported with the file's other problems, at once. Any
 * problem or conflict, or a check, rolls the whole transaction back.
 *
 * Versions: a file with a `version` column (exports and templates have one) has every row's
 * version compared with the stored one; a row whose value changed since (or that expects no
 * value, its version cell empty, where one has been saved since) is a conflict, never an
 * overwrite. A row equal to the stored value is unchanged whatever its version. A file without
 * the column replaces stored values, and the result counts how many (`replaced`).
 *
 * Each import or check leaves a history record per city (db/queries/import-history.ts).
 */
export async function importValuesCsv(db: Database, text: string, actor: Actor, options: ImportOptions = {}): Promise<CsvImportResult> {
  const checkOnly = options.checkOnly ?? false;
  const fileName = (options.fileName ?? "").slice(0, 255);
  const parsed = parseValuesCsv(text);
  const counts = new Map<number, CityCounts>();
  const countsOf = (cityId: number): CityCounts => {
    let c = counts.get(cityId);
    if (!c) counts.set(cityId, (c = { saved: 0, unchanged: 0, refused: new Set(), conflicts: 0 }));
    return c;
  };
  const record = (on: Database, format: CsvFormat) =>
    insertImportRecords(
      on,
      [...counts].map(([cityId, c]) => ({ cityId, userId: actor.id, fileName, checkOnly, rowsSaved: c.saved, rowsUnchanged: c.unchanged, rowsRefused: c.refused.size, rowsConflicts: c.conflicts, delimiter: format.delimiter, decimalComma: format.decimalComma })),
    );
  // An officer's file is about their city, whatever its rows say; an admin's is about the cities it names.
  const ownCity = actor.cityId !== null && canWriteValuesFor(actor, actor.cityId) ? actor.cityId : null;

  if (!parsed.ok) {
    if (ownCity !== null) countsOf(ownCity);
    await record(db, parsed.format);
    const errors = sortErrors(parsed.errors);
    return { ok: false, checkOnly, format: parsed.format, hasVersion: false, saved: 0, unchanged: 0, skipped: 0, replaced: 0, flagged: 0, cities: [], errors: errors.slice(0, MAX_REPORTED_ERRORS), totalErrors: errors.length, conflicts: [], refusedRows: 0 };
  }
  const { format, hasVersion, hasExplanation } = parsed;

  const slugs = [...new Set(parsed.rows.map((r) => r.cells.city.trim().toLowerCase()).filter(Boolean))];
  const codes = [...new Set(parsed.rows.map((r) => r.cells.indicator.trim().toUpperCase()).filter(Boolean))];
  const [cityRows, indicatorByCode] = await Promise.all([citiesBySlugs(db, slugs), lookupIndicators(db, codes)]);
  const cityBySlug = new Map(cityRows.map((c) => [c.slug, c]));
  const cityById = new Map(cityRows.map((c) => [c.id, c]));

  const errors: CsvError[] = [];
  const planned: PlannedRow[] = [];
  const seen = new Set<string>();
  let skipped = 0;

  for (const { row, cells } of parsed.rows) {
    const rowErrors: CsvError[] = [];
    const fail = (column: ImportColumn, messageKey: string, params?: CsvError["params"]) => {
      // One message per cell and rule.
      if (!rowErrors.some((e) => e.column === column && e.messageKey === messageKey)) rowErrors.push({ row, column, messageKey, ...(params ? { params } : {}) });
    };

    const parsedValue = parseValueCell(cells.value, format);
    const value = parsedValue.ok ? parsedValue.value : Number.NaN;
    if (parsedValue.ok && parsedValue.value === null) {
      // A template row nobody filled in carries no data; a note without a value is a mistake.
      if (cells.note.trim() === "" && cells.evidence_url.trim() === "") {
        skipped++;
        continue;
      }
      fail("value", "csv.valueMissing");
    } else if (!parsedValue.ok) {
      fail("value", parsedValue.messageKey);
    }

    const slug = cells.city.trim().toLowerCase();
    const city = cityBySlug.get(slug);
    if (!slug) fail("city", "validation.required");
    else if (!city) fail("city", "csv.cityUnknown");
    else if (!canWriteValuesFor(actor, city.id)) fail("city", "csv.cityForbidden");
    const attributed = city && canWriteValuesFor(actor, city.id) ? city.id : ownCity;
    if (attributed !== null) countsOf(attributed);

    let version: number | undefined;
    if (hasVersion) {
      const parsedVersion = parseVersionCell(cells.version);
      if (parsedVersion.ok) version = parsedVersion.version;
      else fail("version", parsedVersion.messageKey);
    }

    const code = cells.indicator.trim().toUpperCase();
    const period = cells.period.trim().toUpperCase();
    // An empty explanation cell keeps the stored explanation, as a file without the column does.
    const explanation = hasExplanation && cells.explanation.trim() !== "" ? cells.explanation : undefined;
    const checked = valueEntrySchema.safeParse({ indicator: code, period, value: value ?? Number.NaN, note: cells.note, evidenceUrl: cells.evidence_url, explanation, version });
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const column = COLUMN_OF[String(issue.path[0])] ?? "value";
        // One of zod's messages per cell: a bad quarter is one problem, not "badly written" and
        // "unknown" at once; the value's own problem was named above, more precisely.
        if (rowErrors.some((e) => e.column === column)) continue;
        fail(column, messageKeyOf(issue));
      }
    }
    const indicator = indicatorByCode.get(code);
    if (!indicator && code !== "") fail("indicator", "validation.indicatorUnknown");

    if (indicator && checked.success) {
      // Every problem of the value: annual outside Q4, the hard range, whole numbers.
      for (const problem of valueProblems(indicator, checked.data.period, checked.data.value)) fail(problem.field, problem.messageKey, problem.params);
    }

    if (city && indicator && checked.success) {
      const key = `${city.id}:${indicator.id}:${checked.data.period}`;
      if (seen.has(key)) fail("indicator", "validation.duplicateRow");
      else seen.add(key);
      if (rowErrors.length === 0) planned.push({ cityId: city.id, checked: { key: row, indicator, entry: { ...checked.data, indicator: indicator.code } } });
    }
    if (rowErrors.length && attributed !== null) countsOf(attributed).refused.add(row);
    errors.push(...rowErrors);
  }

  const byCity = new Map<number, PlannedRow[]>();
  for (const item of planned) {
    const list = byCity.get(item.cityId) ?? [];
    list.push(item);
    byCity.set(item.cityId, list);
  }
  const fileValue = new Map(planned.map((p) => [p.checked.key, p.checked.entry]));

  const summary: ImportedCity[] = [];
  const conflicts: CsvConflict[] = [];
  let unchanged = 0;
  let replaced = 0;
  let flagged = 0;
  const noValues = planned.length === 0 && errors.length === 0;
  if (noValues) errors.push({ row: 1, column: "value", messageKey: "csv.noValues" });

  // A check, or a file already refused: every city is only checked (locks, versions, the city's
  // own rules), nothing is written.
  const dryRun = checkOnly || errors.length > 0;
  let committed = false;
  try {
    await db.transaction(async (tx) => {
      for (const [cityId, items] of byCity) {
        const result = await writeValues(tx, actor, { cityId, rows: items.map((i) => i.checked) }, { unchangedFirst: true, checkOnly: dryRun || errors.length > 0 || conflicts.length > 0 });
        const c = countsOf(cityId);
        const city = cityById.get(cityId);
        // Keys are the file's row numbers. A city with problems wrote nothing; the others are
        // still written so every problem shows at once, and rolled back below.
        for (const e of result.rowErrors) {
          errors.push({ row: e.key, column: COLUMN_OF[e.field] ?? e.field, messageKey: e.messageKey, ...(e.params ? { params: e.params } : {}) });
          c.refused.add(e.key);
        }
        for (const conflict of result.conflicts) {
          const entry = fileValue.get(conflict.key);
          conflicts.push({
            row: conflict.key,
            city: city?.slug ?? "",
            indicator: conflict.indicator,
            period: conflict.period,
            fileValue: entry?.value ?? Number.NaN,
            fileVersion: entry?.version ?? 0,
            currentValue: conflict.currentValue,
            currentVersion: conflict.currentVersion,
            enteredBy: conflict.enteredBy,
            enteredAt: conflict.enteredAt,
          });
          c.conflicts++;
        }
        c.unchanged += result.unchanged.length;
        c.saved += result.saved.length;
        unchanged += result.unchanged.length;
        // Inserted values start at version 1: a higher one replaced a stored value.
        if (!hasVersion) replaced += result.saved.filter((v) => v.version > 1).length;
        flagged += result.saved.filter((v) => v.flags.length > 0 && v.explanation === "").length;
        if (result.saved.length === 0 || !city) continue;
        const perPeriod = new Map<string, number>();
        for (const value of result.saved) perPeriod.set(value.period, (perPeriod.get(value.period) ?? 0) + 1);
        const periods = [...perPeriod].map(([period, n]) => ({ period, saved: n })).sort((a, b) => a.period.localeCompare(b.period));
        summary.push({ slug: city.slug, nameEn: city.nameEn, nameBn: city.nameBn, nameNe: city.nameNe, saved: result.saved.length, periods });
      }
      // A later city's problem undoes an earlier city's writes: all or nothing.
      if (dryRun || errors.length > 0 || conflicts.length > 0) throw new RollBack();
      // With the values, so a saved import always has its record.
      await record(tx, format);
      committed = true;
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }

  const refused = errors.length > 0 || conflicts.length > 0;
  if (refused) {
    // A refused file saves nothing, in any city: the history says so.
    for (const c of counts.values()) {
      c.saved = 0;
      c.unchanged = 0;
    }
  }
  // A check, or a refused file: after the rollback, so the record stays.
  if (!committed) await record(db, format);

  const sorted = sortErrors(errors);
  conflicts.sort((a, b) => a.row - b.row);
  summary.sort((a, b) => a.slug.localeCompare(b.slug));
  const refusedRows = new Set(sorted.filter((e) => e.row > 1).map((e) => e.row)).size;
  return {
    ok: !refused,
    checkOnly,
    format,
    hasVersion,
    saved: refused ? 0 : summary.reduce((n, c) => n + c.saved, 0),
    unchanged: refused ? 0 : unchanged,
    skipped,
    replaced: refused ? 0 : replaced,
    flagged: refused ? 0 : flagged,
    cities: refused ? [] : summary,
    errors: sorted.slice(0, MAX_REPORTED_ERRORS),
    totalErrors: sorted.length,
    conflicts,
    refusedRows,
  };
}
