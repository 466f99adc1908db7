import { parseDecimal, toAsciiDigits } from "@/lib/numbers";
import type { QuestionType } from "@/lib/domain";
import type { AnswerValue, QuestionConfig, ShowWhen } from "./types";

/**
 * What the rules of answering need of a question. Pure: the form (to say what is wrong as the
 * officer types), the server action, the API and the import all check answers here, the same way.
 */
export interface AnswerableQuestion {
  key: string;
  type: QuestionType;
  required: boolean;
  config: QuestionConfig;
  showWhen: ShowWhen | null;
}

/** An answer as typed or sent: text, the options ticked (with an "other" text), or a stored file. */
export type RawAnswer = { text: string } | { choices: string[]; other?: string } | { fileId: number; name: string; mimeType: string; size: number };

export type AnswerProblem = { messageKey: string; params?: Record<string, string | number> };
export type ParsedAnswer = { ok: true; value: AnswerValue | null } | ({ ok: false } & AnswerProblem);

/** Longest text any answer may hold, whatever a question allows (the column is unbounded). */
export const ANSWER_TEXT_MAX = 5000;
/** An "other, please say" text. */
export const OTHER_TEXT_MAX = 200;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const fail = (messageKey: string, params?: Record<string, string | number>): ParsedAnswer => ({ ok: false, messageKey, ...(params ? { params } : {}) });

function decimalsOf(value: number): number {
  const text = String(value);
  if (text.includes("e")) return 20;
  return text.split(".")[1]?.length ?? 0;
}

function parseNumber(text: string, range: { min: number | null; max: number | null; decimals: number }): ParsedAnswer {
  const parsed = parseDecimal(text);
  if (!parsed.ok) return fail(parsed.messageKey);
  const { value } = parsed;
  if (range.min !== null && value < range.min) return fail(range.max !== null ? "validation.answer.range" : "validation.answer.min", { min: range.min, max: range.max ?? "" });
  if (range.max !== null && value > range.max) return fail(range.min !== null ? "validation.answer.range" : "validation.answer.max", { min: range.min ?? "", max: range.max });
  if (decimalsOf(value) > range.decimals) return fail(range.decimals === 0 ? "validation.answer.wholeNumber" : "validation.answer.decimals", { decimals: range.decimals });
  return { ok: true, value: { kind: "number", value } };
}

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Checks one answer against its question and returns what would be stored: null for "no answer"
 * (empty text, nothing ticked). A missing required answer is not an error here — a draft may be
 * incomplete; submitting checks completeness (missingRequired). Indicator questions are checked
 * by the values' own rules (server/values/save.ts), not here.
 */
