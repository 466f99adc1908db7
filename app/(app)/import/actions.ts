"use server";

import { z } from "zod";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { importValuesCsv, type CsvImportResult } from "@/server/values/csv-import";
import { getI18n } from "@/server/i18n";
import type { ActionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { CSV_MAX_BYTES, CsvFileError, decodeCsvBytes, type CsvFormat } from "@/lib/csv";
import { localizedName } from "@/lib/i18n/config";
import { isMessageKey, translateKey, type Translate } from "@/lib/i18n/messages";

/** What was saved, or in a check what would be. */
export type ImportSummary = Pick<CsvImportResult, "checkOnly" | "format" | "hasVersion" | "saved" | "unchanged" | "skipped" | "replaced" | "flagged"> & {
  cities: { slug: string; name: string; saved: number; periods: { period: string; saved: number }[] }[];
};

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

/** A row whose stored value changed after the file was made, formatted for the reader. */
export interface ImportConflict {
  row: number;
  city: string;
  indicator: string;
  period: string;
  fileValue: string;
  currentValue: string;
  enteredBy: string;
  enteredAt: string;
}

export type ImportRefused = {
  ok: false;
  error: "csv.refused";
  checkOnly: boolean;
  format: CsvFormat;
  problems: ImportProblem[];
  totalProblems: number;
  conflicts: ImportConflict[];
};

/** A refused file carries its problems and conflicts, already translated (the keys come from many areas). */
export type ImportActionResult = ActionResult<ImportSummary> | ImportRefused;

type Outcome = { summary: ImportSummary; slugs: string[] } | { refused: ImportRefused };

function refusedOf(outcome: CsvImportResult, t: Translate, format: { number: (n: number) => string; dateTime: (d: Date) => string }): ImportRefused {
  return {
    ok: false,
    error: "csv.refused",
    checkOnly: outcome.checkOnly,
    format: outcome.format,
    problems: outcome.errors.map((e) => ({ row: e.row, column: e.column, message: e.params ? translateKeyWith(t, e.messageKey, e.params) : translateKey(t, e.messageKey, "validation.invalid") })),
    totalProblems: outcome.totalErrors,
    conflicts: outcome.conflicts.map((c) => ({
      row: c.row,
      city: c.city,
      indicator: c.indicator,
      period: c.period,
      fileValue: format.number(c.fileValue),
      currentValue: format.number(c.currentValue),
      enteredBy: c.enteredBy ?? "—",
      enteredAt: format.dateTime(c.enteredAt),
    })),
  };
}

/** A message that names numbers (a range's bounds); an unknown key gets the generic one. */
function translateKeyWith(t: Translate, key: string, params: Record<string, string | number>): string {
  return isMessageKey(key) ? t(key, params) : t("validation.invalid");
}

const importCsv = action({
  permission: "values.write",
  // The file and the check-only box are read from the form in `run`.
  schema: z.object({}),
  read: () => ({}),
  // Officers import for their own city; every row's city is checked again by the import.
  scope: async ({ actor }) => ({ cityId: actor.cityId }),
  run: async ({ db, actor, formData }): Promise<Outcome> => {
    const file = formData.get("file");
    if (!(file instanceof File) || (file.size === 0 && file.name === "")) throw new AppError("invalid", "csv.noFile");
    // Before reading a byte of it.
    if (file.size > CSV_MAX_BYTES) throw new AppError("too_large", "csv.tooLarge");
    let text: string;
    try {
      text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      if (error instanceof CsvFileError) throw new AppError("invalid", error.messageKey);
      throw error;
    }
    const checkOnly = formData.get("checkOnly") === "on";
    const outcome = await importValuesCsv(db, text, actor, { checkOnly, fileName: file.name });
    const { locale, t, format } = await getI18n();
    if (!outcome.ok) return { refused: refusedOf(outcome, t, { number: (n) => format.number(n, { maximumFractionDigits: 20 }), dateTime: (d) => format.dateTime(d) }) };
    return {
      summary: {
        checkOnly,
        format: outcome.format,
        hasVersion: outcome.hasVersion,
        saved: outcome.saved,
        unchanged: outcome.unchanged,
        skipped: outcome.skipped,
        replaced: outcome.replaced,
        flagged: outcome.flagged,
        cities: outcome.cities.map((city) => ({ slug: city.slug, name: localizedName(city, locale), saved: city.saved, periods: city.periods })),
      },
      slugs: checkOnly ? [] : outcome.cities.map((city) => city.slug),
    };
  },
  invalidate: (outcome) => {
    // Every import and check is in the page's history, refused ones included.
    invalidate.imports();
    if ("slugs" in outcome) for (const slug of outcome.slugs) invalidate.cityValues(slug);
  },
});

/**
 * Imports a CSV file of indicator values, all or nothing, or only checks it (the "check only"
 * box): server/values/csv-import.ts. Officers may only name their own city; every row's city is
 * checked again there.
 */
export async function importCsvAction(previous: ImportActionResult | null, formData: FormData): Promise<ImportActionResult> {
  const result = await importCsv(previous, formData);
  if (!result.ok) return result;
  if ("refused" in result.data) return result.data.refused;
  return { ok: true, data: result.data.summary };
}
