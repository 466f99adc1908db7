"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { saveValuesAction, submitPeriodAction, type ConflictView, type SaveValuesResult } from "./actions";
import { Badge } from "@/components/ui/Badge";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import type { Indicator } from "@/db/schema";
import { type ValueStatus } from "@/lib/domain";

/** The library resource (photo, scan) attached to a row as its evidence. */
export interface EvidenceFileView {
  id: number;
  name: string;
  href: string;
}

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
  explanation: string;
  /** Why the stored value needs a second look, in words (outside the expected range, a large change from …). */
  flagTexts: string[];
  evidenceFile: EvidenceFileView | null;
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
  explanation: string;
  /** The attached library resource's id, "" for none. */
  evidenceResourceId: string;
}

type FieldName = "value" | "note" | "evidenceUrl" | "explanation" | "evidenceResourceId";

const STATUS_TONE = { draft: "amber", submitted: "blue", validated: "brand", returned: "red" } as const;

// 44 px tall (min-h-11): a comfortable tap target on a phone.
const inputClass = "mt-1 block min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 disabled:bg-slate-100 disabled:text-slate-500";
const secondaryButton = "inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60";

// Digits of every script the app is used in: the server's parser (lib/numbers.ts) reads them all.
const NUMBER_PATTERN = "[+\\-]?[0-9০-৯०-९]+([.,][0-9০-৯०-९]+)?";

const EMPTY: Fields = { value: "", note: "", evidenceUrl: "", explanation: "", evidenceResourceId: "" };

function fieldsOfRow(r: EntryRowView): Fields {
  return { value: r.value, note: r.note, evidenceUrl: r.evidenceUrl, explanation: r.explanation, evidenceResourceId: r.evidenceFile ? String(r.evidenceFile.id) : "" };
}

function fieldsOf(rows: EntryRowView[]): Record<string, Fields> {
  return Object.fromEntries(rows.map((r) => [r.code, fieldsOfRow(r)]));
}

function filesOf(rows: EntryRowView[]): Record<string, EvidenceFileView | null> {
  return Object.fromEntries(rows.map((r) => [r.code, r.evidenceFile]));
}

function versionsOf(rows: EntryRowView[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.code, r.version]));
}

function sameFields(a: Fields | undefined, b: Fields | undefined): boolean {
  return a?.value.trim() === b?.value.trim() && a?.note === b?.note && a?.evidenceUrl.trim() === b?.evidenceUrl.trim() && a?.explanation.trim() === b?.explanation.trim() && a?.evidenceResourceId === b?.evidenceResourceId;
}

/** The element id of a row's input, for error links and returning focus. */
const inputId = (code: string, field: FieldName) => (field === "evidenceUrl" ? `evidence-${code}` : field === "evidenceResourceId" ? `attach-${code}` : `${field}-${code}`);