export function parseAnswer(question: Pick<AnswerableQuestion, "config">, raw: RawAnswer | null): ParsedAnswer {
  const config = question.config;
  if (raw === null) return { ok: true, value: null };
  if ("fileId" in raw) {
    if (config.type !== "file") return fail("validation.answer.invalid");
    return { ok: true, value: { kind: "file", fileId: raw.fileId, name: raw.name, mimeType: raw.mimeType, size: raw.size } };
  }
  if ("choices" in raw) {
    if (config.type === "single_choice") {
      const chosen = raw.choices.filter((c) => c !== "");
      if (chosen.length === 0) return { ok: true, value: null };
      if (chosen.length > 1) return fail("validation.answer.oneChoice");
      const [choice] = chosen as [string];
      if (!config.options.some((o) => o.value === choice)) return fail("validation.answer.choice");
      return { ok: true, value: { kind: "choice", value: choice } };
    }
    if (config.type !== "multiple_choice") return fail("validation.answer.invalid");
    const chosen = [...new Set(raw.choices.filter((c) => c !== ""))];
    const other = (raw.other ?? "").trim();
    if (chosen.some((c) => !config.options.some((o) => o.value === c))) return fail("validation.answer.choice");
    if (other !== "" && !config.allowOther) return fail("validation.answer.noOther");
    if (other.length > OTHER_TEXT_MAX) return fail("validation.answer.tooLong", { max: OTHER_TEXT_MAX });
    const count = chosen.length + (other ? 1 : 0);
    if (count === 0) return { ok: true, value: null };
    if (config.maxChoices !== null && count > config.maxChoices) return fail("validation.answer.tooManyChoices", { max: config.maxChoices });
    // Stored in the order of the options, so two equal answers are equal rows.
    const ordered = config.options.map((o) => o.value).filter((v) => chosen.includes(v));
    return { ok: true, value: { kind: "choices", values: ordered, other: other || null } };
  }
  const text = raw.text.trim();
  if (text === "") return { ok: true, value: null };
  switch (config.type) {
    case "number":
      return parseNumber(text, config);
    case "percent":
      return parseNumber(text.replace(/\s*%$/, ""), { min: 0, max: 100, decimals: config.decimals });
    case "yes_no": {
      if (text !== "yes" && text !== "no") return fail("validation.answer.yesNo");
      return { ok: true, value: { kind: "boolean", value: text === "yes" } };
    }
    case "single_choice":
      return parseAnswer(question, { choices: [text] });
    case "short_text":
    case "long_text": {
      // A line break has no place in a one-line answer; tabs and control characters in none.
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) || (config.type === "short_text" && /[\r\n]/.test(text))) return fail("validation.answer.controlChars");
      const max = Math.min(config.maxLength, ANSWER_TEXT_MAX);
      if (text.length > max) return fail("validation.answer.tooLong", { max });
      return { ok: true, value: { kind: "text", value: text } };
    }
    case "date": {
      const ascii = toAsciiDigits(text);
      if (!isRealDate(ascii)) return fail("validation.answer.date");
      return { ok: true, value: { kind: "date", value: ascii } };
    }
    default:
      return fail("validation.answer.invalid");
  }
}

/** The value a show-when rule compares: `yes`/`no`, the option chosen, or every option ticked. */
function comparable(value: AnswerValue | null | undefined): string[] {
  if (!value) return [];
  if (value.kind === "boolean") return [value.value ? "yes" : "no"];
  if (value.kind === "choice") return [value.value];
  if (value.kind === "choices") return value.values;
  return [];
}

/**
 * Which questions are shown, given the answers so far (by question key). A question whose rule
 * names a hidden question is hidden too, so a chain of rules collapses as a whole.
 */
export function visibleKeys(questions: readonly Pick<AnswerableQuestion, "key" | "showWhen">[], answers: ReadonlyMap<string, AnswerValue | null>): Set<string> {
  const visible = new Set<string>();
  for (const question of questions) {
    const rule = question.showWhen;
    if (!rule || (visible.has(rule.question) && comparable(answers.get(rule.question)).includes(rule.equals))) visible.add(question.key);
  }
  return visible;
}

/**
 * The required questions left without an answer among those shown. `hasAnswer` tells for the
 * questions answered elsewhere (an indicator question's value).
 */
export function missingRequired(questions: readonly AnswerableQuestion[], answers: ReadonlyMap<string, AnswerValue | null>, hasAnswer: (key: string) => boolean = (key) => Boolean(answers.get(key))): string[] {
  const visible = visibleKeys(questions, answers);
  return questions.filter((q) => q.required && visible.has(q.key) && !hasAnswer(q.key)).map((q) => q.key);
}

/** An answer as one cell of an export or a results list (choices by their stored values). */
export function answerText(value: AnswerValue | null | undefined): string {
  if (!value) return "";
  switch (value.kind) {
    case "number":
      return String(value.value);
    case "boolean":
      return value.value ? "yes" : "no";
    case "choice":
    case "text":
    case "date":
      return value.value;
    case "choices":
      return [...value.values, ...(value.other ? [value.other] : [])].join("; ");
    case "file":
      return value.name;
  }
}
