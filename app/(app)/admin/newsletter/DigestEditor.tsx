"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { LocalizedText } from "@/lib/domain";
import { saveDigestAction } from "./actions";

const LANGUAGES = ["en", "bn", "ne"] as const;

/** A subject and a plain text per language, and the pace; saved, then previewed below. */
export function DigestEditor({ id, subjects, bodies, ratePerMinute, languageNames, messages }: { id: number; subjects: LocalizedText; bodies: LocalizedText; ratePerMinute: number; languageNames: LocalizedText; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, formAction] = useActionState(saveDigestAction, null);
  const failed = state && !state.ok ? state : null;
  const fieldError = (name: string) => {
    const key = failed?.fieldErrors?.[name]?.[0];
    return key ? tr(key) : undefined;
  };
  return (
    <form action={formAction} className="space-y-5" data-testid="digest-editor">
      <input type="hidden" name="id" value={id} />
      {failed ? <FormStatus ok={false} message={tr(failed.error)} testId="digest-editor-error" /> : null}
      {LANGUAGES.map((lang) => (
        <fieldset key={lang} className="space-y-2 rounded-md border border-slate-200 p-3" lang={lang}>
          <legend className="px-1 text-sm font-semibold">{languageNames[lang]}</legend>
          <div>
            <label htmlFor={`subject-${lang}`} className="block text-sm font-medium">{tr("newsletter.admin.subject", { language: languageNames[lang] })}</label>
            <input id={`subject-${lang}`} name={`subject_${lang}`} defaultValue={subjects[lang]} required maxLength={200} aria-describedby={`subject-${lang}-error`} className="mt-1 min-h-11 w-full rounded-md border border-slate-300 px-3" />
            <FieldError id={`subject-${lang}-error`} message={fieldError(`subject_${lang}`)} />
          </div>
          <div>
            <label htmlFor={`body-${lang}`} className="block text-sm font-medium">{tr("newsletter.admin.body", { language: languageNames[lang] })}</label>
            <textarea id={`body-${lang}`} name={`body_${lang}`} defaultValue={bodies[lang]} required rows={14} maxLength={20000} aria-describedby={`body-${lang}-hint body-${lang}-error`} className="mt-1 w-full rounded-md border border-slate-300 p-2 font-mono text-sm" />
            <p id={`body-${lang}-hint`} className="text-xs text-slate-600">{tr("newsletter.admin.bodyHint")}</p>
            <FieldError id={`body-${lang}-error`} message={fieldError(`body_${lang}`)} />
          </div>
        </fieldset>
      ))}
      <div>
        <label htmlFor="digest-rate" className="block text-sm font-medium">{tr("newsletter.admin.rate")}</label>
        <input id="digest-rate" name="ratePerMinute" type="number" min={1} max={600} step={1} required defaultValue={ratePerMinute} aria-describedby="digest-rate-hint digest-rate-error" className="mt-1 min-h-11 w-32 rounded-md border border-slate-300 px-3" />
        <p id="digest-rate-hint" className="text-xs text-slate-600">{tr("newsletter.admin.rateHint")}</p>
        <FieldError id="digest-rate-error" message={fieldError("ratePerMinute")} />
      </div>
      <SubmitButton pendingLabel={tr("common.saving")}>{tr("newsletter.admin.save")}</SubmitButton>
    </form>
  );
}
