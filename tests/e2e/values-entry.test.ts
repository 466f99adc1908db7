import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, openingQuarter, signIn, useBrowser, waitForText } from "./browser";
import { samplePng } from "../fixtures/files";
import { addQuarters, periodOfDate } from "@/lib/periods";
import bn from "@/messages/bn.json";
import en from "@/messages/en.json";

/**
 * The officer's data-entry page by keyboard, in Bangla and on a phone. Each test here runs on its
 * own fresh app (this file's server), in the current quarter, which holds no demo values: the
 * tests use SD-3 (Bangla digits), SD-5 (evidence file); the tabbing test writes nothing.
 */
const PERIOD = periodOfDate(new Date());
const ENTRY = `/cities/kushtia/values/${PERIOD}`;
const OFFICER = "officer.kushtia@demo.cwis";

async function officerPage(browser: Browser, options: { viewport?: { width: number; height: number }; locale?: "bn" | "en" } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "en-GB", viewport: options.viewport ?? { width: 1280, height: 800 } });
  // The interface language as the language switcher sets it (the cookie wins over the account's).
  if (options.locale) await context.addCookies([{ name: "locale", value: options.locale, url: baseUrl() }]);
  const page = await context.newPage();
  await signIn(page, OFFICER);
  await page.waitForURL((url) => url.pathname === "/dashboard");
  return page;
}

/** Waits until React runs the form (its effect measures the save bar), so typing reaches the component. */
async function hydrated(page: Page): Promise<void> {
  await page.locator("[data-testid=values-form]").waitFor();
  await page.waitForFunction(() => document.documentElement.style.getPropertyValue("--sticky-bottom") !== "");
}

interface FocusCheck {
  what: string;
  problem: string | null;
}

/**
 * Whether the focused element is fully in the viewport and not covered by another element: its
 * box against every sticky or fixed element's box, and the element found at its centre.
 */
function checkFocused(page: Page): Promise<FocusCheck> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: "body", problem: null };
    const what = `${el.tagName.toLowerCase()}#${el.id || "-"}[${el.getAttribute("data-testid") ?? ""}] ${(el.textContent ?? "").trim().slice(0, 30)}`;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return { what, problem: "has no box" };
    if (r.top < 0 || r.bottom > window.innerHeight) return { what, problem: `outside the viewport (top ${Math.round(r.top)}, bottom ${Math.round(r.bottom)})` };
    for (const bar of document.querySelectorAll<HTMLElement>("[data-e2e-sticky]")) {
      if (bar.contains(el)) continue;
      const b = bar.getBoundingClientRect();
      const overlaps = r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom;
      if (overlaps) return { what, problem: `overlaps the sticky ${bar.tagName.toLowerCase()}[${bar.getAttribute("data-testid") ?? ""}] (${Math.round(r.top)}–${Math.round(r.bottom)} vs ${Math.round(b.top)}–${Math.round(b.bottom)})` };
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(el.contains(hit) || (el instanceof HTMLInputElement && hit === el.labels?.[0]))) return { what, problem: `its centre shows ${hit ? `${hit.tagName.toLowerCase()}.${String(hit.getAttribute("class") ?? "").slice(0, 60)}` : "nothing"}` };
    return { what, problem: null };
  });
}

