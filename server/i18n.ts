import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getCurrentUser } from "@/server/authz";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/config";
import { formatters, translator, type Formatters, type Translate } from "@/lib/i18n/messages";

/**
 * The active language: the visitor's choice on this device (cookie), else the signed-in user's
 * saved language, else the browser's preference, else English.
 */
export const getLocale = cache(async (): Promise<Locale> => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const saved = (await getCurrentUser())?.locale;
  if (isLocale(saved)) return saved;
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
});

export const getI18n = cache(async (): Promise<{ locale: Locale; t: Translate; format: Formatters }> => {
  const locale = await getLocale();
  return { locale, t: translator(locale), format: formatters(locale) };
});
