import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { cities, components, indicatorValues, indicators, lenses } from "@/db/schema";
import { storedLensScores, storedScores } from "@/db/queries/scores";
import { compareCandidates, loadComparison, MAX_COMPARE, pickerGroups, searchCompareCities, selectCities } from "@/db/queries/compare";
import { indicatorProgress } from "@/lib/scoring";

describeDb("compare", (db) => {
  const idOf = async (slug: string) => {
    const [row] = await db().select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
    if (!row) throw new Error(`no city ${slug}`);
    return row.id;
  };

  it("a mentor group: the mentor and its mentees, with the stored scores in component order", async () => {
    const comparison = await loadComparison(db(), { slugs: [], mentor: "sakhipur", view: "component" });
    expect(comparison.cities.map((c) => c.slug)).toEqual(["sakhipur", "ghatail", "madhupur"]);
    expect(comparison.mentor?.slug).toBe("sakhipur");
    expect(comparison.unknown).toEqual([]);
    const order = await db().select({ id: components.id, code: components.code }).from(components).orderBy(asc(components.sortOrder));
    expect(comparison.matrix.groups.map((g) => g.key)).toEqual(order.map((c) => c.code));
    const ids = comparison.cities.map((c) => c.id);
    const stored = await storedScores(db(), ids);
    expect(stored.length).toBe(18);
    for (const id of ids) {
      const expected = order.map((c) => stored.find((s) => s.cityId === id && s.componentId === c.id)?.score ?? null);
      expect(comparison.matrix.scores.get(id)).toEqual(expected);
      expect(comparison.matrix.asOf.get(id)).toBe(stored.find((s) => s.cityId === id)?.asOfPeriod);
    }
  });

  it("without a choice shows the first mentor city by name and its mentees", async () => {
    const comparison = await loadComparison(db(), { slugs: [], view: "component" });
    const mentors = await db().select({ slug: cities.slug, nameEn: cities.nameEn }).from(cities).where(eq(cities.programmeRole, "mentor")).orderBy(asc(cities.nameEn));
    expect(comparison.mentor?.slug).toBe(mentors[0]?.slug);
    expect(comparison.cities[0]?.slug).toBe(mentors[0]?.slug);
    expect(comparison.cities.slice(1).every((c) => c.mentorCityId === comparison.mentor?.id)).toBe(true);
  });

  it("gaps are mentee − mentor per component, with the mentor's scores fetched even when it is not selected", async () => {
    const [faridpur, madaripur, gopalganj, kushtia] = await Promise.all(["faridpur", "madaripur", "gopalganj", "kushtia"].map(idOf));
    const comparison = await loadComparison(db(), { slugs: ["madaripur", "kushtia", "gopalganj", "bhola"], view: "component" });
    expect(comparison.cities.map((c) => c.slug)).toEqual(["madaripur", "kushtia", "gopalganj", "bhola"]);
    // Kushtia is a mentor and Bhola a candidate: neither has a gap row.
    expect(comparison.gaps.map((g) => [g.mentee.slug, g.mentor.slug])).toEqual([["madaripur", "faridpur"], ["gopalganj", "faridpur"]]);
    expect(kushtia).toBeGreaterThan(0);

    // Independently: the derived table's rows, subtracted by hand.
    const order = await db().select({ id: components.id }).from(components).orderBy(asc(components.sortOrder));
    const stored = await storedScores(db(), [faridpur ?? -1, madaripur ?? -1, gopalganj ?? -1]);
    const score = (cityId: number | undefined, componentId: number) => stored.find((s) => s.cityId === cityId && s.componentId === componentId)?.score ?? null;
    for (const [mentee, gap] of [[madaripur, comparison.gaps[0]], [gopalganj, comparison.gaps[1]]] as const) {
      const expected = order.map((c) => {
        const a = score(mentee, c.id);
        const b = score(faridpur, c.id);
        return a === null || b === null ? null : a - b;
      });
      expect(expected.some((g) => g !== null)).toBe(true);
      expect(gap?.gaps).toHaveLength(6);
      gap?.gaps.forEach((value, i) => {
        const want = expected[i];
        if (want === null || want === undefined) expect(value).toBeNull();
        else expect(value).toBeCloseTo(want, 9);
      });
    }
  });

  it("lens view: each city's lens scores from its latest validated value per indicator, mentors included", async () => {
    const comparison = await loadComparison(db(), { slugs: ["ghatail", "benapole"], view: "lens" });
    const lensRows = await db().select({ code: lenses.code }).from(lenses).orderBy(asc(lenses.sortOrder));
    expect(comparison.matrix.groups.map((g) => g.key)).toEqual(lensRows.map((l) => l.code));
    const active = await db().select().from(indicators).where(eq(indicators.active, true));
    // Ghatail's mentor Sakhipur is not selected, but its lens scores are there for the gap.
    expect(comparison.gaps.map((g) => g.mentor.slug)).toEqual(["sakhipur"]);
    for (const slug of ["ghatail", "benapole", "sakhipur"]) {
      const id = await idOf(slug);
      const rows = await db().select().from(indicatorValues).where(eq(indicatorValues.cityId, id));
      const expected = lensRows.map(({ code }) => {
        const progress = active
          .filter((indicator) => indicator.lensCode === code)
          .flatMap((indicator) => {
            const latest = rows.filter((r) => r.indicatorId === indicator.id && r.validatedValue !== null).sort((a, b) => (a.period < b.period ? 1 : -1))[0];
            return latest?.validatedValue == null ? [] : [indicatorProgress(indicator, latest.validatedValue)];
          });
        return progress.length ? progress.reduce((a, b) => a + b, 0) / progress.length : null;
      });
      expect(expected.some((v) => v !== null)).toBe(true);
      const actual = comparison.matrix.scores.get(id);
      expect(actual).toHaveLength(lensRows.length);
      actual?.forEach((value, i) => {
        const want = expected[i];
        if (want === null || want === undefined) expect(value).toBeNull();
        else expect(value).toBeCloseTo(want, 9);
      });
    }
    const ghatail = comparison.gaps[0];
    const own = comparison.matrix.scores.get(ghatail?.mentee.id ?? -1) ?? [];
    const theirs = comparison.matrix.scores.get(ghatail?.mentor.id ?? -1) ?? [];
    ghatail?.gaps.forEach((gap, i) => {
      const a = own[i];
      const b = theirs[i];
      if (a == null || b == null) expect(gap).toBeNull();
      else expect(gap).toBeCloseTo(a - b, 9);
    });
  });

  it("more than six cities: the first six in the order asked, the rest reported; unknown slugs ignored", async () => {
    const asked = ["kushtia", "meherpur", "nowhere", "chuadanga", "jhenaidah", "magura", "kushtia", "kotchandpur", "faridpur", "madaripur"];
    const comparison = await loadComparison(db(), { slugs: asked, view: "component" });
    expect(MAX_COMPARE).toBe(6);
    expect(comparison.cities.map((c) => c.slug)).toEqual(["kushtia", "meherpur", "chuadanga", "jhenaidah", "magura", "kotchandpur"]);
    expect(comparison.dropped.map((c) => c.slug)).toEqual(["faridpur", "madaripur"]);
    expect(comparison.requested).toBe(8);
    expect(comparison.unknown).toEqual(["nowhere"]);
    expect(comparison.matrix.scores.size).toBeGreaterThanOrEqual(6);
    // Dropped cities are not queried or shown.
    expect(comparison.matrix.scores.has(await idOf("madaripur"))).toBe(false);
  });

  it("an unknown or non-mentor `mentor=` is reported and falls back to the default group", async () => {
    const selection = selectCities(await compareCandidates(db(), [], "ghatail"), [], "ghatail");
    expect(selection.unknown).toEqual(["ghatail"]);
    expect(selection.mentor?.programmeRole).toBe("mentor");
    expect(selectCities(await compareCandidates(db(), ["sakhipur"], "kushtia"), ["sakhipur"], "kushtia").cities.map((c) => c.slug)).toEqual(["sakhipur"]);
  });

  it("picker groups: one page of mentors by name with their mentees, and the number of mentors", async () => {
    const all = await db().select().from(cities);
    const mentors = all.filter((c) => c.programmeRole === "mentor").sort((a, b) => (a.nameEn < b.nameEn ? -1 : a.nameEn > b.nameEn ? 1 : a.id - b.id));
    expect(mentors.length).toBeGreaterThan(3);
    const first = await pickerGroups(db(), { locale: "en", limit: 3, offset: 0 });
    const second = await pickerGroups(db(), { locale: "en", limit: 3, offset: 3 });
    expect(first.total).toBe(mentors.length);
    expect(first.groups.map((g) => g.mentor.slug)).toEqual(mentors.slice(0, 3).map((m) => m.slug));
    expect(second.groups.map((g) => g.mentor.slug)).toEqual(mentors.slice(3, 6).map((m) => m.slug));
    for (const group of [...first.groups, ...second.groups]) {
      expect(group.mentees.map((c) => c.slug).sort()).toEqual(all.filter((c) => c.mentorCityId === group.mentor.id).map((c) => c.slug).sort());
    }
    const everything = await pickerGroups(db(), { locale: "en", limit: 100, offset: 0 });
    expect(everything.groups).toHaveLength(mentors.length);
    expect(everything.groups.find((g) => g.mentor.slug === "sakhipur")?.mentees.map((c) => c.slug)).toEqual(["ghatail", "madhupur"]);
  });

  it("picker search: any language or slug, a page at a time, chosen cities left out, wildcards taken literally", async () => {
    const all = await db().select().from(cities);
    const kushtia = all.find((c) => c.slug === "kushtia");
    if (!kushtia) throw new Error("no kushtia");
    for (const q of [kushtia.nameBn.slice(0, 3), kushtia.nameNe.slice(0, 3), "KUSHT"]) {
      const found = await searchCompareCities(db(), { q, locale: "en", limit: 20, offset: 0 });
      expect(found.rows.map((c) => c.slug)).toContain("kushtia");
    }
    const matching = all.filter((c) => [c.nameEn, c.nameBn, c.nameNe, c.slug].some((n) => n.toLowerCase().includes("paurashava")));
    expect(matching.length).toBeGreaterThan(4);
    const page1 = await searchCompareCities(db(), { q: "paurashava", locale: "en", limit: 3, offset: 0 });
    const page2 = await searchCompareCities(db(), { q: "paurashava", locale: "en", limit: 3, offset: 3 });
    expect(page1.total).toBe(matching.length);
    expect(page1.rows).toHaveLength(3);
    expect(page2.rows.some((c) => page1.rows.some((d) => d.id === c.id))).toBe(false);
    const withoutKushtia = await searchCompareCities(db(), { q: "kusht", locale: "en", limit: 20, offset: 0, exclude: [kushtia.id] });
    expect(withoutKushtia.rows.map((c) => c.slug)).not.toContain("kushtia");
    expect((await searchCompareCities(db(), { q: "%", locale: "en", limit: 20, offset: 0 })).total).toBe(0);
    expect((await searchCompareCities(db(), { q: "", locale: "bn", limit: 5, offset: 0 })).total).toBe(all.length);
  });

  it("lens view reads the stored lens table: the same numbers as the lens rows of those cities", async () => {
    const comparison = await loadComparison(db(), { slugs: [], mentor: "kushtia", view: "lens" });
    const lensRows = await db().select({ code: lenses.code }).from(lenses).orderBy(asc(lenses.sortOrder));
    const stored = await storedLensScores(db(), comparison.cities.map((c) => c.id));
    for (const city of comparison.cities) {
      expect(comparison.matrix.scores.get(city.id)).toEqual(lensRows.map((l) => stored.find((s) => s.cityId === city.id && s.lensCode === l.code)?.score ?? null));
      expect(comparison.matrix.asOf.get(city.id)).toBe(stored.find((s) => s.cityId === city.id)?.asOfPeriod ?? null);
    }
  });
});
