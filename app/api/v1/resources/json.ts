import { z } from "zod";
import { apiError, errorResponse } from "@/server/api";
import { fieldErrorsOf } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { isMessageKey, translateKey, translator } from "@/lib/i18n/messages";
import { UploadTooLargeError } from "@/lib/files/upload";
import { attachmentDisposition } from "@/lib/files/names";
import type { Database } from "@/db/client";
import { readFileSlice } from "@/db/queries/files";
import type { ResourceListRow } from "@/db/queries/resources";
import { nullIfBlank } from "@/lib/api-json";

/** A resource as the JSON API shows it: no uploader ids, no bytes, no extracted text. */
export function resourceJson(row: ResourceListRow) {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    type: row.type,
    language: row.language,
    status: row.status,
    components: row.components,
    lenses: row.lenses,
    city: row.citySlug && row.cityNameEn ? { slug: row.citySlug, name: row.cityNameEn } : null,
    author: row.author,
    year: row.year,
    file: row.fileName && row.mimeType && row.size !== null ? { name: row.fileName, mimeType: row.mimeType, size: row.size } : null,
    externalUrl: nullIfBlank(row.externalUrl),
    downloadUrl: `/api/v1/resources/${row.id}/download`,
    pageUrl: `/resources/${row.id}`,
    downloadCount: row.downloadCount,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export { resourceIdParam as idParam } from "@/lib/validation/resources";

/**
 * The API's error shape, plus the message keys (`messageKey`, `fieldKeys`) so the upload form can
 * show the message in the reader's language. An oversized body's unread rest closes the connection.
 */
export function resourceErrorResponse(error: unknown): Response {
  let response: Response;
  if (error instanceof z.ZodError) {
    const fieldKeys = fieldErrorsOf(error);
    const fields = Object.fromEntries(Object.entries(fieldKeys).map(([field, keys]) => [field, keys.map((key) => translateKey(en, key, "validation.invalid"))]));
    response = apiError(422, "invalid", en("validation.checkFields"), { fields, fieldKeys, messageKey: "validation.checkFields" });
  } else if (error instanceof AppError) {
    response = apiError(error.status, error.code, translateKey(en, error.messageKey), { messageKey: isMessageKey(error.messageKey) ? error.messageKey : "errors.unexpected" });
  } else {
    response = errorResponse(error);
  }
  if (error instanceof UploadTooLargeError) response.headers.set("Connection", "close");
  return response;
}

const en = translator("en");

const SLICE_BYTES = 1024 * 1024;

/**
 * A stored file as a download: always an attachment under its clean name, with the type found
 * from its content and nosniff, so nothing uploaded is ever rendered by the browser. The bytes are
 * read from the database a slice at a time as the client takes them.
 */
export function fileDownloadResponse(db: Database, file: { fileId: number; fileName: string; mimeType: string; size: number }): Response {
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (offset >= file.size) return controller.close();
        const slice = await readFileSlice(db, file.fileId, offset, Math.min(SLICE_BYTES, file.size - offset));
        if (slice.byteLength === 0) return controller.close();
        offset += slice.byteLength;
        controller.enqueue(slice);
      } catch (error) {
        // The status line has gone out; cutting the stream tells the client the file is incomplete.
        console.error("[api] resource download failed", error);
        controller.error(new Error("download failed"));
      }
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": attachmentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      // Should a browser render it anyway, it gets no scripts, no origin and no network.
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * A plain HTML form post (the upload forms without JavaScript) asks for a page, not JSON: it is
 * sent on to `success`, or back to `form` with the message key of what went wrong.
 */
export function wantsPage(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("text/html") && !accept.includes("application/json");
}

export function redirectTo(location: string, closeConnection = false): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", ...(closeConnection ? { Connection: "close" } : {}) } });
}

export function formErrorRedirect(form: string, error: unknown): Response {
  const key = error instanceof z.ZodError ? (Object.values(fieldErrorsOf(error))[0]?.[0] ?? "validation.checkFields") : error instanceof AppError && isMessageKey(error.messageKey) ? error.messageKey : "errors.unexpected";
  if (!(error instanceof z.ZodError) && !(error instanceof AppError)) console.error("[api] resource upload failed", error);
  return redirectTo(`${form}?error=${encodeURIComponent(key)}`, error instanceof UploadTooLargeError);
}
