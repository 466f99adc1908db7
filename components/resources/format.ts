import { ALLOWED_TYPES, type FileKind } from "@/lib/files/detect";
import type { Formatters, Translate } from "@/lib/i18n/messages";

const KIND_BY_MIME = new Map<string, FileKind>(Object.entries(ALLOWED_TYPES).map(([kind, type]) => [type.mimeType, kind as FileKind]));

/** "PDF", "Word document"… for a stored file's detected type. */
export function formatName(t: Translate, mimeType: string | null): string {
  const kind = mimeType ? KIND_BY_MIME.get(mimeType) : undefined;
  return kind ? t(`resources.format.${kind}`) : t("resources.file");
}

/** A file size in KB or MB, in the reader's digits. */
export function formatSize(t: Translate, format: Formatters, bytes: number): string {
  if (bytes < 1024 * 1024) return t("resources.size.kb", { size: format.number(Math.max(1, Math.round(bytes / 1024))) });
  return t("resources.size.mb", { size: format.number(bytes / (1024 * 1024), { maximumFractionDigits: 1 }) });
}