export function ValuesForm({ slug, period, groups, submittable, messages, locale, timeZone = "Asia/Dhaka" }: { slug: string; period: string; groups: EntryGroupView[]; submittable: boolean; messages: MessageSubset; locale: Locale; timeZone?: string }) {
  const tr = subsetTranslator(messages, locale);
  const rows = groups.flatMap((g) => g.rows);
  const [state, dispatch, pending] = useActionState<SaveValuesResult | null, FormData>(saveValuesAction, null);
  const [submitState, submitAction] = useActionState(submitPeriodAction, null);

  // What the server last said (`initial`) and what the person has typed (`fields`). When the
  // server's data changes (a save, a submission, a review) both start again from it; after a
  // refused save nothing changes there, so everything typed stays.
  const signature = rows.map((r) => `${r.code}:${r.version}:${r.status ?? "-"}`).join("|");
  const [synced, setSynced] = useState(signature);
  const [initial, setInitial] = useState(() => fieldsOf(rows));
  const [fields, setFields] = useState(() => fieldsOf(rows));
  const [files, setFiles] = useState(() => filesOf(rows));
  const [versions, setVersions] = useState(() => versionsOf(rows));
  if (synced !== signature) {
    setSynced(signature);
    setInitial(fieldsOf(rows));
    setFields(fieldsOf(rows));
    setFiles(filesOf(rows));
    setVersions(versionsOf(rows));
  }
  // Rows whose explanation the person opened with "Add an explanation".
  const [explaining, setExplaining] = useState<ReadonlySet<string>>(() => new Set());
  const [uploading, setUploading] = useState<ReadonlySet<string>>(() => new Set());
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});

  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  // The control the person was on when they saved (the field they pressed Enter in, or the save
  // button), so the result message can send them back to it.
  const lastFocused = useRef<string | null>(null);
  const [resubmit, setResubmit] = useState(0);
  useEffect(() => {
    // "Use my value" changed a hidden version; send the form again once React has written it.
    if (resubmit > 0) formRef.current?.requestSubmit();
  }, [resubmit]);

  useEffect(() => {
    // After every save, focus goes to its result (it lists what to fix, with links to the fields,
    // and a "back to where you were" button), never to the page body.
    if (!state) return;
    resultRef.current?.focus();
  }, [state]);

  useEffect(() => {
    // The sticky save bar must never hide the focused control (WCAG 2.4.11): the page's
    // scroll-padding-bottom (app/globals.css) follows the bar's height, which grows when it wraps.
    const bar = barRef.current;
    if (!bar) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty("--sticky-bottom", `${Math.ceil(bar.getBoundingClientRect().height)}px`));
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--sticky-bottom");
    };
  }, []);

  const editable = (row: EntryRowView) => row.lockedReason === null;
  const changed = rows.filter((row) => editable(row) && !sameFields(fields[row.code], initial[row.code]));
  // A conflict is settled once the form carries the newer version (either choice sets it).
  const conflicts = (state && !state.ok ? (state.conflicts ?? []) : []).filter((c) => versions[c.code] !== c.version);
  const conflictBy = new Map(conflicts.map((c) => [c.code, c]));
  const errorOf = (code: string, field: FieldName) => {
    const name = `${code}.${field}`;
    // A refused save's errors, else a refused submission's (an unusual value without explanation).
    if (state && !state.ok) {
      const key = state.fieldErrors?.[name]?.[0];
      if (key) return tr(key, state.fieldVars?.[name]);
    }
    const submitKey = submitState && !submitState.ok ? submitState.fieldErrors?.[name]?.[0] : undefined;
    return submitKey ? tr(submitKey) : undefined;
  };
  // Rows the last save flagged (outside the expected range, a large change): they ask for an explanation.
  const flaggedNow = new Map((state?.ok ? state.data.flagged : []).map((f) => [f.code, f.flags]));
  const flagTextsOf = (row: EntryRowView) =>
    row.flagTexts.length > 0 ? row.flagTexts : (flaggedNow.get(row.code) ?? []).map((flag) => tr(flag === "large_change" ? "entry.flag.largeChangeUnknown" : "entry.flag.outsideExpected"));

  const setField = (code: string, field: FieldName, value: string) => {
    setFields((all) => ({ ...all, [code]: { ...(all[code] ?? EMPTY), [field]: value } }));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Read from the form itself, so what is sent is exactly what the page holds.
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };

  const backToWhereIWas = () => {
    const target = (lastFocused.current ? document.getElementById(lastFocused.current) : null) ?? document.getElementById("save-values");
    target?.scrollIntoView({ block: "center" });
    target?.focus({ preventScroll: true });
  };

  const goTo = (id: string) => {
    const target = document.getElementById(id);
    target?.scrollIntoView({ block: "center" });
    target?.focus({ preventScroll: true });
  };

  const onResultKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      backToWhereIWas();
    }
  };

  const keepMine = (conflict: ConflictView) => {
    setVersions((all) => ({ ...all, [conflict.code]: conflict.version }));
    setResubmit((n) => n + 1);
  };

  const takeTheirs = (conflict: ConflictView) => {
    const mine = fields[conflict.code] ?? EMPTY;
    const theirs = { ...mine, value: String(conflict.value), note: conflict.note };
    setFields((all) => ({ ...all, [conflict.code]: theirs }));
    setInitial((all) => ({ ...all, [conflict.code]: theirs }));
    setVersions((all) => ({ ...all, [conflict.code]: conflict.version }));
  };

  const attach = async (row: EntryRowView, file: File) => {
    setUploading((all) => new Set(all).add(row.code));
    setUploadErrors(({ [row.code]: _dropped, ...rest }) => rest);
    try {
      const body = new FormData();
      body.set("indicator", row.code);
      body.set("period", period);
      body.set("file", file);
      const response = await fetch(`/api/v1/cities/${encodeURIComponent(slug)}/evidence`, { method: "POST", body, headers: { accept: "application/json" } });
      const json: unknown = await response.json().catch(() => null);
      const resource = response.ok ? readResource(json) : null;
      if (!resource) {
        setUploadErrors((all) => ({ ...all, [row.code]: tr(readMessageKey(json) ?? "entry.uploadFailed") }));
        return;
      }
      setField(row.code, "evidenceResourceId", String(resource.id));
      setFiles((all) => ({ ...all, [row.code]: { id: resource.id, name: resource.fileName, href: resource.downloadUrl } }));
    } catch {
      setUploadErrors((all) => ({ ...all, [row.code]: tr("entry.uploadFailed") }));
    } finally {
      setUploading((all) => {
        const next = new Set(all);
        next.delete(row.code);
        return next;
      });
    }
  };

  const detach = (code: string) => {
    setField(code, "evidenceResourceId", "");
    setFiles((all) => ({ ...all, [code]: null }));
    document.getElementById(`attach-${code}`)?.focus();
  };

  const number = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 2 });
  const dateTime = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeStyle: "short", timeZone });
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

  // The result's list: every refused field with a link to it, or after a successful save the
  // unusual values still waiting for an explanation.
  const fieldLabel: Record<FieldName, string> = { value: tr("entry.value"), note: tr("entry.note"), evidenceUrl: tr("entry.evidence"), explanation: tr("entry.explanation"), evidenceResourceId: tr("entry.evidenceFile") };
  const refusedFields =
    state && !state.ok
      ? Object.entries(state.fieldErrors ?? {}).flatMap(([key, keys]) => {
          const dot = key.lastIndexOf(".");
          const code = key.slice(0, dot);
          const field = key.slice(dot + 1) as FieldName;
          return rows.some((r) => r.code === code) && field in fieldLabel ? [{ id: inputId(code, field), text: `${code} · ${fieldLabel[field]}: ${tr(keys[0] ?? "validation.invalid")}` }] : [];
        })
      : [];
  const unexplained = state?.ok ? rows.filter((r) => editable(r) && flagTextsOf(r).length > 0 && (fields[r.code]?.explanation.trim() ?? "") === "") : [];

  return (
    <>
      <form
        ref={formRef}
        onSubmit={onSubmit}
        onFocus={(event) => {
          const target = event.target;
          if (target.id) lastFocused.current = target.id;
          // The page's scroll padding keeps the bar clear of most controls, but for a text area the
          // browser only reveals the caret's line; once it has scrolled, reveal the whole control.
          requestAnimationFrame(() => revealAbove(target, barRef.current));
        }}
        noValidate
        data-testid="values-form"
        aria-busy={pending}
      >
        <input type="hidden" name="slug" defaultValue={slug} />
        <input type="hidden" name="period" defaultValue={period} />
        {changed.map((row) => (
          <input key={row.code} type="hidden" name="changed" value={row.code} />
        ))}
        {state ? (
          <div ref={resultRef} tabIndex={-1} onKeyDown={onResultKey} className="mb-4 rounded-md focus:outline-3 focus:outline-offset-2 focus:outline-brand-600" data-testid="values-result">
            <FormStatus ok={state.ok} message={state.ok ? tr("entry.saved", { count: state.data.saved }) : tr(state.error, state.errorVars)} testId="values-status" />
            {refusedFields.length > 0 ? (
              <ul className="mt-2 list-disc space-y-1 pl-6 text-sm text-red-800" data-testid="values-error-list">
                {refusedFields.map((f) => (
                  <li key={f.id}>
                    <a href={`#${f.id}`} onClick={(e) => (e.preventDefault(), goTo(f.id))} className="inline-flex min-h-11 items-center underline">
                      {f.text}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            {unexplained.length > 0 ? (
              <div className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="values-unexplained">
                <p className="font-medium">{tr("entry.needsExplanation")}</p>
                <ul className="mt-1 list-disc space-y-1 pl-6">
                  {unexplained.map((r) => (
                    <li key={r.code}>
                      <a href={`#explanation-${r.code}`} onClick={(e) => (e.preventDefault(), goTo(`explanation-${r.code}`))} className="inline-flex min-h-11 items-center underline">
                        {r.code} · {flagTextsOf(r).join(" ")}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <button type="button" onClick={backToWhereIWas} className={`${secondaryButton} mt-2`} data-testid="values-back">
              {tr("entry.backToField")}
            </button>
          </div>
        ) : null}

        <p id="number-hint" className="mb-4 text-sm text-slate-600">
          {tr("entry.numberHint", { example: number.format(70.5) })}
        </p>

        {groups.map((group) => (
          <fieldset key={group.id} className="mb-6 min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4">
            <legend className="px-1 text-lg font-semibold text-slate-900">{group.name}</legend>
            {group.rows.map((row) => {
              const f = fields[row.code] ?? EMPTY;
              const file = files[row.code] ?? null;
              const disabled = !editable(row);
              const valueError = errorOf(row.code, "value");
              const noteError = errorOf(row.code, "note");
              const evidenceError = errorOf(row.code, "evidenceUrl");
              const explanationError = errorOf(row.code, "explanation");
              const fileError = errorOf(row.code, "evidenceResourceId") ?? uploadErrors[row.code];
              const conflict = conflictBy.get(row.code);
              const isChanged = changed.includes(row);
              const flagTexts = flagTextsOf(row);
              const flagged = flagTexts.length > 0;
              const showExplanation = flagged || row.explanation !== "" || f.explanation !== "" || explaining.has(row.code) || Boolean(explanationError);
              const describedBy = [`help-${row.code}`, "number-hint", valueError ? `error-${row.code}-value` : null].filter(Boolean).join(" ");
              return (
                <div key={row.code} className="grid min-w-0 gap-3 border-t border-slate-100 py-4 first-of-type:border-t-0 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]" data-testid={`row-${row.code}`}>
                  <div className="min-w-0 text-sm">
                    <p className="font-medium break-words text-slate-900">
                      <span className="mr-1 font-mono text-xs text-slate-500">{row.code}</span> {row.name}
                    </p>
                    <p id={`help-${row.code}`} className="mt-1 break-words text-slate-600">
                      {row.unitLabel} · {row.targetText} · {row.previousText}
                    </p>
                    <p className="mt-1 flex flex-wrap items-center gap-2">
                      <span data-testid={`status-${row.code}`}>
                        <Badge tone={row.status ? STATUS_TONE[row.status] : "neutral"}>{row.statusLabel}</Badge>
                      </span>
                      {isChanged ? <Badge tone="amber">{tr("entry.unsaved")}</Badge> : null}
                    </p>
                    {flagged ? (
                      <ul id={`flags-${row.code}`} className="mt-1 rounded-md bg-amber-50 p-2 text-amber-900" data-testid={`flags-${row.code}`}>
                        {flagTexts.map((text) => (
                          <li key={text}>{text}</li>
                        ))}
                      </ul>
                    ) : null}
                    {row.validatedText ? <p className="mt-1 text-slate-700" data-testid={`validated-${row.code}`}>{row.validatedText}</p> : null}
                    {row.reviewComment ? (
                      <p className="mt-1 rounded-md bg-red-50 p-2 text-red-900" data-testid={`comment-${row.code}`}>
                        {row.reviewComment}
                      </p>
                    ) : null}
                    {row.lockedReason ? <p className="mt-1 text-slate-600" data-testid={`locked-${row.code}`}>{row.lockedReason}</p> : null}
                  </div>
                  <div className="grid min-w-0 content-start gap-2 text-sm sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-x-3">
                    <div className="grid min-w-0 content-start gap-2">
                      <input type="hidden" name={`version.${row.code}`} value={versions[row.code] ?? 0} disabled={disabled} />
                      <label htmlFor={`value-${row.code}`} className="block">
                        <span className="font-medium">{tr("entry.value")}</span>
                        {row.unit === "boolean" ? (
                          <select id={`value-${row.code}`} name={`value.${row.code}`} value={f.value} disabled={disabled} onChange={(e) => setField(row.code, "value", e.target.value)} aria-invalid={Boolean(valueError)} aria-describedby={`help-${row.code}${valueError ? ` error-${row.code}-value` : ""}`} className={inputClass}>
                            <option value="">{tr("entry.choose")}</option>
                            <option value="1">{tr("common.yes")}</option>
                            <option value="0">{tr("common.no")}</option>
                          </select>
                        ) : (
                          // Text, not type="number": a number input refuses Bangla and Devanagari digits
                          // (and a decimal comma); the server parses them (lib/numbers.ts).
                          <input
                            id={`value-${row.code}`}
                            name={`value.${row.code}`}
                            type="text"
                            inputMode="decimal"
                            autoComplete="off"
                            spellCheck={false}
                            pattern={NUMBER_PATTERN}
                            maxLength={40}
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
                            <button type="button" id={`keep-${row.code}`} onClick={() => keepMine(conflict)} disabled={pending} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700 disabled:opacity-60">
                              {tr("entry.useMine")}
                            </button>
                            <button type="button" id={`theirs-${row.code}`} onClick={() => takeTheirs(conflict)} disabled={pending} className={secondaryButton}>
                              {tr("entry.useTheirs")}
                            </button>
                          </div>
                        </div>
                      ) : null}
                    </div>
                    <div className="grid min-w-0 content-start gap-2">
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
                      {showExplanation ? (
                        <label htmlFor={`explanation-${row.code}`} className="block">
                          <span className="font-medium">{tr("entry.explanation")}</span>
                          <span id={`explanation-help-${row.code}`} className="block text-slate-600">
                            {tr("entry.explanationHelp")}
                          </span>
                          <textarea
                            id={`explanation-${row.code}`}
                            name={`explanation.${row.code}`}
                            rows={2}
                            maxLength={1000}
                            value={f.explanation}
                            disabled={disabled}
                            onChange={(e) => setField(row.code, "explanation", e.target.value)}
                            aria-invalid={Boolean(explanationError)}
                            aria-describedby={[`explanation-help-${row.code}`, flagged ? `flags-${row.code}` : null, explanationError ? `error-${row.code}-explanation` : null].filter(Boolean).join(" ")}
                            className={inputClass}
                            data-testid={`explanation-${row.code}`}
                          />
                          <FieldError id={`error-${row.code}-explanation`} message={explanationError} />
                        </label>
                      ) : disabled ? null : (
                        <button
                          type="button"
                          id={`add-explanation-${row.code}`}
                          aria-expanded={false}
                          onClick={() => {
                            setExplaining((all) => new Set(all).add(row.code));
                            // Once React has shown the field, the person continues typing in it.
                            requestAnimationFrame(() => document.getElementById(`explanation-${row.code}`)?.focus());
                          }}
                          className={`${secondaryButton} justify-self-start`}
                        >
                          {tr("entry.addExplanation")}
                        </button>
                      )}
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
                      <input type="hidden" name={`evidenceResourceId.${row.code}`} value={f.evidenceResourceId} disabled={disabled} />
                      <div className="min-w-0" data-testid={`evidence-file-${row.code}`}>
                        <span className="font-medium">{tr("entry.evidenceFile")}</span>
                        {file ? (
                          <p className="mt-1 flex min-w-0 flex-wrap items-center gap-2">
                            <a href={file.href} className="inline-flex min-h-11 min-w-0 items-center break-all text-brand-700 underline" data-testid={`evidence-link-${row.code}`}>
                              {file.name}
                            </a>
                            {disabled ? null : (
                              <button type="button" id={`detach-${row.code}`} onClick={() => detach(row.code)} className={secondaryButton}>
                                {tr("entry.removeFile")}
                              </button>
                            )}
                          </p>
                        ) : null}
                        {disabled ? (
                          file ? null : <p className="mt-1 text-slate-600">—</p>
                        ) : (
                          <>
                            {/* The real file input stays hidden: the button carries the page's language and a 44 px target. */}
                            <input
                              type="file"
                              hidden
                              id={`file-${row.code}`}
                              accept="image/jpeg,image/png,application/pdf"
                              data-testid={`file-${row.code}`}
                              onChange={(e) => {
                                const chosen = e.target.files?.[0];
                                e.target.value = "";
                                if (chosen) void attach(row, chosen);
                              }}
                            />
                            <button
                              type="button"
                              id={`attach-${row.code}`}
                              onClick={() => document.getElementById(`file-${row.code}`)?.click()}
                              disabled={uploading.has(row.code)}
                              aria-describedby={`attach-help-${row.code}${fileError ? ` error-${row.code}-file` : ""}`}
                              className={`${secondaryButton} mt-1`}
                            >
                              {uploading.has(row.code) ? tr("entry.uploading") : file ? tr("entry.replaceFile") : tr("entry.attachFile")}
                            </button>
                            <span id={`attach-help-${row.code}`} className="mt-1 block text-slate-600">
                              {tr("entry.attachHelp")}
                            </span>
                            <span role="status" className="sr-only">
                              {uploading.has(row.code) ? tr("entry.uploading") : ""}
                            </span>
                          </>
                        )}
                        <FieldError id={`error-${row.code}-file`} message={fileError} />
                      </div>
                    </div>
                  </div>
                </div>
              );
            })}
          </fieldset>
        ))}

        <div ref={barRef} className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-200 bg-white/95 px-4 py-2" data-testid="save-bar" data-sticky-bottom>
          <button type="submit" id="save-values" disabled={pending} aria-disabled={pending} data-testid="save-values" className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? tr("common.saving") : tr("entry.save")}
          </button>
          {state && !state.ok ? <span className="text-sm font-medium text-red-800">{tr(state.error, state.errorVars)}</span> : null}
          <span className="text-sm text-slate-600" data-testid="changed-count">
            {changed.length > 0 ? tr("entry.unsavedCount", { count: changed.length }) : tr("entry.noChanges")}
          </span>
        </div>
      </form>
      <SubmitPeriodForm slug={slug} period={period} submittable={submittable} dirty={changed.length > 0} tr={tr} state={submitState} action={submitAction} />
    </>
  );
}

/** Scrolls `el` up until no part of it is under the sticky `bar` (a control taller than the space above the bar shows its top). */
function revealAbove(el: HTMLElement, bar: HTMLElement | null): void {
  if (!bar || bar.contains(el) || !el.isConnected) return;
  const r = el.getBoundingClientRect();
  const b = bar.getBoundingClientRect();
  const margin = 8;
  if (r.bottom + margin <= b.top || r.top >= b.bottom) return;
  window.scrollBy({ top: Math.min(r.bottom + margin - b.top, Math.max(0, r.top - margin)) });
}

/** The evidence endpoint's answer, or null when it is not what a stored file looks like. */
function readResource(json: unknown): { id: number; fileName: string; downloadUrl: string } | null {
  if (typeof json !== "object" || json === null || !("resource" in json)) return null;
  const r: unknown = json.resource;
  if (typeof r !== "object" || r === null || !("id" in r) || !("fileName" in r) || !("downloadUrl" in r)) return null;
  return typeof r.id === "number" && typeof r.fileName === "string" && typeof r.downloadUrl === "string" ? { id: r.id, fileName: r.fileName, downloadUrl: r.downloadUrl } : null;
}

/** The message catalogue key of an API error (`error.messageKey`), if it sent one. */
function readMessageKey(json: unknown): string | null {
  if (typeof json !== "object" || json === null || !("error" in json)) return null;
  const e: unknown = json.error;
  return typeof e === "object" && e !== null && "messageKey" in e && typeof e.messageKey === "string" ? e.messageKey : null;
}

/** The quarter's submission; its state lives in ValuesForm, so a refusal can mark the rows it names. */
function SubmitPeriodForm({ slug, period, submittable, dirty, tr, state, action }: { slug: string; period: string; submittable: boolean; dirty: boolean; tr: ReturnType<typeof subsetTranslator>; state: Awaited<ReturnType<typeof submitPeriodAction>> | null; action: (formData: FormData) => void }) {
  return (
    <form action={action} className="mt-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="submit-period-form">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="period" value={period} />
      {state ? (
        <div className="mb-3">
          <FormStatus ok={state.ok} message={state.ok ? tr("entry.submitted", { count: state.data.submitted }) : tr(state.error, state.errorVars)} testId="submit-status" />
        </div>
      ) : null}
      {dirty ? (
        <>
          <button type="button" disabled className="inline-flex min-h-11 items-center rounded-md bg-slate-300 px-4 py-2 text-sm font-medium text-slate-700">
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
