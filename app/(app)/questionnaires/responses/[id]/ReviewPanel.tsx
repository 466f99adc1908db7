"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { AnswerFormResult } from "./actions";

export interface ReviewRow {
  key: string;
  section: string;
  label: string;
  answer: string;
  /** A sent file, to open. */
  href?: string;
  indicator: { code: string; status: string | null } | null;
}

type ReviewResult = Awaited<ReturnType<typeof import("./actions").reviewResponseAction>>;

/**
 * A reviewer's reading of a submitted response: every question with its answer, a comment box
 * per question (a comment on an indicator question returns that value too), a comment on the
 * whole, and the decision. Returning needs at least one comment.
 */
export function ReviewPanel({
  action,
  version,
  rows,
  texts,
  messages,
  locale,
}: {
  action: (previous: ReviewResult | null, formData: FormData) => Promise<ReviewResult>;
  version: number;
  rows: readonly ReviewRow[];
  texts: { answer: string; commentOn: string; wholeComment: string; accept: string; return: string; decision: string; send: string; saving: string; done: string; hint: string; valueStatus: Record<string, string> };
  messages: MessageSubset;
  locale: Locale;
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const status = useRef<HTMLDivElement>(null);
  const tr = subsetTranslator(messages, locale);
  useEffect(() => {
    if (state) status.current?.focus();
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  const failed = state && !state.ok ? (state as AnswerFormResult & { ok: false }) : null;
  const errorOf = (key: string) => {
    const messageKey = failed?.fieldErrors?.[key]?.[0];
    return messageKey ? tr(messageKey, failed?.fieldVars?.[key]) : undefined;
  };

  return (
    <form action={dispatch} onSubmit={onSubmit} className="space-y-4" data-testid="review-form">
      <input type="hidden" name="version" value={String(version)} />
      <div ref={status} tabIndex={-1} aria-live="polite" className="outline-none">
        {failed ? <FormStatus ok={false} testId="review-error" message={tr(failed.error)} /> : null}
        {state?.ok ? <FormStatus ok testId="review-done" message={texts.done} /> : null}
      </div>
      <p className="text-sm text-slate-600">{texts.hint}</p>
      <ol className="space-y-3">
        {rows.map((row) => (
          <li key={row.key} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`review-question-${row.key}`}>
            <p className="text-xs text-slate-500">{row.section}</p>
            <p className="font-medium">{row.label}</p>
            <p className="mt-1 whitespace-pre-wrap" data-testid={`review-answer-${row.key}`}>
              <span className="sr-only">{texts.answer}: </span>
              {row.href ? <a href={row.href} className="text-brand-700 underline">{row.answer}</a> : row.answer}
              {row.indicator?.status ? <span className="ml-2 text-xs text-slate-600">({row.indicator.code} · {texts.valueStatus[row.indicator.status] ?? row.indicator.status})</span> : null}
            </p>
            <label className="mt-2 block text-sm">
              {texts.commentOn}
              <textarea name={`c.${row.key}`} rows={2} maxLength={2000} className="mt-1 w-full max-w-2xl rounded-md border border-slate-300 px-3 py-2" aria-describedby={errorOf(row.key) ? `c-${row.key}-error` : undefined} />
            </label>
            <FieldError id={`c-${row.key}-error`} message={errorOf(row.key)} />
          </li>
        ))}
      </ol>
      <label className="block text-sm font-medium">
        {texts.wholeComment}
        <textarea name="comment" rows={3} maxLength={2000} className="mt-1 w-full max-w-2xl rounded-md border border-slate-300 px-3 py-2 font-normal" />
      </label>
      <fieldset>
        <legend className="text-sm font-medium">{texts.decision}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="decision" value="accept" className="h-5 w-5" required />
            {texts.accept}
          </label>
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="decision" value="return" className="h-5 w-5" />
            {texts.return}
          </label>
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60" data-testid="send-review">
        {pending ? texts.saving : texts.send}
      </button>
    </form>
  );
}
