"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import type { LocalizedText } from "@/lib/domain";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { createQuestionnaireAction } from "../actions";

/** The title in the three languages (English required; the others fall back to it). */
export function NewQuestionnaireForm({ locale, languageNames, messages }: { locale: Locale; languageNames: LocalizedText; messages: MessageSubset }) {
  const tr = subsetTranslator(messages, locale);
  const [state, formAction] = useActionState(createQuestionnaireAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-4" data-testid="new-questionnaire-form">
      {failed ? <FormStatus ok={false} message={tr(failed.error)} /> : null}
      <p className="text-sm text-slate-600">{tr("questionnaire.design.languagesHint")}</p>
      {LOCALES.map((lang) => {
        const error = failed?.fieldErrors?.[`title.${lang}`]?.[0];
        return (
          <div key={lang}>
            <label htmlFor={`new-title-${lang}`} className="block text-sm font-medium">
              {tr("questionnaire.design.field.titleIn", { language: languageNames[lang] })}
              {lang !== "en" ? <span className="ml-1 font-normal text-slate-500">{tr("questionnaire.design.optionalLanguage")}</span> : null}
            </label>
            <input
              id={`new-title-${lang}`}
              name={`title_${lang}`}
              lang={lang}
              required={lang === "en"}
              maxLength={200}
              defaultValue={failed?.values?.[`title_${lang}`] ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `new-title-${lang}-error` : undefined}
              className="mt-1 min-h-11 w-full rounded-md border border-slate-300 px-3"
            />
            <FieldError id={`new-title-${lang}-error`} message={error ? tr(error) : undefined} />
          </div>
        );
      })}
      <SubmitButton pendingLabel={tr("questionnaire.design.creating")}>{tr("questionnaire.design.create")}</SubmitButton>
    </form>
  );
}
