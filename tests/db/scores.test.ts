import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { cities, cityComponentScores, components, indicatorValues, indicators } from "@/db/schema";
import { cityScoresAt, refreshCityScores, storedScores } from "@/db/queries/scores";
import { listCities } from "@/db/queries/cities";
import { indicatorProgress } from "@/lib/scoring";

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
});
