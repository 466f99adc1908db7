import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { cities, indicatorValues } from "@/db/schema";
import { cityScoresAt, storedScores } from "@/db/queries/scores";
import { getFramework } from "@/db/queries/framework";
import { componentMedians, latestScores, scoreSeries, validatedHistory } from "@/db/queries/progress";
import { indicatorProgress } from "@/lib/scoring";

describeDb("progress series and medians", (db) => {
  const cityId = async (slug: string) => {
    const [row] = await db().select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
    if (!row) throw new Error(`no city ${slug}`);
    return row.id;
  };
  const frame = async () => {
    const framework = await getFramework(db());
    return { componentIds: framework.components.map((c) => c.id), indicators: framework.components.flatMap((c) => c.indicators), lensCodes: framework.lenses.map((l) => l.code) };
  };

  it("scores each quarter exactly as cityScoresAt does for that quarter", async () => {
    const { componentIds, indicators } = await frame();
    for (const slug of ["madaripur", "faridpur", "sakhipur"]) {
      const id = await cityId(slug);
      const series = scoreSeries(componentIds, indicators, await validatedHistory(db(), [id]));
      expect(series.periods.length).toBeGreaterThanOrEqual(4);
      expect(series.periods).toEqual([...series.periods].sort());
      for (const point of series.points) {
        const expected = await cityScoresAt(db(), id, point.period);
        expect(point.components).toHaveLength(6);
        for (const component of expected.components) {
          const actual = point.components.find((c) => c.componentId === component.componentId);
          if (component.score === null) expect(actual?.score).toBeNull();
          else expect(actual?.score).toBeCloseTo(component.score, 9);
          expect(actual?.coverage).toBeCloseTo(component.coverage, 9);
        }
        if (expected.index === null) expect(point.index).toBeNull();
        else expect(point.index).toBeCloseTo(expected.index, 9);
      }
      // The last quarter is the city's latest scores (what the derived table stores).
      const newest = await cityScoresAt(db(), id);
      expect(series.periods.at(-1)).toBe(newest.period);
    }
  });

  it("fetches two cities in one query and keeps their values apart", async () => {
    const [mentee, mentor] = [await cityId("madaripur"), await cityId("faridpur")];
    const { componentIds, indicators, lensCodes } = await frame();
    const both = await validatedHistory(db(), [mentee, mentor]);
    expect(new Set(both.map((p) => p.cityId))).toEqual(new Set([mentee, mentor]));
    const latest = latestScores(componentIds, lensCodes, indicators, both.filter((p) => p.cityId === mentor));
    const expected = await cityScoresAt(db(), mentor);
    expect(latest.period).toBe(expected.period);
    for (const component of expected.components) expect(latest.components.find((c) => c.componentId === component.componentId)?.score ?? null).toBeCloseTo(component.score ?? Number.NaN, 9);
  });

  it("gives each indicator's validated values per quarter, never drafts", async () => {
    const id = await cityId("madaripur");
    const { componentIds, indicators } = await frame();
    const series = scoreSeries(componentIds, indicators, await validatedHistory(db(), [id]));
    const rows = await db().select().from(indicatorValues).where(eq(indicatorValues.cityId, id));
    for (const indicator of indicators) {
      const expected = series.periods.map((period) => rows.find((r) => r.indicatorId === indicator.id && r.period === period)?.validatedValue ?? null);
      expect(series.indicatorValues.get(indicator.id) ?? series.periods.map(() => null)).toEqual(expected);
    }
    // A draft in a new quarter adds no quarter and no value.
    const first = indicators[0];
    if (!first) throw new Error("no indicators");
    await db().insert(indicatorValues).values({ cityId: id, indicatorId: first.id, period: "2027-Q1", value: 1, status: "draft" });
    const again = scoreSeries(componentIds, indicators, await validatedHistory(db(), [id]));
    expect(again.periods).toEqual(series.periods);
  });

  it("the median of each component is the median of the stored latest scores across cities", async () => {
    const all = await db().select({ id: cities.id }).from(cities);
    const stored = await storedScores(db(), all.map((c) => c.id));
    const medians = await componentMedians(db());
    const { componentIds } = await frame();
    expect(medians).toHaveLength(6);
    for (const componentId of componentIds) {
      const scores = stored.flatMap((s) => (s.componentId === componentId && s.score !== null ? [s.score] : [])).sort((a, b) => a - b);
      const middle = Math.floor(scores.length / 2);
      const expected = scores.length % 2 === 1 ? scores[middle] : ((scores[middle - 1] ?? 0) + (scores[middle] ?? 0)) / 2;
      const actual = medians.find((m) => m.componentId === componentId);
      expect(scores.length).toBeGreaterThan(10);
      expect(actual?.cities).toBe(scores.length);
      expect(actual?.median).toBeCloseTo(expected ?? Number.NaN, 9);
    }
  });

  it("lens scores are the mean progress of each lens's indicators with a latest validated value", async () => {
    const id = await cityId("madaripur");
    const { componentIds, indicators, lensCodes } = await frame();
    expect(lensCodes).toHaveLength(6);
    const latest = latestScores(componentIds, lensCodes, indicators, await validatedHistory(db(), [id]));
    const rows = await db().select().from(indicatorValues).where(eq(indicatorValues.cityId, id));
    for (const lens of lensCodes) {
      const progress = indicators
        .filter((i) => i.lensCode === lens)
        .flatMap((indicator) => {
          const newest = rows.filter((r) => r.indicatorId === indicator.id && r.validatedValue !== null).sort((a, b) => (a.period < b.period ? 1 : -1))[0];
          return newest?.validatedValue == null ? [] : [indicatorProgress(indicator, newest.validatedValue)];
        });
      const actual = latest.lenses.find((l) => l.lensCode === lens);
      expect(actual?.indicatorsWithData).toBe(progress.length);
      if (progress.length === 0) expect(actual?.score).toBeNull();
      else expect(actual?.score).toBeCloseTo(progress.reduce((a, b) => a + b, 0) / progress.length, 9);
    }
  });
});
