import "server-only";
import { z } from "zod";
import { AppError, FieldProblemsError, RowErrorsError, ValueConflictError, type ErrorCode, type RowError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/action-result";
import { translator, isMessageKey, messageKeyOf } from "@/lib/i18n/messages";
import { credentialRefusal, getCurrentUser, type CurrentUser } from "@/server/authz";
import { API_MAX_JSON_BYTES } from "@/lib/validation/api";
import { getDatabaseHandle, type DatabaseKind } from "@/db/client";

/**
 * JSON API plumbing for app/api/v1: errors are `{"error":{"code","message",...}}` with the status
 * that fits; unexpected errors are logged and never echoed (they may contain SQL).
 */
const t = translator("en");
const messageOf = (key: string, vars?: Record<string, string | number>) => (isMessageKey(key) ? t(key, vars) : key);

/** Responses depend on who asks (drafts, tokens), so no shared cache may keep them. */
const NO_STORE = { "Cache-Control": "private, no-store" };

export function apiJson(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(data, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function apiError(status: number, code: ErrorCode | string, message: string, extra: Record<string, unknown> = {}): Response {
  // RFC 6750: a 401 names the scheme the client should use.
  const challenge: Record<string, string> = status === 401 ? { "WWW-Authenticate": 'Bearer realm="cwis"' } : {};
  return apiJson({ error: { code, message, ...extra } }, { status, headers: challenge });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof RowErrorsError) {
    return apiError(422, "invalid", messageOf(error.messageKey), { rows: error.rows.map((r) => ({ row: r.row, field: r.field, message: messageOf(r.messageKey, r.params) })) });
  }
  if (error instanceof FieldProblemsError) {
    const fields = Object.fromEntries(Object.entries(error.problems).map(([field, problem]) => [field, [messageOf(problem.messageKey, problem.params)]]));
    return apiError(422, "invalid", messageOf(error.messageKey), { fields });
  }
  if (error instanceof ValueConflictError) {
    return apiError(409, "conflict", messageOf(error.messageKey), { conflicts: error.conflicts });
  }
  if (error instanceof z.ZodError) {
    const fields = Object.fromEntries(Object.entries(fieldErrorsOf(error)).map(([field, keys]) => [field, keys.map((key) => messageOf(key))]));
    return apiError(422, "invalid", t("validation.checkFields"), { fields });
  }
  if (error instanceof UnreadBodyError) {
    // The unread rest of the body is still on the socket: it must not be taken for a next request.
    const response = apiError(error.status, error.code, messageOf(error.messageKey));
    response.headers.set("Connection", "close");
    return response;
  }
  if (error instanceof AppError) return apiError(error.status, error.code, messageOf(error.messageKey));
  console.error("[api] unexpected error", error);
  return apiError(500, "unexpected", t("errors.unexpected"));
}

/** How much of an oversized body is read and thrown away so the connection can serve the next request. */
const DISCARD_MAX_BYTES = 8_000_000;

/** A body so large that the rest of it is left unread: the connection is closed after the answer. */
class UnreadBodyError extends AppError {
  constructor() {
    super("too_large", "validation.bodyTooLarge");
  }
}

/**
 * Reads the body as UTF-8, keeping at most `maxBytes`: a client that sends no Content-Length
 * (chunked) or a false one cannot make the server hold more than that. The rest of an oversized
 * body is read and discarded (up to a bound), so a keep-alive client gets its 413 instead of a
 * broken connection.
 */
async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes + DISCARD_MAX_BYTES) {
      await reader.cancel().catch(() => {});
      throw new UnreadBodyError();
    }
    if (size <= maxBytes) chunks.push(value);
  }
  if (size > maxBytes) throw new AppError("too_large", "validation.bodyTooLarge");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("bad_request", "validation.json");
  }
}

/** Reads a JSON body of at most `maxBytes`, refusing anything else with 400/413. */
export async function readJson(request: Request, maxBytes = API_MAX_JSON_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  // Node discards an unread body after the answer; past the discard bound, the connection closes instead.
  if (declared > maxBytes + DISCARD_MAX_BYTES) throw new UnreadBodyError();
  if (declared > maxBytes) throw new AppError("too_large", "validation.bodyTooLarge");
  const text = await readLimitedText(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "validation.json");
  }
}

/**
 * Parses the query string with `schema` (the last value wins for a repeated name). Unknown names
 * are ignored; a bad value of a known one is a 422 naming the field.
 */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  return schema.parse(Object.fromEntries(new URL(request.url).searchParams));
}

/**
 * Parses a JSON array body row by row: every problem is reported as {row, field, message} with
 * rows counted from 1, and nothing is accepted unless every row is. A body that is not an array
 * (or an empty or oversized one) is refused as a whole.
 */
export function parseRows<S extends z.ZodType>(body: unknown, schema: S): z.infer<S> {
  if (!Array.isArray(body)) throw new AppError("invalid", "validation.api.bodyNotArray");
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const rows: RowError[] = [];
  for (const issue of result.error.issues) {
    const [index, ...field] = issue.path;
    const messageKey = messageKeyOf(issue);
    if (typeof index !== "number") throw new AppError("invalid", messageKey);
    rows.push({ row: index + 1, field: field.map(String).join(".") || "row", messageKey });
  }
  throw new RowErrorsError(rows);
}

/** The three names of a row as the API spells them: `name` (English) plus `names` per locale. */
export function namesOf(row: { nameEn: string; nameBn: string; nameNe: string }) {
  return { name: row.nameEn, names: { en: row.nameEn, bn: row.nameBn, ne: row.nameNe } };
}

/** Which database this instance runs on, for the health check. */
export async function databaseKind(): Promise<DatabaseKind> {
  return (await getDatabaseHandle()).kind;
}
