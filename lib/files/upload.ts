import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { bearerTokenOf, isCrossSiteRequest } from "@/lib/policies/requests";
import { detectFileType, type FileKind } from "./detect";
import { ByteLimitError, MAX_UPLOAD_BYTES, MULTIPART_OVERHEAD_BYTES, byteLimit } from "./limit";
import { sanitizeFileName } from "./names";
import { extractPdfText } from "./pdf-text";

/** A file that passed every check, ready to store. */
export interface CheckedFile {
  bytes: Buffer;
  sha256: string;
  mimeType: string;
  kind: FileKind;
  size: number;
  fileName: string;
  extractedText: string;
}

/** Thrown when the rest of the request body was left unread: the connection must be closed. */
export class UploadTooLargeError extends AppError {
  constructor() {
    super("too_large", "resources.file.tooLarge");
    this.name = "UploadTooLargeError";
  }
}

/**
 * Reads a multipart/form-data body of at most 25 MB of file plus a little room for the other
 * fields. A declared Content-Length over the cap is refused before a byte is read; a body without
 * one (chunked) or with a false one is counted while it streams in and cut off at the cap, so an
 * oversized upload is never held in memory whole.
 */
export async function readMultipart(request: Request, maxFileBytes = MAX_UPLOAD_BYTES): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) throw new AppError("bad_request", "resources.upload.notMultipart");
  const limit = maxFileBytes + MULTIPART_OVERHEAD_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw new UploadTooLargeError();
  if (!request.body) throw new AppError("bad_request", "resources.upload.notMultipart");
  const limited = request.body.pipeThrough(byteLimit(limit));
  try {
    return await new Response(limited, { headers: { "content-type": contentType } }).formData();
  } catch (error) {
    if (error instanceof ByteLimitError || (error instanceof Error && error.cause instanceof ByteLimitError)) throw new UploadTooLargeError();
    throw new AppError("bad_request", "resources.upload.notMultipart");
  }
}

/** The uploaded file of a form, or null when the field is empty (no file chosen). */
export function fileField(form: FormData, name = "file"): File | null {
  const value = form.get(name);
  if (!(value instanceof File) || (value.size === 0 && value.name === "")) return null;
  return value;
}

/**
 * Checks a file by its content and prepares it for storage: type from magic bytes, size cap,
 * sha256, a clean name, and the text of PDFs for search.
 */
export async function checkFile(bytes: Uint8Array, originalName: string, maxBytes = MAX_UPLOAD_BYTES): Promise<CheckedFile> {
  if (bytes.byteLength > maxBytes) throw new AppError("too_large", "resources.file.tooLarge");
  const detected = detectFileType(bytes);
  if (!detected.ok) {
    const key = detected.reason === "empty" ? "resources.file.empty" : detected.reason === "executable" ? "resources.file.executable" : "resources.file.typeNotAllowed";
    throw new AppError("invalid", key);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    bytes: buffer,
    sha256: createHash("sha256").update(buffer).digest("hex"),
    mimeType: detected.mimeType,
    kind: detected.kind,
    size: bytes.byteLength,
    fileName: sanitizeFileName(originalName, detected.extension),
    extractedText: detected.kind === "pdf" ? await extractPdfText(bytes) : "",
  };
}

/**
 * A browser form post authenticated by the session cookie must come from this site. The route
 * builder (server/route.ts, `write: true`) makes this check for every mutating route; this is the
 * same rule for callers outside it. Callers using a bearer token are not browsers and need no check.
 */
export function assertSameOrigin(request: Request): void {
  if (bearerTokenOf(request.headers)) return;
  if (isCrossSiteRequest(request.headers)) throw new AppError("forbidden", "resources.upload.crossSite");
}
