import type { Country, LocalizedText, ProgrammeRole } from "@/lib/domain";

/** A part of a questionnaire; its questions name it by key. */
export interface QuestionnaireSection {
  key: string;
  title: LocalizedText;
}

/** One option of a choice question: a stable value (exports and show-when rules use it) and its labels. */
export interface ChoiceOption {
  value: string;
  label: LocalizedText;
}

/** What each type of question needs besides its label (the column `questions.config`). */
export type QuestionConfig =
  | { type: "number"; unit: string; min: number | null; max: number | null; decimals: number }
  | { type: "percent"; decimals: number }
  | { type: "yes_no" }
  | { type: "single_choice"; options: ChoiceOption[] }
  | { type: "multiple_choice"; options: ChoiceOption[]; allowOther: boolean; maxChoices: number | null }
  | { type: "short_text"; maxLength: number }
  | { type: "long_text"; maxLength: number }
  | { type: "date" }
  | { type: "file" }
  | { type: "indicator"; indicatorCode: string };

/**
 * Show a question only when an earlier one has a given answer: yes/no (`yes` or `no`), a single
 * choice's option, or an option ticked in a multiple choice.
 */
export interface ShowWhen {
  question: string;
  equals: string;
}

/**
 * A stored answer (the column `answers.value`), by question type. Indicator questions store none:
 * their answer is the city's indicator value.
 */
export type AnswerValue =
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "choice"; value: string }
  | { kind: "choices"; values: string[]; other: string | null }
  | { kind: "text"; value: string }
  | { kind: "date"; value: string }
  | { kind: "file"; fileId: number; name: string; mimeType: string; size: number };

/** Which cities a round asks. */
export type RoundTarget =
  | { kind: "all" }
  | { kind: "country"; countries: Country[] }
  | { kind: "programme_role"; roles: ProgrammeRole[] }
  | { kind: "list"; cityIds: number[] };

