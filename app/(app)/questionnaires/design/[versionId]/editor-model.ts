import type { LocalizedText, QuestionType } from "@/lib/domain";
import { parseDecimal } from "@/lib/numbers";
import type { QuestionConfig, QuestionnaireSection, ShowWhen } from "@/lib/questionnaires/types";

/*
 * The draft as the editor holds it, and its way to and from the JSON document the save action
 * checks (lib/validation/questionnaires.ts versionDraftSchema). Pure: the client component uses it.
 *
 * Every section, question and option carries a `uid` that never changes while the page is open, so
 * reordering keeps React's elements (and the focus) and a field error found at
 * `questions.3.config.options.0.value` lands on the field it was about. Questions refer to their
 * section and to a show-when question by uid; keys are written only when the document is made.
 */

export interface EditorOption {
  uid: string;
  value: string;
  label: LocalizedText;
}

export interface EditorSection {
  uid: string;
  key: string;
  title: LocalizedText;
}

/** One question with the settings of every type, so switching type and back keeps what was typed. */
export interface EditorQuestion {
  uid: string;
  key: string;
  sectionUid: string;
  type: QuestionType;
  label: LocalizedText;
  help: LocalizedText;
  required: boolean;
  isNeed: boolean;
  showWhen: { uid: string; equals: string } | null;
  unit: string;
  min: string;
  max: string;
  decimals: number;
  options: EditorOption[];
  allowOther: boolean;
  maxChoices: string;
  maxLength: string;
  indicatorCode: string;
}

export interface EditorDraft {
  title: LocalizedText;
  description: LocalizedText;
  sections: EditorSection[];
  questions: EditorQuestion[];
}

export interface StoredQuestion {
  key: string;
  sectionKey: string;
  type: QuestionType;
  label: LocalizedText;
  help: LocalizedText;
  required: boolean;
  isNeed: boolean;
  config: QuestionConfig;
  showWhen: ShowWhen | null;
}

export const emptyText = (): LocalizedText => ({ en: "", bn: "", ne: "" });

export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_DEFAULT = 2000;

/** A new question of `type` (settings at their defaults). */
export function newQuestion(uid: string, key: string, sectionUid: string, type: QuestionType = "short_text"): EditorQuestion {
  return {
    uid,
    key,
    sectionUid,
    type,
    label: emptyText(),
    help: emptyText(),
    required: false,
    isNeed: false,
    showWhen: null,
    unit: "",
    min: "",
    max: "",
    decimals: type === "percent" ? 1 : 0,
    options: [],
    allowOther: false,
    maxChoices: "",
    maxLength: type === "long_text" ? String(LONG_TEXT_DEFAULT) : String(SHORT_TEXT_MAX),
    indicatorCode: "",
  };
}

/** The stored draft as the editor's state; uids come from positions, so server and browser agree. */
export function toEditor(stored: { title: LocalizedText; description: LocalizedText; sections: readonly QuestionnaireSection[]; questions: readonly StoredQuestion[] }): EditorDraft {
  const sections = stored.sections.map((s, i): EditorSection => ({ uid: `s${i}`, key: s.key, title: { ...s.title } }));
  const sectionUid = new Map(sections.map((s) => [s.key, s.uid]));
  const questionUid = new Map(stored.questions.map((q, i) => [q.key, `q${i}`]));
  const fallbackSection = sections[0]?.uid ?? "s0";
  const questions = stored.questions.map((q, i): EditorQuestion => {
    const base = newQuestion(`q${i}`, q.key, sectionUid.get(q.sectionKey) ?? fallbackSection, q.type);
    const c = q.config;
    const source = q.showWhen ? questionUid.get(q.showWhen.question) : undefined;
    return {
      ...base,
      label: { ...q.label },
      help: { ...q.help },
      required: q.required,
      isNeed: q.isNeed,
      showWhen: q.showWhen && source ? { uid: source, equals: q.showWhen.equals } : null,
      ...(c.type === "number" ? { unit: c.unit, min: c.min === null ? "" : String(c.min), max: c.max === null ? "" : String(c.max), decimals: c.decimals } : {}),
      ...(c.type === "percent" ? { decimals: c.decimals } : {}),
      ...(c.type === "single_choice" || c.type === "multiple_choice" ? { options: c.options.map((o, j) => ({ uid: `q${i}o${j}`, value: o.value, label: { ...o.label } })) } : {}),
      ...(c.type === "multiple_choice" ? { allowOther: c.allowOther, maxChoices: c.maxChoices === null ? "" : String(c.maxChoices) } : {}),
      ...(c.type === "short_text" || c.type === "long_text" ? { maxLength: String(c.maxLength) } : {}),
      ...(c.type === "indicator" ? { indicatorCode: c.indicatorCode } : {}),
    };
  });
  return { title: { ...stored.title }, description: { ...stored.description }, sections, questions };
}

