import { createServer } from "node:http";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, useBrowser } from "./browser";
import en from "@/messages/en.json";
import { formatMessage } from "@/lib/i18n/messages";

interface Names { en: string; bn: string; ne: string }
interface Framework { components: { code: string; names: Names }[] }
interface CityDetail {
  city: { slug: string; names: Names; population: number | null; mentor: { slug: string } | null; mentees: { slug: string }[] };
  scores: { period: string | null; index: number | null; indexCoverage: number; components: { component: string; score: number | null; indicatorsWithData: number; indicatorCount: number }[] };
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** A signed-out request that must not be redirected to /login. */
async function publicGet(path: string): Promise<Response> {
  const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
  expect(response.status, path).toBe(200);
  return response;
}

const shown = (score: number | null | undefined, tag = "en-GB") => (score === null || score === undefined ? "—" : new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(score));
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
// Filled as the app fills messages, plural rules included (lib/i18n/messages.ts).
const fill = (template: string, vars: Record<string, string | number>) => formatMessage(template, vars, "en");

describe("public portal over HTTP (signed out)", () => {
  it("serves /explore and a public city page without a sign-in, and never frames them", async () => {
    for (const path of ["/explore", "/explore/kushtia", "/explore?country=NP&view=lens"]) {
      const response = await publicGet(path);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      const html = await response.text();
      expect(html.match(EMAIL), `${path} shows an e-mail address`).toBeNull();
    }
    expect((await fetch(`${baseUrl()}/explore/no-such-city`, { redirect: "manual" })).status).toBe(404);
    // The rest of the app still sends signed-out visitors to sign in.
    const privateCity = await fetch(`${baseUrl()}/cities/kushtia`, { redirect: "manual" });
    expect(privateCity.status).toBe(307);
    expect(privateCity.headers.get("location")).toContain("/login");
  });

  it("opens the pages mailed links lead to without a sign-in: reset, invitation, the newsletter's", async () => {
    for (const path of ["/login/forgot", "/login/reset?token=x", "/invite?token=x", "/newsletter", "/newsletter/confirm?s=x", "/newsletter/manage?s=x"]) {
      await publicGet(path);
    }
    // The outbox and the digests stay for admins.
    for (const path of ["/admin/outbox", "/admin/newsletter", "/notifications"]) {
      const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(307);
      expect(response.headers.get("location"), path).toContain("/login");
    }
  });

  it("lets any site frame the embeddable radar", async () => {
    const response = await publicGet("/embed/cities/kushtia/radar");
    expect(response.headers.get("x-frame-options")).toBeNull();
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors *");
    expect(csp).not.toContain("frame-ancestors 'none'");
    // Other security headers stay.
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain('data-testid="chart-table"');
    expect(html).not.toContain("<nav");
  });

  it("links the landing page to the public overview and each mentor city's public page", async () => {
    const html = await (await publicGet("/")).text();
    expect(html).toContain('href="/explore"');
    expect(html).toContain('href="/explore/faridpur"');
  });
});

describe.skipIf(!e2eEnabled())("public portal in Chromium (signed out)", () => {
  const browser = useBrowser();
  let framework: Framework;

  beforeAll(async () => {
    framework = await getJson<Framework>("/api/v1/framework");
  });

  async function visibleText(page: Page): Promise<string> {
    return page.evaluate(() => document.body.innerText);
  }

  it("shows Kushtia's validated scores only: the same numbers as the public API, no statuses", async () => {
    const page = await newPage(browser());
    await page.goto("/explore/kushtia");
    expect(new URL(page.url()).pathname).toBe("/explore/kushtia");
    // Read the API at the same moment as the page: another file may validate Kushtia's quarter during the run.
    const api = await getJson<CityDetail>("/api/v1/cities/kushtia");
    expect(api.scores.period).not.toBeNull();
    await page.locator("[data-testid=component-scores]").waitFor();
    expect(await page.textContent("[data-testid=scores-as-of]")).toBe(fill(en["city.scoresAsOf"], { period: api.scores.period ?? "" }));
    for (const component of framework.components) {
      const score = api.scores.components.find((s) => s.component === component.code);
      const cells = await page.locator(`[data-testid=score-${component.code}] > *`).allTextContents();
      expect(cells).toEqual([component.names.en, shown(score?.score), fill(en["city.indicatorsWithData"], { count: score?.indicatorsWithData ?? 0, total: score?.indicatorCount ?? 0 })]);
    }
    const indexCells = await page.locator("[data-testid=score-index] > *").allTextContents();
    expect(indexCells).toEqual([en["scores.index"], shown(api.scores.index), new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 }).format(api.scores.indexCoverage)]);

    // The radar's table: the city's column is the API's scores.
    const radar = page.locator("[data-testid=progress-radar]");
    await radar.locator("canvas").waitFor();
    const rows = await radar.locator("[data-testid=chart-table] tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent?.trim() ?? "")));
    expect(rows.map((row) => row.slice(0, 2))).toEqual(framework.components.map((c) => [c.names.en, shown(api.scores.components.find((s) => s.component === c.code)?.score)]));
    // The line chart's last quarter is the same latest scores.
    const line = await page.locator("[data-testid=progress-line] [data-testid=chart-table] tbody tr").last().evaluate((tr) => Array.from(tr.children, (cell) => cell.textContent?.trim() ?? ""));
    expect(line).toEqual([api.scores.period, ...rows.map((row) => row[1])]);

    // Profile and mentoring link to public pages only.
    if (api.city.population !== null) expect(await page.textContent("[data-testid=city-profile]")).toContain(new Intl.NumberFormat("en-GB").format(api.city.population));
    if (api.city.mentor) expect(await page.getAttribute("[data-testid=mentor-link]", "href")).toBe(`/explore/${api.city.mentor.slug}`);
    const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.filter((href) => /^\/(cities|review|import|admin)\b/.test(href))).toEqual([]);

    // No workflow state, no e-mail addresses, no evidence or notes.
    const text = await visibleText(page);
    expect(text).not.toMatch(new RegExp(`\\b(${en["status.draft"]}|${en["status.submitted"]})\\b`));
    expect(text).not.toMatch(EMAIL);
    expect(await page.locator("[data-testid^=latest-]").count()).toBe(0);

    // The embed snippet people copy.
    const snippet = await page.inputValue("[data-testid=embed-code]");
    expect(snippet).toMatch(/^<iframe src="http:\/\/[^"]+\/embed\/cities\/kushtia\/radar\?lang=en" /);
    await page.context().close();
  });

