/**
 * Just enough of the ZIP format to tell office documents apart: the names of the entries, read
 * from the central directory, and the first entry as stored (ODF puts its `mimetype` there).
 * Nothing is decompressed.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
// The end record is 22 bytes plus a comment of at most 65535.
const EOCD_SEARCH = 22 + 0xffff;
// A document with more entries than this is not one we need to look into further.
const MAX_ENTRIES = 20_000;

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const decoder = new TextDecoder("utf-8", { fatal: false });

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && view(bytes).getUint32(0, true) === LOCAL_SIGNATURE;
}

/** Entry names from the central directory, or null when the archive is not readable. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 22) return null;
  const data = view(bytes);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - EOCD_SEARCH); at--) {
    if (data.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.getUint16(eocd + 10, true);
  const offset = data.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff || count > MAX_ENTRIES) return null;
  const names: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || data.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The first local entry's name and, when it is stored uncompressed, its content. */
export function firstZipEntry(bytes: Uint8Array): { name: string; stored: Uint8Array | null } | null {
  if (!isZip(bytes) || bytes.length < 30) return null;
  const data = view(bytes);
  const method = data.getUint16(8, true);
  const compressedSize = data.getUint32(18, true);
  const nameLength = data.getUint16(26, true);
  const extraLength = data.getUint16(28, true);
  const start = 30 + nameLength + extraLength;
  if (start > bytes.length) return null;
  const name = decoder.decode(bytes.subarray(30, 30 + nameLength));
  const stored = method === 0 && start + compressedSize <= bytes.length ? bytes.subarray(start, start + compressedSize) : null;
  return { name, stored };
}
