"use server";

import { z } from "zod";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { importValuesCsv } from "@/server/values/csv-import";
import { getI18n } from "@/server/i18n";
import type { ActionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { CSV_MAX_BYTES, CsvFileError, decodeCsvBytes } from "@/lib/csv";
import { localizedName } from "@/lib/i18n/config";
import { translateKey } from "@/lib/i18n/messages";

export interface ImportSummary {
  saved: number;
  unchanged: number;
  skipped: number;
  cities: { slug: string; name: string; saved: number; periods: { period: string; saved: number }[] }[];
}

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

type Refused = { ok: false; error: "csv.refused"; problems: ImportProblem[]; totalProblems: number };

/** A refused file carries its problems, already translated (the keys come from many areas). */
export type ImportActionResult = ActionResult<ImportSummary> | Refused;

class FileRefused extends Error {
  constructor(readonly result: Refused) {
    super("csv.refused");
  }
}

const importCsv = action({
  permission: "values.write",
  // The file is read from the form in `run`: nothing else is posted.
  schema: z.object({}),
  read: () => ({}),
  // Officers import for their own city; every row's city is checked again by the import.
  scope: async ({ actor }) => ({ cityId: actor.cityId }),
  run: async ({ db, actor, formData }): Promise<ImportSummary & { slugs: string[] }> => {
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
    const outcome = await importValuesCsv(db, text, actor);
    const { locale, t } = await getI18n();
    if (!outcome.ok) {
      throw new FileRefused({
        ok: false,
        error: "csv.refused",
        problems: outcome.errors.map((e) => ({ row: e.row, column: e.column, message: translateKey(t, e.messageKey, "validation.invalid") })),
        totalProblems: outcome.totalErrors,
      });
    }
    return {
      saved: outcome.saved,
      unchanged: outcome.unchanged,
      skipped: outcome.skipped,
      cities: outcome.cities.map((city) => ({ slug: city.slug, name: localizedName(city, locale), saved: city.saved, periods: city.periods })),
      slugs: outcome.cities.map((city) => city.slug),
    };
  },
  invalidate: ({ slugs }) => {
    for (const slug of slugs) invalidate.cityValues(slug);
  },
  mapError: (error) => (error instanceof FileRefused ? error.result : undefined),
});

/**
 * Imports a CSV file of indicator values, all or nothing (server/values/csv-import.ts). Officers
 * may only name their own city; every row's city is checked again there.
 */
export async function importCsvAction(previous: ImportActionResult | null, formData: FormData): Promise<ImportActionResult> {
  const result = await importCsv(previous, formData);
  if (!result.ok) return result;
  const { slugs: _slugs, ...summary } = result.data;
  return { ok: true, data: summary };
}
