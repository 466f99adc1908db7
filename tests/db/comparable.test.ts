import { asc, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeDb } from "./support";
import { cities, components, indicatorValues, indicators } from "@/db/schema";
import type { Database } from "@/db/client";
import { cityScoresAt, refreshCityScores, scoresAsOf, storedScores } from "@/db/queries/scores";
import { loadComparison } from "@/db/queries/compare";
import { dashboardPeriods, heatPage, heatTable } from "@/db/queries/dashboard";
import { componentMedians, componentMediansAsOf, validatedHistory } from "@/db/queries/progress";
import { periodOptions } from "@/lib/charts/quarter-series";

async function idOf(db: Database, slug: string): Promise<number> {
  const [row] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
  if (!row) throw new Error(`no city ${slug}`);
  return row.id;
}

/** A validated value, as the review step leaves it, and the derived tables refreshed like validation does. */
async function validate(db: Database, cityId: number, code: string, period: string, value: number): Promise<void> {
  const [indicator] = await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code));
  const now = new Date();
  await db.insert(indicatorValues).values({ cityId, indicatorId: indicator?.id ?? -1, period, value, status: "validated", validatedValue: value, validatedAt: now, reviewedAt: now });
  await db.transaction((tx) => refreshCityScores(tx, cityId));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

// The case: the mentor Kushtia gets a validated 2026-Q4 while its mentee Chuadanga's newest
// validated quarter is older. Every comparison must be as of ONE quarter and say whose data is older.
describeDb("comparisons use one stated quarter", (db) => {
  let kushtia = 0;
  let chuadanga = 0;
  let menteeLatest = "";

  beforeAll(async () => {
    kushtia = await idOf(db(), "kushtia");
    chuadanga = await idOf(db(), "chuadanga");
    await validate(db(), kushtia, "SD-3", "2026-Q4", 0);
    const own = await cityScoresAt(db(), chuadanga);
    menteeLatest = own.period ?? "";
  });

  it("the set-up really has different latest quarters", async () => {
    expect((await cityScoresAt(db(), kushtia)).period).toBe("2026-Q4");
    expect(menteeLatest).toMatch(/^2026-Q[1-3]$/);
    expect(menteeLatest < "2026-Q4").toBe(true);
  });

  it("scoresAsOf gives the mentor's scores as of the mentee's quarter, not its newer ones", async () => {
    const asOf = await scoresAsOf(db(), [kushtia, chuadanga], menteeLatest);
    const expected = await cityScoresAt(db(), kushtia, menteeLatest);
    const newest = await cityScoresAt(db(), kushtia);
    const mentor = asOf.get(kushtia);
    expect(mentor?.dataPeriod).toBe(menteeLatest);
    for (const c of expected.components) {
      if (c.score === null) expect(mentor?.components.get(c.componentId)).toBeNull();
      else expect(mentor?.components.get(c.componentId)).toBeCloseTo(c.score, 9);
    }
    // The 2026-Q4 value (0 for SD-3) moved a score: the as-of scores are really the older ones.
    expect(expected.components.map((c) => c.score)).not.toEqual(newest.components.map((c) => c.score));
    for (const l of expected.lenses) {
      if (l.score === null) expect(mentor?.lenses.get(l.lensCode)).toBeNull();
      else expect(mentor?.lenses.get(l.lensCode)).toBeCloseTo(l.score, 9);
    }
    expect(asOf.get(chuadanga)?.dataPeriod).toBe(menteeLatest);
  });

  it("the compare page as of the mentee's quarter: the mentor is scored as of it, gaps too", async () => {
    const comparison = await loadComparison(db(), { slugs: ["kushtia", "chuadanga"], view: "component", period: menteeLatest });
    expect(comparison.period).toBe(menteeLatest);
    expect(comparison.matrix.asOf.get(kushtia)).toBe(menteeLatest);
    const expected = await cityScoresAt(db(), kushtia, menteeLatest);
    const order = await db().select({ id: components.id }).from(components).orderBy(asc(components.sortOrder));
    const row = comparison.matrix.scores.get(kushtia) ?? [];
    order.forEach((c, i) => {
      const score = expected.components.find((s) => s.componentId === c.id)?.score ?? null;
      if (score === null) expect(row[i]).toBeNull();
      else expect(row[i]).toBeCloseTo(score, 9);
    });
    const gap = comparison.gaps.find((g) => g.mentee.id === chuadanga);
    const mentee = comparison.matrix.scores.get(chuadanga) ?? [];
    expect(gap?.gaps).toEqual(mentee.map((s, i) => (s === null || row[i] === null || row[i] === undefined ? null : s - (row[i] ?? 0))));
  });

  it("without a stated quarter the comparison is as of the newest, and labels the mentee's older data", async () => {
    const comparison = await loadComparison(db(), { slugs: ["kushtia", "chuadanga"], view: "lens" });
    expect(comparison.period).toBe("2026-Q4");
    expect(comparison.matrix.asOf.get(kushtia)).toBe("2026-Q4");
    // What the page marks "data from …": older than the comparison's quarter.
    expect(comparison.matrix.asOf.get(chuadanga)).toBe(menteeLatest);
    const stale = [...comparison.matrix.asOf].filter(([, asOf]) => asOf !== null && comparison.period !== null && asOf < comparison.period).map(([id]) => id);
    expect(stale).toEqual([chuadanga]);
  });

  it("the programme median as of a quarter uses every city's scores up to that quarter", async () => {
    const ids = (await db().select({ id: cities.id }).from(cities)).map((c) => c.id);
    const [sample] = await db().select({ id: components.id }).from(components).orderBy(asc(components.sortOrder)).limit(1);
    const perCity = await Promise.all(ids.map((id) => cityScoresAt(db(), id, menteeLatest)));
    const scores = perCity.flatMap((s) => s.components.filter((c) => c.componentId === sample?.id && c.score !== null).map((c) => c.score as number));
    const medians = await componentMediansAsOf(db(), menteeLatest);
    const got = medians.find((m) => m.componentId === sample?.id);
    expect(got?.cities).toBe(scores.length);
    expect(got?.median).toBeCloseTo(median(scores), 9);
    // Kushtia's SD-3 score is from 2026-Q3 or older in it: its stored (2026-Q4) score would count 0 for SD-3.
    const kushtiaAsOf = perCity[ids.indexOf(kushtia)]?.components.find((c) => c.componentId === sample?.id)?.score;
    expect(scores).toContain(kushtiaAsOf);
    // As of the newest quarter it is the stored latest median (no city is recomputed).
    const latest = await componentMedians(db());
    const asOfNewest = await componentMediansAsOf(db(), "2026-Q4");
    for (const m of latest) expect(asOfNewest.find((n) => n.componentId === m.componentId)?.median).toBeCloseTo(m.median, 9);
  });

  it("the heat table at the latest quarter marks cities whose data is older; an earlier quarter is as of it", async () => {
    const { latest } = await dashboardPeriods(db());
    expect(latest).toBe("2026-Q4");
    const page = await heatPage(db(), { filters: {}, view: "component", latest, locale: "en", limit: 100, offset: 0 });
    expect(page.period).toBe("2026-Q4");
    expect(page.rows.find((r) => r.id === kushtia)?.dataPeriod).toBe("2026-Q4");
    expect(page.rows.find((r) => r.id === chuadanga)?.dataPeriod).toBe(menteeLatest);
    const stored = await storedScores(db(), page.rows.map((r) => r.id));
    for (const row of page.rows) expect(row.dataPeriod).toBe(stored.find((s) => s.cityId === row.id)?.asOfPeriod ?? null);

    const earlier = await heatTable(db(), { filters: {}, view: "component", period: menteeLatest, latest });
    expect(earlier.period).toBe(menteeLatest);
    expect(earlier.rows.find((r) => r.id === kushtia)?.dataPeriod).toBe(menteeLatest);
    for (const row of earlier.rows) if (row.dataPeriod !== null) expect(row.dataPeriod <= menteeLatest).toBe(true);
  });
});

