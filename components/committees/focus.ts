import { localizedName, type Locale } from "@/lib/i18n/config";

/** A committee's focus in words: its component in the reader's language, its theme, or both. */
export function focusLabel(component: { nameEn: string; nameBn: string; nameNe: string } | null, theme: string, locale: Locale): string {
  return [component ? localizedName(component, locale) : null, theme || null].filter(Boolean).join(" · ");
}
