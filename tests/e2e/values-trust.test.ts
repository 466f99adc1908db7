import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, submitAndWait, useBrowser, waitForText } from "./browser";
import { acceptInvitation, inviteThroughAdminForm } from "./invitations";
import { addQuarters, periodOfDate } from "@/lib/periods";
import { translator } from "@/lib/i18n/messages";
import en from "@/messages/en.json";

/**
 * Numbers people can trust, in Chromium: an unusual value needs the officer's explanation before it
 * goes to review, the reviewer sees the flag with both numbers, and nobody validates a value they
 * entered or submitted (the admin included). Data used here and by no other e2e file: Ramganj (with
 * an officer the admin makes) and Benapole's SD-3 in the current quarter.
 */
const PERIOD = periodOfDate(new Date());
const t = translator("en");
const PHONE = { width: 360, height: 740 };

async function signedIn(browser: Browser, email: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = viewport ? await (await browser.newContext({ baseURL: baseUrl(), locale: "en-GB", viewport })).newPage() : await newPage(browser);
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/dashboard");
  return page;
}

async function hydrated(page: Page): Promise<void> {
  await page.locator("[data-testid=values-form]").waitFor();
  await page.waitForFunction(() => document.documentElement.style.getPropertyValue("--sticky-bottom") !== "");
}

/** Saves and waits until the form has taken the answer in (nothing left unsaved). */
async function save(page: Page): Promise<void> {
  await submitAndWait(page, page.locator("[data-testid=save-values]"));
  await page.locator("[data-testid=values-status]").waitFor();
  await waitForText(page.locator("[data-testid=changed-count]"), en["entry.noChanges"]);
}

/** Submits the quarter and returns the answer's text, once it replaced any earlier one. */
async function submitQuarter(page: Page): Promise<string> {
  const status = page.locator("[data-testid=submit-status]");
  const before = (await status.count()) > 0 ? await status.textContent() : null;
  page.once("dialog", (dialog) => void dialog.accept());
  await submitAndWait(page, page.locator("[data-testid=submit-period-form] button[type=submit]"));
  // The same answer twice (refused again) does not change the text: then the wait ends by timeout.
  await page.waitForFunction((previous) => {
    const el = document.querySelector("[data-testid=submit-status]");
    return el !== null && el.textContent !== previous;
  }, before, { timeout: 10_000 }).catch(() => undefined);
  return (await status.textContent()) ?? "";
}

/** The validated value of one indicator in one city, from the JSON API (as the reviewer's browser sees it). */
async function validatedValue(page: Page, slug: string, indicator: string, period: string): Promise<number | null> {
  const body = (await (await page.request.get(`/api/v1/cities/${slug}/values?period=${period}`)).json()) as { values: { indicator: string; value: number; status: string }[] };
  const row = body.values.find((v) => v.indicator === indicator && v.status === "validated");
  return row ? row.value : null;
}

