"use client";

import { useState, type ChangeEvent } from "react";
import { FieldError } from "@/components/ui/FieldError";
import type { FieldValue, IndicatorFieldState, QuestionView, SectionView } from "@/lib/questionnaires/view";

export type { IndicatorFieldState };

/** The words the fields need, already in the reader's language. */
export interface QuestionnaireFieldTexts {
  required: string;
  yes: string;
  no: string;
  other: string;
  choose: string;
  currentFile: string;
  comment: string;
  /** "{min} to {max}" style hint of an indicator's range, already filled per question. */
  indicatorHint: Record<string, string>;
  /** The label of an unusual indicator value's explanation (answering only). */
  explanation?: string;
  /** An indicator value's review state, by status (answering only). */
  valueStatus?: Record<string, string>;
}


export const fieldName = (key: string) => `q.${key}`;
const fieldId = (prefix: string, key: string, suffix = "") => `${prefix}-${key}${suffix}`;

/** The answers show-when rules compare (yes/no and choices), from the stored or typed values. */
function initialChoices(questions: readonly QuestionView[], values: Readonly<Record<string, FieldValue>>): Record<string, string[]> {
  const sources = new Set(questions.flatMap((q) => (q.showWhen ? [q.showWhen.question] : [])));
  const out: Record<string, string[]> = {};
  for (const key of sources) {
    const value = values[key];
    out[key] = !value ? [] : "text" in value ? [value.text] : "choices" in value ? value.choices : [];
  }
  return out;
}

function shownKeys(questions: readonly QuestionView[], choices: Readonly<Record<string, string[]>>): Set<string> {
  const shown = new Set<string>();
  for (const q of questions) if (!q.showWhen || (shown.has(q.showWhen.question) && (choices[q.showWhen.question] ?? []).includes(q.showWhen.equals))) shown.add(q.key);
  return shown;
}

/**
 * The questions of a questionnaire as form fields, section by section: what officers answer and
 * what the designer's preview shows, the same component. Fields are plain inputs named
 * `q.<key>` (`q.<key>.other` for "other, please say"), so the form posts without JavaScript; with
 * it, a question whose show-when rule does not hold is hidden and its inputs disabled (not sent).
 * The server decides visibility again from what was sent.
 */
