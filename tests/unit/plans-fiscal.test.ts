import { describe, expect, it } from "vitest";
import {
  FISCAL_YEAR_PATTERN,
  currentFiscalYear,
  fiscalYearLabels,
  fiscalYearOf,
  fiscalYearRange,
  isFiscalYearLabel,
  nepaliFiscalLabel,
  parseFiscalYear,
  quartersOfFiscalYear,
} from "@/lib/plans/fiscal";

/**
 * 1 Shrawan of each BS year, as nepali-date-converter 3.4.0 gives it. Checked against two other
 * tables built independently (bikram-sambat 1.8.1 and nepali-date-library 1.1.16, identical for
 * every year here) and against Nepal's budget years: FY 2081/82 began on 16 July 2024, FY 2082/83
 * on 17 July 2025. Past BS 2084 those tables start to disagree (projections, not yet published),
 * so no later year is pinned.
 */
const SHRAWAN_FIRST: Record<number, string> = {
  2075: "2018-07-17",
  2076: "2019-07-17",
  2077: "2020-07-16",
  2078: "2021-07-16",
  2079: "2022-07-17",
  2080: "2023-07-17",
  2081: "2024-07-16",
  2082: "2025-07-17",
  2083: "2026-07-17",
  2084: "2027-07-17",
};

const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe("fiscal year labels", () => {
  it("parses FY2026-27 and the century turn", () => {
    expect(parseFiscalYear("FY2026-27")).toEqual({ startYear: 2026 });
    expect(parseFiscalYear("FY2000-01")).toEqual({ startYear: 2000 });
    expect(parseFiscalYear("FY2099-00")).toEqual({ startYear: 2099 });
    expect(isFiscalYearLabel("FY2026-27")).toBe(true);
  });

  it("refuses malformed labels", () => {
    for (const label of ["FY2026-28", "FY2026-26", "FY2026-2027", "FY26-27", "fy2026-27", "FY 2026-27", " FY2026-27", "FY2026-27 ", "2026-27", "FY2026/27", "FY1999-00", "FY2100-01", ""]) {
      expect(parseFiscalYear(label), label).toBeNull();
      expect(isFiscalYearLabel(label), label).toBe(false);
    }
    expect(isFiscalYearLabel(2026)).toBe(false);
  });

  it("the pattern checks the shape only, for zod's regex()", () => {
    expect(FISCAL_YEAR_PATTERN.test("FY2026-27")).toBe(true);
    expect(FISCAL_YEAR_PATTERN.test("FY2026-28")).toBe(true); // refine with isFiscalYearLabel
    expect(FISCAL_YEAR_PATTERN.test("FY2026-2027")).toBe(false);
  });

  it("names the BS years of a Nepali fiscal year", () => {
    expect(nepaliFiscalLabel("FY2026-27")).toBe("2083/84");
    expect(nepaliFiscalLabel("FY2042-43")).toBe("2099/00");
    expect(nepaliFiscalLabel("FY2043-44")).toBe("2100/01");
    expect(nepaliFiscalLabel("FY2026-28")).toBeNull();
  });
});

