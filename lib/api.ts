import "server-only";
import { z } from "zod";
import { AppError, RowErrorsError, ValueConflictError, type ErrorCode } from "./errors";
import { fieldErrorsOf } from "./action-result";
import { translator, isMessageKey } from "./i18n/messages";

/**
 * JSON API plumbing for app/api/v1: errors are `{"error":{"code","message",...}}` with the status
 * that fits; unexpected errors are logged and never echoed (they may contain SQL).
 */
const t = translator("en");
const messageOf = (key: string) => (isMessageKey(key) ? t(key) : key);

export function apiError(status: number, code: ErrorCode | string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof RowErrorsError) {
    return apiError(422, "invalid", messageOf(error.messageKey), { rows: error.rows.map((r) => ({ row: r.row, field: r.field, message: messageOf(r.messageKey) })) });
  }
  if (error instanceof ValueConflictError) {
    return apiError(409, "conflict", messageOf(error.messageKey), { conflicts: error.conflicts });
  }
  if (error instanceof z.ZodError) {
    const fields = Object.fromEntries(Object.entries(fieldErrorsOf(error)).map(([field, keys]) => [field, keys.map(messageOf)]));
    return apiError(422, "invalid", t("validation.checkFields"), { fields });
  }
  if (error instanceof AppError) return apiError(error.status, error.code, messageOf(error.messageKey));
  console.error("[api] unexpected error", error);
  return apiError(500, "unexpected", t("errors.unexpected"));
}

/** Runs a handler body and turns any failure into the API's error shape. */
export async function handleApi(body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    return errorResponse(error);
  }
}

/** Reads a JSON body of at most `maxBytes`, refusing anything else with 400/413. */
export async function readJson(request: Request, maxBytes = 2_000_000): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError("too_large", "validation.bodyTooLarge");
  const text = await request.text();
  if (text.length > maxBytes) throw new AppError("too_large", "validation.bodyTooLarge");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "validation.json");
  }
}
