import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { cities, components, indicatorValues, indicators, lenses, reportComments, reportVersions, reports, users } from "@/db/schema";
import { DEMO_REPORT_TITLE, seedDemoReports } from "@/db/seed-reports";
import { DEMO_LAST_PERIOD, seedDemo, seedFramework } from "@/db/seed";
import { UNIT_RANGES } from "@/lib/units";
import framework from "@/db/data/cwis-framework.json";

describeDb("seed", (db) => {
  it("loads the whole framework with names in three languages", async () => {
    const [componentRows, indicatorRows, lensRows] = await Promise.all([db().select().from(components), db().select().from(indicators), db().select().from(lenses)]);
    expect(componentRows).toHaveLength(6);
    expect(indicatorRows).toHaveLength(32);
    expect(lensRows.map((l) => l.code).sort()).toEqual(["accountability", "equity", "resource_planning", "responsibility", "safety", "sustainability"]);
    for (const row of [...componentRows, ...indicatorRows, ...lensRows]) {
      expect(row.nameBn).toMatch(/[\u0980-\u09FF]/);
      expect(row.nameNe).toMatch(/[\u0900-\u097F]/);
    }
    const sd4 = indicatorRows.find((i) => i.code === "SD-4");
    expect(sd4).toMatchObject({ unit: "days", direction: "lower_is_better", target: 2, worst: 30, frequency: "quarterly" });
    const fileCodes = framework.components.flatMap((c) => c.indicators.map((i) => i.code)).sort();
    expect(indicatorRows.map((i) => i.code).sort()).toEqual(fileCodes);
  });

  it("has eight mentor cities: six in Bangladesh with Kushtia, two in Nepal with Mahalaxmi", async () => {
    const mentors = await db().select().from(cities).where(eq(cities.programmeRole, "mentor"));
    expect(mentors.filter((c) => c.country === "BD")).toHaveLength(6);
    expect(mentors.filter((c) => c.country === "NP")).toHaveLength(2);
    expect(mentors.map((c) => c.slug)).toEqual(expect.arrayContaining(["kushtia", "mahalaxmi"]));
  });

  it("gives every mentee a mentor city, and no one else a mentor", async () => {
    const mentor = alias(cities, "mentor");
    const rows = await db().select({ role: cities.programmeRole, mentorRole: mentor.programmeRole }).from(cities).leftJoin(mentor, eq(mentor.id, cities.mentorCityId));
    for (const row of rows) {
      if (row.role === "mentee") expect(row.mentorRole).toBe("mentor");
      else expect(row.mentorRole).toBeNull();
    }
    expect(rows.filter((r) => r.role === "candidate").length).toBeGreaterThan(0);
  });

  it("creates one demo account per role, the officer with Kushtia", async () => {
    const rows = await db().select({ email: users.email, role: users.role, city: cities.slug }).from(users).leftJoin(cities, eq(cities.id, users.cityId));
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(byEmail.get("admin@demo.cwis")?.role).toBe("admin");
    expect(byEmail.get("reviewer@demo.cwis")?.role).toBe("reviewer");
    expect(byEmail.get("trainer@demo.cwis")?.role).toBe("trainer");
    expect(byEmail.get("partner@demo.cwis")?.role).toBe("partner");
    expect(byEmail.get("officer.kushtia@demo.cwis")).toMatchObject({ role: "officer", city: "kushtia" });
  });

  it("generates eight quarters of plausible demo values, annual ones only in Q4", async () => {
    const periods = await db().selectDistinct({ period: indicatorValues.period }).from(indicatorValues).orderBy(indicatorValues.period);
    expect(periods.map((p) => p.period)).toEqual(["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", DEMO_LAST_PERIOD]);

    const values = await db().select({ value: indicatorValues.value, period: indicatorValues.period, unit: indicators.unit, frequency: indicators.frequency, isDemo: indicatorValues.isDemo }).from(indicatorValues).innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId));
    expect(values.length).toBeGreaterThan(3000);
    for (const v of values) {
      const range = UNIT_RANGES[v.unit];
      expect(v.value).toBeGreaterThanOrEqual(range.min);
      if (range.max !== null) expect(v.value).toBeLessThanOrEqual(range.max);
      if (range.integer) expect(Number.isInteger(v.value)).toBe(true);
      if (v.frequency === "annual") expect(v.period.endsWith("Q4")).toBe(true);
      expect(v.isDemo).toBe(true);
    }
    // Older quarters are validated; the newest still has work for reviewers.
    const [older] = await db().select({ n: count() }).from(indicatorValues).where(and(ne(indicatorValues.period, DEMO_LAST_PERIOD), ne(indicatorValues.status, "validated")));
    expect(older?.n).toBe(0);
    const [submitted] = await db().select({ n: count() }).from(indicatorValues).where(eq(indicatorValues.status, "submitted"));
    expect(submitted?.n).toBeGreaterThan(0);
  });

  it("seeds a Kushtia profile in consultation, by the officer, with one unanswered comment, and only once", async () => {
    const rows = await db().select({ id: reportVersions.id, status: reportVersions.status, city: cities.slug, author: users.email }).from(reports).innerJoin(reportVersions, eq(reportVersions.reportId, reports.id)).innerJoin(cities, eq(cities.id, reports.cityId)).innerJoin(users, eq(users.id, reports.createdBy)).where(eq(reports.title, DEMO_REPORT_TITLE));
    expect(rows).toEqual([{ id: rows[0]?.id, status: "consultation", city: "kushtia", author: "officer.kushtia@demo.cwis" }]);
    const comments = await db().select().from(reportComments).where(eq(reportComments.versionId, rows[0]!.id));
    expect(comments.map((c) => [c.sectionKey, c.answer])).toEqual([["scores", null]]);
    await seedDemoReports(db());
    expect(await db().select({ id: reports.id }).from(reports).where(eq(reports.title, DEMO_REPORT_TITLE))).toHaveLength(1);
  });

  it("is idempotent and leaves an admin's edits alone", async () => {
    await db().update(indicators).set({ target: 85 }).where(eq(indicators.code, "SD-2"));
    const countAll = async () => {
      const [row] = await db().select({ cities: sql<number>`(select count(*) from cities)::int`, users: sql<number>`(select count(*) from users)::int`, values: sql<number>`(select count(*) from indicator_values)::int`, indicators: sql<number>`(select count(*) from indicators)::int` }).from(sql`(select 1) one`);
      return row;
    };
    const before = await countAll();
    await seedFramework(db());
    await seedDemo(db(), { questionnaires: false });
    expect(await countAll()).toEqual(before);
    const [sd2] = await db().select({ target: indicators.target }).from(indicators).where(eq(indicators.code, "SD-2"));
    expect(sd2?.target).toBe(85);
    const [orphans] = await db().select({ n: count() }).from(cities).where(and(eq(cities.programmeRole, "mentee"), isNull(cities.mentorCityId)));
    expect(orphans?.n).toBe(0);
  });
});
