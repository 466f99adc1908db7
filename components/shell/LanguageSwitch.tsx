import { setLocale } from "@/server/session-actions";
import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/i18n/config";

/** One submit button per language, so it works without JavaScript and with the keyboard. */
export function LanguageSwitch({ current, label }: { current: Locale; label: string }) {
  return (
    <form action={setLocale} className="flex items-center gap-1" aria-label={label}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          data-testid={`locale-${locale}`}
          className={`rounded px-2 py-1 text-sm ${locale === current ? "bg-white font-semibold text-brand-800" : "text-white hover:bg-brand-600"}`}
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </form>
  );
}
