import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, useBrowser } from "./browser";
import { translator } from "@/lib/i18n/messages";
import en from "@/messages/en.json";

interface ApiCity {
  city: { slug: string; name: string; names: { en: string; bn: string; ne: string } };
  scores: { components: { component: string | null; score: number | null }[] };
}

async function apiCity(slug: string): Promise<ApiCity> {
  const response = await fetch(`${baseUrl()}/api/v1/cities/${slug}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ApiCity;
}

const rounded = (score: number | null | undefined) => (score === null || score === undefined ? null : Math.round(score));
const shown = (score: number | null) => (score === null ? "—" : String(score));
const COMPONENTS = ["governance", "service_delivery", "womens_entrepreneurship", "digital_finance", "gesi", "engagement_bcc"];

async function tableRows(page: Page, frame: string): Promise<string[][]> {
  const rows = page.locator(`[data-testid=${frame}] [data-testid=chart-table] tbody tr`);
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    out.push((await rows.nth(i).locator("th, td").allTextContents()).map((cell) => cell.trim()));
  }
  return out;
}

describe.skipIf(!e2eEnabled())("compare cities in Chromium", () => {
  const browser = useBrowser();

  it("shows a mentor group's scores as the API gives them, and each mentee's gap to its mentor", async () => {
    const page = await newPage(browser());
    await signIn(page, "trainer@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.getByRole("link", { name: en["nav.compare"], exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/compare");
    await page.goto("/compare?mentor=sakhipur");
    await page.locator("[data-testid=compare-scores]").waitFor();

    const [sakhipur, madhupur, ghatail] = await Promise.all(["sakhipur", "madhupur", "ghatail"].map(apiCity));
    const scoreOf = (city: ApiCity | undefined, code: string) => rounded(city?.scores.components.find((c) => c.component === code)?.score);

    const rows = await tableRows(page, "compare-scores");
    expect(rows.map((r) => r[0]).sort()).toEqual([sakhipur, madhupur, ghatail].map((c) => c?.city.name).sort());
    for (const city of [sakhipur, madhupur, ghatail]) {
      const row = rows.find((r) => r[0] === city?.city.name);
      const expected = COMPONENTS.map((code) => shown(scoreOf(city, code)));
      expect(expected.filter((s) => s !== "—").length).toBeGreaterThan(0);
      expect(row?.slice(1, 7)).toEqual(expected);
    }

    for (const mentee of [madhupur, ghatail]) {
      const slug = mentee?.city.slug ?? "";
      expect(await page.locator(`[data-testid=gap-row-${slug}]`).count()).toBe(1);
      for (const code of COMPONENTS) {
        const a = scoreOf(mentee, code);
        const b = scoreOf(sakhipur, code);
        const cell = page.locator(`[data-testid=gap-${slug}-${code}]`);
        if (a === null || b === null) {
          expect(await cell.textContent()).toContain(en["compare.gap.noData"]);
          continue;
        }
        const text = (await cell.locator("[data-testid=gap-value]").textContent())?.trim() ?? "";
        // A sign on every non-zero gap, so the direction never rests on colour.
        expect(text).toMatch(a - b === 0 ? /^0$/ : /^[+\-−]\d+$/);
        expect(Number(text.replace("−", "-").replace("+", ""))).toBe(a - b);
        const words = a - b === 0 ? en["compare.gap.level"] : a - b === -1 ? en["compare.gap.behindOne"] : a - b === 1 ? en["compare.gap.aheadOne"] : (a - b < 0 ? en["compare.gap.behind"] : en["compare.gap.ahead"]).replace("{points}", String(Math.abs(a - b)));
        expect(await cell.textContent()).toContain(words);
      }
    }
    expect(await page.locator("[data-testid^=gap-row-]").count()).toBe(2);

    // The lens view regroups the same cities.
    await page.getByRole("link", { name: en["compare.view.lens"] }).click();
    await page.waitForURL((url) => url.searchParams.get("view") === "lens");
    await page.locator("[data-testid=compare-scores]").waitFor();
    expect(await page.locator("[data-testid=compare-scores] [data-testid=chart-table] thead").textContent()).toContain("Equity");
    expect((await tableRows(page, "compare-scores")).length).toBe(3);
    await page.context().close();
  });

  it("picking seven cities in the form compares the first six and says so", async () => {
    const page = await newPage(browser());
    await signIn(page, "trainer@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/compare?mentor=sakhipur");
    const form = page.locator("[data-testid=compare-form]");
    // Sakhipur's group is ticked at the top; open two more groups and tick four.
    expect(await form.locator("[data-testid=compare-chosen] input[name=city]:checked").count()).toBe(3);
    for (const mentor of ["Faridpur Paurashava", "Lakshmipur Paurashava"]) {
      await form.locator("summary", { hasText: en["compare.groupOf"].replace("{mentor}", mentor) }).click();
    }
    for (const slug of ["faridpur", "madaripur", "gopalganj", "lakshmipur"]) await form.locator(`[data-testid=pick-${slug}]`).check();
    expect(await form.locator("input[name=city]:checked").count()).toBe(7);
    // Every city has one checkbox: the ticked group is not offered again below.
    expect(await form.locator("[data-testid=pick-sakhipur]").count()).toBe(1);
    await Promise.all([page.waitForURL((url) => url.searchParams.getAll("city").length === 7), form.locator("[data-testid=compare-submit]").click()]);

    // Form order: the cities compared so far, then groups by mentor name (Faridpur, Lakshmipur), mentees by name.
    const message = translator("en")("compare.tooMany", { count: 7, max: 6, names: "Lakshmipur Paurashava" });
    expect((await page.locator("[data-testid=compare-too-many]").textContent())?.trim()).toBe(message);
    const rows = await tableRows(page, "compare-scores");
    expect(rows.map((r) => r[0])).toEqual(["Sakhipur Paurashava", "Ghatail Paurashava", "Madhupur Paurashava", "Faridpur Paurashava", "Gopalganj Paurashava", "Madaripur Paurashava"]);
    // Four mentees, each with its mentor selected.
    expect(await page.locator("[data-testid^=gap-row-]").count()).toBe(4);
    // The one left out stays offered, unticked, to swap in.
    expect(await page.locator("[data-testid=compare-chosen] [data-testid=pick-lakshmipur]").isChecked()).toBe(false);
    await page.context().close();
  });

  it("finds cities by name in any language and adds them, keeping the ticks, without JavaScript", async () => {
    const context = await browser().newContext({ baseURL: baseUrl(), locale: "en-GB", viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    // Signed in with JavaScript, then the same session without it.
    const withJs = await newPage(browser());
    await signIn(withJs, "trainer@demo.cwis");
    await withJs.waitForURL((url) => url.pathname === "/dashboard");
    await context.addCookies(await withJs.context().cookies());
    await withJs.context().close();

    await page.goto("/compare?mentor=sakhipur");
    const form = page.locator("[data-testid=compare-form]");
    // Bangla name of Kushtia, typed into the search: Enter runs the search (the form's first button).
    const kushtia = await apiCity("kushtia");
    const bangla = kushtia.city.names.bn;
    expect(bangla.length).toBeGreaterThan(2);
    await form.locator("[data-testid=compare-q]").fill(bangla.slice(0, 3));
    await Promise.all([page.waitForURL((url) => url.searchParams.has("q")), form.locator("[data-testid=compare-q]").press("Enter")]);
    const results = page.locator("[data-testid=compare-search-results]");
    expect(await results.locator("[data-testid=pick-kushtia]").count()).toBe(1);
    expect(await page.locator("[data-testid=compare-search-count]").textContent()).toMatch(/of \d+/);
    // The group's ticks were sent along with the search and are still ticked.
    expect(await page.locator("[data-testid=compare-chosen] input:checked").count()).toBe(3);
    await results.locator("[data-testid=pick-kushtia]").check();
    await Promise.all([page.waitForURL((url) => url.searchParams.getAll("city").includes("kushtia")), form.locator("[data-testid=compare-submit]").click()]);
    const rows = await tableRows(page, "compare-scores");
    expect(rows.map((r) => r[0])).toEqual(["Sakhipur Paurashava", "Ghatail Paurashava", "Madhupur Paurashava", kushtia.city.name]);

    // No match: said so.
    await form.locator("[data-testid=compare-q]").fill("atlantis-nowhere");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("q") === "atlantis-nowhere"), form.locator("[data-testid=compare-search-submit]").click()]);
    expect(await page.locator("[data-testid=compare-search-none]").textContent()).toContain("atlantis-nowhere");
    await context.close();
  });

  it("fits a 360 px phone and names unknown cities", async () => {
    const context = await browser().newContext({ baseURL: baseUrl(), locale: "en-GB", viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, "trainer@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/compare?city=benapole&city=satkhira&city=atlantis");
    await page.locator("[data-testid=compare-scores]").waitFor();
    expect(await page.locator("[data-testid=compare-unknown]").textContent()).toContain("atlantis");
    expect((await tableRows(page, "compare-scores")).length).toBe(2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
