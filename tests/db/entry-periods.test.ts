import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import type { Database } from "@/db/client";
import { cities, indicatorValues, indicators, resources, users } from "@/db/schema";
import { entryPeriods, entrySheet, evidenceTarget, openingPeriod } from "@/db/queries/value-entry";

// Kushtia's demo values end in 2026-Q3; the quarters used here hold no demo data.
async function cityOf(db: Database, slug: string) {
  const [row] = await db.select({ id: cities.id, joinedOn: cities.joinedOn }).from(cities).where(eq(cities.slug, slug));
  if (!row) throw new Error(`seeded city ${slug} missing`);
  return row;
}

async function indicatorId(db: Database, code: string) {
  const [row] = await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code));
  if (!row) throw new Error(`indicator ${code} missing`);
  return row.id;
}

/** A value written straight into the table: these tests read, the write path has its own tests. */
async function put(db: Database, cityId: number, code: string, period: string, status: "draft" | "submitted" | "validated" | "returned") {
  const validated = status === "validated" ? { validatedValue: 1, validatedAt: new Date() } : {};
  await db.insert(indicatorValues).values({ cityId, indicatorId: await indicatorId(db, code), period, value: 1, status, ...validated });
}

describeDb("entry page periods", (db) => {
  it("opens on the last completed quarter unless the running one holds drafts or returned values", async () => {
    const { id } = await cityOf(db(), "kushtia");
    // 2031-Q2 is running on 15 May 2031; nothing is stored for it yet.
    const may2031 = new Date("2031-05-15T12:00:00Z");
    expect(await openingPeriod(db(), id, may2031)).toBe("2031-Q1");
    // A value waiting for review, or validated, is not the officer's work in progress.
    await put(db(), id, "SD-2", "2031-Q2", "submitted");
    await put(db(), id, "SD-3", "2031-Q2", "validated");
    expect(await openingPeriod(db(), id, may2031)).toBe("2031-Q1");
    await put(db(), id, "SD-4", "2031-Q2", "returned");
    expect(await openingPeriod(db(), id, may2031)).toBe("2031-Q2");
    // A draft does too; and on the first day of a quarter the one just finished is "last completed".
    await put(db(), id, "SD-5", "2031-Q3", "draft");
    expect(await openingPeriod(db(), id, new Date("2031-07-01T00:00:00Z"))).toBe("2031-Q3");
    expect(await openingPeriod(db(), id, new Date("2031-10-01T00:00:00Z"))).toBe("2031-Q3");
    // Another city's drafts do not count.
    const jhenaidah = await cityOf(db(), "jhenaidah");
    expect(await openingPeriod(db(), jhenaidah.id, new Date("2031-07-01T00:00:00Z"))).toBe("2031-Q2");
  });

  it("lists every quarter from the city's earliest to the current one, and older quarters that hold values", async () => {
    const { id, joinedOn } = await cityOf(db(), "kushtia");
    const now = new Date("2026-11-20T00:00:00Z");
    const before = await entryPeriods(db(), id, now);
    expect(before.current).toBe("2026-Q4");
    // Without cities.earliestPeriod: five years before the city joined.
    expect(joinedOn).not.toBeNull();
    const joined = new Date(`${joinedOn}T00:00:00Z`);
    expect(before.earliest).toBe(`${joined.getUTCFullYear() - 5}-Q${Math.floor(joined.getUTCMonth() / 3) + 1}`);
    const listed = before.quarters.map((q) => q.period);
    expect(listed[0]).toBe("2026-Q4");
    expect(listed.at(-1)).toBe(before.earliest);
    // Newest first, no gaps, nothing after the current quarter.
    for (let i = 1; i < listed.length; i++) expect(listed[i]! < listed[i - 1]!).toBe(true);
    expect(listed).not.toContain("2027-Q1");
    expect(listed).not.toContain("2000-Q1");
    // Demo data in 2026-Q3, counted by status.
    const q3 = before.quarters.find((q) => q.period === "2026-Q3")?.counts;
    expect((q3?.drafts ?? 0) + (q3?.returned ?? 0) + (q3?.submitted ?? 0) + (q3?.validated ?? 0)).toBeGreaterThan(0);
    expect(before.quarters.find((q) => q.period === "2026-Q4")?.counts ?? null).toBeNull();

    // A draft for 2000-Q1 (saved through the API before ranges existed) stays reachable.
    await put(db(), id, "GOV-4", "2000-Q1", "draft");
    const after = await entryPeriods(db(), id, now);
    expect(after.quarters.at(-1)).toEqual({ period: "2000-Q1", counts: { period: "2000-Q1", drafts: 1, returned: 0, submitted: 0, validated: 0 } });
    expect(after.quarters).toHaveLength(before.quarters.length + 1);

    // The city's own earliest quarter wins over the five-year default.
    await db().update(cities).set({ earliestPeriod: "2025-Q1" }).where(eq(cities.id, id));
    const own = await entryPeriods(db(), id, now);
    expect(own.earliest).toBe("2025-Q1");
    const ownList = own.quarters.map((q) => q.period);
    expect(ownList.slice(0, 8)).toEqual(["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1"]);
    // Before it, only quarters that hold values (the demo history and the 2000-Q1 draft).
    const older = after.quarters.filter((q) => q.period < "2025-Q1" && q.counts !== null).map((q) => q.period);
    expect(ownList.slice(8)).toEqual(older);
    expect(older.at(-1)).toBe("2000-Q1");
  });

  it("shows a row's explanation, flags and evidence file on the entry sheet", async () => {
    const { id } = await cityOf(db(), "kushtia");
    const [officer] = await db().select({ id: users.id }).from(users).where(eq(users.email, "officer.kushtia@demo.cwis"));
    const target = await evidenceTarget(db(), id, "sd-2");
    expect(target).toMatchObject({ code: "SD-2", citySlug: "kushtia" });
    expect(await evidenceTarget(db(), id, "XX-9")).toBeNull();
    const [resource] = await db()
      .insert(resources)
      .values({ title: "Evidence for SD-2", type: "report", language: "other", cityId: id, externalUrl: "https://example.org/scan", createdBy: officer?.id ?? null })
      .returning({ id: resources.id });
    await db()
      .insert(indicatorValues)
      .values({ cityId: id, indicatorId: await indicatorId(db(), "SD-2"), period: "2030-Q1", value: 90, explanation: "New treatment plant", flags: ["large_change"], previousValue: 9, previousPeriod: "2029-Q4", evidenceResourceId: resource?.id ?? null });
    const row = (await entrySheet(db(), id, "2030-Q1")).find((r) => r.code === "SD-2");
    expect(row?.current).toMatchObject({ value: 90, explanation: "New treatment plant", flags: ["large_change"], previousValue: 9, previousPeriod: "2029-Q4", evidence: { id: resource?.id, title: "Evidence for SD-2", fileName: null, status: "draft" } });
    const other = (await entrySheet(db(), id, "2030-Q1")).find((r) => r.code === "SD-3");
    expect(other?.current).toBeNull();
    const [stored] = await db().select({ n: indicatorValues.id }).from(indicatorValues).where(and(eq(indicatorValues.cityId, id), eq(indicatorValues.period, "2030-Q1")));
    expect(stored).toBeDefined();
  });
});
