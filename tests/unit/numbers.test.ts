import { describe, expect, it } from "vitest";
import { parseDecimal, toAsciiDigits } from "@/lib/numbers";
import { isMessageKey } from "@/lib/i18n/messages";

// [input, value] — what people type in each interface language (en: ASCII, bn: Bangla digits,
// ne: Devanagari digits), with a point as the decimal mark.
const ACCEPTED: [string, number][] = [
  // en
  ["70", 70],
  ["70.5", 70.5],
  ["  70.5\t", 70.5],
  ["+3", 3],
  ["-5", -5],
  ["\u22125", -5],
  ["0", 0],
  ["-0", 0],
  [".5", 0.5],
  ["5.", 5],
  ["007", 7],
  ["1,234", 1234],
  ["1,234,567", 1234567],
  ["1,234,567.25", 1234567.25],
  ["12,34,567", 1234567],
  ["1,00,000", 100000],
  ["1,23,45,678.5", 12345678.5],
  ["0.000001", 0.000001],
  // bn
  ["৭০.৫", 70.5],
  ["১২৩", 123],
  ["১,২৩,৪৫৬", 123456],
  ["−৫", -5],
  ["০", 0],
  // ne
  ["७०.५", 70.5],
  ["१२,३४,५६७", 1234567],
  ["९९९", 999],
];

// [input, reason] — refused in every convention unless it says otherwise.
const REFUSED: [string, string][] = [
  ["", "empty"],
  ["   ", "blank"],
  ["0x32", "hex"],
  ["0X32", "hex"],
  ["0b11", "binary literal"],
  ["0o17", "octal literal"],
  ["1e25", "exponent"],
  ["1e+25", "exponent with sign"],
  ["1E-3", "exponent"],
  ["1e308", "exponent"],
  ["Infinity", "Infinity"],
  ["-Infinity", "Infinity"],
  ["NaN", "NaN"],
  ["abc", "letters"],
  ["12a", "trailing letter"],
  ["७०kg", "unit after Devanagari digits"],
  ["৭০%", "percent sign"],
  ["1,2,3", "misplaced separators"],
  ["12,3456", "misplaced separators"],
  ["1,23", "group of two at the end"],
  [",123", "leading separator"],
  ["1,234,", "trailing separator"],
  ["1,,234", "double separator"],
  ["1,234,56,789", "mixed grouping"],
  ["1.2.3", "two decimal marks"],
  ["1.234.567", "points as thousands without decimalComma"],
  ["1.5,2", "separator after the decimal mark"],
  ["1,5", "decimal comma without decimalComma"],
  ["1 234", "space as thousands without decimalComma"],
  ["--5", "two signs"],
  ["+-5", "two signs"],
  ["5-", "sign after"],
  ["-", "sign only"],
  [".", "mark only"],
  ["1" + "0".repeat(400), "absurdly long"],
  ["৭০,৫", "decimal comma in Bangla without decimalComma"],
];

describe("parseDecimal: accepted", () => {
  it.each(ACCEPTED)("%j → %d", (input, value) => {
    const parsed = parseDecimal(input);
    expect(parsed).toEqual({ ok: true, value });
    if (parsed.ok) expect(Object.is(parsed.value, -0)).toBe(false);
  });
});

describe("parseDecimal: refused", () => {
  it.each(REFUSED)("%j (%s)", (input) => {
    const parsed = parseDecimal(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(isMessageKey(parsed.messageKey)).toBe(true);
  });
});

describe("parseDecimal with decimalComma", () => {
  const accepted: [string, number][] = [
    ["70,5", 70.5],
    ["70", 70],
    ["1.234,5", 1234.5],
    ["1.234.567,25", 1234567.25],
    ["12.34.567", 1234567],
    ["1 234,5", 1234.5],
    ["1\u00a0234\u00a0567", 1234567],
    ["1\u202f234,5", 1234.5],
    ["-0,25", -0.25],
    ["৭০,৫", 70.5],
    ["७०,५", 70.5],
    [",5", 0.5],
  ];
  it.each(accepted)("%j → %d", (input, value) => {
    expect(parseDecimal(input, { decimalComma: true })).toEqual({ ok: true, value });
  });

  const refused = ["70.5", "1,234,5", "1.234 567,5", "1.23,5", "1,2,3", "0x32", "1e25", "1,5e3", "Infinity", "", "1 23,5"];
  it.each(refused)("refuses %j", (input) => {
    expect(parseDecimal(input, { decimalComma: true }).ok).toBe(false);
  });

  it("says a misplaced separator is one, not that the text is no number", () => {
    expect(parseDecimal("12,3456")).toEqual({ ok: false, messageKey: "validation.numberSeparators" });
    expect(parseDecimal("1.2.3")).toEqual({ ok: false, messageKey: "validation.numberSeparators" });
    expect(parseDecimal("0x32")).toEqual({ ok: false, messageKey: "validation.number" });
  });
});

describe("toAsciiDigits", () => {
  it("maps Bangla and Devanagari digits and leaves the rest", () => {
    expect(toAsciiDigits("০১২৩৪৫৬৭৮৯")).toBe("0123456789");
    expect(toAsciiDigits("०१२३४५६७८९")).toBe("0123456789");
    expect(toAsciiDigits("2025-Q৩ abc")).toBe("2025-Q3 abc");
  });
});
