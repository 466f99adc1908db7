import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getCurrentUser } from "@/server/authz";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/config";
import { formatters, translator, type Formatters, type Translate } from "@/lib/i18n/messages";
import { getDb } from "@/db/client";
import { timeZoneContext } from "@/db/queries/users";
import { isTimeZone, resolveTimeZone } from "@/lib/time";
import type { TimeZone } from "@/lib/domain";

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

/**
 * The zone the reader sees times in, once per request: the signed-in user's choice, else their
 * city's country's, else the one the language suggests (lib/time.ts resolveTimeZone).
 */
export const currentTimeZone = cache(async (): Promise<TimeZone> => (await timeZoneSetting()).timeZone);

/** The signed-in user's own choice (null: automatic), what automatic means for them, and the result. */
export const timeZoneSetting = cache(async (): Promise<{ chosen: TimeZone | null; automatic: TimeZone; timeZone: TimeZone }> => {
  const [locale, user] = await Promise.all([getLocale(), getCurrentUser()]);
  const context = user ? await timeZoneContext(await getDb(), user.id) : null;
  const chosen = isTimeZone(context?.timeZone) ? context.timeZone : null;
  const automatic = resolveTimeZone({ country: context?.country, locale });
  return { chosen, automatic, timeZone: chosen ?? automatic };
});

export const getI18n = cache(async (): Promise<{ locale: Locale; t: Translate; format: Formatters }> => {
  const [locale, timeZone] = await Promise.all([getLocale(), currentTimeZone()]);
  return { locale, t: translator(locale), format: formatters(locale, timeZone) };
});
