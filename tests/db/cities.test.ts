import { expect, it } from "vitest";
import { describeDb } from "./support";
import { countCitiesByRole, getCityBySlug, hasDemoData, listCities, listMentees } from "@/db/queries/cities";
import { getFramework } from "@/db/queries/framework";

describeDb("cities and framework queries", (db) => {
  it("lists cities with their mentor, filtered by country and role", async () => {
    const nepalMentees = await listCities(db(), { country: "NP", role: "mentee" }, { limit: 50, offset: 0 });
    expect(nepalMentees.rows.length).toBeGreaterThan(0);
    for (const row of nepalMentees.rows) {
      expect(row.country).toBe("NP");
      expect(["mahalaxmi", "dhulikhel"]).toContain(row.mentorSlug);
    }
    expect(nepalMentees.total).toBe(nepalMentees.rows.length);
  });

  it("finds a city by its name in Bangla or Nepali", async () => {
    expect((await listCities(db(), { q: "কুষ্টিয়া" }, { limit: 10, offset: 0 })).rows.map((r) => r.slug)).toEqual(["kushtia"]);
    expect((await listCities(db(), { q: "महालक्ष्मी" }, { limit: 10, offset: 0 })).rows.map((r) => r.slug)).toEqual(["mahalaxmi"]);
    expect((await listCities(db(), { q: "100%_" }, { limit: 10, offset: 0 })).rows).toEqual([]);
  });

  it("pages with a stable total", async () => {
    const page1 = await listCities(db(), {}, { limit: 10, offset: 0 });
    const page2 = await listCities(db(), {}, { limit: 10, offset: 10 });
    expect(page1.rows).toHaveLength(10);
    expect(page2.total).toBe(page1.total);
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.slug)).size).toBe(20);
    // Mentors come first.
    expect(page1.rows[0]?.programmeRole).toBe("mentor");
  });

  it("reads a city profile with its mentees", async () => {
    const kushtia = await getCityBySlug(db(), "kushtia");
    expect(kushtia).toMatchObject({ country: "BD", programmeRole: "mentor", mentorSlug: null });
    const mentees = await listMentees(db(), kushtia?.id ?? -1);
    expect(mentees.map((m) => m.slug).sort()).toEqual(["chuadanga", "meherpur"]);
    expect(await getCityBySlug(db(), "atlantis")).toBeNull();
  });

  it("counts cities by country and role, and knows demo data is loaded", async () => {
    const counts = await countCitiesByRole(db());
    const mentors = counts.filter((c) => c.programmeRole === "mentor").reduce((sum, c) => sum + c.n, 0);
    expect(mentors).toBe(8);
    expect(await hasDemoData(db())).toBe(true);
  });

  it("returns the framework grouped and ordered", async () => {
    const framework = await getFramework(db());
    expect(framework.components.map((c) => c.code)).toEqual(["governance", "service_delivery", "womens_entrepreneurship", "digital_finance", "gesi", "engagement_bcc"]);
    expect(framework.components.map((c) => c.indicators.length)).toEqual([6, 7, 4, 5, 5, 5]);
    expect(framework.components[0]?.indicators[0]?.code).toBe("GOV-1");
  });
});
