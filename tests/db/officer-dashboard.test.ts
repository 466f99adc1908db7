import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { cities, indicatorValues, indicators, users } from "@/db/schema";
import { officerOverview } from "@/db/queries/dashboard";

describeDb("the officer's dashboard", (db) => {
  const idOf = async (slug: string) => {
    const [row] = await db().select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
    if (!row) throw new Error(`no city ${slug}`);
    return row.id;
  };

  it("counts what awaits review per quarter, and a quarter with nothing entered as missing", async () => {
    const kushtia = await idOf("kushtia");
    const submitted = await db().select({ period: indicatorValues.period }).from(indicatorValues).where(and(eq(indicatorValues.cityId, kushtia), eq(indicatorValues.status, "submitted")));
    const overview = await officerOverview(db(), kushtia, "2026-Q4");
    const expected = new Map<string, number>();
    for (const row of submitted) expected.set(row.period, (expected.get(row.period) ?? 0) + 1);
    expect(overview.awaiting).toEqual([...expected].map(([period, n]) => ({ period, n })).sort((a, b) => (a.period < b.period ? 1 : -1)));
    expect(overview.awaiting.length).toBeGreaterThan(0);
    // 2026-Q4 has no value at all: every active indicator is due (annual ones too, in Q4).
    const active = await db().select({ id: indicators.id }).from(indicators).where(eq(indicators.active, true));
    expect(overview.toSubmit).toEqual([{ period: "2026-Q4", drafts: 0, missing: active.length, due: active.length }]);
    expect(overview.returned).toEqual([]);
  });

  it("lists returned values with the reviewer's comment, drafts per quarter, and missing values for the last completed quarter", async () => {
    const kushtia = await idOf("kushtia");
    const [reviewer] = await db().select({ id: users.id, name: users.name }).from(users).where(eq(users.email, "reviewer@demo.cwis"));
    const [sd3] = await db().select({ id: indicators.id }).from(indicators).where(eq(indicators.code, "SD-3"));
    const [sd4] = await db().select({ id: indicators.id }).from(indicators).where(eq(indicators.code, "SD-4"));
    const quarterly = await db().select({ id: indicators.id }).from(indicators).where(and(eq(indicators.active, true), eq(indicators.frequency, "quarterly")));
    // A reviewer sent SD-3 of 2026-Q3 back; SD-4 of 2026-Q3 was taken back to draft.
    await db().update(indicatorValues).set({ status: "returned", reviewComment: "Check the emptying log for July", reviewedBy: reviewer?.id ?? null, reviewedAt: new Date() }).where(and(eq(indicatorValues.cityId, kushtia), eq(indicatorValues.indicatorId, sd3?.id ?? -1), eq(indicatorValues.period, "2026-Q3")));
    await db().update(indicatorValues).set({ status: "draft" }).where(and(eq(indicatorValues.cityId, kushtia), eq(indicatorValues.indicatorId, sd4?.id ?? -1), eq(indicatorValues.period, "2026-Q3")));
    // A draft in a quarter with nothing else (2027-Q1) and one missing row in 2026-Q3.
    await db().insert(indicatorValues).values({ cityId: kushtia, indicatorId: sd3?.id ?? -1, period: "2027-Q1", value: 40, status: "draft" });
    const [missingOne] = quarterly.filter((i) => i.id !== sd3?.id && i.id !== sd4?.id);
    await db().delete(indicatorValues).where(and(eq(indicatorValues.cityId, kushtia), eq(indicatorValues.indicatorId, missingOne?.id ?? -1), eq(indicatorValues.period, "2026-Q3")));

    const overview = await officerOverview(db(), kushtia, "2026-Q3");
    expect(overview.returned).toHaveLength(1);
    expect(overview.returnedTotal).toBe(1);
    expect(overview.returned[0]).toMatchObject({ indicatorCode: "SD-3", period: "2026-Q3", reviewComment: "Check the emptying log for July", reviewer: reviewer?.name });
    expect(overview.toSubmit).toEqual([
      { period: "2027-Q1", drafts: 1, missing: 0, due: 0 },
      { period: "2026-Q3", drafts: 1, missing: 1, due: quarterly.length },
    ]);
    // Another city's officer sees none of it.
    const other = await officerOverview(db(), await idOf("meherpur"), "2026-Q3");
    expect(other.returned).toEqual([]);
    expect(other.toSubmit.find((q) => q.period === "2027-Q1")).toBeUndefined();
  });
});
