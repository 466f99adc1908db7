import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eEnabled, newPage, openingQuarter, signIn, submitAndWait, useBrowser, waitForText } from "./browser";
import { addQuarters, periodOfDate } from "@/lib/periods";
import { demoAccounts } from "@/db/data/demo-users";
import en from "@/messages/en.json";
import { formatMessage } from "@/lib/i18n/messages";

/**
 * Data entry and review in the browser. Kushtia has demo values up to 2026-Q3 only, so the current
 * quarter is empty when this file starts; its indicators are split between the tests below:
 * the main flow uses GOV-4, SD-2, SD-4 (and GOV-1 in a Q4), the tampered form BCC-2, the
 * concurrency test BCC-3.
 */
const PERIOD = periodOfDate(new Date());
const ENTRY = `/cities/kushtia/values/${PERIOD}`;
const ANNUAL_OPEN = PERIOD.endsWith("-Q4");
const OFFICER = "officer.kushtia@demo.cwis";
const officerName = demoAccounts.find((a) => a.email === OFFICER)?.name ?? "";
const adminName = demoAccounts.find((a) => a.email === "admin@demo.cwis")?.name ?? "";

// The app fills messages with plural rules (lib/i18n/messages.ts), so the expected text is filled the same way.
const fill = (text: string, vars: Record<string, string | number>) => formatMessage(text, vars, "en");

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/dashboard");
  return page;
}

async function save(page: Page): Promise<void> {
  await submitAndWait(page, page.locator("[data-testid=save-values]"));
}

/** Kushtia's component scores as the city page shows them, and exactly, from the JSON API. */
async function cityScores(page: Page): Promise<{ asOf: string; shown: Record<string, string>; exact: Record<string, number | null> }> {
  await page.goto("/cities/kushtia");
  await page.locator("[data-testid=score-index]").waitFor();
  const asOf = (await page.locator("[data-testid=scores-as-of]").textContent()) ?? "";
  const shown: Record<string, string> = {};
  for (const row of await page.locator("[data-testid^=score-]").all()) {
    const code = (await row.getAttribute("data-testid"))?.slice("score-".length) ?? "";
    shown[code] = ((await row.locator("td").first().textContent()) ?? "").trim();
  }
  const api = (await (await page.request.get("/api/v1/cities/kushtia")).json()) as { scores: { components: { component: string; score: number | null }[] } };
  const exact = Object.fromEntries(api.scores.components.map((c) => [c.component, c.score]));
  return { asOf, shown, exact };
}

