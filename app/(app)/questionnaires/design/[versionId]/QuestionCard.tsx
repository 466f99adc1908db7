"use client";

import { FieldError } from "@/components/ui/FieldError";
import { QUESTION_TYPES, type LocalizedText, type QuestionType } from "@/lib/domain";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { localize } from "@/lib/questionnaires/view";
import { LocalizedInputs } from "./LocalizedInputs";
import { domId, optionField, questionField, showWhenAnswers, type EditorOption, type EditorQuestion, type EditorSection } from "./editor-model";

export interface IndicatorChoice {
  code: string;
  names: LocalizedText;
  unitLabel: string;
}

export type Translator = (key: string, vars?: Record<string, string | number>) => string;

const INPUT = "mt-1 min-h-11 w-full rounded-md border px-3";
const BUTTON = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50 disabled:opacity-40";
const border = (error: string | undefined) => (error ? "border-red-600" : "border-slate-300");

/** The fields of a question its card shows an error beside; any other problem of it is listed at the top of the card. */
function inlineFields(q: EditorQuestion): Set<string> {
  const paths = ["key", "sectionKey", "type", "required", "isNeed", "showWhen", "showWhen.question", "showWhen.equals", ...LOCALES.flatMap((l) => [`label.${l}`, `help.${l}`])];
  if (q.type === "number") paths.push("config.unit", "config.min", "config.max", "config.decimals");
  if (q.type === "percent") paths.push("config.decimals");
  if (q.type === "single_choice" || q.type === "multiple_choice") paths.push("config.options");
  if (q.type === "multiple_choice") paths.push("config.allowOther", "config.maxChoices");
  if (q.type === "short_text" || q.type === "long_text") paths.push("config.maxLength");
  if (q.type === "indicator") paths.push("config.indicatorCode");
  return new Set(paths.map((p) => questionField(q.uid, p)));
}

const OPTION_FIELDS = new Set(["value", ...LOCALES.map((l) => `label.${l}`)]);