/** Controls in `main` smaller than 44 × 44 px or reaching past the right edge of the screen. */
async function badTargets(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    ({ selector, width }) =>
      [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.height < 44 || box.width < 44 || box.right > width + 1 || box.left < -1)
        .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}" x=${Math.round(box.left)} w=${Math.round(box.width)} h=${Math.round(box.height)}`),
    { selector, width: PHONE.width },
  );
}

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe.skipIf(!e2eEnabled())("values people can trust: explanations, flags, four eyes", () => {
  const browser = useBrowser();

  it("an officer's tenfold jump needs an explanation to be submitted; the reviewer sees the flag and the previous value", async () => {
    // A city of its own: the admin makes an officer for Ramganj, which no other e2e file writes, so
    // validating its current quarter here changes nothing another file asserts.
    const email = `officer.ramganj.${Date.now()}@example.org`;
    const password = "ramganj-password-1";
    const admin = await signedIn(browser(), "admin@demo.cwis");
    // Invited, not given a password: the officer chooses one from the mailed link.
    await inviteThroughAdminForm(admin, { email, name: "Nasrin Akter", role: "officer", city: "Ramganj Paurashava" });
    await admin.context().close();
    await acceptInvitation(browser(), email, password);

    const officer = await newPage(browser());
    await signIn(officer, email, password);
    await officer.waitForURL((url) => url.pathname === "/dashboard");
    // GOV-4 counts each quarter: the value the save compares with is the newest validated one before this quarter.
    let lastPeriod = PERIOD;
    let previous: number | null = null;
    for (let back = 1; back <= 4 && previous === null; back++) {
      lastPeriod = addQuarters(PERIOD, -back);
      previous = await validatedValue(officer, "ramganj", "GOV-4", lastPeriod);
    }
    expect(previous).not.toBeNull();
    // Ten times as many, within the indicator's hard range (at most 200).
    const jump = Math.min(200, Math.max(10, (previous ?? 0) * 10));
    expect(jump).toBeGreaterThan((previous ?? 0) * 3);

    await officer.goto(`/cities/ramganj/values/${PERIOD}`);
    await hydrated(officer);
    await officer.fill("#value-GOV-4", String(jump));
    await save(officer);
    // Saved, and flagged: the row now asks for an explanation.
    await officer.locator("[data-testid=flags-GOV-4]").waitFor();
    await officer.locator("#explanation-GOV-4").waitFor();

    // Submitting without one is refused, naming the indicator; nothing goes to review.
    const refused = await submitQuarter(officer);
    expect(refused).toMatch(/^Nothing was submitted: explain the unusual values of .*GOV-4.* first\.$/);
    await waitForText(officer.locator("#error-GOV-4-explanation"), en["values.explanationNeeded"]);
    await waitForText(officer.locator("[data-testid=status-GOV-4]"), en["status.draft"]);

    await officer.fill("#explanation-GOV-4", "Six new operators licensed after the by-law");
    await save(officer);
    const submitted = await submitQuarter(officer);
    expect(submitted).toMatch(/^Submitted \d+ values? for review\.$/);
    await waitForText(officer.locator("[data-testid=status-GOV-4]"), en["status.submitted"]);
    await officer.context().close();

    // The reviewer: the queue marks the flagged value, the page shows the flag, both numbers and the explanation.
    const reviewer = await signedIn(browser(), "reviewer@demo.cwis");
    await reviewer.goto("/review");
    await reviewer.locator(`[data-testid=queue-flagged-ramganj-${PERIOD}]`).waitFor();
    await reviewer.goto(`/review/ramganj/${PERIOD}`);
    const row = reviewer.locator("[data-testid=review-row-GOV-4]");
    await row.waitFor();
    expect(await row.locator("[data-testid=flags-GOV-4]").textContent()).toContain(en["review.flag.large_change"]);
    const comparison = row.locator("[data-testid=comparison-GOV-4]");
    expect(await comparison.textContent()).toContain(t("review.thisQuarter", { period: PERIOD }));
    expect(await comparison.textContent()).toContain(t("review.comparedWith", { period: lastPeriod }));
    expect(await comparison.locator("dd").allTextContents()).toEqual([String(jump), String(previous)]);
    expect(await row.locator("[data-testid=explanation-GOV-4]").textContent()).toContain("Six new operators licensed after the by-law");
    // The officer entered it, so the reviewer may validate it.
    expect(await row.locator("[data-testid=needs-other-GOV-4]").count()).toBe(0);
    await reviewer.click("[data-testid=validate-all]");
    await submitAndWait(reviewer, reviewer.locator("[data-testid=send-decisions]"));
    expect(await reviewer.locator("[data-testid=review-status]").textContent()).toMatch(/^Validated \d+, returned 0\.$/);
    expect(await validatedValue(reviewer, "ramganj", "GOV-4", PERIOD)).toBe(jump);
    await reviewer.context().close();
  });

  it("the admin enters and submits a value and cannot validate it himself: it needs another reviewer, who can", async () => {
    const admin = await signedIn(browser(), "admin@demo.cwis");
    // The value the save compares with: the newest validated one before this quarter.
    const previous = (await validatedValue(admin, "benapole", "SD-3", "2026-Q3")) ?? (await validatedValue(admin, "benapole", "SD-3", "2026-Q2")) ?? 50;
    await admin.goto(`/cities/benapole/values/${PERIOD}`);
    await hydrated(admin);
    // The same value as last validated: nothing unusual, so no explanation is needed.
    await admin.fill("#value-SD-3", String(previous));
    await save(admin);
    expect(await submitQuarter(admin)).toBe(t("entry.submitted", { count: 1 }));

    await admin.goto("/review");
    await waitForText(admin.locator(`[data-testid=queue-own-benapole-${PERIOD}]`), t("review.ownCount", { count: 1 }));
    await admin.goto(`/review/benapole/${PERIOD}`);
    const row = admin.locator("[data-testid=review-row-SD-3]");
    await row.waitFor();
    expect(await row.locator("[data-testid=needs-other-SD-3]").textContent()).toContain(en["review.needsOtherReviewer"]);
    // No validate control for it; returning stays possible.
    expect(await admin.locator("[data-testid=validate-SD-3]").count()).toBe(0);
    expect(await admin.locator("[data-testid=return-SD-3]").count()).toBe(1);
    // "Validate all" leaves it undecided, so there is nothing to send.
    await admin.click("[data-testid=validate-all]");
    expect(await admin.locator("[data-testid=validate-SD-3]").count()).toBe(0);
    await admin.context().close();

    // The reviewer sees it as an ordinary value and validates it.
    const reviewer = await signedIn(browser(), "reviewer@demo.cwis");
    await reviewer.goto("/review");
    expect(await reviewer.locator(`[data-testid=queue-own-benapole-${PERIOD}]`).count()).toBe(0);
    await reviewer.goto(`/review/benapole/${PERIOD}`);
    await reviewer.locator("[data-testid=review-row-SD-3]").waitFor();
    expect(await reviewer.locator("[data-testid=needs-other-SD-3]").count()).toBe(0);
    await reviewer.check("[data-testid=validate-SD-3]");
    await submitAndWait(reviewer, reviewer.locator("[data-testid=send-decisions]"));
    await waitForText(reviewer.locator("[data-testid=review-status]"), t("review.done", { validated: 1, returned: 0 }));
    expect(await validatedValue(reviewer, "benapole", "SD-3", PERIOD)).toBe(previous);
    await reviewer.context().close();
  });

  it("the review queue and the review page fit a 360 px phone with 44 px tap targets", async () => {
    const reviewer = await signedIn(browser(), "reviewer@demo.cwis", PHONE);
    // The demo data leaves Kushtia's 2026-Q3 waiting for review.
    await reviewer.goto("/review");
    const line = reviewer.locator("[data-testid=queue-kushtia-2026-Q3]");
    await line.waitFor();
    expect(await scrollWidth(reviewer)).toBeLessThanOrEqual(PHONE.width);
    const link = line.getByRole("link");
    const box = await link.boundingBox();
    expect(box, "the queue's Review link").not.toBeNull();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    expect(await badTargets(reviewer, "main a, main button")).toEqual([]);

    await link.click();
    await reviewer.waitForURL((url) => url.pathname === "/review/kushtia/2026-Q3");
    await reviewer.locator("[data-testid=review-form]").waitFor();
    expect(await scrollWidth(reviewer)).toBeLessThanOrEqual(PHONE.width);
    // Links, buttons and the labels of the decision radios (the part a finger hits).
    expect(await badTargets(reviewer, "main a, main button, main label:has(input[type=radio])")).toEqual([]);
    await reviewer.context().close();
  });

  it("the outlier view compares one indicator and quarter across cities, chosen from the keyboard, with its rule in words", async () => {
    const reviewer = await signedIn(browser(), "reviewer@demo.cwis");
    await reviewer.goto("/review");
    await reviewer.click("[data-testid=outliers-link]");
    await reviewer.waitForURL((url) => url.pathname === "/review/outliers");
    expect(await reviewer.locator("[data-testid=outliers-rule]").textContent()).toBe(t("outliers.rule", { k: 3, scale: 1.4826, min: 4 }));
    // Choose SD-2 and 2026-Q2 with the keyboard only, then Enter on the button.
    await reviewer.focus("#outliers-indicator");
    await reviewer.selectOption("#outliers-indicator", "SD-2");
    await reviewer.keyboard.press("Tab");
    expect(await reviewer.evaluate(() => document.activeElement?.id)).toBe("outliers-period");
    await reviewer.selectOption("#outliers-period", "2026-Q2");
    await reviewer.keyboard.press("Tab");
    expect(await reviewer.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("outliers-show");
    await Promise.all([reviewer.waitForURL((url) => url.searchParams.get("indicator") === "SD-2" && url.searchParams.get("period") === "2026-Q2"), reviewer.keyboard.press("Enter")]);
    const rows = reviewer.locator("[data-testid=outliers-table] tbody tr");
    // Every demo city but the two candidates reported 2026-Q2.
    expect(await rows.count()).toBeGreaterThanOrEqual(4);
    const summary = (await reviewer.locator("[data-testid=outliers-summary]").textContent()) ?? "";
    expect(summary.startsWith("Median ") || summary === t("outliers.noSpread", { median: summary.match(/\(([^)]*)\)/)?.[1] ?? "" })).toBe(true);
    const marked = await reviewer.locator("[data-testid=outliers-table] tbody tr:not([data-verdict=none])").count();
    if (summary.startsWith("Median ")) expect(summary).toContain(t("outliers.marked", { count: marked }));
    await reviewer.context().close();
  });

  it("the admin's ranges form reports every problem at once and saves nothing; others see the ranges read-only", async () => {
    const admin = await signedIn(browser(), "admin@demo.cwis");
    await admin.goto("/framework");
    await admin.click("[data-testid=edit-ranges]");
    await admin.waitForURL((url) => url.pathname === "/framework/ranges");
    const before = await admin.inputValue("#range-GOV-6-hardMax");
    expect(before).toBe("2000");
    await admin.fill("#range-SD-2-hardMin", "60");
    await admin.fill("#range-SD-2-hardMax", "40");
    await admin.fill("#range-SD-2-expectedMax", "150");
    await admin.fill("#range-GOV-6-maxChange", "1");
    await admin.fill("#range-GOV-6-hardMax", "1e25");
    await submitAndWait(admin, admin.locator("[data-testid=save-ranges]"));
    await waitForText(admin.locator("[data-testid=ranges-status]"), en["validation.checkFields"]);
    await waitForText(admin.locator("#range-SD-2-hardMax-error"), en["validation.ranges.order"]);
    await waitForText(admin.locator("#range-SD-2-expectedMax-error"), en["validation.range.percent"]);
    await waitForText(admin.locator("#range-GOV-6-maxChange-error"), en["validation.ranges.maxChangeRatio"]);
    await waitForText(admin.locator("#range-GOV-6-hardMax-error"), en["validation.number"]);
    // What was typed stays in the form.
    expect(await admin.inputValue("#range-GOV-6-hardMax")).toBe("1e25");
    await admin.context().close();

    // Nothing was saved; a reviewer sees the stored ranges, without an edit link.
    const reviewer = await signedIn(browser(), "reviewer@demo.cwis");
    await reviewer.goto("/framework");
    await waitForText(reviewer.locator("[data-testid=hard-GOV-6]"), "0–2,000");
    await waitForText(reviewer.locator("[data-testid=expected-GOV-6]"), t("framework.perCapitaRange", { range: "0–10" }));
    await waitForText(reviewer.locator("[data-testid=hard-SD-2]"), "0–100");
    expect(await reviewer.locator("[data-testid=edit-ranges]").count()).toBe(0);
    expect((await reviewer.goto("/framework/ranges"))?.status()).toBe(403);
    await reviewer.context().close();
  });
});
