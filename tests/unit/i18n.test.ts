import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import bn from "@/messages/bn.json";
import ne from "@/messages/ne.json";
import { localeFromAcceptLanguage } from "@/lib/i18n/config";
import { formatters, subsetTranslator, translator } from "@/lib/i18n/messages";

// Argument names: `{name}` and ICU plurals' `{name, plural, …}` (a language may put the plural on another argument).
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\s*(\w+)\s*(?:,\s*plural\s*,|\})/g)].map((m) => m[1]))].sort();

describe.each([
  ["bn", bn as Record<string, string>],
  ["ne", ne as Record<string, string>],
])("%s catalogue", (_locale, catalogue) => {
  it("has every English key, and no others", () => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
  });

  it("keeps every placeholder", () => {
    for (const [key, english] of Object.entries(en)) {
      expect(placeholders(catalogue[key] ?? ""), key).toEqual(placeholders(english));
    }
  });

  it("is translated, not copied from English", () => {
    const copied = Object.entries(en).filter(([key, english]) => catalogue[key] === english && /[a-z]{3}/i.test(english.replace(/\{\w+\}|CWIS/g, "")));
    expect(copied).toEqual([]);
  });
});

describe("translator", () => {
  it("fills placeholders and formats numbers for the locale", () => {
    expect(translator("en")("pagination.pageOf", { page: 2, pages: 10 })).toBe("Page 2 of 10");
    expect(translator("bn")("pagination.pageOf", { page: 2, pages: 10 })).toContain("১০");
    expect(translator("ne")("pagination.pageOf", { page: 2, pages: 10 })).toContain("१०");
  });

  it("shows the generic error for a key that is not in the subset", () => {
    const tr = subsetTranslator({ "errors.unexpected": "Oops" });
    expect(tr("not.a.key")).toBe("Oops");
    expect(tr("users.created", { email: "a@b.c" })).toBe("Oops");
  });
});

describe("formatters", () => {
  it("use Bangla and Devanagari digits", () => {
    expect(formatters("bn").number(1234.5)).toBe("১,২৩৪.৫");
    expect(formatters("ne").number(1234.5)).toBe("१,२३४.५");
    expect(formatters("en").number(1234.5)).toBe("1,234.5");
  });
});

describe("Accept-Language", () => {
  it.each([
    ["bn-BD,bn;q=0.9,en;q=0.8", "bn"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR, ne;q=0.5", "ne"],
    ["en;q=0.2, ne-NP;q=0.9", "ne"],
    ["fr", null],
    ["", null],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
