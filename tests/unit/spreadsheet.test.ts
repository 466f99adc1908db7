import { describe, expect, it } from "vitest";
import { sheetName } from "@/lib/spreadsheet";

describe("worksheet names", () => {
  it("drops the characters Excel refuses, keeps 31 characters, falls back when nothing is left", () => {
    expect(sheetName("Needs: [2026/Q4]?", "Sheet")).toBe("Needs   2026 Q4");
    expect(sheetName("x".repeat(40), "Sheet")).toHaveLength(31);
    expect(sheetName("[]*", "Registrations")).toBe("Registrations");
  });

  it("keeps names unique in a workbook, whatever their case", () => {
    const taken = new Set<string>();
    expect([sheetName("Progress", "Sheet", taken), sheetName("progress", "Sheet", taken), sheetName("PROGRESS", "Sheet", taken)]).toEqual(["Progress", "progress (2)", "PROGRESS (3)"]);
  });
});
