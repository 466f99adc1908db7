"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { saveRangesAction, type RangesResult } from "./actions";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import { RANGE_FIELDS, type RangeField } from "@/lib/validation/ranges";

/** One indicator's row, with every display text already made on the server. */
export interface RangesRowView {
  code: string;
  name: string;
  componentName: string;
  unitLabel: string;
  /** What the unit itself allows, and how a change is measured, in words. */
  hint: string;
  perCapitaAllowed: boolean;
  values: Record<RangeField, string> & { expectedPerCapita: boolean };
}

const LABEL_KEYS: Record<RangeField, "framework.hardMin" | "framework.hardMax" | "framework.expectedMin" | "framework.expectedMax" | "framework.maxChange"> = {
  hardMin: "framework.hardMin",
  hardMax: "framework.hardMax",
  expectedMin: "framework.expectedMin",
  expectedMax: "framework.expectedMax",
  maxChange: "framework.maxChange",
};

export function RangesForm({ rows, messages, locale }: { rows: RangesRowView[]; messages: MessageSubset; locale: Locale }) {
  const tr = subsetTranslator(messages, locale);
  const [state, dispatch, pending] = useActionState<RangesResult | null, FormData>(saveRangesAction, null);
  const errorOf = (code: string, field: string) => {
    const key = state && !state.ok ? state.fieldErrors?.[`${code}.${field}`]?.[0] : undefined;
    return key ? tr(key) : undefined;
  };
  // After a refused save the form shows what was typed, not the stored ranges.
  const shown = (code: string, field: string, stored: string) => (state && !state.ok ? (state.values?.[`${code}.${field}`] ?? stored) : stored);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };

  let lastComponent = "";
  return (
    <form onSubmit={onSubmit} noValidate data-testid="ranges-form" aria-busy={pending}>
      {state ? (
        <div className="mb-4">
          <FormStatus ok={state.ok} message={state.ok ? tr("framework.rangesSaved", { count: state.data.changed }) : tr(state.error)} testId="ranges-status" />
        </div>
      ) : null}
      <div className="space-y-3">
        {rows.map((row) => {
          const heading = row.componentName !== lastComponent ? row.componentName : null;
          lastComponent = row.componentName;
          const perCapitaError = errorOf(row.code, "expectedPerCapita");
          // Keyed by the result too, so a refused save re-renders the inputs with what was typed.
          const stateKey = state ? (state.ok ? "saved" : "refused") : "initial";
          return (
            <div key={`${row.code}-${stateKey}`}>
              {heading ? <h2 className="mb-2 mt-4 text-lg font-semibold text-slate-900">{heading}</h2> : null}
              <fieldset className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`ranges-${row.code}`}>
                <legend className="px-1 text-sm font-medium text-slate-900">
                  <span className="mr-1 font-mono text-xs text-slate-500">{row.code}</span> {row.name} <span className="font-normal text-slate-600">({row.unitLabel})</span>
                </legend>
                <input type="hidden" name={`${row.code}.shown`} value="1" />
                <p className="mb-2 text-xs text-slate-600">{row.hint}</p>
                <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
                  {RANGE_FIELDS.map((field) => {
                    const id = `range-${row.code}-${field}`;
                    const error = errorOf(row.code, field);
                    return (
                      <label key={field} htmlFor={id} className="block text-sm">
                        <span className="font-medium">{tr(LABEL_KEYS[field])}</span>
                        <input
                          id={id}
                          name={`${row.code}.${field}`}
                          inputMode="decimal"
                          autoComplete="off"
                          defaultValue={shown(row.code, field, row.values[field])}
                          aria-invalid={Boolean(error)}
                          aria-describedby={error ? `${id}-error` : undefined}
                          className="mt-1 min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 tabular-nums"
                        />
                        <FieldError id={`${id}-error`} message={error} />
                      </label>
                    );
                  })}
                  {row.perCapitaAllowed ? (
                    <div className="text-sm">
                      <label className="inline-flex min-h-11 items-center gap-2 font-medium" htmlFor={`range-${row.code}-expectedPerCapita`}>
                        <input
                          type="checkbox"
                          id={`range-${row.code}-expectedPerCapita`}
                          name={`${row.code}.expectedPerCapita`}
                          defaultChecked={state && !state.ok ? shown(row.code, "expectedPerCapita", "") === "on" : row.values.expectedPerCapita}
                          aria-describedby={perCapitaError ? `range-${row.code}-expectedPerCapita-error` : undefined}
                          className="h-5 w-5"
                        />
                        {tr("framework.perCapita")}
                      </label>
                      <FieldError id={`range-${row.code}-expectedPerCapita-error`} message={perCapitaError} />
                    </div>
                  ) : null}
                </div>
              </fieldset>
            </div>
          );
        })}
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} aria-disabled={pending} data-testid="save-ranges" className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? tr("common.saving") : tr("framework.saveRanges")}
        </button>
      </div>
    </form>
  );
}
