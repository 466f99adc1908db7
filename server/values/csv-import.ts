import "server-only";
import type { Database } from "@/db/client";
import { citiesBySlugs } from "@/db/queries/value-import";
import type { Actor } from "@/lib/permissions";
import { canWriteValuesFor } from "@/lib/policies/values";
import { parseNumberCell, parseValuesCsv, type CsvError, type ImportColumn } from "@/lib/csv";
import { messageKeyOf } from "@/lib/i18n/messages";
import { valueEntrySchema } from "@/lib/validation/values";
import { lookupIndicators, valueProblem, writeValues, type CheckedRow } from "@/server/values/save";

/** At most this many row errors are returned; the total is reported beside them. */
export const MAX_REPORTED_ERRORS = 200;

export interface ImportedCity {
  slug: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  /** Values written (new or changed) in this city. */
  saved: number;
  /** Quarters with written values, oldest first: each now has drafts to submit. */
  periods: { period: string; saved: number }[];
}

export type CsvImportResult =
  | { ok: true; saved: number; unchanged: number; skipped: number; cities: ImportedCity[] }
  | { ok: false; errors: CsvError[]; totalErrors: number };

interface PlannedRow {
  cityId: number;
  checked: CheckedRow<number>;
}

// valueEntrySchema's field names → the file's column names.
const COLUMN_OF: Record<string, ImportColumn> = { indicator: "indicator", period: "period", value: "value", note: "note", evidenceUrl: "evidence_url" };

class ImportRefused extends Error {}

function refused(errors: CsvError[]): CsvImportResult {
  const sorted = [...errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { ok: false, errors: sorted.slice(0, MAX_REPORTED_ERRORS), totalErrors: sorted.length };
}

/**
 * Imports indicator values from CSV text, all or nothing. Every row is checked first (city known
 * and writable by `actor`, indicator, quarter, value range, note, evidence link, duplicates); any
 * error refuses the whole file. The framework's rules are server/values/save.ts's, applied once per
 * row here; then every city is written in one transaction by its writeValues (one lock query per
 * city, nothing checked twice), so the values become drafts with their audit rows. Rows without a
 * value (as the template has them) are skipped; rows equal to the stored value are left alone, so
 * re-importing an export changes nothing. `version` is not read: the import overwrites, except
 * values waiting for review.
 */
export async function importValuesCsv(db: Database, text: string, actor: Actor): Promise<CsvImportResult> {
  const parsed = parseValuesCsv(text);
  if (!parsed.ok) return refused(parsed.errors);

  const slugs = [...new Set(parsed.rows.map((r) => r.cells.city.trim().toLowerCase()).filter(Boolean))];
  const codes = [...new Set(parsed.rows.map((r) => r.cells.indicator.trim().toUpperCase()).filter(Boolean))];
  const [cityRows, indicatorByCode] = await Promise.all([citiesBySlugs(db, slugs), lookupIndicators(db, codes)]);
  const cityBySlug = new Map(cityRows.map((c) => [c.slug, c]));

  const errors: CsvError[] = [];
  const planned: PlannedRow[] = [];
  const seen = new Set<string>();
  let skipped = 0;

  for (const { row, cells } of parsed.rows) {
    const rowErrors: CsvError[] = [];
    const fail = (column: ImportColumn, messageKey: string) => rowErrors.push({ row, column, messageKey });

    const value = parseNumberCell(cells.value);
    if (value === null) {
      // A template row nobody filled in carries no data; a note without a value is a mistake.
      if (cells.note.trim() === "" && cells.evidence_url.trim() === "") {
        skipped++;
        continue;
      }
      fail("value", "csv.valueMissing");
    } else if (Number.isNaN(value)) {
      fail("value", "validation.number");
    }

    const slug = cells.city.trim().toLowerCase();
    const city = cityBySlug.get(slug);
    if (!slug) fail("city", "validation.required");
    else if (!city) fail("city", "csv.cityUnknown");
    else if (!canWriteValuesFor(actor, city.id)) fail("city", "csv.cityForbidden");

    const code = cells.indicator.trim().toUpperCase();
    const checked = valueEntrySchema.safeParse({ indicator: code, period: cells.period, value: value ?? Number.NaN, note: cells.note, evidenceUrl: cells.evidence_url });
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const column = COLUMN_OF[String(issue.path[0])] ?? "value";
        // One message per cell; the value's was already given above, more precisely.
        if (rowErrors.some((e) => e.column === column)) continue;
        fail(column, messageKeyOf(issue));
      }
    }
    const indicator = indicatorByCode.get(code);
    if (!indicator && !rowErrors.some((e) => e.column === "indicator")) fail("indicator", "validation.indicatorUnknown");

    if (checked.success && indicator) {
      const problem = valueProblem(indicator, checked.data.period, checked.data.value);
      if (problem) fail(problem.field, problem.messageKey);
    }

    if (city && indicator && checked.success) {
      const key = `${city.id}:${indicator.id}:${checked.data.period}`;
      if (seen.has(key)) fail("indicator", "validation.duplicateRow");
      else seen.add(key);
      if (rowErrors.length === 0) planned.push({ cityId: city.id, checked: { key: row, indicator, entry: { ...checked.data, indicator: indicator.code } } });
    }
    errors.push(...rowErrors);
  }
  if (errors.length) return refused(errors);
  if (planned.length === 0) return refused([{ row: 1, column: "value", messageKey: "csv.noValues" }]);

  const byCity = new Map<number, PlannedRow[]>();
  for (const item of planned) {
    const list = byCity.get(item.cityId) ?? [];
    list.push(item);
    byCity.set(item.cityId, list);
  }

  const summary: ImportedCity[] = [];
  let unchanged = 0;
  try {
    await db.transaction(async (tx) => {
      for (const [cityId, items] of byCity) {
        const result = await writeValues(tx, actor, { cityId, rows: items.map((i) => i.checked) }, { unchangedFirst: true });
        // Keys are the file's row numbers. A city with problems wrote nothing; the others are
        // still checked so the person sees every problem at once, and rolled back below.
        for (const e of result.rowErrors) errors.push({ row: e.key, column: COLUMN_OF[e.field] ?? e.field, messageKey: e.messageKey });
        for (const c of result.conflicts) errors.push({ row: c.key, column: "value", messageKey: "values.conflict" });
        unchanged += result.unchanged.length;
        if (result.saved.length === 0) continue;
        const city = cityRows.find((c) => c.id === cityId);
        const perPeriod = new Map<string, number>();
        for (const value of result.saved) perPeriod.set(value.period, (perPeriod.get(value.period) ?? 0) + 1);
        const periods = [...perPeriod].map(([period, n]) => ({ period, saved: n })).sort((a, b) => a.period.localeCompare(b.period));
        if (city) summary.push({ slug: city.slug, nameEn: city.nameEn, nameBn: city.nameBn, nameNe: city.nameNe, saved: result.saved.length, periods });
      }
      if (errors.length) throw new ImportRefused();
    });
  } catch (error) {
    if (error instanceof ImportRefused) return refused(errors);
    throw error;
  }

  summary.sort((a, b) => a.slug.localeCompare(b.slug));
  return { ok: true, saved: summary.reduce((n, c) => n + c.saved, 0), unchanged, skipped, cities: summary };
}
