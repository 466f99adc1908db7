import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { QuestionnaireTabs } from "../../QuestionnaireTabs";
import { NewQuestionnaireForm } from "./NewQuestionnaireForm";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { LOCALE_NAMES } from "@/lib/i18n/config";
import { pickMessages } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("questionnaire.design.new") };
}

/** A new questionnaire: its title; version 1 starts as a draft with one section. */
export default async function NewQuestionnairePage() {
  const actor = await requirePagePermission("questionnaires.design");
  const { t, locale } = await getI18n();
  return (
    <>
      <PageHeader title={t("nav.questionnaires")} />
      <QuestionnaireTabs current="design" t={t} actor={actor} />
      <p className="mb-3 text-sm"><Link href="/questionnaires/design" className="text-brand-700 underline">{t("questionnaire.design.back")}</Link></p>
      <Card title={t("questionnaire.design.new")} className="max-w-2xl">
        <p className="mb-4 text-sm text-slate-600">{t("questionnaire.design.newHint")}</p>
        <NewQuestionnaireForm
          locale={locale}
          languageNames={LOCALE_NAMES}
          messages={pickMessages(t, ["questionnaire.design.field.titleIn", "questionnaire.design.optionalLanguage", "questionnaire.design.languagesHint", "questionnaire.design.create", "questionnaire.design.creating", "validation.checkFields", "validation.required", "validation.tooLong", "validation.invalid", "errors.unexpected", "errors.forbidden"])}
        />
      </Card>
    </>
  );
}
