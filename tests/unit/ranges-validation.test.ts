import { describe, expect, it } from "vitest";
import { checkIndicatorRanges } from "@/lib/validation/ranges";

const input = (overrides: Partial<Record<"hardMin" | "hardMax" | "expectedMin" | "expectedMax" | "maxChange", string>> & { expectedPerCapita?: boolean } = {}) => ({
  hardMin: "",
  hardMax: "",
  expectedMin: "",
  expectedMax: "",
  maxChange: "",
  expectedPerCapita: false,
  ...overrides,
});

const issues = (unit: Parameters<typeof checkIndicatorRanges>[0], raw: ReturnType<typeof input>) => {
  const result = checkIndicatorRanges(unit, raw);
  return result.ok ? [] : result.issues.map((i) => `${i.field}:${i.messageKey}`).sort();
};
const parsed = (unit: Parameters<typeof checkIndicatorRanges>[0], raw: ReturnType<typeof input>) => {
  const result = checkIndicatorRanges(unit, raw);
  return result.ok ? result.value : result.issues;
};

describe("plausible ranges an administrator edits", () => {
  it("accepts empty fields, local digits and a consistent set", () => {
    expect(parsed("percent", input())).toEqual({ hardMin: null, hardMax: null, expectedMin: null, expectedMax: null, maxChange: null, expectedPerCapita: false });
    expect(parsed("count", input({ hardMin: "0", hardMax: "২০০০", expectedMin: "0", expectedMax: "१०", expectedPerCapita: true, maxChange: "3" }))).toEqual({ hardMin: 0, hardMax: 2000, expectedMin: 0, expectedMax: 10, maxChange: 3, expectedPerCapita: true });
  });

  it("reports every problem at once", () => {
    expect(issues("percent", input({ hardMin: "60", hardMax: "40", expectedMin: "-5", expectedMax: "150", maxChange: "0" }))).toEqual(
      ["expectedMax:validation.range.percent", "expectedMin:validation.range.percent", "hardMax:validation.ranges.order", "maxChange:validation.ranges.maxChangePositive"].sort(),
    );
    expect(issues("percent", input({ hardMin: "10", hardMax: "90", expectedMin: "5", expectedMax: "95", expectedPerCapita: true }))).toEqual(
      ["expectedMax:validation.ranges.expectedInsideHard", "expectedMin:validation.ranges.expectedInsideHard", "expectedPerCapita:validation.ranges.perCapitaCounts"].sort(),
    );
    expect(issues("count", input({ hardMax: "1e25", expectedMin: "0x32", maxChange: "1" }))).toEqual(["expectedMin:validation.number", "hardMax:validation.number", "maxChange:validation.ranges.maxChangeRatio"].sort());
    expect(issues("count", input({ hardMax: "20000000" }))).toEqual(["hardMax:validation.ranges.countBounds"]);
  });
});
