/** The largest file a resource may carry. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Room for the form's other fields and the multipart boundaries around the file. */
export const MULTIPART_OVERHEAD_BYTES = 256 * 1024;

export class ByteLimitError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
    this.name = "ByteLimitError";
  }
}

/**
 * Passes bytes through until more than `limit` have gone by, then fails the stream: whatever
 * reads from it (a multipart parser) stops at once, so an oversized upload is never held whole.
 */
export function byteLimit(limit: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > limit) controller.error(new ByteLimitError(limit));
      else controller.enqueue(chunk);
    },
  });
}
