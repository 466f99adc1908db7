import { firstZipEntry, isZip, zipEntryNames } from "./zip";

/**
 * File types the library accepts, recognised by their content (magic bytes and, for ZIP-based
 * office formats, the archive's parts) — never by the file name or the browser's claim.
 */
export const ALLOWED_TYPES = {
  pdf: { mimeType: "application/pdf", extension: "pdf" },
  docx: { mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx" },
  xlsx: { mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
  pptx: { mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extension: "pptx" },
  odt: { mimeType: "application/vnd.oasis.opendocument.text", extension: "odt" },
  png: { mimeType: "image/png", extension: "png" },
  jpeg: { mimeType: "image/jpeg", extension: "jpg" },
} as const;

export type FileKind = keyof typeof ALLOWED_TYPES;
export type Detection = { ok: true; kind: FileKind; mimeType: string; extension: string } | { ok: false; reason: "empty" | "executable" | "unknown" };

const ODT_MIME = "application/vnd.oasis.opendocument.text";

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PDF = ascii("%PDF-");
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ELF = [0x7f, 0x45, 0x4c, 0x46];
const MZ = ascii("MZ");
const MACH_O = [[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]];
const SHEBANG = ascii("#!");

function officeKind(bytes: Uint8Array): FileKind | null {
  const first = firstZipEntry(bytes);
  // ODF requires `mimetype`, stored uncompressed, as the first entry.
  if (first?.name === "mimetype" && first.stored && new TextDecoder().decode(first.stored).trim() === ODT_MIME) return "odt";
  const names = zipEntryNames(bytes);
  // Every OOXML package has these two parts and the main part of its kind; a folder name alone
  // (any ZIP with an empty `word/` in it) proves nothing.
  if (!names || !names.includes("[Content_Types].xml") || !names.includes("_rels/.rels")) return null;
  if (names.includes("word/document.xml")) return "docx";
  if (names.includes("xl/workbook.xml")) return "xlsx";
  if (names.includes("ppt/presentation.xml")) return "pptx";
  return null;
}

export function detectFileType(bytes: Uint8Array): Detection {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  const found = (kind: FileKind): Detection => ({ ok: true, kind, ...ALLOWED_TYPES[kind] });
  // PDF readers accept the header within the first KiB, but so would an HTML page with "%PDF-" in
  // it: only a file that starts with it counts.
  if (startsWith(bytes, PDF)) return found("pdf");
  if (startsWith(bytes, PNG)) return found("png");
  if (startsWith(bytes, JPEG)) return found("jpeg");
  if (isZip(bytes)) {
    const kind = officeKind(bytes);
    return kind ? found(kind) : { ok: false, reason: "unknown" };
  }
  if (startsWith(bytes, ELF) || startsWith(bytes, MZ) || startsWith(bytes, SHEBANG) || MACH_O.some((sig) => startsWith(bytes, sig))) return { ok: false, reason: "executable" };
  return { ok: false, reason: "unknown" };
}