describe("Bangladesh: 1 July – 30 June", () => {
  it("has the range of the label", () => {
    expect(fiscalYearRange("FY2026-27", "BD")).toEqual({ start: "2026-07-01", end: "2027-06-30" });
    expect(fiscalYearRange("FY2099-00", "BD")).toEqual({ start: "2099-07-01", end: "2100-06-30" });
    expect(fiscalYearRange("FY2026-28", "BD")).toBeNull();
  });

  it("puts 30 June and 1 July in different years", () => {
    expect(fiscalYearOf("BD", "2026-06-30")).toBe("FY2025-26");
    expect(fiscalYearOf("BD", "2026-07-01")).toBe("FY2026-27");
    expect(fiscalYearOf("BD", "2027-01-15")).toBe("FY2026-27");
    expect(fiscalYearOf("BD", "2027-06-30")).toBe("FY2026-27");
    expect(fiscalYearOf("BD", "2000-07-01")).toBe("FY2000-01");
    // FY1999-00 is outside the labels' years.
    expect(fiscalYearOf("BD", "2000-06-30")).toBeNull();
  });

  it("takes today in Dhaka (+06:00)", () => {
    expect(currentFiscalYear("BD", new Date("2026-06-30T17:59:00Z"))).toBe("FY2025-26"); // 23:59 on 30 June
    expect(currentFiscalYear("BD", new Date("2026-06-30T18:00:00Z"))).toBe("FY2026-27"); // 00:00 on 1 July
  });

  it("is reported by the four quarters from July to June", () => {
    expect(quartersOfFiscalYear("FY2026-27", "BD")).toEqual(["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]);
  });
});

describe("Nepal: 1 Shrawan – the last day of Ashadh", () => {
  it("starts FY2026-27 on 1 Shrawan 2083 and ends it the day before 1 Shrawan 2084", () => {
    expect(fiscalYearRange("FY2026-27", "NP")).toEqual({ start: "2026-07-17", end: "2027-07-16" });
  });

  it("matches the checked table of 1 Shrawan dates, BS 2075–2084", () => {
    for (let startYear = 2018; startYear <= 2026; startYear++) {
      const start = SHRAWAN_FIRST[startYear + 57];
      const next = SHRAWAN_FIRST[startYear + 58];
      if (!start || !next) throw new Error(`table gap at ${startYear}`);
      const label = `FY${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`;
      expect(fiscalYearRange(label, "NP"), label).toEqual({ start, end: dayBefore(next) });
    }
  });

  it("puts 15, 16 and 17 July where the year turns", () => {
    // 1 Shrawan 2081 = 16 July 2024.
    expect(fiscalYearOf("NP", "2024-07-15")).toBe("FY2023-24");
    expect(fiscalYearOf("NP", "2024-07-16")).toBe("FY2024-25");
    // 1 Shrawan 2082 = 17 July 2025.
    expect(fiscalYearOf("NP", "2025-07-16")).toBe("FY2024-25");
    expect(fiscalYearOf("NP", "2025-07-17")).toBe("FY2025-26");
    // 1 Shrawan 2083 = 17 July 2026.
    expect(fiscalYearOf("NP", "2026-07-15")).toBe("FY2025-26");
    expect(fiscalYearOf("NP", "2026-07-16")).toBe("FY2025-26");
    expect(fiscalYearOf("NP", "2026-07-17")).toBe("FY2026-27");
    expect(fiscalYearOf("NP", "2027-03-01")).toBe("FY2026-27");
  });

  it("takes today in Kathmandu (+05:45)", () => {
    expect(currentFiscalYear("NP", new Date("2026-07-16T18:14:00Z"))).toBe("FY2025-26"); // 23:59 on 16 July
    expect(currentFiscalYear("NP", new Date("2026-07-16T18:15:00Z"))).toBe("FY2026-27"); // 00:00 on 17 July
    // Dhaka's 1 July is no turn in Nepal.
    expect(currentFiscalYear("NP", new Date("2026-07-01T06:00:00Z"))).toBe("FY2025-26");
  });

  it("has no range where the BS table ends (BS 2090) rather than a guessed one", () => {
    expect(fiscalYearRange("FY2032-33", "NP")).toEqual({ start: "2032-07-16", end: "2033-07-15" });
    expect(fiscalYearRange("FY2033-34", "NP")).toBeNull();
    expect(fiscalYearOf("NP", "2033-07-15")).toBe("FY2032-33");
    expect(fiscalYearOf("NP", "2033-08-01")).toBeNull();
    expect(quartersOfFiscalYear("FY2033-34", "NP")).toBeNull();
    expect(() => currentFiscalYear("NP", new Date("2034-01-01T00:00:00Z"))).toThrow(RangeError);
    // Bangladesh needs no table.
    expect(fiscalYearRange("FY2033-34", "BD")).toEqual({ start: "2033-07-01", end: "2034-06-30" });
  });

  it("counts a quarter when most of its days are inside: the same four quarters, not the July fortnights", () => {
    // 2026-Q3: 17 July – 30 September is 15 + 31 + 30 = 76 of 92 days → in.
    // 2027-Q3: 1 – 16 July is 16 of 92 days → out (it belongs to FY2027-28, 76 of 92).
    expect(quartersOfFiscalYear("FY2026-27", "NP")).toEqual(["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]);
    expect(quartersOfFiscalYear("FY2024-25", "NP")).toEqual(["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]);
  });

  it("never gives one quarter to two years", () => {
    const quarters = ["FY2024-25", "FY2025-26", "FY2026-27", "FY2027-28"].flatMap((label) => quartersOfFiscalYear(label, "NP") ?? []);
    expect(new Set(quarters).size).toBe(quarters.length);
    expect(quarters).toHaveLength(16);
  });
});

describe("malformed days", () => {
  it("have no fiscal year", () => {
    for (const day of ["2026-02-30", "2026-7-1", "2026-07-01T00:00", "", "17/07/2026"]) {
      expect(fiscalYearOf("BD", day), day).toBeNull();
      expect(fiscalYearOf("NP", day), day).toBeNull();
    }
    expect(quartersOfFiscalYear("FY2026-28", "BD")).toBeNull();
  });
});

describe("what a reader sees", () => {
  it("Bangladesh: the label alone, in Bangla digits for bn", () => {
    expect(fiscalYearLabels("FY2026-27", "BD", "en")).toEqual([{ calendar: "gregorian", text: "FY2026-27" }]);
    expect(fiscalYearLabels("FY2026-27", "BD", "bn")).toEqual([{ calendar: "gregorian", text: "FY২০২৬-২৭" }]);
  });

  it("Nepal: the BS years beside the label, first and in Devanagari for ne", () => {
    expect(fiscalYearLabels("FY2026-27", "NP", "en")).toEqual([
      { calendar: "gregorian", text: "FY2026-27" },
      { calendar: "bikram_sambat", text: "2083/84" },
    ]);
    expect(fiscalYearLabels("FY2026-27", "NP", "ne")).toEqual([
      { calendar: "bikram_sambat", text: "२०८३/८४" },
      { calendar: "gregorian", text: "FY२०२६-२७" },
    ]);
    expect(fiscalYearLabels("FY2026-27", "NP", "bn")).toEqual([
      { calendar: "gregorian", text: "FY২০২৬-২৭" },
      { calendar: "bikram_sambat", text: "২০৮৩/৮৪" },
    ]);
  });

  it("nothing for a malformed label", () => {
    expect(fiscalYearLabels("FY2026-28", "NP", "en")).toBeNull();
  });
});
