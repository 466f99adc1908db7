export const LOCALES = ["en", "bn", "ne"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "locale";

/** Names of the languages in themselves, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", bn: "বাংলা", ne: "नेपाली" };

/** BCP 47 tags for Intl: these give Bangla and Devanagari digits. */
export const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", bn: "bn-BD", ne: "ne-NP" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks the first supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const tags = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return null;
}

/** Picks the name column for the active language from a row with nameEn/nameBn/nameNe. */
export function localizedName(row: { nameEn: string; nameBn: string; nameNe: string }, locale: Locale): string {
  return locale === "bn" ? row.nameBn : locale === "ne" ? row.nameNe : row.nameEn;
}