  it("shows the programme overview: totals, heat table and histogram, without reviewers", async () => {
    const page = await newPage(browser());
    await page.goto("/explore");
    expect(new URL(page.url()).pathname).toBe("/explore");
    await page.locator("[data-testid=heat-table]").waitFor();
    await page.locator("[data-testid=index-histogram]").waitFor();
    expect(Number(await page.textContent("[data-testid=dashboard-count-mentor-BD]"))).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=review-waiting]").count()).toBe(0);
    expect(await page.locator("[data-testid=recent-validations]").count()).toBe(0);
    // Heat rows link to the public city pages; Faridpur's index is the public API's.
    const faridpur = await getJson<CityDetail>("/api/v1/cities/faridpur");
    expect(await page.getAttribute("[data-testid=heat-row-faridpur] th a", "href")).toBe("/explore/faridpur");
    expect(await page.textContent("[data-testid=heat-index-faridpur]")).toBe(shown(faridpur.scores.index));
    // Sorting stays on the public page.
    await page.click("[data-testid=heat-col-index] a");
    await page.waitForURL((url) => url.searchParams.get("sort") === "index");
    expect(new URL(page.url()).pathname).toBe("/explore");
    expect(await visibleText(page)).not.toMatch(EMAIL);
    // The navigation reaches a city page.
    await page.click("[data-testid=heat-row-faridpur] th a");
    await page.waitForURL((url) => url.pathname === "/explore/faridpur");
    await page.locator("[data-testid=component-scores]").waitFor();
    expect(await visibleText(page)).not.toMatch(EMAIL);
    await page.context().close();
  });

  it("embeds the radar alone, in the language of ?lang=", async () => {
    const page = await newPage(browser());
    await page.goto("/embed/cities/kushtia/radar?lang=bn");
    const radar = page.locator("[data-testid=progress-radar]");
    await radar.locator("canvas").waitFor();
    expect(await page.locator("nav").count()).toBe(0);
    await radar.locator("[data-testid=toggle-table]").click();
    await radar.locator("[data-testid=chart-table]").waitFor({ state: "visible" });
    const api = await getJson<CityDetail>("/api/v1/cities/kushtia");
    const cells = await radar.locator("[data-testid=chart-table] tbody tr td:first-of-type").allTextContents();
    expect(cells).toEqual(framework.components.map((c) => shown(api.scores.components.find((s) => s.component === c.code)?.score, "bn-BD")));
    expect(cells.join("")).toMatch(/[০-৯]/);
    expect(cells.join("")).not.toMatch(/[0-9]/);
    expect(await page.getAttribute("main", "lang")).toBe("bn");

    await page.context().close();
  });

  it("renders inside an iframe on another site", async () => {
    // A partner's page on another origin (another port), framing the embed.
    const partner = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(`<!doctype html><title>Partner</title><iframe id="f" src="${baseUrl()}/embed/cities/kushtia/radar?lang=en" width="600" height="640"></iframe>`);
    });
    await new Promise<void>((resolve) => partner.listen(0, "127.0.0.1", resolve));
    const address = partner.address();
    try {
      const host = await newPage(browser());
      await host.goto(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`);
      await host.frameLocator("#f").locator("[data-testid=progress-radar] canvas").waitFor({ timeout: 15_000 });
      await host.context().close();
    } finally {
      partner.close();
    }
  });
});
