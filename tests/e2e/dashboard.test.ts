import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, useBrowser } from "./browser";

// The trainer is used by no other browser test's dashboard checks; cities are counted through the
// public API at test time, since other files may add cities.
const USER = "trainer@demo.cwis";

async function cityTotal(query: string): Promise<number> {
  const response = await fetch(`${baseUrl()}/api/v1/cities?per_page=1${query}`);
  const body = (await response.json()) as { total: number };
  return body.total;
}

async function histogramCounts(page: Page): Promise<number[]> {
  const cells = await page.locator("[data-testid=index-histogram] [data-testid=chart-table] tbody td").allTextContents();
  return cells.map(Number);
}

describe.skipIf(!e2eEnabled())("programme overview in Chromium", () => {
  const browser = useBrowser();

  it("shows every city in the heat table and the histogram, filters by country and regroups by lens", async () => {
    const page = await newPage(browser());
    await signIn(page, USER);
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.locator("[data-testid=heat-table]").waitFor();
    await page.locator("[data-testid=index-histogram] canvas").waitFor();

    const all = await cityTotal("");
    const rows = page.locator("[data-testid^=heat-row-]");
    expect(await rows.count()).toBe(all);
    const counts = await histogramCounts(page);
    expect(counts).toHaveLength(11); // ten bins of ten, and "no data"
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all);
    // Highest CWIS index first.
    const indexes = (await page.locator("[data-testid^=heat-index-]").allTextContents()).filter((text) => text !== "—").map(Number);
    expect(indexes.length).toBeGreaterThan(10);
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
    // Each city links to its page.
    expect(await page.locator("[data-testid=heat-row-faridpur] a[href='/cities/faridpur']").count()).toBe(1);
    expect(await page.locator("[data-testid=recent-validations] tbody tr").count()).toBeGreaterThan(0);
    // A trainer does not review: no review card.
    expect(await page.locator("[data-testid=review-waiting]").count()).toBe(0);

    // The filter form is a plain GET form.
    await page.selectOption("select[name=country]", "NP");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("country") === "NP"), page.locator("[data-testid=dashboard-filters] button[type=submit]").click()]);
    await page.locator("[data-testid=heat-table]").waitFor();
    const nepal = await cityTotal("&country=NP");
    expect(nepal).toBeGreaterThan(0);
    expect(nepal).toBeLessThan(all);
    expect(await rows.count()).toBe(nepal);
    expect(await page.locator("[data-testid^=heat-row-][data-country=BD]").count()).toBe(0);
    expect((await histogramCounts(page)).reduce((a, b) => a + b, 0)).toBe(nepal);

    // The lens view keeps the filter and shows the six lenses next to the index.
    await Promise.all([page.waitForURL((url) => url.searchParams.get("view") === "lens"), page.click("[data-testid=view-lens]")]);
    await page.locator("[data-testid=heat-table]").waitFor();
    expect(new URL(page.url()).searchParams.get("country")).toBe("NP");
    expect(await page.locator("[data-testid^=heat-col-]:not([data-testid=heat-col-index])").count()).toBe(6);
    expect(await page.locator("[data-testid=heat-col-equity]").count()).toBe(1);
    expect(await rows.count()).toBe(nepal);

    // An earlier quarter, straight from the URL: the scores are as of that quarter.
    await page.goto("/dashboard?period=2025-Q2");
    await page.locator("[data-testid=heat-table]").waitFor();
    expect(await page.textContent("[data-testid=heat-as-of]")).toContain("2025-Q2");
    expect(await rows.count()).toBe(all);
    await page.context().close();
  });

  it("keeps the city column readable on a 360 px phone while the table scrolls sideways", async () => {
    const context = await browser().newContext({ baseURL: baseUrl(), locale: "en-GB", viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, USER);
    await page.waitForURL((url) => url.pathname === "/dashboard");
    const table = page.locator("[data-testid=heat-table]");
    await table.waitFor();
    const scroller = table.locator("xpath=..");
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const name = page.locator("[data-testid=heat-row-faridpur] th a");
    const box = await name.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
    await context.close();
  });

  it("shows Bangla digits in the totals after switching to Bangla", async () => {
    const page = await newPage(browser());
    await signIn(page, USER);
    await page.waitForURL((url) => url.pathname === "/dashboard");
    try {
      await page.click("[data-testid=locale-bn]");
      await page.waitForFunction(() => document.documentElement.lang === "bn");
      await page.locator("[data-testid=coverage-all]").waitFor();
      expect(await page.textContent("[data-testid=dashboard-count-mentor-BD]")).toMatch(/^[০-৯]+$/);
      expect(await page.textContent("[data-testid=coverage-all]")).toMatch(/^[০-৯]+\s?%$/);
      expect(await page.textContent("[data-testid=coverage-NP]")).toMatch(/^[০-৯]+\s?%$/);
      const counts = await page.locator("[data-testid=index-histogram] [data-testid=chart-table] tbody td").allTextContents();
      expect(counts.every((text) => /^[০-৯]+$/.test(text))).toBe(true);
    } finally {
      // The choice is saved with the user: switch back so later runs read English.
      await page.click("[data-testid=locale-en]");
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await page.context().close();
    }
  });
});
