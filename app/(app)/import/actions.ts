"use server";

import { revalidatePath } from "next/cache";
import { requirePermission, requireUser } from "@/server/authz";
import { runAction, type ActionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { CSV_MAX_BYTES, CsvFileError, decodeCsvBytes } from "@/lib/csv";
import { importValuesCsv } from "@/server/values/csv-import";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { translateKey } from "@/lib/i18n/messages";
import { getDb } from "@/db/client";

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

/** A refused file carries its problems, already translated (the keys come from many areas). */
export type ImportActionResult = ActionResult<ImportSummary> | { ok: false; error: "csv.refused"; problems: ImportProblem[]; totalProblems: number };

/**
 * Imports a CSV file of indicator values, all or nothing (lib/csv-import.ts). Officers may only
 * name their own city; every row's city is checked again there.
 */
export async function importCsvAction(_previous: ImportActionResult | null, formData: FormData): Promise<ImportActionResult> {
  const result = await runAction(async () => {
    const user = await requireUser();
    await requirePermission("values.write", { cityId: user.cityId });
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
    return importValuesCsv(await getDb(), text, user);
  });
  if (!result.ok) return result;

  const { locale, t } = await getI18n();
  const outcome = result.data;
  if (!outcome.ok) {
    return {
      ok: false,
      error: "csv.refused",
      problems: outcome.errors.map((e) => ({ row: e.row, column: e.column, message: translateKey(t, e.messageKey, "validation.invalid") })),
      totalProblems: outcome.totalErrors,
    };
  }
  for (const city of outcome.cities) revalidatePath(`/cities/${city.slug}`, "layout");
  if (outcome.cities.length) revalidatePath("/dashboard");
  return {
    ok: true,
    data: {
      saved: outcome.saved,
      unchanged: outcome.unchanged,
      skipped: outcome.skipped,
      cities: outcome.cities.map((city) => ({ slug: city.slug, name: localizedName(city, locale), saved: city.saved, periods: city.periods })),
    },
  };
}
