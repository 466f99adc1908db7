"use server";

import { z } from "zod";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { saveValues, type SaveConflict } from "@/server/values/save";
import { submitPeriod } from "@/server/values/workflow";
import type { ActionResult } from "@/lib/action-result";
import { messageKeyOf } from "@/lib/i18n/messages";
import { AppError } from "@/lib/errors";
import { periodSchema, valueEntrySchema, type ValueEntry } from "@/lib/validation/values";
import { getCityBySlug } from "@/db/queries/cities";

/** A newer value someone else saved, as the form shows it next to the person's own. */
export interface ConflictView {
  code: string;
  value: number;
  note: string;
  version: number;
  enteredBy: string | null;
  enteredAt: string;
}

/** Field errors are keyed `<indicator code>.<field>` (value, note, evidenceUrl). */
export type SaveValuesResult = ActionResult<{ saved: number }> & { conflicts?: ConflictView[] };

const targetSchema = z.object({
  slug: z.string({ error: "validation.invalid" }).trim().min(1, { error: "validation.invalid" }).max(100, { error: "validation.invalid" }),
  period: periodSchema,
});

// More rows than the framework has indicators is a forged request.
const MAX_ROWS = 200;

const readTarget = (formData: FormData) => ({ slug: formData.get("slug"), period: formData.get("period") });

/**
 * The city comes from the slug in the form and the officer's scope is checked against that city,
 * so a form edited to name another city is refused, whatever ids it carries.
 */
async function cityScope({ db, input }: { db: Parameters<typeof getCityBySlug>[0]; input: z.infer<typeof targetSchema> }) {
  const city = await getCityBySlug(db, input.slug);
  if (!city) throw new AppError("not_found");
  return { cityId: city.id, city };
}

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** Field of a value entry → the input the form shows its error next to. */
function inputFor(field: string): "value" | "note" | "evidenceUrl" {
  return field === "note" || field === "evidenceUrl" ? field : "value";
}

/** Rows the form refused, keyed `<code>.<input>`; nothing was written. */
class RowsRefused extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super("validation.rowsRefused");
  }
}

class ValuesConflict extends Error {
  constructor(readonly conflicts: ConflictView[]) {
    super("values.conflict");
  }
}

const conflictView = (c: SaveConflict<string>): ConflictView => ({ code: c.key, value: c.currentValue, note: c.currentNote, version: c.currentVersion, enteredBy: c.enteredBy, enteredAt: new Date(c.enteredAt).toISOString() });

const save = action({
  permission: "values.write",
  schema: targetSchema,
  read: readTarget,
  scope: cityScope,
  run: async ({ db, actor, input, formData, scope: { city } }) => {
    const codes = [...new Set(formData.getAll("changed").filter((c): c is string => typeof c === "string" && c.length > 0))];
    if (codes.length === 0) throw new AppError("invalid", "validation.noValues");
    if (codes.length > MAX_ROWS) throw new AppError("invalid", "validation.tooMany");

    const fieldErrors: Record<string, string[]> = {};
    const addError = (code: string, field: string, key: string) => (fieldErrors[`${code}.${inputFor(field)}`] ??= []).push(key);
    const rows: (ValueEntry & { key: string })[] = [];
    for (const code of codes) {
      const raw = text(formData, `value.${code}`).trim();
      if (raw === "") {
        addError(code, "value", "validation.required");
        continue;
      }
      const versionRaw = text(formData, `version.${code}`).trim();
      const parsed = valueEntrySchema.safeParse({
        indicator: code,
        period: input.period,
        value: Number(raw),
        note: text(formData, `note.${code}`),
        evidenceUrl: text(formData, `evidence.${code}`),
        version: versionRaw === "" ? 0 : Number(versionRaw),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) addError(code, String(issue.path[0] ?? "value"), messageKeyOf(issue));
        continue;
      }
      rows.push({ ...parsed.data, key: code });
    }
    if (Object.keys(fieldErrors).length > 0) throw new RowsRefused(fieldErrors);

    // Rows are keyed by indicator code, so refusals land next to their inputs.
    const result = await saveValues(db, actor, { cityId: city.id, rows });
    if (result.rowErrors.length) {
      for (const e of result.rowErrors) addError(e.key, e.field, e.messageKey);
      throw new RowsRefused(fieldErrors);
    }
    if (result.conflicts.length) throw new ValuesConflict(result.conflicts.map(conflictView));
    return { saved: rows.length, slug: city.slug, period: input.period };
  },
  invalidate: ({ slug, period }) => invalidate.cityValues(slug, period),
  mapError: (error) => {
    if (error instanceof RowsRefused) return { ok: false, error: "validation.rowsRefused", fieldErrors: error.fieldErrors };
    if (error instanceof ValuesConflict) {
      const refused: SaveValuesResult = { ok: false, error: "values.conflict", conflicts: error.conflicts };
      return refused;
    }
    return undefined;
  },
});

/**
 * Saves the rows the person changed (named by the form's `changed` fields) as drafts, all or
 * nothing. Per-row problems come back keyed by indicator code; a newer value saved by someone
 * else comes back as a conflict with that value.
 */
export async function saveValuesAction(previous: SaveValuesResult | null, formData: FormData): Promise<SaveValuesResult> {
  const result = await save(previous, formData);
  return result.ok ? { ok: true, data: { saved: result.data.saved } } : result;
}

const submit = action({
  permission: "values.submit",
  schema: targetSchema,
  read: readTarget,
  scope: cityScope,
  run: async ({ db, actor, input, scope: { city } }) => ({ submitted: await submitPeriod(db, { cityId: city.id, period: input.period }, actor), slug: city.slug, period: input.period }),
  invalidate: ({ slug, period }) => invalidate.cityValues(slug, period),
});

/** Sends every draft and returned value of the quarter to review. */
export async function submitPeriodAction(previous: ActionResult<{ submitted: number }> | null, formData: FormData): Promise<ActionResult<{ submitted: number }>> {
  const result = await submit(previous, formData);
  return result.ok ? { ok: true, data: { submitted: result.data.submitted } } : result;
}