/** Questions in the order they are asked: section by section, in their order within each. */
export function orderedQuestions(draft: Pick<EditorDraft, "sections" | "questions">): EditorQuestion[] {
  return draft.sections.flatMap((s) => draft.questions.filter((q) => q.sectionUid === s.uid));
}

/** A number typed into a setting: null when empty, the number when it reads as one, else the text (refused, with its field). */
function numberOrText(text: string): number | string | null {
  if (text.trim() === "") return null;
  const parsed = parseDecimal(text);
  return parsed.ok ? parsed.value : text;
}

function wholeOrText(text: string, emptyAs: number | null): number | string | null {
  const trimmed = text.trim();
  if (trimmed === "") return emptyAs;
  const parsed = parseDecimal(trimmed);
  return parsed.ok && Number.isInteger(parsed.value) ? parsed.value : trimmed;
}

function configOf(q: EditorQuestion): Record<string, unknown> {
  const options = q.options.map((o) => ({ value: o.value, label: o.label }));
  switch (q.type) {
    case "number":
      return { type: q.type, unit: q.unit, min: numberOrText(q.min), max: numberOrText(q.max), decimals: q.decimals };
    case "percent":
      return { type: q.type, decimals: q.decimals };
    case "single_choice":
      return { type: q.type, options };
    case "multiple_choice":
      return { type: q.type, options, allowOther: q.allowOther, maxChoices: wholeOrText(q.maxChoices, null) };
    case "short_text":
    case "long_text":
      return { type: q.type, maxLength: wholeOrText(q.maxLength, q.type === "short_text" ? SHORT_TEXT_MAX : LONG_TEXT_DEFAULT) };
    case "indicator":
      return { type: q.type, indicatorCode: q.indicatorCode };
    default:
      return { type: q.type };
  }
}

/** Which uid each index of the document stands for, to put the save's field errors back on their fields. */
export interface SentOrder {
  sections: string[];
  questions: string[];
  /** Option uids of each question (by question uid), in order. */
  options: Record<string, string[]>;
}

/** The document the save action checks, and the order it was sent in. */
export function toDocument(draft: EditorDraft): { document: unknown; order: SentOrder } {
  const sectionKey = new Map(draft.sections.map((s) => [s.uid, s.key]));
  const ordered = orderedQuestions(draft);
  const questionKey = new Map(ordered.map((q) => [q.uid, q.key]));
  return {
    document: {
      title: draft.title,
      description: draft.description,
      sections: draft.sections.map((s) => ({ key: s.key, title: s.title })),
      questions: ordered.map((q) => ({
        key: q.key,
        sectionKey: sectionKey.get(q.sectionUid) ?? "",
        type: q.type,
        label: q.label,
        help: q.help,
        required: q.required,
        // Only text answers can be needs; the flag stays in the editor if the type changes back.
        isNeed: q.isNeed && (q.type === "short_text" || q.type === "long_text"),
        config: configOf(q),
        showWhen: q.showWhen ? { question: questionKey.get(q.showWhen.uid) ?? "", equals: q.showWhen.equals } : null,
      })),
    },
    order: {
      sections: draft.sections.map((s) => s.uid),
      questions: ordered.map((q) => q.uid),
      options: Object.fromEntries(ordered.map((q) => [q.uid, q.options.map((o) => o.uid)])),
    },
  };
}

