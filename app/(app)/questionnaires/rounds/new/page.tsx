import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { RoundForm } from "./RoundForm";
import { createRoundAction } from "../actions";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadRoundFormOptions } from "@/server/loaders/rounds";
import { addDays } from "@/server/questionnaires/rounds";
import { COUNTRIES, PROGRAMME_ROLES } from "@/lib/domain";
import { INTL_LOCALE, localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { lastCompletedQuarter } from "@/lib/periods";
import { localize } from "@/lib/questionnaires/view";
import { cityToday } from "@/lib/questionnaires/rules";
import { eventTimeFormat } from "@/lib/events/time";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("rounds.new.title") };
}

const FORM_MESSAGES = [
  "rounds.form.version", "rounds.form.versionHint", "rounds.form.chooseVersion", "rounds.form.period", "rounds.form.periodHint", "rounds.form.titleEn", "rounds.form.titleBn",
  "rounds.form.titleNe", "rounds.form.titleHint", "rounds.form.target", "rounds.form.targetHint", "rounds.form.target.all", "rounds.form.target.country",
  "rounds.form.target.programme_role", "rounds.form.target.list", "rounds.form.countries", "rounds.form.roles", "rounds.form.cities", "rounds.form.citySearch",
  "rounds.form.citiesChosen", "rounds.form.selectShown", "rounds.form.clearChosen", "rounds.form.moreMatches", "rounds.form.noMatch", "rounds.form.opensOn",
  "rounds.form.dueOn", "rounds.form.datesHint", "rounds.form.event", "rounds.form.resource", "rounds.form.none", "rounds.form.create", "common.saving",
  "validation.checkFields", "validation.invalid", "validation.tooLong", "validation.date", "validation.country", "validation.round.period", "validation.round.targetEmpty",
  "validation.round.target", "validation.round.dueBeforeOpen", "validation.round.versionNotPublished", "validation.round.cityUnknown", "validation.round.eventUnknown",
  "validation.round.resourceUnknown", "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "errors.not_found",
] as const satisfies readonly MessageKey[];

/** The admin's form for a new round (saved as scheduled; opened from its page). */
export default async function NewRoundPage() {
  await requirePagePermission("rounds.manage");
  const [{ t, locale }, options] = await Promise.all([getI18n(), loadRoundFormOptions()]);
  const intl = INTL_LOCALE[locale];
  const today = cityToday("BD");
  const back = (
    <Link href="/questionnaires/rounds" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
      {t("rounds.back")}
    </Link>
  );

  return (
    <>
      <PageHeader title={t("rounds.new.title")} description={t("rounds.new.description")} actions={back} />
      {options.versions.length === 0 ? (
        <EmptyState title={t("rounds.form.noVersions")} />
      ) : (
        <Card>
          <RoundForm
            action={createRoundAction}
            versions={options.versions.map((v) => ({ id: v.id, title: v.title, label: t("rounds.form.versionOption", { title: localize(v.title, locale), number: v.number }) }))}
            cities={options.cities.map((c) => ({
              id: c.id,
              name: localizedName(c, locale),
              detail: `${t(`countries.${c.country}`)} · ${t(`programmeRoles.${c.programmeRole}`)}`,
              search: [c.nameEn, c.nameBn, c.nameNe, t(`countries.${c.country}`), t(`programmeRoles.${c.programmeRole}`)].join(" ").toLowerCase(),
            }))}
            countries={COUNTRIES.map((c) => ({ value: c, label: t(`countries.${c}`) }))}
            roles={PROGRAMME_ROLES.map((r) => ({ value: r, label: t(`programmeRoles.${r}.plural`) }))}
            events={options.events.map((e) => ({ value: String(e.id), label: `${eventTimeFormat(intl, e.timeZone).date(e.startsAt)} — ${e.title}` }))}
            resources={options.resources.map((r) => ({ value: String(r.id), label: r.title }))}
            initial={{ period: lastCompletedQuarter(), opensOn: today, dueOn: addDays(today, 30) }}
            messages={pickMessages(t, FORM_MESSAGES)}
            locale={locale}
          />
        </Card>
      )}
    </>
  );
}
