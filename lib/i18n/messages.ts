import en from "@/messages/en.json";
import bn from "@/messages/bn.json";
import ne from "@/messages/ne.json";
import { INTL_LOCALE, type Locale } from "./config";

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
  const number = new Intl.NumberFormat(INTL_LOCALE[locale]);
  return (key, vars) => {
    const template = catalogue[key] ?? en[key] ?? key;
    return vars ? interpolate(template, vars, number) : template;
  };
}

function interpolate(template: string, vars: Record<string, string | number>, number: Intl.NumberFormat): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? number.format(value) : value;
  });
}

/** Translates a key that came from data (an action result, a zod issue), falling back to a generic message. */
export function translateKey(t: Translate, key: string | undefined, fallback: MessageKey = "errors.unexpected"): string {
  return key && isMessageKey(key) ? t(key) : t(fallback);
}

export interface Formatters {
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  date: (value: Date | string, options?: Intl.DateTimeFormatOptions) => string;
  dateTime: (value: Date | string) => string;
}

export function formatters(locale: Locale): Formatters {
  const tag = INTL_LOCALE[locale];
  const toDate = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);
  return {
    number: (value, options) => new Intl.NumberFormat(tag, options).format(value),
    date: (value, options = { dateStyle: "medium" }) => new Intl.DateTimeFormat(tag, { timeZone: "UTC", ...options }).format(toDate(value)),
    dateTime: (value) => new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Dhaka" }).format(toDate(value)),
  };
}

/** A subset of translated messages to hand to a client component (keeps the whole catalogue off the wire). */
export type MessageSubset = Partial<Record<MessageKey, string>>;

export function pickMessages(t: Translate, keys: readonly MessageKey[]): MessageSubset {
  return Object.fromEntries(keys.map((key) => [key, t(key)]));
}

/** Client-side lookup in a subset; an unknown key (from an action result) shows the generic error. */
export function subsetTranslator(messages: MessageSubset, locale: Locale = "en"): (key: string, vars?: Record<string, string | number>) => string {
  const number = new Intl.NumberFormat(INTL_LOCALE[locale]);
  return (key, vars) => {
    const template = (isMessageKey(key) ? messages[key] : undefined) ?? messages["errors.unexpected"] ?? key;
    return vars ? interpolate(template, vars, number) : template;
  };
}

/** A short column label for a component, falling back to its full name for codes added later. */
export function componentShortName(t: Translate, code: string, fullName: string): string {
  const key = `components.short.${code}`;
  return isMessageKey(key) ? t(key) : fullName;
}
