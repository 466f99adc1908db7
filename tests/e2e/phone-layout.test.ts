import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, signIn, useBrowser, waitForText } from "./browser";
import en from "@/messages/en.json";

/**
 * The events and resource pages on a 360 × 740 phone: nothing wider than the screen, filter
 * controls big enough for a finger, and the main controls reachable and usable by keyboard.
 * Read-only: nothing here writes (the registration is submitted empty and refused).
 */
const PHONE = { width: 360, height: 740 };

interface ApiEvent {
  id: number;
  status: string;
  startsAt: string;
  hostCity: { slug: string } | null;
}

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "en-GB", viewport: PHONE });
  return context.newPage();
}

/** The page's scroll width, with the elements that reach past the screen's edge. */
async function overflow(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "").slice(0, 80)}`);
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  });
}

async function expectFits(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const { scrollWidth, culprits } = await overflow(page);
  // Culprits may include items of a sideways-scrolling strip (the menu); they only explain a failure.
  expect(scrollWidth, `${path} is wider than the phone; sticking out: ${culprits.join(", ")}`).toBeLessThanOrEqual(PHONE.width);
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Heights of the filter form's controls that are shorter than 40 px (checkboxes aside). */
async function smallFilterControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("main form[role=search] :is(select, input, button, a)")]
      .filter((el) => !(el instanceof HTMLInputElement && ["checkbox", "radio", "hidden"].includes(el.type)))
      .filter((el) => el.getBoundingClientRect().height < 40)
      .map((el) => `${el.tagName.toLowerCase()}[name=${el.getAttribute("name") ?? ""}] ${Math.round(el.getBoundingClientRect().height)}px`),
  );
}

describe.skipIf(!e2eEnabled())("events and resources on a 360 px phone", () => {
  const browser = useBrowser();

  async function demoIds(): Promise<{ upcoming: number; past: number; resource: number }> {
    const events = ((await (await fetch(`${baseUrl()}/api/v1/events?per_page=100`)).json()) as { events: ApiEvent[] }).events;
    const resources = ((await (await fetch(`${baseUrl()}/api/v1/resources?per_page=1`)).json()) as { resources: { id: number }[] }).resources;
    // The demo Kushtia → Chuadanga mentoring session: upcoming, in the officer's own city.
    const upcoming = events.find((e) => e.status === "scheduled" && e.hostCity?.slug === "kushtia" && new Date(e.startsAt) > new Date());
    const past = events.find((e) => e.status === "completed");
    if (!upcoming || !past || !resources[0]) throw new Error("demo events or resources are missing");
    return { upcoming: upcoming.id, past: past.id, resource: resources[0].id };
  }

  it("signed out: lists, calendar, an event, the library and a search with no result fit the screen", async () => {
    const ids = await demoIds();
    const page = await phonePage(browser());
    for (const path of ["/events", "/events?view=past", "/events?view=calendar", `/events/${ids.upcoming}`, `/events/${ids.past}`, "/resources", `/resources/${ids.resource}`]) {
      await expectFits(page, path);
    }
    await expectFits(page, "/resources?q=zzqxnothingmatches");
    expect(await page.locator("[data-testid=empty-state]").textContent()).toContain(en["resources.noResults"]);
    await page.context().close();
  });

  it("filter controls are at least 40 px tall on both lists", async () => {
    const page = await phonePage(browser());
    for (const path of ["/events", "/resources"]) {
      await page.goto(path);
      expect({ path, small: await smallFilterControls(page) }).toEqual({ path, small: [] });
    }
    await page.context().close();
  });

  it("by keyboard alone: search the library, switch to the calendar, clear the filters", async () => {
    const page = await phonePage(browser());
    await page.goto("/resources");
    await tabTo(page, "#resource-q");
    // The focus ring is visible (globals.css :focus-visible), not just present.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe("solid");
    await page.keyboard.type("desludging");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("q") === "desludging"), page.keyboard.press("Enter")]);
    expect(await page.locator("[data-testid=resource-list] li").count()).toBeGreaterThan(0);

    await page.goto("/events?type=webinar");
    await tabTo(page, "nav[aria-label] a[href*='view=calendar']");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("view") === "calendar"), page.keyboard.press("Enter")]);
    await page.locator("[data-testid=event-calendar]").waitFor();
    await tabTo(page, "[data-testid=events-clear-filters]");
    await Promise.all([page.waitForURL((url) => !url.searchParams.has("type") && url.searchParams.get("view") === "calendar"), page.keyboard.press("Enter")]);
    await page.context().close();
  });

  it("as the Kushtia officer: pages fit and the register button works by keyboard", async () => {
    const ids = await demoIds();
    const page = await phonePage(browser());
    await signIn(page, "officer.kushtia@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    for (const path of ["/events", "/events/stats", `/events/${ids.past}`, "/resources/new", `/events/${ids.upcoming}`]) {
      await expectFits(page, path);
    }

    // Tab to the register button and press Enter with the form empty: the server refuses it
    // (a name is required), so the keyboard path is proven and nothing is written.
    await tabTo(page, "[data-testid=registration-form] button[type=submit]", 120);
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined),
      page.keyboard.press("Enter"),
    ]);
    await waitForText(page.locator("[data-testid=registration-status]"), en["validation.checkFields"]);
    expect(await page.locator("#reg-name-error").isVisible()).toBe(true);
    await page.context().close();
  });

  it("as the trainer: the registrations of a past event are cards on a phone, not a wide table", async () => {
    const ids = await demoIds();
    const page = await phonePage(browser());
    await signIn(page, "trainer@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await expectFits(page, `/events/${ids.past}`);
    const table = page.locator("[data-testid=registrations-table]");
    // Stacked: the table is as wide as the screen's content column and its header row is visually hidden.
    const [tableWidth, headerHeight] = await table.evaluate((el) => [el.getBoundingClientRect().width, el.querySelector("thead")?.getBoundingClientRect().height ?? 0]);
    expect(tableWidth).toBeLessThanOrEqual(PHONE.width - 32);
    expect(headerHeight).toBeLessThanOrEqual(1);
    expect(await table.locator("tbody tr").first().textContent()).toContain(`${en["events.register.city"]}:`);
    await expectFits(page, "/events/new");
    await page.context().close();
  });
});
