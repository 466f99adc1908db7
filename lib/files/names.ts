/**
 * File names that come with uploads are only a label: they are cleaned for display and for the
 * Content-Disposition header, and the extension is made to match the detected content.
 */

const MAX_NAME_LENGTH = 120;
const KNOWN_EXTENSIONS = new Set(["pdf", "docx", "xlsx", "pptx", "odt", "png", "jpg", "jpeg", "doc", "xls", "ppt", "txt", "html", "htm", "svg", "exe", "zip"]);

/**
 * A safe file name: no directories, control or reserved characters, no leading dots, at most
 * 120 characters, ending in `extension` (the detected type's). Letters of any script stay.
 */
export function sanitizeFileName(raw: string, extension: string): string {
  // Browsers on Windows used to send the whole path.
  const base = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  let name = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*;%]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "");
  const dot = name.lastIndexOf(".");
  const currentExtension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  let stem = dot > 0 && (KNOWN_EXTENSIONS.has(currentExtension) || currentExtension === extension) ? name.slice(0, dot) : name;
  stem = stem.replace(/[.\s]+$/, "");
  if (!stem) stem = "resource";
  const suffix = `.${extension}`;
  // Cut by code points so a Bangla name is not split inside a character.
  const chars = [...stem];
  if (chars.length + suffix.length > MAX_NAME_LENGTH) stem = chars.slice(0, MAX_NAME_LENGTH - suffix.length).join("").trimEnd();
  name = `${stem}${suffix}`;
  return name;
}

/** RFC 6266 attachment header: an ASCII fallback plus the UTF-8 name (RFC 5987 `filename*`). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
