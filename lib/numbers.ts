/**
 * The one number parser for values people type or send: the data-entry form, the CSV and XLSX
 * imports and numeric strings in the API. A number is a plain decimal — an optional sign, digits
 * (ASCII, Bangla ০–৯ or Devanagari ०–९), at most one decimal mark — with thousands separators
 * only where they belong. Everything JavaScript's Number() would also take (hex, exponents,
 * "Infinity", binary literals, blank text as 0) is refused, so a replayed form post with `0x32`
 * or `1e25` cannot slip a different number through.
 */

export type ParseDecimalResult = { ok: true; value: number } | { ok: false; messageKey: string };

export interface ParseDecimalOptions {
  /**
   * The decimal mark is "," (as in a spreadsheet saved where that is the local convention); the
   * thousands separator is then "." or a space. By default the decimal mark is "." and the
   * thousands separator ",".
   */
  decimalComma?: boolean;
}

const BANGLA_ZERO = 0x09e6;
const DEVANAGARI_ZERO = 0x0966;
const LOCAL_DIGIT = /[\u09e6-\u09ef\u0966-\u096f]/g;

/** Bangla and Devanagari digits become ASCII ones; every other character is left as it is. */
export function toAsciiDigits(text: string): string {
  return text.replace(LOCAL_DIGIT, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= BANGLA_ZERO && code <= BANGLA_ZERO + 9 ? code - BANGLA_ZERO : code - DEVANAGARI_ZERO);
  });
}

// Longer input is not a number anyone types; it also keeps the regular expressions cheap.
const MAX_LENGTH = 64;

// U+2212 is the minus sign typography (and some keyboards) produce instead of the hyphen.
const SIGN = /^[+\-\u2212]/;
// Space-like group marks: a space, a no-break space, a narrow no-break space (French-style 1 234,5).
const SPACE_GROUP = /[ \u00a0\u202f]/;

/**
 * Integer digits with group marks replaced by ",": Western grouping (1,234,567) or South Asian
 * (12,34,567 — the last group three digits, the ones before it two). "1,234" fits both.
 */
const WESTERN = /^\d{1,3}(?:,\d{3})+$/;
const SOUTH_ASIAN = /^\d{1,2}(?:,\d{2})*,\d{3}$/;

/** Where the text goes wrong, as a message key: a separator in the wrong place, or not a number at all. */
const NOT_A_NUMBER = "validation.number";
const BAD_SEPARATORS = "validation.numberSeparators";
const NOT_FINITE = "validation.numberTooLarge";

/**
 * Parses a decimal number. Surrounding whitespace is ignored; empty text is refused (callers
 * decide whether an empty cell means "no value" before calling).
 */
export function parseDecimal(raw: string, options: ParseDecimalOptions = {}): ParseDecimalResult {
  let text = toAsciiDigits(raw.trim());
  if (text === "" || text.length > MAX_LENGTH) return { ok: false, messageKey: NOT_A_NUMBER };

  let negative = false;
  const sign = SIGN.exec(text);
  if (sign) {
    negative = sign[0] !== "+";
    text = text.slice(1);
  }

  const decimalMark = options.decimalComma ? "," : ".";
  // Anything but digits and the marks this convention knows (letters, "x", "e", a second sign,
  // "Infinity") is not a number.
  const allowed = options.decimalComma ? /^[\d., \u00a0\u202f]+$/ : /^[\d.,]+$/;
  if (!allowed.test(text)) return { ok: false, messageKey: NOT_A_NUMBER };

  const parts = text.split(decimalMark);
  if (parts.length > 2) return { ok: false, messageKey: BAD_SEPARATORS };
  const [whole = "", fraction = ""] = parts;
  if (whole === "" && fraction === "") return { ok: false, messageKey: NOT_A_NUMBER };
  // Only digits after the decimal mark: "1.234,5" with decimalComma is fine, "1,5.2" is not.
  if (!/^\d*$/.test(fraction)) return { ok: false, messageKey: BAD_SEPARATORS };

  let digits = whole;
  if (!/^\d*$/.test(whole)) {
    // The group marks of this convention, one kind per number.
    const marks = new Set([...whole.replace(/\d/g, "")].map((c) => (SPACE_GROUP.test(c) ? " " : c)));
    const groupMarks = options.decimalComma ? [".", " "] : [","];
    if (marks.size !== 1 || !groupMarks.includes([...marks][0] ?? "")) return { ok: false, messageKey: BAD_SEPARATORS };
    const normalized = whole.replace(/[^\d]/g, ",");
    if (!WESTERN.test(normalized) && !SOUTH_ASIAN.test(normalized)) return { ok: false, messageKey: BAD_SEPARATORS };
    digits = normalized.replace(/,/g, "");
  }

  const value = Number(`${digits || "0"}.${fraction || "0"}`);
  if (!Number.isFinite(value)) return { ok: false, messageKey: NOT_FINITE };
  // -0 is stored and shown as 0.
  return { ok: true, value: negative && value !== 0 ? -value : value };
}
