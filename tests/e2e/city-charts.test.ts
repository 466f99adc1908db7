import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, useBrowser } from "./browser";
import { indicatorProgress } from "@/lib/scoring";

interface Names { en: string; bn: string; ne: string }
interface Framework { components: { code: string; names: Names; indicators: ({ code: string } & Parameters<typeof indicatorProgress>[0])[] }[]; lenses: { code: string; names: Names }[] }
interface CityDetail { city: { slug: string; names: Names; mentor: { slug: string } | null }; scores: { period: string | null; components: { component: string; score: number | null }[] } }

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The charts' tables round scores to whole numbers in the reader's digits; null is a dash. */
const shown = (score: number | null | undefined, tag = "en-GB") => (score === null || score === undefined ? "—" : new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(score));

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return null;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Rows of a chart's data table: [row header, ...cells]. */
async function tableRows(page: Page, frame: string): Promise<string[][]> {
  return page.locator(`[data-testid=${frame}] [data-testid=chart-table] tbody tr`).evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => cell.textContent?.trim() ?? "")));
}

async function tableColumns(page: Page, frame: string): Promise<string[]> {
  return page.locator(`[data-testid=${frame}] [data-testid=chart-table] thead th`).allTextContents();
}

// Madaripur (a mentee of Faridpur) is not written by any other e2e file, so its numbers are stable.
describe.skipIf(!e2eEnabled())("city progress charts in Chromium", () => {
  const browser = useBrowser();
  let framework: Framework;
  let mentee: CityDetail;
  let mentor: CityDetail;
  const medians = new Map<string, number | null>();

  beforeAll(async () => {
    framework = await getJson<Framework>("/api/v1/framework");
    mentee = await getJson<CityDetail>("/api/v1/cities/madaripur");
    mentor = await getJson<CityDetail>("/api/v1/cities/faridpur");
    // The programme median AS OF the mentee's quarter (issue 12: one quarter for every series),
    // recomputed from the public API city by city: each city's latest validated value of each
    // indicator up to that quarter, scored by lib/scoring.
    const asOf = mentee.scores.period ?? "";
    const list = await getJson<{ cities: { slug: string }[]; total: number }>("/api/v1/cities?per_page=100");
    expect(list.cities.length).toBe(list.total);
    const valuesOf = await Promise.all(list.cities.map((c) => getJson<{ values: { indicator: string; period: string; value: number }[] }>(`/api/v1/cities/${c.slug}/values?to=${asOf}`)));
    for (const component of framework.components) {
      const scores = valuesOf.flatMap(({ values }) => {
        const progress = component.indicators.flatMap((indicator) => {
          const latest = values.filter((v) => v.indicator === indicator.code).sort((a, b) => (a.period < b.period ? 1 : -1))[0];
          return latest ? [indicatorProgress(indicator, latest.value)] : [];
        });
        return progress.length ? [progress.reduce((a, b) => a + b, 0) / progress.length] : [];
      });
      medians.set(component.code, median(scores));
    }
  });

  it("compares a mentee with its mentor and the programme median, by component and by lens", async () => {
    expect(mentee.city.mentor?.slug).toBe("faridpur");
    const page = await newPage(browser());
    await signIn(page, "reviewer@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/cities/madaripur");
    const radar = page.locator("[data-testid=progress-radar]");
    await radar.waitFor();
    // The chart draws on a canvas once Chart.js has loaded (after the page); the same numbers are one click away as a table.
    await radar.locator("canvas").waitFor();
    expect(await radar.locator("canvas").count()).toBe(1);
    await radar.locator("[data-testid=toggle-table]").click();
    await radar.locator("[data-testid=chart-table]").waitFor({ state: "visible" });
    expect(await tableColumns(page, "progress-radar")).toEqual(["Component", mentee.city.names.en, `${mentor.city.names.en} (mentor)`, "Programme median"]);
    const expected = framework.components.map((component) => [
      component.names.en,
      shown(mentee.scores.components.find((s) => s.component === component.code)?.score),
      shown(mentor.scores.components.find((s) => s.component === component.code)?.score),
      shown(medians.get(component.code)),
    ]);
    expect(await tableRows(page, "progress-radar")).toEqual(expected);
    expect(expected.flat().filter((cell) => cell !== "—").length).toBeGreaterThan(12);
    expect(await radar.locator("[data-testid=chart-summary]").textContent()).toContain(`As of ${mentee.scores.period}`);

    // The last quarter of the line chart is the latest scores the radar shows.
    const line = await tableRows(page, "progress-line");
    expect(line.at(-1)?.[0]).toBe(mentee.scores.period);
    expect(line.at(-1)?.slice(1)).toEqual(expected.map((row) => row[1]));
    expect(line.length).toBeGreaterThanOrEqual(4);

    // Indicator trends draw only once their component is opened.
    const trend = page.locator("[data-testid=trend-SD-3]");
    expect(await trend.locator("canvas").count()).toBe(0);
    await page.locator("[data-testid=trends-service_delivery] > summary").click();
    await trend.locator("canvas").waitFor();
    expect(await trend.locator("[data-testid=chart-table] tbody tr").count()).toBeGreaterThan(0);

    // By lens: a link (works without JavaScript), six lenses, the city and its mentor.
    await page.click("[data-testid=view-lens]");
    await page.waitForURL((url) => url.searchParams.get("view") === "lens");
    await page.locator("[data-testid=view-lens][aria-current=page]").waitFor();
    expect(await tableColumns(page, "progress-radar")).toEqual(["Lens", mentee.city.names.en, `${mentor.city.names.en} (mentor)`]);
    const lensRows = await tableRows(page, "progress-radar");
    expect(lensRows.map((row) => row[0])).toEqual(framework.lenses.map((lens) => lens.names.en));
    expect(lensRows).toHaveLength(6);

    // A mentor city is compared with the median only.
    await page.goto("/cities/faridpur");
    await page.locator("[data-testid=progress-radar] canvas").waitFor();
    expect(await tableColumns(page, "progress-radar")).toEqual(["Component", mentor.city.names.en, "Programme median"]);
    await page.context().close();
  });

  it("shows Bangla digits in the radar table in Bangla, and fits a 360 px screen", async () => {
    const page = await newPage(browser());
    await signIn(page, "reviewer@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    try {
      await page.click("[data-testid=locale-bn]");
      await page.waitForFunction(() => document.documentElement.lang === "bn");
      await page.setViewportSize({ width: 360, height: 780 });
      await page.goto("/cities/madaripur");
      await page.locator("[data-testid=progress-radar] canvas").waitFor();
      const rows = await tableRows(page, "progress-radar");
      expect(rows).toEqual(
        framework.components.map((component) => [
          component.names.bn,
          shown(mentee.scores.components.find((s) => s.component === component.code)?.score, "bn-BD"),
          shown(mentor.scores.components.find((s) => s.component === component.code)?.score, "bn-BD"),
          shown(medians.get(component.code), "bn-BD"),
        ]),
      );
      expect(rows.flat().join(" ")).toMatch(/[০-৯]/);
      expect(rows.flat().join(" ")).not.toMatch(/[0-9]/);
      // Nothing in the charts is wider than the phone, and the page does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      for (const frame of ["progress-radar", "progress-line"]) {
        const box = await page.locator(`[data-testid=${frame}]`).boundingBox();
        expect(box?.width ?? 999).toBeLessThanOrEqual(360);
        const canvas = await page.locator(`[data-testid=${frame}] canvas`).boundingBox();
        expect(canvas?.width ?? 0).toBeGreaterThan(200);
      }
    } finally {
      // The reviewer's language is saved on the account: put it back for other tests.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.click("[data-testid=locale-en]");
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await page.context().close();
    }
  });
});
