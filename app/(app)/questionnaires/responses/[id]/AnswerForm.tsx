"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { QuestionnaireFields, type IndicatorFieldState, type QuestionnaireFieldTexts } from "@/components/questionnaires/QuestionnaireFields";
import { FormStatus } from "@/components/ui/FieldError";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { FieldValue, QuestionView, SectionView } from "@/lib/questionnaires/view";
import type { AnswerFormResult } from "./actions";

/**
 * The officer's answers: saved to the server as a draft (resumable on any device) or submitted.
 * The form is sent by script so that a refused save keeps everything typed on the page (a plain
 * form post works too, without script). After a save it says when it last saved.
 */
export function AnswerForm({
  action,
  version,
  sections,
  questions,
  values,
  indicatorStates,
  comments,
  texts,
  messages,
  locale,
  lastSaved,
}: {
  action: (previous: AnswerFormResult | null, formData: FormData) => Promise<AnswerFormResult>;
  version: number;
  sections: readonly SectionView[];
  questions: readonly QuestionView[];
  values: Readonly<Record<string, FieldValue>>;
  indicatorStates: Readonly<Record<string, IndicatorFieldState>>;
  comments: Readonly<Record<string, readonly string[]>>;
  texts: QuestionnaireFieldTexts & { save: string; submit: string; saving: string; confirmSubmit: string; savedAt: string; submitted: string };
  messages: MessageSubset;
  locale: Locale;
  lastSaved: string | null;
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [currentVersion, setCurrentVersion] = useState(version);
  const status = useRef<HTMLDivElement>(null);
  const tr = subsetTranslator(messages, locale);

  useEffect(() => {
    if (state?.ok) setCurrentVersion(state.data.version);
    if (state) status.current?.focus();
  }, [state]);
  useEffect(() => setCurrentVersion(version), [version]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (submitter instanceof HTMLButtonElement && submitter.value === "submit" && !window.confirm(texts.confirmSubmit)) return;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };

  const errors: Record<string, string> = {};
  if (state && !state.ok) for (const [key, [messageKey]] of Object.entries(state.fieldErrors ?? {})) if (messageKey) errors[key] = tr(messageKey, state.fieldVars?.[key]);
  const errorCount = Object.keys(errors).length;
  const savedAt = state?.ok ? state.data.savedAt : lastSaved;

  return (
    <form action={dispatch} onSubmit={onSubmit} noValidate data-testid="answer-form" className="space-y-4">
      <input type="hidden" name="version" value={String(currentVersion)} />
      <div ref={status} tabIndex={-1} aria-live="polite" className="outline-none">
        {state && !state.ok ? (
          <FormStatus ok={false} testId="answer-error" message={state.conflict ? tr("responses.conflict", { by: state.conflict.by ?? "—", at: new Date(state.conflict.at).toLocaleString(locale) }) : errorCount ? `${tr(state.error)} (${errorCount})` : tr(state.error)} />
        ) : null}
        {state?.ok ? <FormStatus ok testId="answer-saved" message={state.data.status === "submitted" ? texts.submitted : texts.savedAt.replace("{time}", new Date(state.data.savedAt).toLocaleTimeString(locale))} /> : null}
      </div>
      <QuestionnaireFields sections={sections} questions={questions} values={values} errors={errors} comments={comments} texts={texts} indicatorStates={indicatorStates} />
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-3">
        <button type="submit" name="intent" value="save" disabled={pending} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60" data-testid="save-answers">
          {pending ? texts.saving : texts.save}
        </button>
        <button type="submit" name="intent" value="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60" data-testid="submit-answers">
          {texts.submit}
        </button>
        {savedAt && !state ? <span className="text-sm text-slate-600" data-testid="last-saved">{texts.savedAt.replace("{time}", new Date(savedAt).toLocaleString(locale))}</span> : null}
      </div>
    </form>
  );
}
