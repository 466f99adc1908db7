import { Card } from "@/components/ui/Card";
import { SubmitButton } from "@/components/ui/SubmitButton";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import { NEWSLETTER_TOPICS } from "@/lib/domain";
import type { NewsletterCity } from "@/server/loaders/newsletter";
import { subscribeAction } from "@/server/newsletter/actions";
import { ChoiceFields } from "./ChoiceFields";

/**
 * The public newsletter's sign-up: a plain form that posts to a server action and is answered
 * with a redirect to /newsletter?result=…, so it works the same with JavaScript off. `website`
 * is a honeypot: hidden from people (and from screen readers), filled only by programs.
 */
export function SubscribeForm({ t, locale, cities, cityIds = [], idPrefix = "newsletter", bare = false }: { t: Translate; locale: Locale; cities: readonly NewsletterCity[]; cityIds?: readonly number[]; idPrefix?: string; bare?: boolean }) {
  const form = (
    <form action={subscribeAction} className="space-y-4" data-testid="newsletter-form">
      <p className="text-sm text-slate-700">{t("newsletter.form.intro")}</p>
      <div>
        <label htmlFor={`${idPrefix}-email`} className="block text-sm font-medium text-slate-800">{t("newsletter.form.email")}</label>
        <input id={`${idPrefix}-email`} type="email" name="email" required maxLength={254} autoComplete="email" inputMode="email" className="mt-1 min-h-11 w-full max-w-md rounded-md border border-slate-300 px-3" />
      </div>
      <ChoiceFields t={t} locale={locale} cities={cities} idPrefix={idPrefix} value={{ locale, countries: [], cityIds, topics: NEWSLETTER_TOPICS }} />
      <div hidden aria-hidden="true">
        <label>
          {t("newsletter.form.honeypot")}
          <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>
      <SubmitButton pendingLabel={t("newsletter.form.submitting")}>{t("newsletter.form.submit")}</SubmitButton>
      <p className="text-xs text-slate-600">{t("newsletter.form.privacy")}</p>
    </form>
  );
  if (bare) return form;
  return (
    <Card title={t("newsletter.form.title")} className="mt-8">
      {form}
    </Card>
  );
}
