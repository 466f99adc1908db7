import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { cities, cityComponentScores, cityLensScores, components, indicatorValues, indicators, lenses, users } from "@/db/schema";
import { reviewValues } from "@/server/values/workflow";
import { cityScoresAt, refreshCityScores, refreshMissingScores, storedLensScores, storedScores } from "@/db/queries/scores";
import { listCities } from "@/db/queries/cities";
import { indicatorProgress, lensScores } from "@/lib/scoring";

describeDb("scores", (db) => {
  const cityId = async (slug: string) => {
    const [row] = await db().select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
    if (!row) throw new Error(`no city ${slug}`);
    return row.id;
  };

  it("the derived table holds, for every city with validated data, what cityScoresAt computes", async () => {
    for (const slug of ["kushtia", "godawari", "bhola"]) {
      const id = await cityId(slug);
      const computed = await cityScoresAt(db(), id);
      const stored = await storedScores(db(), [id]);
      expect(stored).toHaveLength(6);
      for (const component of computed.components) {
        const row = stored.find((s) => s.componentId === component.componentId);
        expect(row?.asOfPeriod).toBe(computed.period);
        if (component.score === null) expect(row?.score).toBeNull();
        else expect(row?.score).toBeCloseTo(component.score, 9);
        expect(row?.coverage).toBeCloseTo(component.coverage, 9);
      }
    }
  });

  it("recomputes a component by hand from the validated values in the database", async () => {
    const id = await cityId("jhenaidah");
    const [governance] = await db().select().from(components).where(eq(components.code, "governance"));
    const own = await db().select().from(indicators).where(eq(indicators.componentId, governance?.id ?? -1));
    const rows = await db().select().from(indicatorValues).where(and(eq(indicatorValues.cityId, id)));
    // Latest validated value of each governance indicator at or before 2025-Q4.
    const progress = own.flatMap((indicator) => {
      const latest = rows.filter((r) => r.indicatorId === indicator.id && r.validatedValue !== null && r.period <= "2025-Q4").sort((a, b) => (a.period < b.period ? 1 : -1))[0];
      return latest?.validatedValue == null ? [] : [indicatorProgress(indicator, latest.validatedValue)];
    });
    const expected = progress.reduce((a, b) => a + b, 0) / progress.length;
    const scores = await cityScoresAt(db(), id, "2025-Q4");
    expect(scores.components.find((c) => c.componentId === governance?.id)?.score).toBeCloseTo(expected, 9);
    expect(scores.period).toBe("2025-Q4");
  });

  it("drafts never count: a draft value changes nothing until it is validated", async () => {
    const id = await cityId("meherpur");
    const before = await cityScoresAt(db(), id);
    const [sd3] = await db().select().from(indicators).where(eq(indicators.code, "SD-3"));
    await db().insert(indicatorValues).values({ cityId: id, indicatorId: sd3?.id ?? -1, period: "2026-Q4", value: 0, status: "draft" });
    await refreshCityScores(db(), id);
    expect(await cityScoresAt(db(), id)).toEqual(before);
  });

  it("a city with no validated values has no score rows and a null index", async () => {
    const [row] = await db().insert(cities).values({ slug: "empty-town", nameEn: "Empty Town", nameBn: "খালি", nameNe: "खाली", country: "BD", region: "Dhaka", kind: "paurashava_c", programmeRole: "candidate" }).returning();
    await refreshCityScores(db(), row?.id ?? -1);
    expect(await db().select().from(cityComponentScores).where(eq(cityComponentScores.cityId, row?.id ?? -1))).toEqual([]);
    const listed = await listCities(db(), { q: "Empty Town" }, { limit: 5, offset: 0 });
    expect(listed.rows[0]).toMatchObject({ slug: "empty-town", cwisIndex: null, coverage: null });
  });

  it("sorts the city list by CWIS index and by a component, missing scores last", async () => {
    const byIndex = await listCities(db(), {}, { limit: 100, offset: 0 }, { sort: "index", direction: "desc" });
    const indexes = byIndex.rows.map((r) => r.cwisIndex).filter((v): v is number => v !== null);
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
    expect(byIndex.rows.at(-1)?.cwisIndex ?? null).toBeNull();

    const [gesi] = await db().select().from(components).where(eq(components.code, "gesi"));
    const byGesi = await listCities(db(), { country: "NP" }, { limit: 100, offset: 0 }, { sort: `component:${gesi?.id ?? 0}`, direction: "asc" });
    const stored = await storedScores(db(), byGesi.rows.map((r) => r.id));
    const gesiScores = byGesi.rows.map((r) => stored.find((s) => s.cityId === r.id && s.componentId === gesi?.id)?.score ?? null).filter((v): v is number => v !== null);
    expect(gesiScores).toEqual([...gesiScores].sort((a, b) => a - b));
  });

  it("sorts by name in the reader's language", async () => {
    const bn = await listCities(db(), { country: "BD", role: "mentor" }, { limit: 10, offset: 0 }, { sort: "name", locale: "bn" });
    const names = bn.rows.map((r) => r.nameBn);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  /** What the lens views computed before the lens table existed: latest validated value per indicator, then lensScores. */
  async function lensScoresFromValues(cityIds: number[]) {
    const [lensRows, active, latest] = await Promise.all([
      db().select({ code: lenses.code }).from(lenses).orderBy(asc(lenses.sortOrder)),
      db().select().from(indicators).where(eq(indicators.active, true)),
      db()
        .selectDistinctOn([indicatorValues.cityId, indicatorValues.indicatorId], { cityId: indicatorValues.cityId, indicatorId: indicatorValues.indicatorId, value: indicatorValues.validatedValue })
        .from(indicatorValues)
        .where(and(inArray(indicatorValues.cityId, cityIds), isNotNull(indicatorValues.validatedValue)))
        .orderBy(indicatorValues.cityId, indicatorValues.indicatorId, desc(indicatorValues.period)),
    ]);
    return new Map(
      cityIds.map((id) => {
        const values = new Map(latest.filter((r) => r.cityId === id && r.value !== null).map((r) => [r.indicatorId, r.value ?? 0]));
        return [id, lensScores(lensRows.map((l) => l.code), active, values)];
      }),
    );
  }

  it("the lens table holds what lensScores computes from each city's latest validated values", async () => {
    const all = await db().select({ id: cities.id }).from(cities);
    const ids = all.map((c) => c.id);
    const expected = await lensScoresFromValues(ids);
    const stored = await storedLensScores(db(), ids);
    const componentRows = await storedScores(db(), ids);
    let compared = 0;
    for (const id of ids) {
      const own = stored.filter((s) => s.cityId === id);
      const lensList = expected.get(id) ?? [];
      if (!componentRows.some((c) => c.cityId === id)) {
        expect(own).toEqual([]);
        continue;
      }
      expect(own).toHaveLength(lensList.length);
      for (const lens of lensList) {
        const row = own.find((s) => s.lensCode === lens.lensCode);
        expect(row?.asOfPeriod).toBe(componentRows.find((c) => c.cityId === id)?.asOfPeriod);
        if (lens.score === null) expect(row?.score).toBeNull();
        else expect(row?.score).toBeCloseTo(lens.score, 9);
        expect(row?.coverage).toBeCloseTo(lens.coverage, 9);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("lens scores by hand: latest validated value per indicator, drafts left out, lenses without data null", async () => {
    const [city] = await db().insert(cities).values({ slug: "lens-town", nameEn: "Lens Town", nameBn: "লেন্স", nameNe: "लेन्स", country: "NP", region: "Bagmati", kind: "municipality", programmeRole: "candidate" }).returning();
    const cityIdValue = city?.id ?? -1;
    const byCode = new Map((await db().select().from(indicators)).map((i) => [i.code, i.id]));
    const at = new Date("2026-10-01T00:00:00Z");
    const validated = (code: string, period: string, value: number) => ({ cityId: cityIdValue, indicatorId: byCode.get(code) ?? -1, period, value, status: "validated" as const, submittedAt: at, reviewedAt: at, validatedValue: value, validatedAt: at });
    await db().insert(indicatorValues).values([
      validated("SD-1", "2026-Q1", 90), // replaced by the newer quarter below
      validated("SD-1", "2026-Q3", 40), // safety: 40 / 100 → 40
      validated("GESI-4", "2026-Q2", 25), // safety, lower is better, worst 100, target 0 → 75
      validated("BCC-5", "2026-Q3", 60), // safety: target 50, clamped → 100
      validated("SD-2", "2026-Q3", 45), // sustainability: 45 / 90 → 50
      { cityId: cityIdValue, indicatorId: byCode.get("SD-3") ?? -1, period: "2026-Q3", value: 0, status: "draft" as const }, // safety, but a draft
    ]);
    await refreshCityScores(db(), cityIdValue);
    const rows = await db().select().from(cityLensScores).where(eq(cityLensScores.cityId, cityIdValue));
    const lens = (code: string) => rows.find((r) => r.lensCode === code);
    // Safety has 6 active indicators (SD-1, SD-3, SD-5, GESI-4, BCC-2, BCC-5); 3 have validated values.
    expect(lens("safety")?.score).toBeCloseTo((40 + 75 + 100) / 3, 9);
    expect(lens("safety")?.coverage).toBeCloseTo(3 / 6, 9);
    // Sustainability: SD-2, SD-4, SD-6, SD-7, DF-1.
    expect(lens("sustainability")?.score).toBeCloseTo(50, 9);
    expect(lens("sustainability")?.coverage).toBeCloseTo(1 / 5, 9);
    expect(lens("equity")).toMatchObject({ score: null, coverage: 0, asOfPeriod: "2026-Q3" });
    expect(rows).toHaveLength((await db().select().from(lenses)).length);
    expect(rows.every((r) => r.asOfPeriod === "2026-Q3")).toBe(true);
  });

  it("refreshMissingScores fills lens rows of cities that only have component rows (a database from before the lens table)", async () => {
    const ids = (await db().selectDistinct({ cityId: cityComponentScores.cityId }).from(cityComponentScores)).map((r) => r.cityId);
    const before = await storedLensScores(db(), ids);
    expect(before.length).toBeGreaterThan(0);
    await db().delete(cityLensScores).where(inArray(cityLensScores.cityId, ids.slice(0, 3)));
    expect(await refreshMissingScores(db())).toBe(3);
    const byKey = (rows: typeof before) => rows.map((r) => ({ cityId: r.cityId, lensCode: r.lensCode, asOfPeriod: r.asOfPeriod, score: r.score, coverage: r.coverage })).sort((a, b) => a.cityId - b.cityId || a.lensCode.localeCompare(b.lensCode));
    expect(byKey(await storedLensScores(db(), ids))).toEqual(byKey(before));
    // Nothing missing: nothing refreshed.
    expect(await refreshMissingScores(db())).toBe(0);
  });

  it("validating a submitted value rewrites the city's lens rows in the same step", async () => {
    const [reviewer] = await db().select().from(users).where(eq(users.email, "reviewer@demo.cwis"));
    const [city] = await db().insert(cities).values({ slug: "review-town", nameEn: "Review Town", nameBn: "রিভিউ", nameNe: "रिभ्यु", country: "BD", region: "Dhaka", kind: "paurashava_b", programmeRole: "candidate" }).returning();
    const byCode = new Map((await db().select().from(indicators)).map((i) => [i.code, i.id]));
    const at = new Date("2026-10-01T00:00:00Z");
    const id = city?.id ?? -1;
    await db().insert(indicatorValues).values({ cityId: id, indicatorId: byCode.get("SD-1") ?? -1, period: "2026-Q3", value: 40, status: "validated", submittedAt: at, reviewedAt: at, validatedValue: 40, validatedAt: at });
    await refreshCityScores(db(), id);
    const [submitted] = await db().insert(indicatorValues).values({ cityId: id, indicatorId: byCode.get("SD-5") ?? -1, period: "2026-Q4", value: 80, status: "submitted", submittedAt: at }).returning();
    if (!reviewer || !submitted) throw new Error("setup failed");
    const safety = async () => (await storedLensScores(db(), [id])).find((r) => r.lensCode === "safety");
    expect(await safety()).toMatchObject({ score: 40, coverage: 1 / 6, asOfPeriod: "2026-Q3" });
    await reviewValues(db(), [{ valueId: submitted.id, decision: "validate", comment: "" }], reviewer);
    // SD-1 40 % of 100 → 40; SD-5 80 % of 100 → 80: mean 60, two of six safety indicators.
    const after = await safety();
    expect(after?.score).toBeCloseTo(60, 9);
    expect(after?.coverage).toBeCloseTo(2 / 6, 9);
    expect(after?.asOfPeriod).toBe("2026-Q4");
  });
});
