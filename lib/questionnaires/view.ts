import type { LocalizedText, QuestionType } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import type { AnswerValue, QuestionConfig, ShowWhen } from "./types";

/** A text in the reader's language, or the English one where it was left empty. */
export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale].trim() || text.en;
}

/**
 * A question as the answering form (and the designer's preview) shows it: texts already in the
 * reader's language, nothing else from the database. Indicator questions carry the framework's
 * unit and hard range.
 */
export interface QuestionView {
  key: string;
  sectionKey: string;
  type: QuestionType;
  label: string;
  help: string;
  required: boolean;
  config: QuestionConfig;
  showWhen: ShowWhen | null;
  /** Choice options' labels, by option value. */
  optionLabels: Record<string, string>;
  indicator: { code: string; unitLabel: string; min: number | null; max: number | null; wholeNumber: boolean } | null;
}

export interface SectionView {
  key: string;
  title: string;
}

/** What answering shows of an indicator question's stored value: its review status, its version (for conflicts), why it is unusual, its explanation. */
export interface IndicatorFieldState {
  status: string;
  version: number;
  flags: readonly string[];
  explanation: string;
}

/** What the form shows in a field: what was stored (or just typed, after a refused save). */
export type FieldValue = { text: string } | { choices: string[]; other: string } | { file: { name: string; size: number; href?: string } | null };

export function questionView(
  question: { key: string; sectionKey: string; type: QuestionType; label: LocalizedText; help: LocalizedText; required: boolean; config: QuestionConfig; showWhen: ShowWhen | null },
  locale: Locale,
  indicator: QuestionView["indicator"] = null,
): QuestionView {
  const config = question.config;
  const options = config.type === "single_choice" || config.type === "multiple_choice" ? config.options : [];
  return {
    key: question.key,
    sectionKey: question.sectionKey,
    type: question.type,
    label: localize(question.label, locale),
    help: localize(question.help, locale),
    required: question.required,
    config,
    showWhen: question.showWhen,
    optionLabels: Object.fromEntries(options.map((o) => [o.value, localize(o.label, locale)])),
    indicator,
  };
}

/** A stored answer as the form's field shows it. */
export function fieldValueOf(value: AnswerValue | null | undefined): FieldValue | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case "number":
      return { text: String(value.value) };
    case "boolean":
      return { text: value.value ? "yes" : "no" };
    case "choice":
      return { choices: [value.value], other: "" };
    case "choices":
      return { choices: value.values, other: value.other ?? "" };
    case "text":
    case "date":
      return { text: value.value };
    case "file":
      return { file: { name: value.name, size: value.size } };
  }
}