export function QuestionnaireFields({
  sections,
  questions,
  values,
  errors = {},
  comments = {},
  readOnly = false,
  idPrefix = "q",
  texts,
  indicatorStates = {},
}: {
  sections: readonly SectionView[];
  questions: readonly QuestionView[];
  values: Readonly<Record<string, FieldValue>>;
  errors?: Readonly<Record<string, string>>;
  comments?: Readonly<Record<string, readonly string[]>>;
  readOnly?: boolean;
  idPrefix?: string;
  texts: QuestionnaireFieldTexts;
  indicatorStates?: Readonly<Record<string, IndicatorFieldState>>;
}) {
  const [choices, setChoices] = useState(() => initialChoices(questions, values));
  const shown = shownKeys(questions, choices);
  const sources = new Set(questions.flatMap((q) => (q.showWhen ? [q.showWhen.question] : [])));

  const track = (key: string) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (!sources.has(key)) return;
    const form = event.currentTarget.form;
    if (!form) return;
    const ticked = new FormData(form).getAll(fieldName(key)).filter((v): v is string => typeof v === "string" && v !== "");
    setChoices((previous) => ({ ...previous, [key]: ticked }));
  };

  return (
    <div className="space-y-6">
      {sections.map((section) => {
        const own = questions.filter((q) => q.sectionKey === section.key);
        if (own.length === 0) return null;
        return (
          <fieldset key={section.key} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`section-${section.key}`}>
            <legend className="px-1 text-lg font-semibold">{section.title}</legend>
            <div className="space-y-5">
              {own.map((question) => (
                <QuestionField
                  key={question.key}
                  question={question}
                  value={values[question.key]}
                  error={errors[question.key]}
                  comments={comments[question.key] ?? []}
                  hidden={!shown.has(question.key)}
                  readOnly={readOnly}
                  idPrefix={idPrefix}
                  texts={texts}
                  state={indicatorStates[question.key]}
                  onChoice={track(question.key)}
                />
              ))}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}

function QuestionField({
  question,
  value,
  error,
  comments,
  hidden,
  readOnly,
  idPrefix,
  texts,
  state,
  onChoice,
}: {
  question: QuestionView;
  value: FieldValue | undefined;
  error: string | undefined;
  comments: readonly string[];
  hidden: boolean;
  readOnly: boolean;
  idPrefix: string;
  texts: QuestionnaireFieldTexts;
  state: IndicatorFieldState | undefined;
  onChoice: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;
}) {
  const id = fieldId(idPrefix, question.key);
  const helpId = fieldId(idPrefix, question.key, "-help");
  const errorId = fieldId(idPrefix, question.key, "-error");
  const hint = question.indicator ? texts.indicatorHint[question.key] : undefined;
  const describedBy = [question.help || hint ? helpId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const disabled = readOnly || hidden;
  const name = fieldName(question.key);
  const text = value && "text" in value ? value.text : "";
  const ticked = value && "choices" in value ? value.choices : [];
  const inputClass = `mt-1 min-h-11 w-full max-w-md rounded-md border px-3 ${error ? "border-red-600" : "border-slate-300"} disabled:bg-slate-100`;
  const common = { "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, disabled } as const;
  const config = question.config;
  const label = (
    <>
      {question.label}
      {question.required ? <span className="ml-1 text-red-700" aria-label={texts.required}>*</span> : null}
    </>
  );
  const options = Object.entries(question.optionLabels);
  const grouped = question.type === "yes_no" || question.type === "single_choice" || question.type === "multiple_choice";

  let control;
  switch (question.type) {
    case "number":
    case "percent":
    case "indicator": {
      const unit = question.type === "percent" ? "%" : question.type === "indicator" ? (question.indicator?.unitLabel ?? "") : config.type === "number" ? config.unit : "";
      control = (
        <div className="flex items-center gap-2">
          <input id={id} name={name} type="text" inputMode="decimal" autoComplete="off" defaultValue={text} className={inputClass} {...common} />
          {unit ? <span className="text-sm text-slate-600">{unit}</span> : null}
        </div>
      );
      break;
    }
    case "yes_no":
      control = (
        <div className="mt-1 flex flex-wrap gap-4">
          {(["yes", "no"] as const).map((choice) => (
            <label key={choice} className="inline-flex min-h-11 items-center gap-2">
              <input type="radio" name={name} value={choice} defaultChecked={text === choice} onChange={onChoice} className="h-5 w-5" {...common} />
              {texts[choice]}
            </label>
          ))}
        </div>
      );
      break;
    case "single_choice":
      control =
        options.length > 6 ? (
          <select id={id} name={name} defaultValue={ticked[0] ?? ""} onChange={onChoice} className={inputClass} {...common}>
            <option value="">{texts.choose}</option>
            {options.map(([optionValue, optionLabel]) => (
              <option key={optionValue} value={optionValue}>{optionLabel}</option>
            ))}
          </select>
        ) : (
          <div className="mt-1 space-y-1">
            {options.map(([optionValue, optionLabel]) => (
              <label key={optionValue} className="flex min-h-11 items-center gap-2">
                <input type="radio" name={name} value={optionValue} defaultChecked={ticked.includes(optionValue)} onChange={onChoice} className="h-5 w-5" {...common} />
                {optionLabel}
              </label>
            ))}
          </div>
        );
      break;
    case "multiple_choice":
      control = (
        <div className="mt-1 space-y-1">
          {options.map(([optionValue, optionLabel]) => (
            <label key={optionValue} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name={name} value={optionValue} defaultChecked={ticked.includes(optionValue)} onChange={onChoice} className="h-5 w-5" {...common} />
              {optionLabel}
            </label>
          ))}
          {config.type === "multiple_choice" && config.allowOther ? (
            <label className="block pt-1 text-sm">
              {texts.other}
              <input name={`${name}.other`} type="text" maxLength={200} defaultValue={value && "other" in value ? value.other : ""} className={inputClass} {...common} />
            </label>
          ) : null}
        </div>
      );
      break;
    case "short_text":
      control = <input id={id} name={name} type="text" maxLength={config.type === "short_text" ? config.maxLength : 200} defaultValue={text} className={inputClass} {...common} />;
      break;
    case "long_text":
      control = <textarea id={id} name={name} rows={4} maxLength={config.type === "long_text" ? config.maxLength : 5000} defaultValue={text} className={`${inputClass} max-w-2xl py-2`} {...common} />;
      break;
    case "date":
      control = <input id={id} name={name} type="date" defaultValue={text} className={inputClass} {...common} />;
      break;
    case "file": {
      const current = value && "file" in value ? value.file : null;
      control = (
        <div>
          {current ? (
            <p className="text-sm text-slate-700" data-testid={`current-file-${question.key}`}>
              {texts.currentFile}: {current.href ? <a href={current.href} className="text-brand-700 underline">{current.name}</a> : current.name}
            </p>
          ) : null}
          <input id={id} name={name} type="file" className="mt-1 block min-h-11 text-sm" {...common} />
        </div>
      );
      break;
    }
  }

  const explain = question.type === "indicator" && texts.explanation && state && (state.flags.length > 0 || state.explanation !== "");
  return (
    <div hidden={hidden} data-testid={`question-${question.key}`} data-question-type={question.type}>
      {/* Marks the question as sent (disabled, so not sent, while hidden): nothing ticked then clears it. */}
      <input type="hidden" name={`${name}.present`} value="1" disabled={disabled} />
      {question.type === "indicator" ? <input type="hidden" name={`${name}.version`} value={String(state?.version ?? 0)} disabled={disabled} /> : null}
      {grouped ? (
        <fieldset aria-describedby={describedBy}>
          <legend className="block font-medium text-slate-900">{label}</legend>
          {question.help ? <p id={helpId} className="text-sm text-slate-600">{question.help}</p> : null}
          {control}
        </fieldset>
      ) : (
        <>
          <label htmlFor={id} className="block font-medium text-slate-900">{label}</label>
          {question.help || hint ? (
            <p id={helpId} className="text-sm text-slate-600">
              {[question.help, hint].filter(Boolean).join(" · ")}
            </p>
          ) : null}
          {control}
        </>
      )}
      {state && texts.valueStatus?.[state.status] ? <p className="mt-1 text-xs text-slate-600" data-testid={`value-status-${question.key}`}>{texts.valueStatus[state.status]}</p> : null}
      {explain ? (
        <label className="mt-2 block text-sm">
          {texts.explanation}
          <textarea name={`${name}.explanation`} rows={2} maxLength={1000} defaultValue={state.explanation} className={`${inputClass} max-w-2xl py-2`} disabled={disabled} />
        </label>
      ) : null}
      <FieldError id={errorId} message={error} />
      {comments.length ? (
        <div className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid={`comment-${question.key}`}>
          <p className="font-medium">{texts.comment}</p>
          {comments.map((comment, i) => (
            <p key={i} className="whitespace-pre-wrap">{comment}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
