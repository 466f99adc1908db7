"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { saveValuesAction, submitPeriodAction, type ConflictView, type SaveValuesResult } from "./actions";
import { Badge } from "@/components/ui/Badge";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import type { Indicator } from "@/db/schema";
import { type ValueStatus } from "@/lib/domain";

/** One indicator row, with every display text already formatted on the server. */
export interface EntryRowView {
  code: string;
  name: string;
  unit: Indicator["unit"];
  unitLabel: string;
  targetText: string;
  previousText: string;
  status: ValueStatus | null;
  statusLabel: string;
  value: string;
  note: string;
  evidenceUrl: string;
  version: number;
  validatedText: string | null;
  reviewComment: string | null;
  lockedReason: string | null;
}

export interface EntryGroupView {
  id: number;
  name: string;
  rows: EntryRowView[];
}

interface Fields {
  value: string;
  note: string;
  evidenceUrl: string;
}

const STATUS_TONE = { draft: "amber", submitted: "blue", validated: "brand", returned: "red" } as const;

/** Browser-side hints only; the server checks the same ranges and has the last word. */
const INPUT_RANGE: Record<Exclude<Indicator["unit"], "boolean">, { min: number; max?: number; step: string }> = {
  percent: { min: 0, max: 100, step: "any" },
  count: { min: 0, step: "1" },
  days: { min: 0, max: 365, step: "any" },
  ratio: { min: 0, max: 2, step: "any" },
  score5: { min: 0, max: 5, step: "1" },
};

const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 disabled:bg-slate-100 disabled:text-slate-500";

function fieldsOf(rows: EntryRowView[]): Record<string, Fields> {
  return Object.fromEntries(rows.map((r) => [r.code, { value: r.value, note: r.note, evidenceUrl: r.evidenceUrl }]));
}

function versionsOf(rows: EntryRowView[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.code, r.version]));
}

function sameFields(a: Fields | undefined, b: Fields | undefined): boolean {
  return a?.value.trim() === b?.value.trim() && a?.note === b?.note && a?.evidenceUrl.trim() === b?.evidenceUrl.trim();
}

