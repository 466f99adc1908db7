import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { ResultForm } from "@/components/ui/ResultForm";
import { PlanStatusBadge } from "@/components/plans/PlanStatusBadge";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadCity } from "@/server/loaders/cities";
import { loadCityPlans } from "@/server/loaders/plans";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { currentFiscalYear, fiscalYearLabel, fiscalYearLabels, parseFiscalYear } from "@/lib/plans/fiscal";
import { planPath } from "@/lib/plans/paths";
import { canWritePlan } from "@/lib/policies/plans";
import { PLAN_TITLE_MAX } from "@/lib/validation/plans";
import { createPlanAction } from "./actions";

type Props = { params: Promise<{ slug: string }> };

const FORM_MESSAGES: MessageKey[] = ["errors.unexpected", "errors.forbidden", "errors.not_found", "validation.checkFields", "validation.tooLong", "validation.controlChars", "validation.plans.fiscalYear", "validation.plans.titleShort", "plans.exists", "plans.saved"];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug }, { t, locale }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  return { title: city ? t("plans.title", { city: localizedName(city, locale) }) : undefined };
}

/** A city's action plans, one per fiscal year, and the form that starts the next. */
export default async function PlansPage({ params }: Props) {
  const actor = await requirePagePermission("plans.read");
  const [{ slug }, { t, locale }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  if (!city) notFound();
  const plans = await loadCityPlans(city.id);
  const yearText = (label: string) => (fiscalYearLabels(label, city.country, locale) ?? [{ text: label }]).map((l) => l.text).join(" · ");
  const current = parseFiscalYear(currentFiscalYear(city.country));
  const choices = current ? [current.startYear - 1, current.startYear, current.startYear + 1].map(fiscalYearLabel).filter((label) => !plans.some((p) => p.fiscalYear === label)) : [];
  const writes = canWritePlan(actor, { cityId: city.id });
  return (
    <>
      <PageHeader title={t("plans.title", { city: localizedName(city, locale) })} description={t("plans.description")} />
      {plans.length === 0 ? (
        <EmptyState title={t("plans.empty")} body={writes ? t("plans.emptyHintWriter") : t("plans.emptyHint")} />
      ) : (
        <ul className="mb-6 space-y-2" data-testid="plans-list">
          {plans.map((plan) => (
            <li key={plan.id} className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3">
              <Link href={planPath(city.slug, plan.id)} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">{plan.title}</Link>
              <span className="text-sm text-slate-600">{yearText(plan.fiscalYear)}</span>
              <PlanStatusBadge status={plan.status} t={t} />
            </li>
          ))}
        </ul>
      )}
      {writes && choices.length > 0 && (
        <Card title={t("plans.new")}>
          <ResultForm action={createPlanAction} label={t("plans.create")} pendingLabel={t("plans.sending")} messages={pickMessages(t, FORM_MESSAGES)} locale={locale} testId="new-plan-form" okKey="plans.saved" className="grid max-w-xl gap-3">
            <input type="hidden" name="city" value={city.slug} />
            <label className="block text-sm font-medium">
              {t("plans.fiscalYear")}
              <select name="fiscalYear" defaultValue={choices.find((c) => c === fiscalYearLabel(current?.startYear ?? 0)) ?? choices[0]} className="mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm">
                {choices.map((label) => <option key={label} value={label}>{yearText(label)}</option>)}
              </select>
            </label>
            <label className="block text-sm font-medium">
              {t("plans.planTitle")}
              <input name="title" required minLength={3} maxLength={PLAN_TITLE_MAX} className="mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm" />
            </label>
          </ResultForm>
        </Card>
      )}
    </>
  );
}
