import { COUNTRIES, NEWSLETTER_TOPICS } from "@/lib/domain";
import { LOCALES, LOCALE_NAMES, localizedName, type Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import type { NewsletterCity } from "@/server/loaders/newsletter";

export interface Choices {
  locale: Locale;
  countries: readonly string[];
  cityIds: readonly number[];
  topics: readonly string[];
}

const box = "h-5 w-5 shrink-0 rounded border-slate-400";
const option = "flex min-h-10 items-center gap-2 text-sm";

/**
 * What a subscriber chooses, on the subscribe form and the manage page alike: plain inputs, so
 * both work without JavaScript. The cities sit in a disclosure (it opens without scripts too).
 */
export function ChoiceFields({ t, locale, cities, value, idPrefix }: { t: Translate; locale: Locale; cities: readonly NewsletterCity[]; value: Choices; idPrefix: string }) {
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-locale`} className="block text-sm font-medium text-slate-800">{t("newsletter.form.language")}</label>
        <select id={`${idPrefix}-locale`} name="locale" defaultValue={value.locale} className="mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 sm:w-auto">
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("newsletter.form.topics")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-5">
          {NEWSLETTER_TOPICS.map((topic) => (
            <label key={topic} className={option}>
              <input type="checkbox" name="topics" value={topic} defaultChecked={value.topics.includes(topic)} className={box} data-testid={`${idPrefix}-topic-${topic}`} />
              {t(`newsletter.topic.${topic}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("newsletter.form.countries")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-5">
          {COUNTRIES.map((country) => (
            <label key={country} className={option}>
              <input type="checkbox" name="countries" value={country} defaultChecked={value.countries.includes(country)} className={box} />
              {t(`countries.${country}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <details open={value.cityIds.length > 0} className="rounded-md border border-slate-200 px-3 py-1">
        <summary className="min-h-10 cursor-pointer py-2 text-sm font-medium text-slate-800">{t("newsletter.form.cities")}</summary>
        {COUNTRIES.map((country) => {
          const list = cities.filter((c) => c.country === country);
          if (list.length === 0) return null;
          return (
            <fieldset key={country} className="mb-2">
              <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t(`countries.${country}`)}</legend>
              <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
                {list.map((city) => (
                  <label key={city.id} className={option}>
                    <input type="checkbox" name="cityIds" value={city.id} defaultChecked={value.cityIds.includes(city.id)} className={box} />
                    {localizedName(city, locale)}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </details>
    </>
  );
}