describe.skipIf(!e2eEnabled())("indicator values: entry and review in Chromium", () => {
  const browser = useBrowser();

  it("officer enters and submits a quarter, the reviewer validates all but one, the officer sees the returned value", async () => {
    const officer = await signedIn(browser(), OFFICER);
    // The entry page opens on the last completed quarter unless the running one holds drafts (issue 12).
    const opens = await openingQuarter(officer, "kushtia");
    await officer.goto("/cities/kushtia/values");
    await officer.waitForURL((url) => url.pathname === `/cities/kushtia/values/${opens}`);
    await officer.goto(ENTRY);
    expect(await officer.locator("[data-testid=period-picker] a[aria-current=page]").textContent()).toContain(PERIOD);
    expect(await officer.getByRole("link", { name: fill(en["entry.backToCity"], { city: "Kushtia Paurashava" }) }).getAttribute("href")).toBe("/cities/kushtia");

    // Annual indicators are open only in a Q4.
    expect(await officer.locator("#value-GOV-1").isDisabled()).toBe(!ANNUAL_OPEN);
    if (!ANNUAL_OPEN) await waitForText(officer.locator("[data-testid=locked-GOV-1]"), en["entry.lockedAnnual"]);

    await officer.fill("#value-GOV-4", "3");
    await officer.fill("#value-SD-2", "150");
    await officer.fill("#value-SD-4", "5");
    await officer.fill("#note-SD-4", "From the desludging log");
    if (ANNUAL_OPEN) await officer.selectOption("#value-GOV-1", "1");
    const entered = ANNUAL_OPEN ? 4 : 3;
    await waitForText(officer.locator("[data-testid=changed-count]"), fill(en["entry.unsavedCount"], { count: entered }));

    // One value out of range: a localized message next to that input, nothing saved, nothing lost.
    await save(officer);
    await waitForText(officer.locator("[data-testid=values-status]"), en["validation.rowsRefused"]);
    await waitForText(officer.locator("#error-SD-2-value"), en["validation.range.percent"]);
    expect(await officer.locator("#error-GOV-4-value").count()).toBe(0);
    expect(await officer.inputValue("#value-GOV-4")).toBe("3");
    expect(await officer.inputValue("#value-SD-2")).toBe("150");
    expect(await officer.inputValue("#note-SD-4")).toBe("From the desludging log");
    const check = await officer.context().newPage();
    await check.goto(ENTRY);
    for (const code of ["GOV-4", "SD-2", "SD-4"]) await waitForText(check.locator(`[data-testid=status-${code}]`), en["entry.empty"]);
    await check.close();

    await officer.fill("#value-SD-2", "85");
    await save(officer);
    await waitForText(officer.locator("[data-testid=values-status]"), fill(en["entry.saved"], { count: entered }));
    await waitForText(officer.locator("[data-testid=status-SD-2]"), en["status.draft"]);
    await waitForText(officer.locator("[data-testid=changed-count]"), en["entry.noChanges"]);
    expect(await officer.locator("#error-SD-2-value").count()).toBe(0);

    // A value far from Kushtia's last validated one is flagged as unusual and needs an explanation
    // before it can be submitted (issue 12; tests/e2e/values-trust.test.ts tests that rule).
    let explained = 0;
    for (const box of await officer.locator("textarea[id^=explanation-]").all()) {
      if ((await box.isEditable()) && (await box.inputValue()).trim() === "") {
        await box.fill("Checked against the ward records");
        explained++;
      }
    }
    if (explained > 0) {
      await save(officer);
      await waitForText(officer.locator("[data-testid=changed-count]"), en["entry.noChanges"]);
    }

    // Submitting asks for confirmation, then locks the values.
    officer.once("dialog", (dialog) => void dialog.accept());
    await submitAndWait(officer, officer.locator("[data-testid=submit-period-form] button[type=submit]"));
    await waitForText(officer.locator("[data-testid=submit-status]"), fill(en["entry.submitted"], { count: entered }));
    await waitForText(officer.locator("[data-testid=status-SD-2]"), en["status.submitted"]);
    expect(await officer.locator("#value-SD-2").isDisabled()).toBe(true);
    await waitForText(officer.locator("[data-testid=locked-SD-2]"), en["entry.lockedSubmitted"]);

    // Before validation the city page scores Kushtia on older validated data only.
    const scoresBefore = await cityScores(officer);
    expect(scoresBefore.asOf).not.toContain(PERIOD);

    // The reviewer finds the quarter in the queue.
    const reviewer = await signedIn(browser(), "reviewer@demo.cwis");
    await reviewer.getByRole("navigation", { name: en["nav.label"] }).getByRole("link", { name: en["nav.review"] }).click();
    await reviewer.waitForURL((url) => url.pathname === "/review");
    const line = reviewer.locator(`[data-testid=queue-kushtia-${PERIOD}]`);
    expect(await line.locator("td").nth(1).textContent()).toBe(String(entered));
    await line.getByRole("link").click();
    await reviewer.waitForURL((url) => url.pathname === `/review/kushtia/${PERIOD}`);
    await waitForText(reviewer.locator("[data-testid=review-value-SD-2]"), "85 %");

    await reviewer.click("[data-testid=validate-all]");
    await reviewer.check("[data-testid=return-SD-2]");
    // Returning needs a comment: refused, nothing decided.
    await submitAndWait(reviewer, reviewer.locator("[data-testid=send-decisions]"));
    const sd2Comment = reviewer.locator("[data-testid=review-row-SD-2] textarea");
    const commentId = await sd2Comment.getAttribute("id");
    await waitForText(reviewer.locator(`#${commentId}-error`), en["validation.returnNeedsComment"]);
    await sd2Comment.fill("Please attach the ward survey");
    await submitAndWait(reviewer, reviewer.locator("[data-testid=send-decisions]"));
    await waitForText(reviewer.locator("[data-testid=review-status]"), fill(en["review.done"], { validated: entered - 1, returned: 1 }));
    expect(await reviewer.locator("[data-testid=review-empty]").isVisible()).toBe(true);
    await reviewer.goto("/review");
    expect(await reviewer.locator(`[data-testid=queue-kushtia-${PERIOD}]`).count()).toBe(0);
    await reviewer.context().close();

    // Validation moved the city's scores: they are now as of this quarter, and the service-delivery
    // score (SD-4 was validated) changed, on the page and in the exact figures of the API.
    const scoresAfter = await cityScores(officer);
    expect(scoresAfter.asOf).toContain(PERIOD);
    expect(scoresAfter.exact.service_delivery).not.toBe(scoresBefore.exact.service_delivery);
    expect(scoresAfter.shown.service_delivery).toBe(String(Math.round(scoresAfter.exact.service_delivery ?? Number.NaN)));

    // The officer sees the returned value with the reviewer's comment, and can correct it.
    await officer.goto(ENTRY);
    await waitForText(officer.locator("[data-testid=status-SD-2]"), en["status.returned"]);
    await waitForText(officer.locator("[data-testid=comment-SD-2]"), "Please attach the ward survey");
    await waitForText(officer.locator("[data-testid=status-GOV-4]"), en["status.validated"]);
    expect(await officer.locator("#value-SD-2").isDisabled()).toBe(false);
    expect(await officer.locator("[data-testid=period-picker] a[aria-current=page]").textContent()).toContain(fill(en["entry.returnedCount"], { count: 1 }));

    // Editing a validated value makes a draft; the validated value keeps counting and is shown.
    await officer.fill("#value-GOV-4", "4");
    await save(officer);
    await waitForText(officer.locator("[data-testid=status-GOV-4]"), en["status.draft"]);
    await waitForText(officer.locator("[data-testid=validated-GOV-4]"), fill(en["entry.validatedValue"], { value: "3" }));
    await officer.context().close();
  });

  it("refuses the officer another city's entry page", async () => {
    const officer = await signedIn(browser(), OFFICER);
    const response = await officer.goto(`/cities/jhenaidah/values/${PERIOD}`);
    expect(response?.status()).toBe(403);
    await officer.locator("[data-testid=forbidden]").waitFor();
    // A future or malformed quarter does not exist.
    expect((await officer.goto("/cities/kushtia/values/2999-Q1"))?.status()).toBe(404);
    expect((await officer.goto("/cities/kushtia/values/2025-Q5"))?.status()).toBe(404);
    // Partners read but never enter values; the review queue is for reviewers.
    const partner = await signedIn(browser(), "partner@demo.cwis");
    expect((await partner.goto(ENTRY))?.status()).toBe(403);
    expect((await partner.goto("/review"))?.status()).toBe(403);
    expect((await officer.goto("/review"))?.status()).toBe(403);
    await officer.context().close();
    await partner.context().close();
  });

  it("refuses a form edited to name another city, and writes nothing", async () => {
    const officer = await signedIn(browser(), OFFICER);
    await officer.goto(ENTRY);
    await officer.fill("#value-BCC-2", "40");
    await officer.evaluate(() => {
      const slug = document.querySelector<HTMLInputElement>("[data-testid=values-form] input[name=slug]");
      if (slug) slug.value = "jhenaidah";
    });
    await save(officer);
    await waitForText(officer.locator("[data-testid=values-status]"), en["errors.forbidden"]);
    expect(await officer.inputValue("#value-BCC-2")).toBe("40");

    const admin = await signedIn(browser(), "admin@demo.cwis");
    for (const slug of ["jhenaidah", "kushtia"]) {
      await admin.goto(`/cities/${slug}/values/${PERIOD}`);
      await waitForText(admin.locator("[data-testid=status-BCC-2]"), en["entry.empty"]);
      expect(await admin.inputValue("#value-BCC-2")).toBe("");
    }
    await officer.context().close();
    await admin.context().close();
  });

  it("shows a conflict when two people change the same value, and lets each keep or take the newer one", async () => {
    const officer = await signedIn(browser(), OFFICER);
    const admin = await signedIn(browser(), "admin@demo.cwis");
    await officer.goto(ENTRY);
    await admin.goto(ENTRY);

    await officer.fill("#value-BCC-3", "70");
    await save(officer);
    await waitForText(officer.locator("[data-testid=values-status]"), fill(en["entry.saved"], { count: 1 }));

    // The admin's page still holds the version from before the officer's save.
    await admin.fill("#value-BCC-3", "60");
    await save(admin);
    await waitForText(admin.locator("[data-testid=values-status]"), en["values.conflict"]);
    const conflict = (await admin.locator("[data-testid=conflict-BCC-3-text]").textContent()) ?? "";
    expect(conflict).toContain(officerName);
    expect(conflict).toContain("70 %");
    expect(await admin.inputValue("#value-BCC-3")).toBe("60");

    // "Use my value" saves again over the officer's version.
    await submitAndWait(admin, admin.getByRole("button", { name: en["entry.useMine"] }));
    await waitForText(admin.locator("[data-testid=values-status]"), fill(en["entry.saved"], { count: 1 }));
    expect(await admin.locator("[data-testid=conflict-BCC-3]").count()).toBe(0);
    expect(await admin.inputValue("#value-BCC-3")).toBe("60");

    // Now the officer's page is the stale one: they take the admin's newer value instead.
    await officer.fill("#value-BCC-3", "75");
    await save(officer);
    const officerConflict = (await officer.locator("[data-testid=conflict-BCC-3-text]").textContent()) ?? "";
    expect(officerConflict).toContain(adminName);
    expect(officerConflict).toContain("60 %");
    await officer.getByRole("button", { name: en["entry.useTheirs"] }).click();
    expect(await officer.inputValue("#value-BCC-3")).toBe("60");
    expect(await officer.locator("[data-testid=conflict-BCC-3]").count()).toBe(0);
    await waitForText(officer.locator("[data-testid=changed-count]"), en["entry.noChanges"]);

    await officer.reload();
    expect(await officer.inputValue("#value-BCC-3")).toBe("60");
    await waitForText(officer.locator("[data-testid=status-BCC-3]"), en["status.draft"]);
    await officer.context().close();
    await admin.context().close();
  });
});
