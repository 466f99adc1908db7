import { existsSync } from "node:fs";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { sessionCookie as httpSessionCookie } from "@/scripts/http";
import { addQuarters, periodOfDate } from "@/lib/periods";

export const CHROMIUM_PATH = "/usr/bin/chromium";

// Without the background-networking flags Chromium keeps dialing Google, which this network refuses.
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export const e2eEnabled = () => existsSync(CHROMIUM_PATH);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}

export function baseUrl(): string {
  const url = inject("baseUrl");
  if (!url) throw new Error("the app is not running");
  return url;
}

export const DEMO_PASSWORD = "demo-cwis-2026";

/** A fresh browser context (no cookies) with a page, in English unless asked otherwise. */
export async function newPage(browser: Browser, options: { locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: options.locale ?? "en-GB", viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

/** Waits until the element's text is `expected`; fails with the last text seen. */
export async function waitForText(locator: Locator, expected: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let actual: string | null = null;
  while (Date.now() < deadline) {
    actual = (await locator.count()) > 0 ? await locator.first().textContent() : null;
    if (actual === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${String(locator)} to read "${expected}", last saw ${JSON.stringify(actual)}`);
}

/** Clicks a submit button and waits for the server action's answer. */
export async function submitAndWait(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined), button.click()]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.fill("#email", email);
  await page.fill("#password", password);
  // Wait for the action's answer, so a following attempt never races React's form reset.
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login"),
    page.locator("form:has(#email) button[type=submit]").click(),
  ]);
}

/**
 * One Chromium for the calling describe block: launched before its tests, closed after. Call
 * inside `describe`, and read the browser through the returned getter inside tests.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not running yet");
    return browser;
  };
}


/**
 * Headers of a write with the session cookie as this site's own pages send it: cookie writes
 * without an Origin are refused (lib/policies/requests.ts).
 */
export function cookieWrite(cookie: string): Record<string, string> {
  return { cookie, origin: new URL(baseUrl()).origin };
}

/** Signs in over plain HTTP as the login form does and returns the session cookie. */
export function sessionCookie(email: string, password = DEMO_PASSWORD): Promise<string> {
  return httpSessionCookie(baseUrl(), email, password);
}

/**
 * The quarter `/cities/<slug>/values` opens on for the signed-in `page`: the last completed one,
 * unless the running one already holds drafts or returned values. Files share the demo cities and
 * run in any order, so a test asks instead of assuming nobody saved yet (tests/db pin the rule).
 */
export async function openingQuarter(page: Page, slug: string, now = new Date()): Promise<string> {
  const running = periodOfDate(now);
  const answer = (await (await page.request.get(`/api/v1/cities/${slug}/values?period=${running}`)).json()) as { values: { status: string }[] };
  return answer.values.some((v) => v.status === "draft" || v.status === "returned") ? running : addQuarters(running, -1);
}
