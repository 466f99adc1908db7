import { z } from "zod";
import { messageKeyOf } from "./i18n/messages";

/** What every server action returns. Errors are message keys the UI translates. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/**
 * The submitted text fields named in `fields`, sent back with an error so the form shows what the
 * person typed instead of clearing it. Never list a password here.
 */
export function echoValues(formData: FormData, fields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = formData.get(field);
    if (typeof value === "string") values[field] = value;
  }
  return values;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    (fieldErrors[field] ??= []).push(messageKeyOf(issue));
  }
  return fieldErrors;
}