export function ValuesForm({ slug, period, groups, submittable, messages, locale }: { slug: string; period: string; groups: EntryGroupView[]; submittable: boolean; messages: MessageSubset; locale: Locale }) {
  const tr = subsetTranslator(messages, locale);
  const rows = groups.flatMap((g) => g.rows);
  const [state, dispatch, pending] = useActionState<SaveValuesResult | null, FormData>(saveValuesAction, null);

  // What the server last said (`initial`) and what the person has typed (`fields`). When the
  // server's data changes (a save, a submission, a review) both start again from it; after a
  // refused save nothing changes there, so everything typed stays.
  const signature = rows.map((r) => `${r.code}:${r.version}:${r.status ?? "-"}`).join("|");
  const [synced, setSynced] = useState(signature);
  const [initial, setInitial] = useState(() => fieldsOf(rows));
  const [fields, setFields] = useState(() => fieldsOf(rows));
  const [versions, setVersions] = useState(() => versionsOf(rows));
  if (synced !== signature) {
    setSynced(signature);
    setInitial(fieldsOf(rows));
    setFields(fieldsOf(rows));
    setVersions(versionsOf(rows));
  }

  const formRef = useRef<HTMLFormElement>(null);
  const [resubmit, setResubmit] = useState(0);
  useEffect(() => {
    // "Use my value" changed a hidden version; send the form again once React has written it.
    if (resubmit > 0) formRef.current?.requestSubmit();
  }, [resubmit]);

  useEffect(() => {
    // After a refused save, take the person to the first thing to fix (the save button is at the bottom).
    if (!state || state.ok) return;
    const target = formRef.current?.querySelector<HTMLElement>("[aria-invalid=true], [data-conflict] button") ?? formRef.current?.querySelector<HTMLElement>("[data-testid=values-status]");
    target?.scrollIntoView({ block: "center" });
    target?.focus({ preventScroll: true });
  }, [state]);

  const editable = (row: EntryRowView) => row.lockedReason === null;
  const changed = rows.filter((row) => editable(row) && !sameFields(fields[row.code], initial[row.code]));
  // A conflict is settled once the form carries the newer version (either choice sets it).
  const conflicts = (state && !state.ok ? (state.conflicts ?? []) : []).filter((c) => versions[c.code] !== c.version);
  const conflictBy = new Map(conflicts.map((c) => [c.code, c]));
  const errorOf = (code: string, field: keyof Fields) => {
    const key = state && !state.ok ? state.fieldErrors?.[`${code}.${field}`]?.[0] : undefined;
    return key ? tr(key) : undefined;
  };

  const setField = (code: string, field: keyof Fields, value: string) => {
    setFields((all) => {
      const row = all[code] ?? { value: "", note: "", evidenceUrl: "" };
      return { ...all, [code]: { ...row, [field]: value } };
    });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Read from the form itself, so what is sent is exactly what the page holds.
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };

  const keepMine = (conflict: ConflictView) => {
    setVersions((all) => ({ ...all, [conflict.code]: conflict.version }));
    setResubmit((n) => n + 1);
  };

  const takeTheirs = (conflict: ConflictView) => {
    const theirs = { value: String(conflict.value), note: conflict.note, evidenceUrl: fields[conflict.code]?.evidenceUrl ?? "" };
    setFields((all) => ({ ...all, [conflict.code]: theirs }));
    setInitial((all) => ({ ...all, [conflict.code]: theirs }));
    setVersions((all) => ({ ...all, [conflict.code]: conflict.version }));
  };

  const number = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 2 });
  const dateTime = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Dhaka" });
  // As lib/format-value.ts writes values on the server, with this component's subset of messages.
  const conflictValue = (row: EntryRowView, value: number) => {
    switch (row.unit) {
      case "boolean":
        return value >= 1 ? tr("common.yes") : tr("common.no");
      case "percent":
        return `${number.format(value)} %`;
      case "days":
        return tr("units.daysValue", { days: number.format(value) });
      case "score5":
        return `${number.format(value)} / ${number.format(5)}`;
      default:
        return number.format(value);
    }
  };

  return (
    <>
      <form ref={formRef} onSubmit={onSubmit} noValidate data-testid="values-form" aria-busy={pending}>
        <input type="hidden" name="slug" defaultValue={slug} />
        <input type="hidden" name="period" defaultValue={period} />
        {changed.map((row) => (
          <input key={row.code} type="hidden" name="changed" value={row.code} />
        ))}
        {state ? (
          <div className="mb-4">
            <FormStatus ok={state.ok} message={state.ok ? tr("entry.saved", { count: state.data.saved }) : tr(state.error)} testId="values-status" />
          </div>
        ) : null}

        {groups.map((group) => (
          <fieldset key={group.id} className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <legend className="px-1 text-lg font-semibold text-slate-900">{group.name}</legend>
            {group.rows.map((row) => {
              const f = fields[row.code] ?? { value: "", note: "", evidenceUrl: "" };
              const disabled = !editable(row);
              const valueError = errorOf(row.code, "value");
              const noteError = errorOf(row.code, "note");
              const evidenceError = errorOf(row.code, "evidenceUrl");
              const conflict = conflictBy.get(row.code);
              const isChanged = changed.includes(row);
              const describedBy = [`help-${row.code}`, valueError ? `error-${row.code}-value` : null].filter(Boolean).join(" ");
              return (
                <div key={row.code} className="grid gap-3 border-t border-slate-100 py-4 first-of-type:border-t-0 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]" data-testid={`row-${row.code}`}>
                  <div className="text-sm">
                    <p className="font-medium text-slate-900">
                      <span className="mr-1 font-mono text-xs text-slate-500">{row.code}</span> {row.name}
                    </p>
                    <p id={`help-${row.code}`} className="mt-1 text-slate-600">
                      {row.unitLabel} · {row.targetText} · {row.previousText}
                    </p>
                    <p className="mt-1 flex flex-wrap items-center gap-2">
                      <span data-testid={`status-${row.code}`}>
                        <Badge tone={row.status ? STATUS_TONE[row.status] : "neutral"}>{row.statusLabel}</Badge>
                      </span>
                      {isChanged ? <Badge tone="amber">{tr("entry.unsaved")}</Badge> : null}
                    </p>
                    {row.validatedText ? <p className="mt-1 text-slate-700" data-testid={`validated-${row.code}`}>{row.validatedText}</p> : null}
                    {row.reviewComment ? (
                      <p className="mt-1 rounded-md bg-red-50 p-2 text-red-900" data-testid={`comment-${row.code}`}>
                        {row.reviewComment}
                      </p>
                    ) : null}
                    {row.lockedReason ? <p className="mt-1 text-slate-600" data-testid={`locked-${row.code}`}>{row.lockedReason}</p> : null}
                  </div>
                  <div className="grid content-start gap-2 text-sm sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-x-3">
                    <div className="grid content-start gap-2">
                      <input type="hidden" name={`version.${row.code}`} value={versions[row.code] ?? 0} disabled={disabled} />
                      <label htmlFor={`value-${row.code}`} className="block">
                        <span className="font-medium">{tr("entry.value")}</span>
                        {row.unit === "boolean" ? (
                          <select id={`value-${row.code}`} name={`value.${row.code}`} value={f.value} disabled={disabled} onChange={(e) => setField(row.code, "value", e.target.value)} aria-invalid={Boolean(valueError)} aria-describedby={describedBy} className={inputClass}>
                            <option value="">{tr("entry.choose")}</option>
                            <option value="1">{tr("common.yes")}</option>
                            <option value="0">{tr("common.no")}</option>
                          </select>
                        ) : (
                          <input
                            id={`value-${row.code}`}
                            name={`value.${row.code}`}
                            type="number"
                            inputMode="decimal"
                            min={INPUT_RANGE[row.unit].min}
                            max={INPUT_RANGE[row.unit].max}
                            step={INPUT_RANGE[row.unit].step}
                            value={f.value}
                            disabled={disabled}
                            onChange={(e) => setField(row.code, "value", e.target.value)}
                            aria-invalid={Boolean(valueError)}
                            aria-describedby={describedBy}
                            className={inputClass}
                          />
                        )}
                        <FieldError id={`error-${row.code}-value`} message={valueError} />
                      </label>
                      {conflict ? (
                        <div role="group" aria-label={tr("entry.conflictTitle")} className="rounded-md border border-amber-300 bg-amber-50 p-3" data-conflict data-testid={`conflict-${row.code}`}>
                          <p className="font-medium text-amber-900">{tr("entry.conflictTitle")}</p>
                          <p className="mt-1 text-amber-900" data-testid={`conflict-${row.code}-text`}>
                            {tr(conflict.enteredBy ? "entry.conflictBy" : "entry.conflictUnknown", { value: conflictValue(row, conflict.value), name: conflict.enteredBy ?? "", when: dateTime.format(new Date(conflict.enteredAt)) })}
                          </p>
                          {conflict.note ? <p className="mt-1 text-amber-900">{conflict.note}</p> : null}
                          <div className="mt-2 flex flex-wrap gap-2">
                            <button type="button" onClick={() => keepMine(conflict)} disabled={pending} className="min-h-10 rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700 disabled:opacity-60">
                              {tr("entry.useMine")}
                            </button>
                            <button type="button" onClick={() => takeTheirs(conflict)} disabled={pending} className="min-h-10 rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50 disabled:opacity-60">
                              {tr("entry.useTheirs")}
                            </button>
                          </div>
                        </div>
                      ) : null}
                    </div>
                    <div className="grid content-start gap-2">
                      <label htmlFor={`note-${row.code}`} className="block">
                        <span className="font-medium">{tr("entry.note")}</span>
                        <textarea
                          id={`note-${row.code}`}
                          name={`note.${row.code}`}
                          rows={2}
                          maxLength={1000}
                          value={f.note}
                          disabled={disabled}
                          onChange={(e) => setField(row.code, "note", e.target.value)}
                          aria-invalid={Boolean(noteError)}
                          aria-describedby={noteError ? `error-${row.code}-note` : undefined}
                          className={inputClass}
                        />
                        <FieldError id={`error-${row.code}-note`} message={noteError} />
                      </label>
                      <label htmlFor={`evidence-${row.code}`} className="block">
                        <span className="font-medium">{tr("entry.evidence")}</span>
                        <input
                          id={`evidence-${row.code}`}
                          name={`evidence.${row.code}`}
                          type="url"
                          inputMode="url"
                          maxLength={500}
                          placeholder="https://"
                          value={f.evidenceUrl}
                          disabled={disabled}
                          onChange={(e) => setField(row.code, "evidenceUrl", e.target.value)}
                          aria-invalid={Boolean(evidenceError)}
                          aria-describedby={evidenceError ? `error-${row.code}-evidence` : undefined}
                          className={inputClass}
                        />
                        <FieldError id={`error-${row.code}-evidence`} message={evidenceError} />
                      </label>
                    </div>
                  </div>
                </div>
              );
            })}
          </fieldset>
        ))}

        <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3">
          <button type="submit" disabled={pending} aria-disabled={pending} data-testid="save-values" className="inline-flex min-h-10 items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? tr("common.saving") : tr("entry.save")}
          </button>
          {state && !state.ok ? <span className="text-sm font-medium text-red-800">{tr(state.error)}</span> : null}
          <span className="text-sm text-slate-600" data-testid="changed-count">
            {changed.length > 0 ? tr("entry.unsavedCount", { count: changed.length }) : tr("entry.noChanges")}
          </span>
        </div>
      </form>
      <SubmitPeriodForm slug={slug} period={period} submittable={submittable} dirty={changed.length > 0} tr={tr} />
    </>
  );
}