describe.skipIf(!e2eEnabled())("values entry: keyboard, local digits, evidence file, phone", () => {
  const browser = useBrowser();

  it("opens on the last completed quarter; tabbing through the whole entry page never lands on a control covered by the sticky save bar (1280×800)", async () => {
    const page = await officerPage(browser());
    // The last completed quarter, unless the running one already holds drafts.
    const opens = await openingQuarter(page, "kushtia");
    await page.goto("/cities/kushtia/values");
    await page.waitForURL((url) => url.pathname === `/cities/kushtia/values/${opens}`);
    await page.goto(ENTRY);
    await hydrated(page);
    // Mark every sticky or fixed element once; the check compares each focused element with them.
    const stickies = await page.evaluate(() => {
      let n = 0;
      for (const el of document.querySelectorAll<HTMLElement>("body *")) {
        const position = getComputedStyle(el).position;
        if (position === "sticky" || position === "fixed") {
          el.setAttribute("data-e2e-sticky", "");
          n++;
        }
      }
      return n;
    });
    expect(stickies).toBeGreaterThanOrEqual(1);

    await page.evaluate(() => window.scrollTo(0, 0));
    const seen = new Set<string>();
    const problems: string[] = [];
    let inForm = 0;
    for (let i = 0; i < 700; i++) {
      await page.keyboard.press("Tab");
      // What the officer sees once the page has settled: the next two frames.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const check = await checkFocused(page);
      if (seen.has(check.what) && check.what !== "body") break;
      seen.add(check.what);
      if (await page.evaluate(() => document.activeElement?.closest("[data-testid=values-form]") !== null)) inForm++;
      if (check.problem) problems.push(`${check.what}: ${check.problem}`);
      // Past the submit form at the end of the page, the tab order has left the page's content.
      if (await page.evaluate(() => document.activeElement?.closest("footer") !== null)) break;
    }
    // 32 indicators, each with at least a value and a note, and the save button: the whole form was walked.
    expect(inForm).toBeGreaterThan(64);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });

  it("the Bangla-interface officer types ৭০.৫ and 70.5 is saved; focus goes to the result and back to the field", async () => {
    const page = await officerPage(browser(), { locale: "bn" });
    await page.goto(ENTRY);
    await hydrated(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("bn");
    const input = page.locator("#value-SD-3");
    // A text input: type="number" would refuse Bangla digits.
    expect(await input.getAttribute("type")).toBe("text");
    expect(await input.getAttribute("inputmode")).toBe("decimal");
    await input.click();
    await page.keyboard.type("৭০.৫");
    expect(await input.inputValue()).toBe("৭০.৫");
    // Saved with Enter, from the field.
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined), page.keyboard.press("Enter")]);
    const saved = bn["entry.saved"].includes("{count, plural") ? null : bn["entry.saved"].replace("{count}", "১");
    const status = page.locator("[data-testid=values-status]");
    await status.waitFor();
    if (saved) await waitForText(status, saved);
    else expect(await status.textContent()).toContain("১");
    // Focus is on the result message, not the page body.
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "values-result");
    // From there one button goes back to where the officer was.
    const back = page.locator("[data-testid=values-back]");
    expect(await back.textContent()).toBe(bn["entry.backToField"]);
    await back.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "value-SD-3");
    // Escape on the message does the same.
    await page.locator("[data-testid=values-result]").focus();
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => document.activeElement?.id === "value-SD-3");

    // The stored number, through the API.
    const api = (await (await page.request.get(`/api/v1/cities/kushtia/values?period=${PERIOD}`)).json()) as { values: { indicator: string; value: number; status: string }[] };
    expect(api.values.find((v) => v.indicator === "SD-3")).toMatchObject({ value: 70.5, status: "draft" });
    await page.reload();
    await hydrated(page);
    expect(Number(await page.inputValue("#value-SD-3"))).toBe(70.5);
    await page.context().close();
  });

  it("attaches a photo as evidence: stored as a draft library resource of the city, shown by name with a link", async () => {
    const page = await officerPage(browser());
    await page.goto(ENTRY);
    await hydrated(page);
    expect(await page.locator("#attach-SD-5").textContent()).toBe(en["entry.attachFile"]);
    // A program renamed to .png is refused by content, as in the library.
    const [refusal] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/v1/cities/kushtia/evidence")),
      page.setInputFiles("[data-testid=file-SD-5]", { name: "photo.png", mimeType: "image/png", buffer: Buffer.from("\x7fELF\x02\x01\x01\x00 not an image") }),
    ]);
    expect(refusal.status()).toBe(422);
    await waitForText(page.locator("#error-SD-5-file"), en["resources.file.executable"]);

    const [upload] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/v1/cities/kushtia/evidence")),
      page.setInputFiles("[data-testid=file-SD-5]", { name: "ward 3 log.png", mimeType: "image/png", buffer: Buffer.from(samplePng()) }),
    ]);
    expect(upload.status()).toBe(201);
    const { resource } = (await upload.json()) as { resource: { id: number; status: string; fileName: string } };
    expect(resource).toMatchObject({ status: "draft", fileName: "ward 3 log.png" });
    await waitForText(page.locator("[data-testid=evidence-link-SD-5]"), "ward 3 log.png");
    expect(await page.locator("[data-testid=evidence-link-SD-5]").getAttribute("href")).toBe(`/api/v1/resources/${resource.id}/download`);
    // The library holds it as the city's draft, seen by its uploader.
    const library = (await (await page.request.get(`/api/v1/resources/${resource.id}`)).json()) as { resource: { status: string; city: { slug: string } | null; file: { name: string } | null } };
    expect(library.resource).toMatchObject({ status: "draft", city: { slug: "kushtia" }, file: { name: "ward 3 log.png" } });

    // Saved with the value, the row keeps showing the file after a reload.
    await page.fill("#value-SD-5", "60");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined), page.locator("[data-testid=save-values]").click()]);
    await page.locator("[data-testid=values-status]").waitFor();
    await page.reload();
    await hydrated(page);
    await waitForText(page.locator("[data-testid=evidence-link-SD-5]"), "ward 3 log.png");
    await page.context().close();
  });

  it("opens on the running quarter once it holds drafts, and fits a 360 px phone with 44 px targets", async () => {
    const page = await officerPage(browser(), { viewport: { width: 360, height: 740 } });
    // The tests above saved drafts in the running quarter.
    await page.goto("/cities/kushtia/values");
    await page.waitForURL((url) => url.pathname === ENTRY);
    await page.locator("[data-testid=values-form]").waitFor();
    // The picker reaches back years, not just eight quarters.
    expect(await page.locator("[data-testid=period-picker] a").count()).toBeGreaterThan(8);
    const { scrollWidth, culprits, small } = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const main = document.querySelector("main") ?? document.body;
      const culprits = [...main.querySelectorAll("*")]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "").slice(0, 60)}`);
      const small = [...main.querySelectorAll<HTMLElement>("[data-testid=values-form] :is(input, select, textarea, button, a), [data-testid=period-picker] a")]
        .filter((el) => !(el instanceof HTMLInputElement && (el.type === "hidden" || el.hidden)))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.height < 44 || r.width < 44;
        })
        .slice(0, 10)
        .map((el) => `${el.tagName.toLowerCase()}#${el.id} ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`);
      return { scrollWidth: document.documentElement.scrollWidth, culprits, small };
    });
    expect(scrollWidth, `wider than the phone: ${culprits.join(", ")}`).toBeLessThanOrEqual(360);
    expect(small, small.join(", ")).toEqual([]);
    await page.context().close();
  });
});
