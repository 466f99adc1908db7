import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageHeader } from "@/components/ui/PageHeader";
import { QuestionnaireFields, type QuestionnaireFieldTexts } from "@/components/questionnaires/QuestionnaireFields";
import { QuestionnaireTabs } from "../../../QuestionnaireTabs";
import { VersionStatusBadge } from "../../VersionStatusBadge";
import { PreviewForm } from "./PreviewForm";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadVersionForDesign } from "@/server/loaders/questionnaires";
import { LOCALES, LOCALE_NAMES, isLocale, type Locale } from "@/lib/i18n/config";
import { formatters, translator } from "@/lib/i18n/messages";
import { hardRange } from "@/lib/plausibility";
import { UNIT_RANGES } from "@/lib/units";
import { localize, questionView } from "@/lib/questionnaires/view";

const paramsSchema = z.object({ versionId: z.coerce.number().int().positive().max(2_147_483_647) });

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("questionnaire.design.preview") };
}

/**
 * What an officer will see, in the language asked for (?lang=en|bn|ne): the answering form's own
 * fields (show-when rules work as they will), with nothing to send. Drafts show as last saved.
 */
export default async function PreviewPage({ params, searchParams }: { params: Promise<{ versionId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("questionnaires.design");
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const [{ t, locale }, found, query] = await Promise.all([getI18n(), loadVersionForDesign(parsed.data.versionId), searchParams]);
  if (!found) notFound();
  const { version, questions } = found;
  const lang: Locale = isLocale(query.lang) ? query.lang : locale;
  const tl = translator(lang);
  const number = formatters(lang).number;

  const views = questions.map((q) => {
    const indicator = q.indicator;
    const range = indicator ? hardRange(indicator) : null;
    return questionView(
      q,
      lang,
      indicator && range ? { code: indicator.code, unitLabel: tl(`units.${indicator.unit}`), min: range.min, max: range.max, wholeNumber: UNIT_RANGES[indicator.unit].integer } : null,
    );
  });
  const texts: QuestionnaireFieldTexts = {
    required: tl("questionnaire.field.required"),
    yes: tl("questionnaire.field.yes"),
    no: tl("questionnaire.field.no"),
    other: tl("questionnaire.field.other"),
    choose: tl("questionnaire.field.choose"),
    currentFile: tl("questionnaire.field.currentFile"),
    comment: tl("questionnaire.field.comment"),
    indicatorHint: Object.fromEntries(views.flatMap((v) => (v.indicator ? [[v.key, tl("questionnaire.field.indicatorRange", { code: v.indicator.code, min: number(v.indicator.min ?? 0), max: v.indicator.max === null ? "" : number(v.indicator.max) })]] : []))),
  };
  const sections = version.sections.map((s) => ({ key: s.key, title: localize(s.title, lang) }));
  const description = localize(version.description, lang);

  return (
    <>
      <PageHeader title={t("nav.questionnaires")} />
      <QuestionnaireTabs current="design" t={t} actor={actor} />
      <p className="mb-3 text-sm"><Link href={`/questionnaires/design/${version.id}`} className="text-brand-700 underline">{t("questionnaire.design.backToVersion", { number: version.number })}</Link></p>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">{t("questionnaire.design.previewOf", { number: version.number })}</h2>
        <VersionStatusBadge status={version.status} t={t} />
      </div>
      <nav aria-label={t("questionnaire.design.previewLanguage")} className="mb-4 flex flex-wrap gap-2">
        {LOCALES.map((l) => (
          <Link key={l} href={`/questionnaires/design/${version.id}/preview?lang=${l}`} lang={l} aria-current={l === lang ? "page" : undefined} className={`inline-flex min-h-11 items-center rounded-full border px-4 text-sm ${l === lang ? "border-brand-600 bg-brand-50 font-semibold" : "border-slate-300 bg-white"}`} data-testid={`preview-lang-${l}`}>
            {LOCALE_NAMES[l]}
          </Link>
        ))}
      </nav>
      <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="preview-note">
        {version.status === "draft" ? t("questionnaire.design.previewDraftNote") : t("questionnaire.design.previewNote")}
      </p>
      <div lang={lang} className="space-y-4">
        <h3 className="break-words text-xl font-semibold" data-testid="preview-title">{localize(version.title, lang)}</h3>
        {description ? <p className="max-w-3xl whitespace-pre-wrap text-slate-700">{description}</p> : null}
        {views.length === 0 ? (
          <p className="text-sm text-slate-600">{tl("questionnaire.design.noQuestions")}</p>
        ) : (
          <PreviewForm lang={lang} key={lang}>
            <QuestionnaireFields sections={sections} questions={views} values={{}} texts={texts} idPrefix="preview" />
          </PreviewForm>
        )}
      </div>
    </>
  );
}
