import type { QuestionnaireVersion } from "@/db/schema";
import type { QuestionWithIndicator } from "@/db/queries/questionnaires";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import { localize } from "@/lib/questionnaires/view";

/** A published version's questions, section by section, read-only: what each asks and when it shows. */
export function QuestionSummary({ version, questions, t, locale }: { version: Pick<QuestionnaireVersion, "sections" | "description">; questions: readonly QuestionWithIndicator[]; t: Translate; locale: Locale }) {
  const description = localize(version.description, locale);
  const position = new Map(questions.map((q, i) => [q.key, i + 1]));
  return (
    <div className="space-y-4" data-testid="question-summary">
      {description ? <p className="max-w-3xl whitespace-pre-wrap text-slate-700">{description}</p> : null}
      {questions.length === 0 ? <p className="text-sm text-slate-600">{t("questionnaire.design.noQuestions")}</p> : null}
      {version.sections.map((section) => {
        const own = questions.filter((q) => q.sectionKey === section.key);
        if (own.length === 0) return null;
        return (
          <section key={section.key} className="rounded-lg border border-slate-200 bg-white p-4" aria-label={localize(section.title, locale)}>
            <h3 className="mb-2 font-semibold">{localize(section.title, locale)}</h3>
            <ol className="space-y-3">
              {own.map((q) => (
                <li key={q.id} className="border-t border-slate-100 pt-2 first:border-t-0 first:pt-0">
                  <p className="break-words font-medium">
                    <span className="text-slate-500">{t("questionnaire.design.questionNumber", { number: position.get(q.key) ?? 0 })}</span> {localize(q.label, locale)}
                    {q.required ? <span className="ml-1 text-red-700" aria-label={t("questionnaire.field.required")}>*</span> : null}
                  </p>
                  <p className="text-sm text-slate-600">
                    <span className="font-mono">{q.key}</span> · {t(`questionnaire.design.type.${q.type}`)}
                    {q.indicator ? ` · ${q.indicator.code} — ${locale === "bn" ? q.indicator.nameBn : locale === "ne" ? q.indicator.nameNe : q.indicator.nameEn}` : ""}
                    {q.showWhen ? ` · ${t("questionnaire.design.shownWhen", { key: q.showWhen.question, answer: q.showWhen.equals })}` : ""}
                  </p>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
