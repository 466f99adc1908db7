import "server-only";
import type { Database } from "@/db/client";
import type { ValueFlag } from "@/lib/domain";
import type { Actor } from "@/lib/permissions";
import { parseValueRows, saveValues, type SaveConflict, type SaveRowError } from "@/server/values/save";

/**
 * The data-entry form's save (app/(app)/cities/[slug]/values/[period]/actions.ts), outside the
 * "use server" file so tests can run it with a FormData. Reads the rows named by `changed`
 * (`value.<code>`, `note.<code>`, `evidence.<code>`, `explanation.<code>`,
 * `evidenceResourceId.<code>`, `version.<code>`), parses each value with lib/numbers ("0x32" is
 * refused, "৭০.৫" is 70.5), and saves them through the one write path: every problem of every
 * row comes back at once.
 */

/** The inputs of one row that an error can stand next to. */
export type EntryInput = "value" | "note" | "evidenceUrl" | "explanation" | "evidenceResourceId";

export type EntryFormResult =
  | { ok: true; saved: number; flagged: { code: string; flags: ValueFlag[] }[] }
  | {
      ok: false;
      /** Keyed `<code>.<input>`. */
      fieldErrors: Record<string, string[]>;
      /** What those messages name ({min}, {max}), under the same keys. */
      fieldVars: Record<string, Record<string, string | number>>;
      /** A problem of the whole form (its quarter is before the city's first), with what it names. */
      formError: { messageKey: string; vars: Record<string, string | number> } | null;
      conflicts: SaveConflict<string>[];
    };

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

const WHOLE = /^\d{1,9}$/;

/** The form's fields of one row as valueEntrySchema reads them; the value as typed. */
export function entryRowInput(formData: FormData, code: string, period: string) {
  const versionRaw = text(formData, `version.${code}`).trim();
  const resource = formData.get(`evidenceResourceId.${code}`);
  return {
    indicator: code,
    period,
    value: text(formData, `value.${code}`).trim(),
    note: text(formData, `note.${code}`),
    evidenceUrl: text(formData, `evidence.${code}`),
    // Not sent (no such input for the row): keep what is stored.
    ...(formData.has(`explanation.${code}`) ? { explanation: text(formData, `explanation.${code}`) } : {}),
    ...(typeof resource === "string" ? { evidenceResourceId: resource.trim() === "" ? null : WHOLE.test(resource.trim()) ? Number(resource.trim()) : Number.NaN } : {}),
    version: versionRaw === "" ? 0 : WHOLE.test(versionRaw) ? Number(versionRaw) : Number.NaN,
  };
}

/** Field of a value entry → the input the form shows its error next to. */
export function inputFor(field: string): EntryInput {
  return field === "note" || field === "evidenceUrl" || field === "explanation" || field === "evidenceResourceId" ? field : "value";
}

export async function saveEntryForm(db: Database, actor: Actor, input: { cityId: number; period: string; codes: readonly string[]; formData: FormData }): Promise<EntryFormResult> {
  const items: { key: string; input: ReturnType<typeof entryRowInput> }[] = [];
  const required: SaveRowError<string>[] = [];
  for (const code of input.codes) {
    const entry = entryRowInput(input.formData, code, input.period);
    if (entry.value === "") required.push({ key: code, field: "value", messageKey: "validation.required" });
    else items.push({ key: code, input: entry });
  }
  const parsed = parseValueRows(items);
  const result = await saveValues(db, actor, { cityId: input.cityId, rows: parsed.rows, presetErrors: [...required, ...parsed.rowErrors] });
  if (result.rowErrors.length === 0 && result.conflicts.length === 0) {
    return { ok: true, saved: result.saved.length + result.unchanged.length, flagged: result.saved.filter((v) => v.flags.length > 0).map((v) => ({ code: v.key, flags: v.flags })) };
  }
  const fieldErrors: Record<string, string[]> = {};
  const fieldVars: Record<string, Record<string, string | number>> = {};
  let formError: { messageKey: string; vars: Record<string, string | number> } | null = null;
  for (const e of result.rowErrors) {
    // The quarter is the page's, the same for every row: said once, above the form.
    if (e.messageKey === "validation.periodTooEarly") {
      formError = { messageKey: e.messageKey, vars: e.params ?? {} };
      continue;
    }
    const name = `${e.key}.${inputFor(e.field)}`;
    const list = (fieldErrors[name] ??= []);
    if (!list.includes(e.messageKey)) list.push(e.messageKey);
    if (e.params) fieldVars[name] = { ...fieldVars[name], ...e.params };
  }
  return { ok: false, fieldErrors, fieldVars, formError, conflicts: result.conflicts };
}
