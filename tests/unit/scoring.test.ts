import { describe, expect, it } from "vitest";
import { componentScores, cwisIndex, indicatorProgress, lensScores, type ScoredIndicator } from "@/lib/scoring";

// Every expected number below is worked out by hand from the rule in cwis-framework.json.
describe("indicator progress", () => {
  const percent = (target: number) => ({ unit: "percent" as const, direction: "higher_is_better" as const, target, worst: null });

  it("higher is better: (value − floor) / (target − floor), clamped", () => {
    expect(indicatorProgress(percent(80), 60)).toBe(75); // 60/80
    expect(indicatorProgress(percent(90), 45)).toBe(50); // 45/90
    expect(indicatorProgress(percent(80), 95)).toBe(100); // above target
    expect(indicatorProgress(percent(80), 0)).toBe(0);
  });

  it("counts use floor 0: 3 licensed operators of a target of 2 is full marks, 1 is half", () => {
    const count = { unit: "count" as const, direction: "higher_is_better" as const, target: 2, worst: null };
    expect(indicatorProgress(count, 1)).toBe(50);
    expect(indicatorProgress(count, 3)).toBe(100);
  });

  it("lower is better: (worst − value) / (worst − target)", () => {
    const days = { unit: "days" as const, direction: "lower_is_better" as const, target: 2, worst: 30 };
    expect(indicatorProgress(days, 16)).toBe(50); // (30−16)/(30−2) = 14/28
    expect(indicatorProgress(days, 2)).toBe(100);
    expect(indicatorProgress(days, 1)).toBe(100); // better than target
    expect(indicatorProgress(days, 45)).toBe(0); // worse than worst
    const openDefecation = { unit: "percent" as const, direction: "lower_is_better" as const, target: 0, worst: 100 };
    expect(indicatorProgress(openDefecation, 12)).toBe(88);
  });

  it("boolean: yes 100, no 0", () => {
    const yesNo = { unit: "boolean" as const, direction: "higher_is_better" as const, target: 1, worst: null };
    expect(indicatorProgress(yesNo, 1)).toBe(100);
    expect(indicatorProgress(yesNo, 0)).toBe(0);
  });

  it("ratio and score5", () => {
    expect(indicatorProgress({ unit: "ratio", direction: "higher_is_better", target: 0.95, worst: null }, 0.76)).toBeCloseTo(80, 10); // 0.76/0.95
    expect(indicatorProgress({ unit: "score5", direction: "higher_is_better", target: 5, worst: null }, 3)).toBe(60);
  });
});

describe("component scores, coverage and CWIS index", () => {
  // Component 1: a boolean, a percent (target 80) and a lower-is-better days indicator.
  // Component 2: two percents (target 100). Component 3: one count with no value.
  const indicators: ScoredIndicator[] = [
    { id: 1, componentId: 1, unit: "boolean", direction: "higher_is_better", target: 1, worst: null },
    { id: 2, componentId: 1, unit: "percent", direction: "higher_is_better", target: 80, worst: null },
    { id: 3, componentId: 1, unit: "days", direction: "lower_is_better", target: 2, worst: 30 },
    { id: 4, componentId: 2, unit: "percent", direction: "higher_is_better", target: 100, worst: null },
    { id: 5, componentId: 2, unit: "percent", direction: "higher_is_better", target: 100, worst: null },
    { id: 6, componentId: 3, unit: "count", direction: "higher_is_better", target: 5, worst: null },
  ];

  it("averages the indicators that have values; missing ones only lower coverage", () => {
    // c1: boolean yes → 100, 40 % of 80 → 50, indicator 3 missing → score (100+50)/2 = 75, coverage 2/3.
    // c2: 30 → 30, 70 → 70 → score 50, coverage 1. c3: nothing → score null, coverage 0.
    const values = new Map([
      [1, 1],
      [2, 40],
      [4, 30],
      [5, 70],
    ]);
    const scores = componentScores([1, 2, 3], indicators, values);
    expect(scores).toEqual([
      { componentId: 1, score: 75, coverage: 2 / 3, indicatorsWithData: 2, indicatorCount: 3 },
      { componentId: 2, score: 50, coverage: 1, indicatorsWithData: 2, indicatorCount: 2 },
      { componentId: 3, score: null, coverage: 0, indicatorsWithData: 0, indicatorCount: 1 },
    ]);
    // Index: mean of the components that have a score: (75 + 50) / 2 = 62.5; 2 of 3 components.
    expect(cwisIndex(scores)).toEqual({ index: 62.5, coverage: 2 / 3 });
  });

  it("a lower-is-better value pulls the component down", () => {
    const scores = componentScores([1], indicators, new Map([[3, 23]])); // (30−23)/28 = 25
    expect(scores[0]?.score).toBe(25);
  });

  it("no values at all: no scores, no index", () => {
    const scores = componentScores([1, 2, 3], indicators, new Map());
    expect(scores.every((s) => s.score === null && s.coverage === 0)).toBe(true);
    expect(cwisIndex(scores)).toEqual({ index: null, coverage: 0 });
  });
});

describe("lens scores", () => {
  it("regroup the same progress by lens", () => {
    const indicators: ScoredIndicator[] = [
      { id: 1, componentId: 1, unit: "percent", direction: "higher_is_better", target: 50, worst: null, lensCode: "equity" }, // 25 → 50
      { id: 2, componentId: 2, unit: "boolean", direction: "higher_is_better", target: 1, worst: null, lensCode: "equity" }, // yes → 100
      { id: 3, componentId: 2, unit: "days", direction: "lower_is_better", target: 2, worst: 30, lensCode: "safety" }, // missing
    ];
    const scores = lensScores(["equity", "safety"], indicators, new Map([[1, 25], [2, 1]]));
    expect(scores).toEqual([
      { lensCode: "equity", score: 75, coverage: 1, indicatorsWithData: 2, indicatorCount: 2 },
      { lensCode: "safety", score: null, coverage: 0, indicatorsWithData: 0, indicatorCount: 1 },
    ]);
  });
});
