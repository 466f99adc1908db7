import en from "@/messages/en.json";
import bn from "@/messages/bn.json";
import ne from "@/messages/ne.json";
import { INTL_LOCALE, type Locale } from "./config";
import type { TimeZone } from "@/lib/domain";
import { dateTimeFormat, isCalendarDate, timeZoneForLocale, timeZoneNameKey } from "@/lib/time";

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

// bn and ne are checked against en by tests/unit/i18n.test.ts; a missing key falls back to English.
const CATALOGUES: Record<Locale, Partial<Messages>> = { en, bn, ne };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The catalogue key a zod issue carries; zod's own English messages become a generic one. */
export function messageKeyOf(issue: { message: string }): MessageKey {
  return isMessageKey(issue.message) ? issue.message : "validation.invalid";
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  const context = interpolation(locale);
  return (key, vars) => {
    const template = catalogue[key] ?? en[key] ?? key;
    return vars ? interpolate(template, vars, context) : template;
  };
}

interface Interpolation {
  number: Intl.NumberFormat;
  plural: Intl.PluralRules;
}

const interpolations = new Map<Locale, Interpolation>();

function interpolation(locale: Locale): Interpolation {
  let context = interpolations.get(locale);
  if (!context) {
    context = { number: new Intl.NumberFormat(INTL_LOCALE[locale]), plural: new Intl.PluralRules(INTL_LOCALE[locale]) };
    interpolations.set(locale, context);
  }
  return context;
}

const LOCAL_DIGITS: Record<string, string> = Object.fromEntries(
  [..."০১২৩৪৫৬৭৮৯"].map((d, i) => [d, String(i)]).concat([..."०१२३४५६७८९"].map((d, i) => [d, String(i)])),
);

/** The number a variable stands for, for choosing a plural form: callers sometimes pass a formatted string ("১,২৩৪.৫"). */
function numberOf(value: string | number): number {
  if (typeof value === "number") return value;
  const ascii = [...value].map((c) => LOCAL_DIGITS[c] ?? c).join("").replace(/[,\s\u00a0]/g, "");
  return /^-?\d+(\.\d+)?$/.test(ascii) ? Number(ascii) : NaN;
}

/** The index of the `}` that closes the `{` at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

const SIMPLE_ARGUMENT = /^\s*(\w+)\s*$/;
const PLURAL_ARGUMENT = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/;
const PLURAL_SELECTOR = /\s*(=\d+(?:\.\d+)?|zero|one|two|few|many|other)\s*$/;

/** `one {# value} other {# values}` → selector → text, or null when the branches are not well formed. */
function pluralBranches(body: string): Map<string, string> | null {
  const branches = new Map<string, string>();
  let rest = body;
  while (rest.trim() !== "") {
    const open = rest.indexOf("{");
    if (open < 0) return null;
    const selector = PLURAL_SELECTOR.exec(rest.slice(0, open));
    const close = closingBrace(rest, open);
    if (!selector?.[1] || close < 0 || rest.slice(0, open).trim() !== selector[1]) return null;
    branches.set(selector[1], rest.slice(open + 1, close));
    rest = rest.slice(close + 1);
  }
  return branches.has("other") ? branches : null;
}

/**
 * Fills `{name}` placeholders (numbers in the language's digits) and ICU plural arguments:
 * `{count, plural, =0 {none} one {# value} other {# values}}` picks the branch by the language's
 * plural rules (Intl.PluralRules; `=N` matches exactly first) and writes the number for `#`.
 * Anything else in braces is left as written.
 */
