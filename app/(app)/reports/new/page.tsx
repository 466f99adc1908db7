import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { ResultForm } from "@/components/ui/ResultForm";
import { requirePageOwnCityPermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadCityOptions } from "@/server/loaders/cities";
import { loadRoundsForReports } from "@/server/loaders/reports";
import { CITY_ROLES, REPORT_KINDS } from "@/lib/domain";
import { LOCALES, LOCALE_NAMES, localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { localize } from "@/lib/questionnaires/view";
import { TITLE_MAX } from "@/lib/reports/templates";
import { createReportAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("reports.new") };
}

const FORM_MESSAGES: MessageKey[] = ["errors.unexpected", "errors.forbidden", "errors.not_found", "validation.checkFields", "validation.required", "validation.invalid", "validation.tooLong", "validation.reports.year", "reports.cityNotInRound", "reports.saved"];

const field = "min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm";

/**
 * Starts a report. Officers write their own city's (the city list holds only it); a programme
 * synthesis, about many cities, is a reviewer's or an admin's.
 */
export default async function NewReportPage() {
  const actor = await requirePageOwnCityPermission("reports.write");
  const [{ t, locale }, cities, rounds] = await Promise.all([getI18n(), loadCityOptions(), loadRoundsForReports()]);
  const cityRole = CITY_ROLES.includes(actor.role);
  const choices = cityRole ? cities.filter((c) => c.id === actor.cityId) : cities;
  const kinds = cityRole ? REPORT_KINDS.filter((k) => k !== "synthesis") : REPORT_KINDS;
  const year = new Date().getUTCFullYear();
  return (
    <>
      <PageHeader title={t("reports.new")} description={t("reports.newHint")} />
      <Card>
        <ResultForm action={createReportAction} label={t("reports.create")} pendingLabel={t("reports.sending")} messages={pickMessages(t, FORM_MESSAGES)} locale={locale} testId="new-report-form" className="grid max-w-xl gap-4">
          <label className="block text-sm font-medium">
            {t("reports.field.kind")}
            <select name="kind" className={field} defaultValue="city_profile" data-testid="report-kind">
              {kinds.map((k) => <option key={k} value={k}>{t(`reports.kind.${k}` as MessageKey)}</option>)}
            </select>
          </label>
          <label className="block text-sm font-medium">
            {t("reports.field.title")}
            <input name="title" required maxLength={TITLE_MAX} className={field} data-testid="report-title-input" />
          </label>
          <label className="block text-sm font-medium">
            {t("reports.field.language")}
            <select name="language" className={field} defaultValue={locale}>
              {LOCALES.map((l) => <option key={l} value={l}>{LOCALE_NAMES[l]}</option>)}
            </select>
          </label>
          <label className="block text-sm font-medium">
            {t("reports.field.city")}
            <select name="city" className={field} defaultValue={cityRole ? String(actor.cityId ?? "") : ""} data-testid="report-city">
              {!cityRole && <option value="">{t("reports.field.noCity")}</option>}
              {choices.map((c) => <option key={c.id} value={c.id}>{localizedName(c, locale)}</option>)}
            </select>
          </label>
          <label className="block text-sm font-medium">
            {t("reports.field.year")}
            <input name="year" type="number" min={2000} max={2100} defaultValue={year} className={field} />
            <span className="block text-xs font-normal text-slate-600">{t("reports.field.yearHint")}</span>
          </label>
          <label className="block text-sm font-medium">
            {t("reports.field.round")}
            <select name="round" className={field} defaultValue="">
              <option value="">{t("reports.field.noRound")}</option>
              {rounds.map((r) => <option key={r.id} value={r.id}>{localize(r.title, locale)} ({r.period})</option>)}
            </select>
            <span className="block text-xs font-normal text-slate-600">{t("reports.field.roundHint")}</span>
          </label>
        </ResultForm>
      </Card>
    </>
  );
}
