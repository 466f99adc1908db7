"use client";

import { useEffect, useRef, useState } from "react";
import { FieldError } from "@/components/ui/FieldError";
import { DECISION_MAX, MAX_DECISIONS } from "@/lib/committees";

interface Row {
  key: number;
  text: string;
}

/**
 * A meeting's decisions as a list of text fields, one `decision` each, in order. Rows are added
 * and removed in the browser; a row left blank is not a decision (the form reader drops it).
 * Without JavaScript the list still posts, with one empty row for a new decision.
 */
export function DecisionsField({ initial, labels, errorOf }: { initial: readonly string[]; labels: { legend: string; hint: string; decision: (n: number) => string; add: string; remove: (n: number) => string }; errorOf: (index: number) => string | undefined }) {
  const [rows, setRows] = useState<Row[]>(() => (initial.length ? initial : [""]).map((text, key) => ({ key, text })));
  const nextKey = useRef(Math.max(initial.length, 1));
  const row = (text: string): Row => ({ key: nextKey.current++, text });
  const focusKey = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (focusKey.current === null) return;
    list.current?.querySelector<HTMLTextAreaElement>(`textarea[data-row="${focusKey.current}"]`)?.focus();
    focusKey.current = null;
  }, [rows]);

  const add = () => {
    const added = row("");
    focusKey.current = added.key;
    setRows((current) => [...current, added]);
  };
  const remove = (key: number) => setRows((current) => (current.length > 1 ? current.filter((r) => r.key !== key) : [row("")]));

  return (
    <fieldset className="text-sm">
      <legend className="font-medium">{labels.legend}</legend>
      <p id="decisions-hint" className="mt-1 text-xs text-slate-600">{labels.hint}</p>
      <ol ref={list} className="mt-2 space-y-2">
        {rows.map((r, index) => {
          const id = `decision-${r.key}`;
          const error = errorOf(index);
          return (
            <li key={r.key} className="flex flex-wrap items-start gap-2" data-testid="decision-row">
              <label htmlFor={id} className="sr-only">{labels.decision(index + 1)}</label>
              <span aria-hidden="true" className="mt-3 w-6 text-right tabular-nums text-slate-500">{index + 1}.</span>
              <div className="min-w-0 flex-1">
                <textarea id={id} data-row={r.key} name="decision" defaultValue={r.text} rows={2} maxLength={DECISION_MAX} className="min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2" aria-describedby={error ? `${id}-error` : "decisions-hint"} aria-invalid={error ? true : undefined} />
                <FieldError id={`${id}-error`} message={error} />
              </div>
              <button type="button" onClick={() => remove(r.key)} className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-slate-300 bg-white px-3 text-slate-700 hover:bg-slate-50" aria-label={labels.remove(index + 1)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={add} disabled={rows.length >= MAX_DECISIONS} className="mt-2 inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60" data-testid="add-decision">
        {labels.add}
      </button>
    </fieldset>
  );
}
