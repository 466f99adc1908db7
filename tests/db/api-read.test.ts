import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { cities, indicatorValues, indicators, users } from "@/db/schema";
import { allCityValues, componentCodes, validatedCityValues } from "@/db/queries/api-read";
import { saveValueList } from "@/server/values/save";

describeDb("API read queries", (db) => {
  const idOf = async (slug: string) => {
    const [row] = await db().select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
    if (!row) throw new Error(`no city ${slug}`);
    return row.id;
  };

  it("names the six components by code", async () => {
    expect([...(await componentCodes(db())).values()]).toEqual(["governance", "service_delivery", "womens_entrepreneurship", "digital_finance", "gesi", "engagement_bcc"]);
  });

  it("shows the public only validated values, as validated, while a newer edit is in draft", async () => {
    const city = await idOf("godawari");
    const [admin] = await db().select({ id: users.id, role: users.role, cityId: users.cityId }).from(users).where(eq(users.email, "admin@demo.cwis"));
    const [sd3] = await db().select({ id: indicators.id }).from(indicators).where(eq(indicators.code, "SD-3"));
    // A validated value from the demo data, then edited: the edit must not leak.
    const [validated] = await db()
      .select()
      .from(indicatorValues)
      .where(and(eq(indicatorValues.cityId, city), eq(indicatorValues.indicatorId, sd3?.id ?? -1), eq(indicatorValues.period, "2025-Q2")));
    expect(validated?.validatedValue).not.toBeNull();
    const draft = validated?.validatedValue === 12.5 ? 13.5 : 12.5;
    if (!admin) throw new Error("demo admin missing");
    await saveValueList(db(), admin, { cityId: city, entries: [{ indicator: "SD-3", period: "2025-Q2", value: draft, note: "recount", evidenceUrl: null }] });

    const publicView = await validatedCityValues(db(), city, { from: "2025-Q2", to: "2025-Q2" });
    const row = publicView.find((v) => v.indicator === "SD-3");
    expect(row).toEqual({ indicator: "SD-3", component: "service_delivery", period: "2025-Q2", value: validated?.validatedValue, validatedAt: validated?.validatedAt });
    expect(publicView.every((v) => v.period === "2025-Q2")).toBe(true);

    const working = (await allCityValues(db(), city, { from: "2025-Q2", to: "2025-Q2" })).find((v) => v.indicator === "SD-3");
    expect(working).toMatchObject({ value: draft, status: "draft", note: "recount", validatedValue: validated?.validatedValue });
    expect(working?.version).toBe((validated?.version ?? 0) + 1);
  });

  it("filters by an open-ended range and orders by period", async () => {
    const city = await idOf("kushtia");
    const rows = await allCityValues(db(), city, { from: "2026-Q2" });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.period >= "2026-Q2")).toBe(true);
    expect(rows.map((r) => r.period)).toEqual([...rows.map((r) => r.period)].sort());
    // Kushtia's newest quarter is waiting for review: not public.
    const publicRows = await validatedCityValues(db(), city, { from: "2026-Q3", to: "2026-Q3" });
    const submitted = rows.filter((r) => r.period === "2026-Q3" && r.status === "submitted" && r.validatedValue === null);
    expect(submitted.length).toBeGreaterThan(0);
    for (const row of submitted) expect(publicRows.find((p) => p.indicator === row.indicator)).toBeUndefined();
  });

  it("gives those who see drafts a value's flags, the value it was compared with and the explanation", async () => {
    const city = await idOf("godawari");
    const [admin] = await db().select({ id: users.id, role: users.role, cityId: users.cityId }).from(users).where(eq(users.email, "admin@demo.cwis"));
    if (!admin) throw new Error("demo admin missing");
    const before = (await allCityValues(db(), city, { from: "2025-Q2", to: "2025-Q2" })).find((v) => v.indicator === "SD-3");
    const previous = before?.validatedValue ?? null;
    expect(previous).not.toBeNull();
    // Fifty points or more from last quarter's validated value: a large change for a percentage.
    const jump = (previous ?? 0) < 50 ? 100 : 0;
    await saveValueList(db(), admin, { cityId: city, entries: [{ indicator: "SD-3", period: "2025-Q3", value: jump, note: "", evidenceUrl: null, explanation: "New survey of every ward" }] });
    const row = (await allCityValues(db(), city, { from: "2025-Q3", to: "2025-Q3" })).find((v) => v.indicator === "SD-3");
    expect(row).toMatchObject({ value: jump, status: "draft", explanation: "New survey of every ward", previousValue: previous, previousPeriod: "2025-Q2", evidenceResourceId: null, evidenceUrl: null });
    expect(row?.flags).toContain("large_change");
  });
});
