import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import bn from "@/messages/bn.json";
import ne from "@/messages/ne.json";
import { formatMessage, subsetTranslator, translator } from "@/lib/i18n/messages";

const catalogues = { en: en as Record<string, string>, bn: bn as Record<string, string>, ne: ne as Record<string, string> };

/** The argument names of a message: `{name}` and `{name, plural, …}`, nested ones included. */
function argumentsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*(\w+)\s*(?:,\s*plural\s*,|\})/g)].map((m) => m[1] as string))].sort();
}
/** The text outside plural arguments (inside them, "# cities" is the plural's own business). */
function withoutPlurals(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const rest = text.slice(i);
    if (/^\{\s*\w+\s*,\s*plural\s*,/.test(rest)) {
      let depth = 0;
      for (; i < text.length; i++) {
        if (text[i] === "{") depth++;
        else if (text[i] === "}" && --depth === 0) break;
      }
      continue;
    }
    out += text[i];
  }
  return out;
}
const pluralArguments = (text: string) => [...text.matchAll(/\{\s*(\w+)\s*,\s*plural\s*,/g)].map((m) => m[1] as string);

describe("ICU plurals", () => {
  const tEn = translator("en");
  const tBn = translator("bn");
  const tNe = translator("ne");

  it("picks English one/other", () => {
    expect(tEn("entry.saved", { count: 1 })).toBe("Saved 1 value as a draft.");
    expect(tEn("entry.saved", { count: 0 })).toBe("Saved 0 values as drafts.");
    expect(tEn("entry.saved", { count: 2 })).toBe("Saved 2 values as drafts.");
    expect(tEn("entry.saved", { count: 1234 })).toBe("Saved 1,234 values as drafts.");
    expect(tEn("cities.tableCaption", { count: 1 })).toBe("1 city");
    expect(tEn("cities.tableCaption", { count: 21 })).toBe("21 cities");
    expect(tEn("units.daysValue", { days: "1" })).toBe("1 day");
    // A formatted string still chooses its form: 1.5 is "other" in English.
    expect(tEn("units.daysValue", { days: "1.5" })).toBe("1.5 days");
    expect(tEn("import.saved", { saved: 1, cities: 1 })).toBe("Saved as drafts: 1 value in 1 city.");
    expect(tEn("review.summary", { values: 1, batches: 1 })).toBe("1 value waits for review in 1 city quarter, oldest first.");
  });

  it("fills placeholders nested inside a branch", () => {
    expect(tEn("dashboard.histogramSummary", { withIndex: 1, count: 20, range: "40–60", n: 1 })).toBe("1 of 20 cities has a CWIS index; the most common range is 40–60 (1 city).");
    expect(tEn("dashboard.histogramSummary", { withIndex: 3, count: 20, range: "40–60", n: 2 })).toBe("3 of 20 cities have a CWIS index; the most common range is 40–60 (2 cities).");
  });

  it("uses Nepali rules (one for 1 only) with Devanagari digits", () => {
    expect(tNe("entry.saved", { count: 1 })).toBe("१ मान मस्यौदाका रूपमा सुरक्षित भयो।");
    expect(tNe("entry.saved", { count: 3 })).toBe("३ मान मस्यौदाका रूपमा सुरक्षित भए।");
    expect(tNe("entry.saved", { count: 0 })).toBe("० मान मस्यौदाका रूपमा सुरक्षित भए।");
    expect(tNe("cities.tableCaption", { count: 1 })).toBe("१ सहर");
    expect(tNe("cities.tableCaption", { count: 5 })).toBe("५ सहरहरू");
    // A number already formatted in Devanagari digits is read back for the choice.
    expect(tNe("cities.tableCaption", { count: "१" })).toBe("१ सहर");
  });

  it("uses Bangla rules with Bangla digits", () => {
    expect(new Intl.PluralRules("bn-BD").select(0)).toBe("one");
    expect(tBn("entry.saved", { count: 1 })).toBe("১টি মান খসড়া হিসেবে সংরক্ষিত হয়েছে।");
    expect(tBn("entry.saved", { count: 12 })).toBe("১২টি মান খসড়া হিসেবে সংরক্ষিত হয়েছে।");
    expect(tBn("cities.tableCaption", { count: 21 })).toBe("২১টি শহর");
  });

  it("chooses =N before the rules, and leaves other braces and # alone", () => {
    const template = "{n, plural, =0 {no files} one {# file} other {# files}} · #{id}";
    expect(formatMessage(template, { n: 0, id: 7 })).toBe("no files · #7");
    expect(formatMessage(template, { n: 1, id: 7 })).toBe("1 file · #7");
    expect(formatMessage(template, { n: 2, id: 7 }, "ne")).toBe("२ files · #७");
    expect(formatMessage("{x, plural, one {a}}", { x: 1 })).toBe("{x, plural, one {a}}");
    expect(formatMessage("{missing} stays", {})).toBe("{missing} stays");
  });

  it("works in a client component's subset", () => {
    const tr = subsetTranslator({ "entry.unsavedCount": tNe("entry.unsavedCount") }, "ne");
    expect(tr("entry.unsavedCount", { count: 1 })).toBe("१ परिवर्तित मान अझै सुरक्षित भएको छैन");
    expect(tr("entry.unsavedCount", { count: 4 })).toBe("४ परिवर्तित मान अझै सुरक्षित भएका छैनन्");
  });
});

describe("count messages in the catalogues", () => {
  it("no English message writes a plural by hand", () => {
    const handWritten = Object.entries(en).filter(([, text]) => /\(s\)|\{\w+\} (values|cities|drafts|events|users|days|indicators|browsers|seats|groups|problems|quarters)\b/.test(withoutPlurals(text)));
    expect(handWritten).toEqual([]);
  });

  it.each(["bn", "ne"] as const)("%s uses the same arguments as English, and a plural wherever English has one", (locale) => {
    for (const [key, english] of Object.entries(en)) {
      const text = catalogues[locale][key] ?? "";
      expect(argumentsOf(text), key).toEqual(argumentsOf(english));
      if (pluralArguments(english).length > 0) expect(pluralArguments(text).length, key).toBeGreaterThan(0);
    }
  });

  it.each(["en", "bn", "ne"] as const)("every %s plural has an `other` branch and fills for 0, 1, 2, 5 and 1.5", (locale) => {
    const t = translator(locale);
    for (const [key, text] of Object.entries(catalogues[locale])) {
      const names = pluralArguments(text);
      if (names.length === 0) continue;
      for (const n of [0, 1, 2, 5, 1.5]) {
        const vars = Object.fromEntries(argumentsOf(text).map((name) => [name, names.includes(name) ? n : "X"]));
        const out = t(key as keyof typeof en, vars);
        expect(out, `${locale} ${key} ${n}`).not.toMatch(/plural|[{}#]/);
      }
    }
  });
});
