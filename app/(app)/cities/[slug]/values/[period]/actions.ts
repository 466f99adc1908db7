"use server";

import { z } from "zod";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import type { SaveConflict } from "@/server/values/save";
import { saveEntryForm, type EntryInput } from "@/server/values/entry-form";
import { ExplanationsNeededError, submitPeriod } from "@/server/values/workflow";
import type { ActionResult } from "@/lib/action-result";
import type { ValueFlag } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { periodSchema } from "@/lib/validation/values";
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

/** A saved value that needs a second look: the form asks for an explanation. */
export interface FlaggedView {
  code: string;
  flags: ValueFlag[];
}

export type { EntryInput };

/**
 * Field errors are keyed `<indicator code>.<input>` (EntryInput); `fieldVars` holds, under the
 * same key, what those messages name ({min}, {max}); `errorVars` what the form-level error names
 * (a quarter before the city's first: {earliest}). Every problem of every row comes back at once.
 */
export type SaveValuesResult = ActionResult<{ saved: number; flagged: FlaggedView[] }> & {
  conflicts?: ConflictView[];
  fieldVars?: Record<string, Record<string, string | number>>;
  errorVars?: Record<string, string | number>;
};

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

/** Rows the form refused, keyed `<code>.<input>`; nothing was written. */
class RowsRefused extends Error {
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    readonly fieldVars: Record<string, Record<string, string | number>>,
    readonly formError: { messageKey: string; vars: Record<string, string | number> } | null,
    readonly conflicts: ConflictView[],
  ) {
    super(formError?.messageKey ?? "validation.rowsRefused");
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

    // Every row parsed (the value with lib/numbers) and every rule checked in one pass.
    const result = await saveEntryForm(db, actor, { cityId: city.id, period: input.period, codes, formData });
    if (!result.ok) {
      const conflicts = result.conflicts.map(conflictView);
      if (Object.keys(result.fieldErrors).length === 0 && !result.formError) throw new ValuesConflict(conflicts);
      throw new RowsRefused(result.fieldErrors, result.fieldVars, result.formError, conflicts);
    }
    return { saved: result.saved, flagged: result.flagged, slug: city.slug, period: input.period };
  },
  invalidate: ({ slug, period }) => invalidate.cityValues(slug, period),
  mapError: (error) => {
    if (error instanceof RowsRefused) {
      const refused: SaveValuesResult = {
        ok: false,
        error: error.formError?.messageKey ?? "validation.rowsRefused",
        fieldErrors: error.fieldErrors,
        ...(Object.keys(error.fieldVars).length ? { fieldVars: error.fieldVars } : {}),
        ...(error.formError ? { errorVars: error.formError.vars } : {}),
        ...(error.conflicts.length ? { conflicts: error.conflicts } : {}),
      };
      return refused;
    }
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
  return result.ok ? { ok: true, data: { saved: result.data.saved, flagged: result.data.flagged } } : result;
}

const submit = action({
  permission: "values.submit",
  schema: targetSchema,
  read: readTarget,
  scope: cityScope,
  run: async ({ db, actor, input, scope: { city } }) => ({ submitted: await submitPeriod(db, { cityId: city.id, period: input.period }, actor), slug: city.slug, period: input.period }),
  invalidate: ({ slug, period }) => invalidate.cityValues(slug, period),
  // Unusual values without an explanation: the message names them, each field is marked.
  mapError: (error) =>
    error instanceof ExplanationsNeededError
      ? {
          ok: false,
          error: "values.explanationsNeededFor",
          errorVars: { indicators: error.indicators.join(", ") },
          fieldErrors: Object.fromEntries(error.indicators.map((code) => [`${code}.explanation`, ["values.explanationNeeded"]])),
        }
      : undefined,
});

/** A refused submission; `errorVars` is what the message names ({indicators}). */
export type SubmitPeriodResult = ActionResult<{ submitted: number }> & { errorVars?: Record<string, string | number> };

/** Sends every draft and returned value of the quarter to review. */
export async function submitPeriodAction(previous: SubmitPeriodResult | null, formData: FormData): Promise<SubmitPeriodResult> {
  const result = await submit(previous, formData);
  return result.ok ? { ok: true, data: { submitted: result.data.submitted } } : result;
}