/**
 * A field's name in the editor: `title.en`, `s:<uid>:key`, `q:<uid>:label.bn`, `o:<uid>:value`;
 * a whole section or question is `s:<uid>:` / `q:<uid>:`.
 */
export const sectionField = (uid: string, path = "") => `s:${uid}:${path}`;
export const questionField = (uid: string, path = "") => `q:${uid}:${path}`;
export const optionField = (uid: string, path = "") => `o:${uid}:${path}`;

/** The DOM id of a field (letters, digits and dashes). */
export const domId = (field: string) => `qd-${field.replace(/[^A-Za-z0-9_]+/g, "-")}`;

/** The save's field errors (paths of the document sent) by the editor's field names; the first problem of each. */
export function errorsByField(fieldErrors: Readonly<Record<string, readonly string[]>>, order: SentOrder): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, keys] of Object.entries(fieldErrors)) {
    const [first] = keys;
    if (!first) continue;
    const field = fieldOf(path, order);
    if (!(field in out)) out[field] = first;
  }
  return out;
}

const INDEX = /^\d+$/;

function fieldOf(path: string, order: SentOrder): string {
  const parts = path.split(".");
  const [head, index, ...rest] = parts;
  if (head === "sections" && index !== undefined && INDEX.test(index)) {
    const uid = order.sections[Number(index)];
    if (uid) return sectionField(uid, rest.join("."));
  }
  if (head === "questions" && index !== undefined && INDEX.test(index)) {
    const uid = order.questions[Number(index)];
    if (uid) {
      const [config, options, optionIndex, ...optionRest] = rest;
      if (config === "config" && options === "options" && optionIndex !== undefined && INDEX.test(optionIndex)) {
        const optionUid = order.options[uid]?.[Number(optionIndex)];
        if (optionUid) return optionField(optionUid, optionRest.join("."));
      }
      return questionField(uid, rest.join("."));
    }
  }
  return path;
}

/** The shorter names a field error may fall back to (`q:u:config.min` → `q:u:config` → `q:u:`), for focusing. */
export function fieldFallbacks(field: string): string[] {
  const match = /^([sqo]:[^:]+:)(.*)$/.exec(field);
  if (!match) {
    const parts = field.split(".");
    return parts.map((_, i) => parts.slice(0, parts.length - i).join("."));
  }
  const [, prefix = "", rest = ""] = match;
  const parts = rest === "" ? [] : rest.split(".");
  return [...parts.map((_, i) => prefix + parts.slice(0, parts.length - i).join(".")), prefix];
}

/** The first `prefix<n>` (n from 1) not in `used`: q1, q2, … for questions, s2 … for sections, o1 … for options. */
export function nextKey(prefix: string, used: Iterable<string>): string {
  const taken = new Set(used);
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The questions a show-when rule of `uid` may name: yes/no and choice questions asked before it. */
export function showWhenSources(draft: Pick<EditorDraft, "sections" | "questions">, uid: string): EditorQuestion[] {
  const ordered = orderedQuestions(draft);
  const at = ordered.findIndex((q) => q.uid === uid);
  return ordered.slice(0, at < 0 ? 0 : at).filter((q) => q.type === "yes_no" || q.type === "single_choice" || q.type === "multiple_choice");
}

/** The answers a show-when rule on `source` may wait for. */
export function showWhenAnswers(source: EditorQuestion): { value: string; label: LocalizedText | null }[] {
  if (source.type === "yes_no") return [{ value: "yes", label: null }, { value: "no", label: null }];
  return source.options.filter((o) => o.value !== "").map((o) => ({ value: o.value, label: o.label }));
}

/** Moves the item with `uid` one place up (-1) or down (+1) among those `within` says belong together. */
export function moveAmong<T extends { uid: string }>(items: readonly T[], uid: string, by: -1 | 1, within: (item: T) => boolean = () => true): T[] {
  const peers = items.map((item, i) => ({ item, i })).filter(({ item }) => within(item));
  const at = peers.findIndex(({ item }) => item.uid === uid);
  const other = peers[at + by];
  const self = peers[at];
  if (at < 0 || !other || !self) return [...items];
  const next = [...items];
  next[self.i] = other.item;
  next[other.i] = self.item;
  return next;
}
