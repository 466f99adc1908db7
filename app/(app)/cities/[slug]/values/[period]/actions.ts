"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requirePermission, requireUser } from "@/server/authz";
import { runAction, type ActionResult } from "@/lib/action-result";
import { messageKeyOf } from "@/lib/i18n/messages";
import { AppError, RowErrorsError, ValueConflictError } from "@/lib/errors";
import { periodSchema, valueEntrySchema, type ValueEntry } from "@/lib/validation/values";
import { getDb } from "@/db/client";
import { getCityBySlug } from "@/db/queries/cities";
import { submitPeriod, upsertValues } from "@/db/queries/indicator-values";

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

/**
 * The city comes from the slug in the form and the officer's scope is checked against that city,
 * so a form edited to name another city is refused, whatever ids it carries.
 */
async function cityForWrite(formData: FormData, permission: "values.write" | "values.submit") {
  await requireUser();
  const target = targetSchema.parse({ slug: formData.get("slug"), period: formData.get("period") });
  const db = await getDb();
  const city = await getCityBySlug(db, target.slug);
  if (!city) throw new AppError("not_found");
  const actor = await requirePermission(permission, { cityId: city.id });
  return { db, city, actor, period: target.period };
}

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** Field of a value entry → the input the form shows its error next to. */
function inputFor(field: string): "value" | "note" | "evidenceUrl" {
  return field === "note" || field === "evidenceUrl" ? field : "value";
}

function revalidateCity(slug: string, period: string) {
  revalidatePath(`/cities/${slug}/values/${period}`);
  revalidatePath(`/cities/${slug}`);
}

/**
 * Saves the rows the person changed (named by the form's `changed` fields) as drafts, all or
 * nothing. Per-row problems come back keyed by indicator code; a newer value saved by someone
 * else comes back as a conflict with that value.
 */
export async function saveValuesAction(_previous: SaveValuesResult | null, formData: FormData): Promise<SaveValuesResult> {
  try {
    const { db, city, actor, period } = await cityForWrite(formData, "values.write");
    const codes = [...new Set(formData.getAll("changed").filter((c): c is string => typeof c === "string" && c.length > 0))];
    if (codes.length === 0) return { ok: false, error: "validation.noValues" };
    if (codes.length > MAX_ROWS) return { ok: false, error: "validation.tooMany" };

    const fieldErrors: Record<string, string[]> = {};
    const addError = (code: string, field: string, key: string) => (fieldErrors[`${code}.${inputFor(field)}`] ??= []).push(key);
    const entries: ValueEntry[] = [];
    const entryCodes: string[] = [];
    for (const code of codes) {
      const raw = text(formData, `value.${code}`).trim();
      if (raw === "") {
        addError(code, "value", "validation.required");
        continue;
      }
      const versionRaw = text(formData, `version.${code}`).trim();
      const parsed = valueEntrySchema.safeParse({
        indicator: code,
        period,
        value: Number(raw),
        note: text(formData, `note.${code}`),
        evidenceUrl: text(formData, `evidence.${code}`),
        version: versionRaw === "" ? 0 : Number(versionRaw),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) addError(code, String(issue.path[0] ?? "value"), messageKeyOf(issue));
        continue;
      }
      entries.push(parsed.data);
      entryCodes.push(code);
    }
    if (Object.keys(fieldErrors).length > 0) return { ok: false, error: "validation.rowsRefused", fieldErrors };

    try {
      await upsertValues(db, { cityId: city.id, entries }, actor.id);
    } catch (error) {
      // Rows count from 1 in the order they were sent: map them back to the indicator inputs.
      if (error instanceof RowErrorsError) {
        for (const row of error.rows) addError(entryCodes[row.row - 1] ?? "_form", row.field, row.messageKey);
        return { ok: false, error: error.messageKey, fieldErrors };
      }
      if (error instanceof ValueConflictError) {
        const conflicts = error.conflicts.map((c) => ({
          code: entryCodes[c.row - 1] ?? c.indicator,
          value: c.currentValue,
          note: c.currentNote,
          version: c.currentVersion,
          enteredBy: c.enteredBy,
          enteredAt: new Date(c.enteredAt).toISOString(),
        }));
        return { ok: false, error: error.messageKey, conflicts };
      }
      throw error;
    }
    revalidateCity(city.slug, period);
    return { ok: true, data: { saved: entries.length } };
  } catch (error) {
    unstable_rethrow(error);
    // Permission, validation and unexpected errors: the common handling (no raw messages).
    return runAction(() => Promise.reject(error));
  }
}

/** Sends every draft and returned value of the quarter to review. */
export async function submitPeriodAction(_previous: ActionResult<{ submitted: number }> | null, formData: FormData): Promise<ActionResult<{ submitted: number }>> {
  return runAction(async () => {
    const { db, city, actor, period } = await cityForWrite(formData, "values.submit");
    const submitted = await submitPeriod(db, { cityId: city.id, period }, actor.id);
    revalidateCity(city.slug, period);
    revalidatePath("/review");
    revalidatePath("/dashboard");
    return { submitted };
  });
}