// One unvalidated draft for 2000-Q1 once stretched the public overview's quarter list to 100
// entries. Everything a public page shows must stay the same when a draft is added.
describeDb("a draft never changes a public page", (db) => {
  async function publicData() {
    const periods = await dashboardPeriods(db());
    const godawari = await idOf(db(), "godawari");
    const mentor = await idOf(db(), "kushtia");
    return {
      periods,
      quarterList: periodOptions(periods.first, periods.latest),
      heat: await heatPage(db(), { filters: {}, view: "component", latest: periods.latest, locale: "en", limit: 50, offset: 0 }),
      heatPast: await heatTable(db(), { filters: {}, view: "lens", period: "2025-Q2", latest: periods.latest }),
      cityScores: await cityScoresAt(db(), godawari),
      history: await validatedHistory(db(), [godawari, mentor]),
      medians: periods.latest ? await componentMediansAsOf(db(), periods.latest) : [],
      comparison: await loadComparison(db(), { slugs: [], mentor: "kushtia", view: "component" }),
    };
  }

  it("a draft for 2000-Q1 and a draft in the newest quarter change none of it", async () => {
    const before = await publicData();
    expect(before.quarterList.length).toBeLessThan(40);
    const godawari = await idOf(db(), "godawari");
    const [indicator] = await db().select({ id: indicators.id }).from(indicators).where(eq(indicators.code, "SD-3"));
    await db().insert(indicatorValues).values([
      { cityId: godawari, indicatorId: indicator?.id ?? -1, period: "2000-Q1", value: 99, status: "draft" },
      { cityId: godawari, indicatorId: indicator?.id ?? -1, period: "2027-Q1", value: 99, status: "submitted" },
    ]);
    await db().transaction((tx) => refreshCityScores(tx, godawari));
    const after = await publicData();
    expect(after.periods).toEqual(before.periods);
    expect(after.quarterList).toEqual(before.quarterList);
    expect(after.quarterList).not.toContain("2000-Q1");
    expect(after).toEqual(before);
  });
});
