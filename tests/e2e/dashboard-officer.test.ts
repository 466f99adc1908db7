import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, useBrowser } from "./browser";
import en from "@/messages/en.json";

/**
 * The officer's dashboard starts with their own city (returned values, quarters not yet
 * submitted, what awaits review); other roles keep the programme dashboard. Read-only: other
 * browser tests change Kushtia's values, so the lists are checked for their shape and links, not
 * for fixed counts (tests/db/officer-dashboard.test.ts checks the numbers).
 */
const OFFICER = "officer.kushtia@demo.cwis";
const PHONE = { width: 360, height: 800 };
const ENTRY_LINK = /^\/cities\/kushtia\/values\/\d{4}-Q[1-4]$/;

async function officerLinks(page: Page): Promise<{ href: string; height: number; right: number }[]> {
  return page.locator("[data-testid=officer-city] a").evaluateAll((links) =>
    links.map((a) => {
      const box = a.getBoundingClientRect();
      return { href: a.getAttribute("href") ?? "", height: box.height, right: box.right };
    }),
  );
}

describe.skipIf(!e2eEnabled())("the officer's dashboard in Chromium", () => {
  const browser = useBrowser();

  it("starts with the officer's city, above the programme, with links to the entry pages", async () => {
    const page = await newPage(browser());
    await signIn(page, OFFICER);
    await page.waitForURL((url) => url.pathname === "/dashboard");
    const section = page.locator("[data-testid=officer-city]");
    await section.waitFor();
    expect(await section.locator("h2").first().textContent()).toContain("Kushtia");
    await page.locator("[data-testid=heat-table]").waitFor();
    const [own, heat] = await Promise.all([section.boundingBox(), page.locator("[data-testid=heat-table]").boundingBox()]);
    expect(own && heat && own.y < heat.y).toBe(true);

    // Each of the three parts shows its list or its empty state.
    for (const part of ["returned", "to-submit", "awaiting"]) {
      const list = await section.locator(`[data-testid=officer-${part}]`).count();
      const none = await section.locator(`[data-testid=officer-${part}-none]`).count();
      expect(list + none, part).toBe(1);
    }
    if ((await section.locator("[data-testid=officer-to-submit-none]").count()) === 1) {
      expect(await section.locator("[data-testid=officer-to-submit-none]").textContent()).toMatch(/^Everything up to \d{4}-Q[1-4] is submitted\.$/);
    }
    if ((await section.locator("[data-testid=officer-returned]").count()) === 1) {
      // A returned value carries the reviewer's comment (or says there was none).
      const comments = await section.locator("[data-testid=officer-returned-comment]").allTextContents();
      expect(comments.every((c) => c.trim().length > 0)).toBe(true);
    }

    const links = await officerLinks(page);
    expect(links.some((l) => l.href === "/cities/kushtia")).toBe(true);
    // Every other link opens an entry page, or (due soon) the city's answers to an open round.
    for (const link of links.filter((l) => l.href !== "/cities/kushtia" && !/^\/questionnaires\/responses\/\d+$/.test(l.href))) expect(link.href).toMatch(ENTRY_LINK);
    expect(links.some((l) => /^\/questionnaires\/responses\/\d+$/.test(l.href))).toBe(true);

    // A quarter's link opens that quarter's entry page.
    const entry = links.find((l) => ENTRY_LINK.test(l.href));
    if (entry) {
      await page.goto(entry.href);
      expect(new URL(page.url()).pathname).toBe(entry.href);
    }
    await page.context().close();
  });

  it("fits a 360 px phone, with links big enough to tap", async () => {
    const context = await browser().newContext({ baseURL: baseUrl(), locale: "en-GB", viewport: PHONE });
    const page = await context.newPage();
    await signIn(page, OFFICER);
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.locator("[data-testid=officer-city]").waitFor();
    const sticking = await page.locator("[data-testid=officer-city] *").evaluateAll((els, width) => els.filter((el) => el.getBoundingClientRect().right > width + 1).map((el) => `${el.tagName} ${(el.textContent ?? "").slice(0, 40)}`), PHONE.width);
    expect(sticking).toEqual([]);
    for (const link of await officerLinks(page)) expect(link.height, link.href).toBeGreaterThanOrEqual(44);
    await context.close();
  });

  it("other roles keep the programme dashboard", async () => {
    const page = await newPage(browser());
    await signIn(page, "reviewer@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.locator("[data-testid=heat-table]").waitFor();
    expect(await page.locator("[data-testid=officer-city]").count()).toBe(0);
    expect(await page.getByText(en["officer.programmeTitle"], { exact: true }).count()).toBe(0);
    await page.context().close();
  });
});