/** One question of the draft: its settings, its place (Up/Down within its section) and its removal. */
export function QuestionCard({
  question: q,
  number,
  canMoveUp,
  canMoveDown,
  sections,
  sources,
  allQuestions,
  indicators,
  errors,
  open,
  locale,
  languageNames,
  tr,
  onChange,
  onSection,
  onMove,
  onDelete,
  onToggle,
  newOption,
}: {
  question: EditorQuestion;
  number: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
  sections: readonly EditorSection[];
  /** Earlier yes/no and choice questions a show-when rule may name. */
  sources: readonly EditorQuestion[];
  allQuestions: readonly EditorQuestion[];
  indicators: readonly IndicatorChoice[];
  errors: Readonly<Record<string, string>>;
  open: boolean;
  locale: Locale;
  languageNames: LocalizedText;
  tr: Translator;
  onChange: (patch: Partial<EditorQuestion>) => void;
  onSection: (sectionUid: string) => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
  onToggle: () => void;
  newOption: (existing: readonly EditorOption[]) => EditorOption;
}) {
  const field = (path = "") => questionField(q.uid, path);
  const error = (path: string) => errors[field(path)];
  const message = (key: string | undefined) => (key ? tr(key) : undefined);
  const inline = inlineFields(q);
  const own = Object.entries(errors).filter(([name]) => name.startsWith(field()));
  const leftovers = own.filter(([name]) => !inline.has(name));
  const hasErrors = own.length > 0 || q.options.some((o) => Object.keys(errors).some((name) => name.startsWith(optionField(o.uid))));
  const expanded = open || hasErrors;
  const bodyId = domId(field("body"));
  const headingId = domId(field("heading"));
  const typeName = tr(`questionnaire.design.type.${q.type}`);
  const labelText = localize(q.label, locale) || tr("questionnaire.design.untitled");
  const ordinal = { number };

  const textInput = (path: string, label: string, value: string, set: (value: string) => void, extra: { inputMode?: "decimal" | "numeric"; hint?: string; maxLength?: number } = {}) => {
    const id = domId(field(path));
    const problem = error(path);
    const describedBy = [extra.hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className="min-w-0">
        <label htmlFor={id} className="block text-sm font-medium">{label}</label>
        <input id={id} type="text" value={value} inputMode={extra.inputMode} maxLength={extra.maxLength ?? 40} autoComplete="off" onChange={(e) => set(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={describedBy} className={`${INPUT} ${border(problem)}`} />
        {extra.hint ? <p id={`${id}-hint`} className="text-xs text-slate-600">{extra.hint}</p> : null}
        <FieldError id={`${id}-error`} message={message(problem)} />
      </div>
    );
  };

  const decimalsSelect = () => {
    const id = domId(field("config.decimals"));
    const problem = error("config.decimals");
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium">{tr("questionnaire.design.field.decimals")}</label>
        <select id={id} value={q.decimals} onChange={(e) => onChange({ decimals: Number(e.target.value) })} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-error` : undefined} className={`${INPUT} ${border(problem)}`}>
          {[0, 1, 2, 3, 4, 5, 6].map((d) => (
            <option key={d} value={d}>{d}</option>
          ))}
        </select>
        <FieldError id={`${id}-error`} message={message(problem)} />
      </div>
    );
  };

  const setOption = (uid: string, patch: Partial<EditorOption>) => onChange({ options: q.options.map((o) => (o.uid === uid ? { ...o, ...patch } : o)) });
  const removeOption = (option: EditorOption, index: number) => {
    if (!window.confirm(tr("questionnaire.design.option.removeConfirm", { value: option.value || String(index + 1) }))) return;
    onChange({ options: q.options.filter((o) => o.uid !== option.uid) });
  };

  const typeSettings = () => {
    switch (q.type) {
      case "number":
        return (
          <div className="grid gap-3 sm:grid-cols-4">
            {textInput("config.unit", tr("questionnaire.design.field.unit"), q.unit, (unit) => onChange({ unit }), { hint: tr("questionnaire.design.field.unitHint") })}
            {textInput("config.min", tr("questionnaire.design.field.min"), q.min, (min) => onChange({ min }), { inputMode: "decimal", hint: tr("questionnaire.design.field.noLimitHint") })}
            {textInput("config.max", tr("questionnaire.design.field.max"), q.max, (max) => onChange({ max }), { inputMode: "decimal", hint: tr("questionnaire.design.field.noLimitHint") })}
            {decimalsSelect()}
          </div>
        );
      case "percent":
        return <div className="grid gap-3 sm:grid-cols-4">{decimalsSelect()}</div>;
      case "short_text":
      case "long_text":
        return (
          <div className="grid gap-3 sm:grid-cols-4">
            {textInput("config.maxLength", tr("questionnaire.design.field.maxLength"), q.maxLength, (maxLength) => onChange({ maxLength }), { inputMode: "numeric", hint: tr(q.type === "short_text" ? "questionnaire.design.field.maxLengthShort" : "questionnaire.design.field.maxLengthLong") })}
          </div>
        );
      case "indicator": {
        const id = domId(field("config.indicatorCode"));
        const problem = error("config.indicatorCode");
        const known = indicators.some((i) => i.code === q.indicatorCode);
        return (
          <div>
            <label htmlFor={id} className="block text-sm font-medium">{tr("questionnaire.design.field.indicator")}</label>
            <select
              id={id}
              value={q.indicatorCode}
              onChange={(e) => {
                const code = e.target.value;
                const picked = indicators.find((i) => i.code === code);
                // A new indicator question takes the indicator's names as its label.
                const untouched = LOCALES.every((l) => q.label[l].trim() === "");
                onChange({ indicatorCode: code, ...(picked && untouched ? { label: { ...picked.names } } : {}) });
              }}
              aria-invalid={problem ? true : undefined}
              aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ""}`}
              className={`${INPUT} max-w-xl ${border(problem)}`}
            >
              <option value="">{tr("questionnaire.design.field.indicatorChoose")}</option>
              {!known && q.indicatorCode ? <option value={q.indicatorCode}>{q.indicatorCode}</option> : null}
              {indicators.map((i) => (
                <option key={i.code} value={i.code}>{`${i.code} — ${localize(i.names, locale)} (${i.unitLabel})`}</option>
              ))}
            </select>
            <p id={`${id}-hint`} className="text-xs text-slate-600">{tr("questionnaire.design.field.indicatorHint")}</p>
            <FieldError id={`${id}-error`} message={message(problem)} />
          </div>
        );
      }
      case "single_choice":
      case "multiple_choice": {
        const optionsId = domId(field("config.options"));
        const optionsProblem = error("config.options");
        return (
          <div className="space-y-3">
            <fieldset id={optionsId} tabIndex={-1} aria-describedby={optionsProblem ? `${optionsId}-error` : undefined} className="space-y-3 rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-semibold">{tr("questionnaire.design.options")}</legend>
              <FieldError id={`${optionsId}-error`} message={message(optionsProblem)} />
              {q.options.map((option, index) => {
                const valueField = optionField(option.uid, "value");
                const valueId = domId(valueField);
                const valueProblem = errors[valueField];
                const extra = Object.entries(errors).filter(([name]) => name.startsWith(optionField(option.uid)) && !OPTION_FIELDS.has(name.slice(optionField(option.uid).length)));
                return (
                  <div key={option.uid} className="space-y-2 border-t border-slate-100 pt-2 first-of-type:border-t-0" data-testid="option-row">
                    <div className="flex flex-wrap items-end gap-2">
                      <div className="min-w-0 flex-1">
                        <label htmlFor={valueId} className="block text-sm font-medium">{tr("questionnaire.design.option.value", { number: index + 1 })}</label>
                        <input id={valueId} type="text" value={option.value} maxLength={40} autoComplete="off" onChange={(e) => setOption(option.uid, { value: e.target.value })} aria-invalid={valueProblem ? true : undefined} aria-describedby={`${valueId}-hint${valueProblem ? ` ${valueId}-error` : ""}`} className={`${INPUT} max-w-xs font-mono ${border(valueProblem)}`} />
                        <p id={`${valueId}-hint`} className="text-xs text-slate-600">{tr("questionnaire.design.option.valueHint")}</p>
                        <FieldError id={`${valueId}-error`} message={message(valueProblem)} />
                      </div>
                      <button type="button" className={BUTTON} onClick={() => removeOption(option, index)} aria-label={tr("questionnaire.design.option.removeLabel", { number: index + 1 })}>
                        {tr("questionnaire.design.option.remove")}
                      </button>
                    </div>
                    <LocalizedInputs
                      field={optionField(option.uid, "label")}
                      value={option.label}
                      onChange={(label) => setOption(option.uid, { label })}
                      label={(language) => tr("questionnaire.design.option.labelIn", { number: index + 1, language })}
                      languageNames={languageNames}
                      optionalHint={tr("questionnaire.design.optionalLanguage")}
                      errors={errors}
                      tr={tr}
                      required
                      maxLength={200}
                    />
                    {extra.map(([name, key]) => (
                      <p key={name} className="text-sm text-red-700">{tr(key)}</p>
                    ))}
                  </div>
                );
              })}
              <button type="button" className={BUTTON} onClick={() => onChange({ options: [...q.options, newOption(q.options)] })}>
                {tr("questionnaire.design.option.add")}
              </button>
            </fieldset>
            {q.type === "multiple_choice" ? (
              <div className="grid gap-3 sm:grid-cols-3">
                <label className="flex min-h-11 items-center gap-2 text-sm">
                  <input type="checkbox" checked={q.allowOther} onChange={(e) => onChange({ allowOther: e.target.checked })} className="h-5 w-5" />
                  {tr("questionnaire.design.field.allowOther")}
                </label>
                {textInput("config.maxChoices", tr("questionnaire.design.field.maxChoices"), q.maxChoices, (maxChoices) => onChange({ maxChoices }), { inputMode: "numeric", hint: tr("questionnaire.design.field.noLimitHint") })}
              </div>
            ) : null}
          </div>
        );
      }
      default:
        return null;
    }
  };

  const showWhenBlock = () => {
    const id = domId(field("showWhen"));
    const answerId = domId(field("showWhen.equals"));
    const problem = error("showWhen") ?? error("showWhen.question") ?? error("showWhen.equals");
    const source = q.showWhen ? allQuestions.find((c) => c.uid === q.showWhen?.uid) : undefined;
    const listed = source && !sources.some((s) => s.uid === source.uid) ? [...sources, source] : sources;
    const answers = source ? showWhenAnswers(source) : [];
    const answerLabel = (a: { value: string; label: LocalizedText | null }) => (a.label ? localize(a.label, locale) || a.value : tr(a.value === "yes" ? "questionnaire.field.yes" : "questionnaire.field.no"));
    return (
      <fieldset className="rounded-md border border-slate-200 p-3" aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ""}`}>
        <legend className="px-1 text-sm font-semibold">{tr("questionnaire.design.showWhen")}</legend>
        <p id={`${id}-hint`} className="text-xs text-slate-600">{tr("questionnaire.design.showWhenHint")}</p>
        <div className="mt-1 grid gap-3 sm:grid-cols-2">
          <div className="min-w-0">
            <label htmlFor={id} className="block text-sm font-medium">{tr("questionnaire.design.showWhenQuestion")}</label>
            <select
              id={id}
              value={q.showWhen?.uid ?? ""}
              onChange={(e) => {
                const picked = allQuestions.find((c) => c.uid === e.target.value);
                const first = picked ? showWhenAnswers(picked)[0] : undefined;
                onChange({ showWhen: picked ? { uid: picked.uid, equals: first?.value ?? "" } : null });
              }}
              aria-invalid={problem ? true : undefined}
              className={`${INPUT} ${border(problem)}`}
            >
              <option value="">{tr("questionnaire.design.showAlways")}</option>
              {listed.map((s) => (
                <option key={s.uid} value={s.uid}>{`${s.key} — ${localize(s.label, locale) || tr("questionnaire.design.untitled")}`}</option>
              ))}
            </select>
          </div>
          {source ? (
            <div className="min-w-0">
              <label htmlFor={answerId} className="block text-sm font-medium">{tr("questionnaire.design.showWhenEquals")}</label>
              <select id={answerId} value={q.showWhen?.equals ?? ""} onChange={(e) => onChange({ showWhen: { uid: source.uid, equals: e.target.value } })} aria-invalid={problem ? true : undefined} className={`${INPUT} ${border(problem)}`}>
                {answers.some((a) => a.value === q.showWhen?.equals) ? null : <option value={q.showWhen?.equals ?? ""}>{q.showWhen?.equals || "—"}</option>}
                {answers.map((a) => (
                  <option key={a.value} value={a.value}>{answerLabel(a)}</option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <FieldError id={`${id}-error`} message={message(problem)} />
      </fieldset>
    );
  };

  const keyId = domId(field("key"));
  const keyProblem = error("key");
  const typeId = domId(field("type"));
  const sectionId = domId(field("sectionKey"));

  return (
    <article id={domId(field())} tabIndex={-1} aria-labelledby={headingId} className={`rounded-lg border bg-white p-3 shadow-sm sm:p-4 ${hasErrors ? "border-red-400" : "border-slate-200"}`} data-testid={`design-question-${q.key}`} data-question-uid={q.uid}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h4 id={headingId} className="min-w-0 flex-1 break-words font-medium">
          <span className="text-slate-500">{tr("questionnaire.design.questionNumber", ordinal)}</span> <span className="font-mono text-sm text-slate-600">{q.key}</span> · <span className="text-sm text-slate-600">{typeName}</span>
          <span className="block">{labelText}{q.required ? <span className="ml-1 text-red-700" aria-hidden="true">*</span> : null}</span>
        </h4>
        <div className="flex flex-wrap gap-1">
          <button type="button" id={domId(field("up"))} className={BUTTON} disabled={!canMoveUp} onClick={() => onMove(-1)} aria-label={tr("questionnaire.design.moveUpLabel", ordinal)}>
            <span aria-hidden="true">↑</span>&nbsp;{tr("questionnaire.design.moveUp")}
          </button>
          <button type="button" id={domId(field("down"))} className={BUTTON} disabled={!canMoveDown} onClick={() => onMove(1)} aria-label={tr("questionnaire.design.moveDownLabel", ordinal)}>
            <span aria-hidden="true">↓</span>&nbsp;{tr("questionnaire.design.moveDown")}
          </button>
          <button type="button" className={BUTTON} aria-expanded={expanded} aria-controls={bodyId} onClick={onToggle} disabled={hasErrors}>
            {expanded ? tr("questionnaire.design.collapse") : tr("questionnaire.design.expand")}
          </button>
          <button type="button" id={domId(field("delete"))} className={`${BUTTON} text-red-800`} onClick={onDelete} aria-label={tr("questionnaire.design.deleteLabel", ordinal)}>
            {tr("questionnaire.design.delete")}
          </button>
        </div>
      </div>
      <div id={bodyId} hidden={!expanded} className="mt-3 space-y-4">
        {leftovers.length ? (
          <ul className="list-inside list-disc text-sm text-red-700">
            {leftovers.map(([name, key]) => (
              <li key={name}>{tr(key)}</li>
            ))}
          </ul>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="min-w-0">
            <label htmlFor={keyId} className="block text-sm font-medium">{tr("questionnaire.design.field.key")}</label>
            <input id={keyId} type="text" value={q.key} maxLength={40} autoComplete="off" spellCheck={false} onChange={(e) => onChange({ key: e.target.value })} aria-invalid={keyProblem ? true : undefined} aria-describedby={`${keyId}-hint${keyProblem ? ` ${keyId}-error` : ""}`} className={`${INPUT} font-mono ${border(keyProblem)}`} />
            <p id={`${keyId}-hint`} className="text-xs text-slate-600">{tr("questionnaire.design.field.keyHint")}</p>
            <FieldError id={`${keyId}-error`} message={message(keyProblem)} />
          </div>
          <div className="min-w-0">
            <label htmlFor={typeId} className="block text-sm font-medium">{tr("questionnaire.design.field.type")}</label>
            <select id={typeId} value={q.type} onChange={(e) => onChange(typeChange(q, e.target.value as QuestionType, newOption))} aria-invalid={error("type") ? true : undefined} className={`${INPUT} ${border(error("type"))}`}>
              {QUESTION_TYPES.map((type) => (
                <option key={type} value={type}>{tr(`questionnaire.design.type.${type}`)}</option>
              ))}
            </select>
            <FieldError id={`${typeId}-error`} message={message(error("type"))} />
          </div>
          <div className="min-w-0">
            <label htmlFor={sectionId} className="block text-sm font-medium">{tr("questionnaire.design.field.section")}</label>
            <select id={sectionId} value={q.sectionUid} onChange={(e) => onSection(e.target.value)} aria-invalid={error("sectionKey") ? true : undefined} className={`${INPUT} ${border(error("sectionKey"))}`}>
              {sections.map((s) => (
                <option key={s.uid} value={s.uid}>{localize(s.title, locale) || s.key}</option>
              ))}
            </select>
            <FieldError id={`${sectionId}-error`} message={message(error("sectionKey"))} />
          </div>
        </div>
        <LocalizedInputs field={field("label")} value={q.label} onChange={(label) => onChange({ label })} label={(language) => tr("questionnaire.design.field.labelIn", { language })} languageNames={languageNames} optionalHint={tr("questionnaire.design.optionalLanguage")} errors={errors} tr={tr} required maxLength={500} />
        <LocalizedInputs field={field("help")} value={q.help} onChange={(help) => onChange({ help })} label={(language) => tr("questionnaire.design.field.helpIn", { language })} languageNames={languageNames} optionalHint={tr("questionnaire.design.optionalLanguage")} errors={errors} tr={tr} multiline maxLength={1000} />
        <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={q.required} onChange={(e) => onChange({ required: e.target.checked })} className="h-5 w-5" />
          {tr("questionnaire.design.field.required")}
        </label>
        {q.type === "short_text" || q.type === "long_text" ? (
          <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
            <input type="checkbox" checked={q.isNeed} onChange={(e) => onChange({ isNeed: e.target.checked })} className="h-5 w-5" data-testid={`design-is-need-${q.key}`} />
            {tr("questionnaire.design.field.isNeed")}
          </label>
        ) : null}
        {typeSettings()}
        {showWhenBlock()}
      </div>
    </article>
  );
}

/** A new type keeps what fits it: choices keep their options, text types a length within their limit. */
function typeChange(q: EditorQuestion, type: QuestionType, newOption: (existing: readonly EditorOption[]) => EditorOption): Partial<EditorQuestion> {
  const patch: Partial<EditorQuestion> = { type };
  if ((type === "single_choice" || type === "multiple_choice") && q.options.length === 0) patch.options = [newOption([])];
  if (type === "short_text" && (q.maxLength === "" || Number(q.maxLength) > 200)) patch.maxLength = "200";
  if (type === "long_text" && q.maxLength === "") patch.maxLength = "2000";
  if (type === "percent" && q.type !== "number") patch.decimals = 1;
  return patch;
}
