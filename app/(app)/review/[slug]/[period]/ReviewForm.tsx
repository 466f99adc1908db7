"use client";

import Link from "next/link";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { reviewAction, type ReviewResult } from "./actions";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { Badge } from "@/components/ui/Badge";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";

/** One submitted value, with every display text already formatted on the server. */
export interface ReviewRowView {
  id: number;
  code: string;
  name: string;
  componentName: string;
  valueText: string;
  targetText: string;
  previousText: string;
  note: string;
  evidenceUrl: string | null;
  /** The library resource uploaded as evidence (/resources/<id>), when there is one. */
  evidenceFileHref: string | null;
  enteredText: string;
  /** Why the value needs a second look, as badge texts (empty: it looks ordinary). */
  flags: string[];
  /** A flagged value next to the validated value it was compared with, both with their quarter. */
  comparison: { currentLabel: string; currentText: string; previousLabel: string; previousText: string } | null;
  explanation: string;
  /** The reviewer entered or submitted it: another reviewer must validate it (four eyes). */
  ownValue: boolean;
}

type Decision = "" | "validate" | "return";

export function ReviewForm({ slug, period, rows, labels, messages, locale }: { slug: string; period: string; rows: ReviewRowView[]; labels: { target: string; note: string; evidence: string; evidenceFile: string; explanation: string; needsOther: string; needsOtherHint: string }; messages: MessageSubset; locale: Locale }) {
  const tr = subsetTranslator(messages, locale);
  const [state, dispatch, pending] = useActionState<ReviewResult | null, FormData>(reviewAction, null);
  // Keyed by value id: rows that a review removed simply stop being shown.
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  const [comments, setComments] = useState<Record<number, string>>({});
  const decided = rows.filter((row) => decisions[row.id]).length;

  const errorOf = (id: number, field: "decision" | "comment") => {
    const key = state && !state.ok ? state.fieldErrors?.[`${id}.${field}`]?.[0] : undefined;
    return key ? tr(key) : undefined;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };

  const status = state ? (
    <div className="mb-4">
      <FormStatus ok={state.ok} message={state.ok ? tr("review.done", { validated: state.data.validated, returned: state.data.returned }) : tr(state.error)} testId="review-status" />
    </div>
  ) : null;

  if (rows.length === 0) {
    return (
      <>
        {status}
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="review-empty">
          <p className="font-medium text-slate-800">{tr("review.nothingLeft")}</p>
          <Link href="/review" className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline">{tr("review.backToQueue")}</Link>
        </div>
      </>
    );
  }

  let lastComponent = "";
  return (
    <form onSubmit={onSubmit} noValidate data-testid="review-form" aria-busy={pending}>
      <input type="hidden" name="slug" defaultValue={slug} />
      <input type="hidden" name="period" defaultValue={period} />
      {status}
      <div className="mb-4 flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => setDecisions((all) => ({ ...all, ...Object.fromEntries(rows.filter((row) => !row.ownValue).map((row) => [row.id, "validate"])) }))}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
          data-testid="validate-all"
        >
          {tr("review.validateAll")}
        </button>
      </div>
      <ul className="space-y-3">
        {rows.map((row) => {
          const decision = decisions[row.id] ?? "";
          const decisionError = errorOf(row.id, "decision");
          const commentError = errorOf(row.id, "comment");
          const heading = row.componentName !== lastComponent ? row.componentName : null;
          lastComponent = row.componentName;
          return (
            <li key={row.id} data-testid={`review-row-${row.code}`}>
              {heading ? <h2 className="mb-2 mt-4 text-lg font-semibold text-slate-900">{heading}</h2> : null}
              <div className={`grid gap-3 rounded-lg border bg-white p-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] ${decision === "return" ? "border-red-300" : decision === "validate" ? "border-brand-300" : "border-slate-200"}`}>
                <div className="text-sm">
                  <p className="font-medium text-slate-900">
                    <span className="mr-1 font-mono text-xs text-slate-500">{row.code}</span> {row.name}
                  </p>
                  <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`review-value-${row.code}`}>{row.valueText}</p>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-slate-600">
                    <dt>{labels.target}</dt>
                    <dd>{row.targetText}</dd>
                  </dl>
                  {row.flags.length > 0 ? (
                    <p className="mt-1 flex flex-wrap gap-1" data-testid={`flags-${row.code}`}>
                      {row.flags.map((flag) => (
                        <Badge key={flag} tone="amber">
                          {flag}
                        </Badge>
                      ))}
                    </p>
                  ) : null}
                  {row.comparison ? (
                    <dl className="mt-2 grid grid-cols-2 gap-2" data-testid={`comparison-${row.code}`}>
                      <div className="rounded-md bg-amber-50 p-2">
                        <dt className="text-xs text-slate-600">{row.comparison.currentLabel}</dt>
                        <dd className="font-semibold tabular-nums">{row.comparison.currentText}</dd>
                      </div>
                      <div className="rounded-md bg-slate-50 p-2">
                        <dt className="text-xs text-slate-600">{row.comparison.previousLabel}</dt>
                        <dd className="font-semibold tabular-nums">{row.comparison.previousText}</dd>
                      </div>
                    </dl>
                  ) : (
                    <p className="text-slate-600">{row.previousText}</p>
                  )}
                  {row.flags.length > 0 ? (
                    <p className="mt-1" data-testid={`explanation-${row.code}`}>
                      <span className="text-slate-600">{labels.explanation}: </span>
                      {row.explanation || "—"}
                    </p>
                  ) : null}
                  {row.note ? (
                    <p className="mt-1">
                      <span className="text-slate-600">{labels.note}: </span>
                      {row.note}
                    </p>
                  ) : null}
                  {row.evidenceUrl || row.evidenceFileHref ? (
                    <p className="mt-1 flex flex-wrap gap-x-4">
                      {row.evidenceUrl ? (
                        <a href={row.evidenceUrl} target="_blank" rel="noopener noreferrer nofollow" className="inline-flex min-h-11 items-center break-all text-brand-700 underline" data-testid={`evidence-${row.code}`}>
                          {labels.evidence}
                        </a>
                      ) : null}
                      {row.evidenceFileHref ? (
                        <Link href={row.evidenceFileHref} className="inline-flex min-h-11 items-center text-brand-700 underline" data-testid={`evidence-file-${row.code}`}>
                          {labels.evidenceFile}
                        </Link>
                      ) : null}
                    </p>
                  ) : null}
                  <p className="mt-1 text-xs text-slate-500">{row.enteredText}</p>
                </div>
                <div className="text-sm">
                  <fieldset aria-describedby={decisionError ? `decision-${row.id}-error` : undefined}>
                    <legend className="font-medium">{tr("review.decision")}</legend>
                    {row.ownValue ? (
                      <p className="mt-1" data-testid={`needs-other-${row.code}`}>
                        <Badge tone="blue">{labels.needsOther}</Badge>
                        <span className="mt-1 block text-xs text-slate-600">{labels.needsOtherHint}</span>
                      </p>
                    ) : null}
                    <div className="mt-1 flex flex-wrap gap-4">
                      {(row.ownValue ? (["return"] as const) : (["validate", "return"] as const)).map((choice) => (
                        <label key={choice} className="inline-flex min-h-11 items-center gap-2">
                          <input
                            type="radio"
                            name={`decision.${row.id}`}
                            value={choice}
                            checked={decision === choice}
                            onChange={() => setDecisions((all) => ({ ...all, [row.id]: choice }))}
                            data-testid={`${choice}-${row.code}`}
                          />
                          {tr(choice === "validate" ? "review.validate" : "review.return")}
                        </label>
                      ))}
                    </div>
                    <FieldError id={`decision-${row.id}-error`} message={decisionError} />
                  </fieldset>
                  <label htmlFor={`comment-${row.id}`} className="mt-2 block">
                    <span className="font-medium">{tr("review.comment")}</span>
                    <span className="block text-xs text-slate-600">{tr("review.commentHint")}</span>
                    <textarea
                      id={`comment-${row.id}`}
                      name={`comment.${row.id}`}
                      rows={2}
                      maxLength={1000}
                      value={comments[row.id] ?? ""}
                      onChange={(e) => setComments((all) => ({ ...all, [row.id]: e.target.value }))}
                      aria-invalid={Boolean(commentError)}
                      aria-describedby={commentError ? `comment-${row.id}-error` : undefined}
                      className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
                    />
                    <FieldError id={`comment-${row.id}-error`} message={commentError} />
                  </label>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="sticky bottom-0 -mx-4 mt-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3">
        <button type="submit" disabled={pending} aria-disabled={pending} data-testid="send-decisions" className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? tr("common.saving") : tr("review.send")}
        </button>
        <span className="text-sm text-slate-600">{tr("review.decidedCount", { decided, total: rows.length })}</span>
      </div>
    </form>
  );
}
