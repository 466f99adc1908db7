import { z } from "zod";

/** Control characters other than tab and newlines: never part of text a person typed. */
export const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Typed text: trimmed, at most `max` characters, no control characters. */
export const plainText = (max: number) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .max(max, { error: "validation.tooLong" })
    .refine((value) => !CONTROL_CHARS.test(value), { error: "validation.controlChars" });

/** A row id from a form or a URL (at most PostgreSQL's integer: a larger one is no row, not a crash). */
export const positiveId = z.coerce.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).positive({ error: "validation.invalid" }).max(2_147_483_647, { error: "validation.invalid" });

/** An id a form may leave empty (a select's "— none —"). */
export const optionalId = z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), positiveId.nullable());

/** A number a form may leave empty. */
export const optionalNumber = (schema: z.ZodNumber) => z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number({ error: "validation.number" }).pipe(schema).nullable());

/** A row id from a URL segment: a positive integer PostgreSQL can hold, else null (the page answers 404). */
export function routeId(raw: string | undefined): number | null {
  return raw !== undefined && /^[1-9][0-9]{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}
