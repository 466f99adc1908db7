import { and, eq, isNotNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { cities, components, indicatorValues, indicators, lenses, users } from "@/db/schema";
import { dashboardPeriods, dataCoverage, heatPage, heatTable, indexHistogram, recentValidations, sortHeatRows } from "@/db/queries/dashboard";
import { cityScoresAt, storedScores } from "@/db/queries/scores";
import { reviewValues } from "@/server/values/workflow";
import { lensScores } from "@/lib/scoring";
import type { Database } from "@/db/client";

async function cityId(db: Database, slug: string): Promise<number> {
  const [row] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
  if (!row) throw new Error(`no city ${slug}`);
  return row.id;
}

describeDb("dashboard", (db) => {
  it("counts data coverage per country like a plain count of city × indicator pairs with a validated value", async () => {
    const allCities = await db().select({ id: cities.id, country: cities.country }).from(cities);
    const active = await db().select({ id: indicators.id }).from(indicators).where(eq(indicators.active, true));
    const activeIds = new Set(active.map((i) => i.id));
    const validated = await db().select({ cityId: indicatorValues.cityId, indicatorId: indicatorValues.indicatorId }).from(indicatorValues).where(isNotNull(indicatorValues.validatedValue));
    const pairs = new Set(validated.filter((v) => activeIds.has(v.indicatorId)).map((v) => `${v.cityId}:${v.indicatorId}`));
    const countryOf = new Map(allCities.map((c) => [c.id, c.country]));

    const coverage = await dataCoverage(db());
    expect(coverage.map((c) => c.country).sort()).toEqual(["BD", "NP"]);
    for (const row of coverage) {
      expect(row.cities).toBe(allCities.filter((c) => c.country === row.country).length);
      expect(row.indicators).toBe(active.length);
      expect(row.withData).toBe([...pairs].filter((p) => countryOf.get(Number(p.split(":")[0])) === row.country).length);
    }
    expect(coverage.reduce((sum, r) => sum + r.withData, 0)).toBe(pairs.size);
    expect(coverage.reduce((sum, r) => sum + r.cities, 0)).toBe(27);
    // The demo data leaves gaps (candidates report two quarters, some last quarters are drafts), but not many.
    expect(pairs.size).toBeGreaterThan(0);
    expect(pairs.size).toBeLessThanOrEqual(27 * active.length);
  });

  it("offers quarters from the oldest value to the newest scored quarter", async () => {
    expect(await dashboardPeriods(db())).toEqual({ first: "2024-Q4", latest: "2026-Q3" });
  });

  it("shows, for the latest quarter, exactly the stored scores, sorted by CWIS index", async () => {
    const { latest } = await dashboardPeriods(db());
    const heat = await heatTable(db(), { filters: {}, view: "component", latest });
    expect(heat.rows).toHaveLength(27);
    expect(heat.period).toBe("2026-Q3");
    const componentRows = await db().select({ id: components.id }).from(components).orderBy(components.sortOrder);
    expect(heat.columns.map((c) => c.key)).toEqual(componentRows.map((c) => String(c.id)));
    const stored = await storedScores(db(), heat.rows.map((r) => r.id));
    for (const row of heat.rows) {
      const own = componentRows.map((c) => stored.find((s) => s.cityId === row.id && s.componentId === c.id)?.score ?? null);
      expect(row.scores).toEqual(own);
      const present = own.filter((s): s is number => s !== null);
      if (present.length === 0) expect(row.index).toBeNull();
      else expect(row.index).toBeCloseTo(present.reduce((a, b) => a + b, 0) / present.length, 9);
    }
    const indexes = heat.rows.map((r) => r.index);
    const withIndex = indexes.filter((i): i is number => i !== null);
    expect(withIndex).toEqual([...withIndex].sort((a, b) => b - a));
    expect(indexes.slice(withIndex.length).every((i) => i === null)).toBe(true);

    // Asking for the latest quarter by name reads the same numbers.
    const named = await heatTable(db(), { filters: {}, view: "component", period: "2026-Q3", latest });
    expect(named.rows).toEqual(heat.rows);
  });

  it("computes an earlier quarter like cityScoresAt, from one query for all cities", async () => {
    const { latest } = await dashboardPeriods(db());
    const heat = await heatTable(db(), { filters: {}, view: "component", period: "2025-Q2", latest });
    expect(heat.period).toBe("2025-Q2");
    expect(heat.rows).toHaveLength(27);
    for (const slug of ["kushtia", "faridpur", "godawari", "bhola"]) {
      const id = await cityId(db(), slug);
      const expected = await cityScoresAt(db(), id, "2025-Q2");
      const row = heat.rows.find((r) => r.id === id);
      expect(row?.scores).toHaveLength(6);
      expected.components.forEach((component, i) => {
        if (component.score === null) expect(row?.scores[i]).toBeNull();
        else expect(row?.scores[i]).toBeCloseTo(component.score, 9);
      });
      if (expected.index === null) expect(row?.index).toBeNull();
      else expect(row?.index).toBeCloseTo(expected.index, 9);
    }
    // Candidates only started reporting in 2026: no index back then.
    const candidates = await db().select({ id: cities.id }).from(cities).where(eq(cities.programmeRole, "candidate"));
    for (const c of candidates) expect(heat.rows.find((r) => r.id === c.id)?.index).toBeNull();
    // The scores differ from today's, so the quarter really is applied.
    const now = await heatTable(db(), { filters: {}, view: "component", latest });
    expect(heat.rows.map((r) => r.index)).not.toEqual(now.rows.map((r) => r.index));
  });

  it("filters by country and programme role", async () => {
    const { latest } = await dashboardPeriods(db());
    const allCities = await db().select({ id: cities.id, country: cities.country, role: cities.programmeRole }).from(cities);
    const nepal = await heatTable(db(), { filters: { country: "NP" }, view: "component", latest });
    expect(nepal.rows.length).toBe(allCities.filter((c) => c.country === "NP").length);
    expect(nepal.rows.every((r) => r.country === "NP")).toBe(true);
    const bdMentors = await heatTable(db(), { filters: { country: "BD", role: "mentor" }, view: "lens", period: "2025-Q4", latest });
    expect(bdMentors.rows.map((r) => r.id).sort()).toEqual(allCities.filter((c) => c.country === "BD" && c.role === "mentor").map((c) => c.id).sort());
    expect(bdMentors.rows).toHaveLength(6);
    const recent = await recentValidations(db(), { country: "NP" });
    expect(recent.length).toBeGreaterThan(0);
    const nepali = new Set(allCities.filter((c) => c.country === "NP").map((c) => c.id));
    const slugs = await db().select({ id: cities.id, slug: cities.slug }).from(cities);
    for (const r of recent) expect(nepali.has(slugs.find((s) => s.slug === r.citySlug)?.id ?? -1)).toBe(true);
  });

  it("groups by lens like lensScores on the city's validated values", async () => {
    const { latest } = await dashboardPeriods(db());
    const lensRows = await db().select().from(lenses).orderBy(lenses.sortOrder);
    const active = await db().select().from(indicators).where(eq(indicators.active, true));
    for (const period of [undefined, "2025-Q3"]) {
      const heat = await heatTable(db(), { filters: {}, view: "lens", period, latest });
      expect(heat.columns.map((c) => c.code)).toEqual(lensRows.map((l) => l.code));
      expect(heat.columns).toHaveLength(6);
      for (const slug of ["faridpur", "godawari"]) {
        const id = await cityId(db(), slug);
        const own = await db().select().from(indicatorValues).where(and(eq(indicatorValues.cityId, id), isNotNull(indicatorValues.validatedValue)));
        const values = new Map<number, number>();
        for (const indicator of active) {
          const latestRow = own.filter((r) => r.indicatorId === indicator.id && (!period || r.period <= period)).sort((a, b) => (a.period < b.period ? 1 : -1))[0];
          if (latestRow?.validatedValue != null) values.set(indicator.id, latestRow.validatedValue);
        }
        const expected = lensScores(lensRows.map((l) => l.code), active, values);
        const row = heat.rows.find((r) => r.id === id);
        expected.forEach((lens, i) => {
          expect(lens.score).not.toBeNull();
          expect(row?.scores[i]).toBeCloseTo(lens.score ?? NaN, 9);
        });
      }
    }
  });

  it("bins CWIS indexes by tens, 100 in the last bin, missing ones apart", () => {
    expect(indexHistogram([0, 9.99, 10, 55, 99.9, 100, null, null])).toEqual({ bins: [2, 1, 0, 0, 0, 1, 0, 0, 0, 2], noData: 2 });
    expect(indexHistogram([])).toEqual({ bins: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], noData: 0 });
  });

  it("lists the newest validations first, with who validated them", async () => {
    const [reviewer] = await db().select().from(users).where(eq(users.email, "reviewer@demo.cwis"));
    const [admin] = await db().select().from(users).where(eq(users.email, "admin@demo.cwis"));
    if (!reviewer || !admin) throw new Error("demo users missing");
    const submitted = await db().select().from(indicatorValues).where(eq(indicatorValues.status, "submitted")).limit(2);
    const [first, second] = submitted;
    if (!first || !second) throw new Error("no submitted demo values");
    await reviewValues(db(), [{ valueId: first.id, decision: "validate", comment: "" }], reviewer);
    // now() is the transaction's start: a short pause makes the second one strictly newer.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await reviewValues(db(), [{ valueId: second.id, decision: "validate", comment: "" }], admin);

    const recent = await recentValidations(db(), {});
    expect(recent).toHaveLength(10);
    expect(recent.slice(0, 2).map((r) => [r.id, r.reviewer, r.value])).toEqual([
      [second.id, admin.name, second.value],
      [first.id, reviewer.name, first.value],
    ]);
    const times = recent.map((r) => r.validatedAt?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("heatPage: one page sorted in SQL, the same rows, order, total and histogram as the whole table", async () => {
    const { latest } = await dashboardPeriods(db());
    for (const view of ["component", "lens"] as const) {
      const whole = await heatTable(db(), { filters: {}, view, latest });
      const close = (a: (number | null)[], b: (number | null)[]) => a.every((v, i) => (v === null ? b[i] === null : Math.abs(v - (b[i] ?? NaN)) < 1e-9));
      for (const [sort, dir] of [["index", "desc"], ["name", "asc"], ["coverage", "desc"], ["col:2", "asc"]] as const) {
        const expected = sortHeatRows(whole.rows, sort, dir, "en");
        const pages = [await heatPage(db(), { filters: {}, view, latest, sort, dir, locale: "en", limit: 10, offset: 0 }), await heatPage(db(), { filters: {}, view, latest, sort, dir, locale: "en", limit: 10, offset: 10 })];
        const got = pages.flatMap((p) => p.rows);
        expect(got.map((r) => r.slug)).toEqual(expected.slice(0, 20).map((r) => r.slug));
        for (const row of got) {
          const same = whole.rows.find((r) => r.id === row.id);
          expect(close(row.scores, same?.scores ?? [])).toBe(true);
          if (same?.index === null) expect(row.index).toBeNull();
          else expect(row.index).toBeCloseTo(same?.index ?? NaN, 9);
          expect(row.coverage).toBeCloseTo(same?.coverage ?? NaN, 9);
        }
        expect(pages[0]?.total).toBe(whole.rows.length);
        expect(pages[0]?.histogram).toEqual(indexHistogram(whole.rows.map((r) => r.index)));
      }
    }
    // Filters apply to the page, the total and the histogram; a column past the last falls back to the index.
    const np = await heatPage(db(), { filters: { country: "NP" }, view: "component", latest, sort: "col:99", locale: "ne", limit: 50, offset: 0 });
    const npWhole = await heatTable(db(), { filters: { country: "NP" }, view: "component", latest });
    expect(np.sort).toBe("index");
    expect(np.total).toBe(npWhole.rows.length);
    expect(np.rows.map((r) => r.slug)).toEqual(sortHeatRows(npWhole.rows, "index", "desc", "ne").map((r) => r.slug));
    expect(np.histogram.bins.reduce((a, b) => a + b, 0) + np.histogram.noData).toBe(npWhole.rows.length);
    // An earlier quarter is computed from the history, then sorted and paged the same way.
    const older = await heatPage(db(), { filters: {}, view: "component", period: "2025-Q2", latest, locale: "en", limit: 5, offset: 5 });
    const olderWhole = await heatTable(db(), { filters: {}, view: "component", period: "2025-Q2", latest });
    expect(older.period).toBe("2025-Q2");
    expect(older.rows.map((r) => r.slug)).toEqual(sortHeatRows(olderWhole.rows, "index", "desc", "en").slice(5, 10).map((r) => r.slug));
  });
});