function interpolate(template: string, vars: Record<string, string | number>, context: Interpolation, hash?: string): string {
  if (!template.includes("{") && (hash === undefined || !template.includes("#"))) return template;
  let out = "";
  let i = 0;
  while (i < template.length) {
    const char = template[i] as string;
    if (char === "#" && hash !== undefined) {
      out += hash;
      i++;
      continue;
    }
    if (char !== "{") {
      out += char;
      i++;
      continue;
    }
    const close = closingBrace(template, i);
    if (close < 0) {
      out += template.slice(i);
      break;
    }
    const inner = template.slice(i + 1, close);
    const whole = template.slice(i, close + 1);
    i = close + 1;
    const simple = SIMPLE_ARGUMENT.exec(inner);
    if (simple?.[1]) {
      const value = vars[simple[1]];
      out += value === undefined ? whole : typeof value === "number" ? context.number.format(value) : value;
      continue;
    }
    const plural = PLURAL_ARGUMENT.exec(inner);
    const branches = plural?.[1] && plural[2] !== undefined ? pluralBranches(plural[2]) : null;
    const value = plural?.[1] ? vars[plural[1]] : undefined;
    if (!branches || value === undefined) {
      out += whole;
      continue;
    }
    const n = numberOf(value);
    const branch = branches.get(`=${n}`) ?? (Number.isNaN(n) ? undefined : branches.get(context.plural.select(n))) ?? (branches.get("other") as string);
    out += interpolate(branch, vars, context, typeof value === "number" ? context.number.format(value) : value);
  }
  return out;
}

/** Fills a message template as `t` does (placeholders and plurals), for a template already in hand (tests, previews). */
export function formatMessage(template: string, vars: Record<string, string | number>, locale: Locale = "en"): string {
  return interpolate(template, vars, interpolation(locale));
}

/** Translates a key that came from data (an action result, a zod issue), falling back to a generic message. */
export function translateKey(t: Translate, key: string | undefined, fallback: MessageKey = "errors.unexpected"): string {
  return key && isMessageKey(key) ? t(key) : t(fallback);
}

export interface Formatters {
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** A calendar day: a `YYYY-MM-DD` string as written, an instant as its day in the reader's zone. */
  date: (value: Date | string, options?: Intl.DateTimeFormatOptions) => string;
  /** "3 Dec 2026, 20:44" in the reader's zone; with `zone`, named: "3 Dec 2026, 20:44 (Kathmandu time)". */
  dateTime: (value: Date | string, options?: { zone?: boolean }) => string;
  /** The zone times are shown in, and its name in the reader's language ("Kathmandu time"). */
  timeZone: TimeZone;
  zoneName: string;
}

/** Formatters for the language and the reader's zone (without one: the zone the language suggests). */
export function formatters(locale: Locale, timeZone: TimeZone = timeZoneForLocale(locale)): Formatters {
  const tag = INTL_LOCALE[locale];
  const t = translator(locale);
  const toDate = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);
  const zoneName = t(timeZoneNameKey(timeZone));
  return {
    number: (value, options) => new Intl.NumberFormat(tag, options).format(value),
    date: (value, options = { dateStyle: "medium" }) => new Intl.DateTimeFormat(tag, { timeZone: isCalendarDate(value) ? "UTC" : timeZone, ...options }).format(toDate(value)),
    dateTime: (value, options) => {
      const text = dateTimeFormat(tag, timeZone).format(toDate(value));
      return options?.zone ? t("time.withZone", { time: text, zone: zoneName }) : text;
    },
    timeZone,
    zoneName,
  };
}

/** A subset of translated messages to hand to a client component (keeps the whole catalogue off the wire). */
export type MessageSubset = Partial<Record<MessageKey, string>>;

export function pickMessages(t: Translate, keys: readonly MessageKey[]): MessageSubset {
  return Object.fromEntries(keys.map((key) => [key, t(key)]));
}

/** Client-side lookup in a subset; an unknown key (from an action result) shows the generic error. */
export function subsetTranslator(messages: MessageSubset, locale: Locale = "en"): (key: string, vars?: Record<string, string | number>) => string {
  const context = interpolation(locale);
  return (key, vars) => {
    const template = (isMessageKey(key) ? messages[key] : undefined) ?? messages["errors.unexpected"] ?? key;
    return vars ? interpolate(template, vars, context) : template;
  };
}

/** A short column label for a component, falling back to its full name for codes added later. */
export function componentShortName(t: Translate, code: string, fullName: string): string {
  const key = `components.short.${code}`;
  return isMessageKey(key) ? t(key) : fullName;
}