function SubmitPeriodForm({ slug, period, submittable, dirty, tr }: { slug: string; period: string; submittable: boolean; dirty: boolean; tr: ReturnType<typeof subsetTranslator> }) {
  const [state, action] = useActionState(submitPeriodAction, null);
  return (
    <form action={action} className="mt-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="submit-period-form">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="period" value={period} />
      {state ? (
        <div className="mb-3">
          <FormStatus ok={state.ok} message={state.ok ? tr("entry.submitted", { count: state.data.submitted }) : tr(state.error)} testId="submit-status" />
        </div>
      ) : null}
      {dirty ? (
        <>
          <button type="button" disabled className="inline-flex min-h-10 items-center rounded-md bg-slate-300 px-4 py-2 text-sm font-medium text-slate-700">
            {tr("entry.submit")}
          </button>
          <p className="mt-2 text-sm text-slate-600">{tr("entry.saveFirst")}</p>
        </>
      ) : submittable ? (
        <SubmitButton pendingLabel={tr("common.saving")} confirmMessage={tr("entry.submitConfirm", { period })}>
          {tr("entry.submit")}
        </SubmitButton>
      ) : (
        <p className="text-sm text-slate-600">{tr("entry.nothingToSubmit")}</p>
      )}
    </form>
  );
}
