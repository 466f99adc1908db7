import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, useBrowser, waitForText } from "./browser";
import en from "@/messages/en.json";

/*
 * A city report's whole way in Chromium, against the shared e2e server. The profile reads the
 * demo data and changes none of it (a report writes only its own rows), so other files are safe.
 */

const stamp = Date.now().toString(36);
const TITLE = `কুষ্টিয়া পৌরসভা: শহরের প্রোফাইল ২০২৫ ${stamp}`;
const canReadPdf = existsSync("/usr/bin/pdftotext");
const squeeze = (text: string) => text.replace(/\s+/g, "");

/** Submits one of the page's small forms and waits for its answer (ok, or the refusal it shows). */
async function send(page: Page, formTestId: string, { scope, expectError = false }: { scope?: string; expectError?: boolean } = {}) {
  const form = page.locator(scope ? `${scope} [data-testid=${formTestId}]` : `[data-testid=${formTestId}]`).first();
  await form.locator("button[type=submit]").click();
  const result = form.locator("[data-testid=form-ok], [data-testid=form-error]");
  await result.first().waitFor({ timeout: 15_000 });
  const errors = await form.locator("[data-testid=form-error]").allTextContents();
  if (expectError) expect(errors).not.toEqual([]);
  else expect(errors).toEqual([]);
  return errors.join(" ");
}

/** Makes a move; the page re-renders in the new status (the move's form is gone with the old one). */
async function moveTo(page: Page, to: string, expected: string) {
  await page.locator(`[data-testid=move-${to}] button[type=submit]`).click();
  await page.locator(`[data-testid=report-status][data-status=${expected}], [data-testid=move-${to}] [data-testid=form-error]`).first().waitFor({ timeout: 15_000 });
  expect(await page.locator(`[data-testid=move-${to}] [data-testid=form-error]`).allTextContents()).toEqual([]);
}

describe.skipIf(!e2eEnabled())("city reports in Chromium", () => {
  const browser = useBrowser();

  it("the Kushtia officer drafts a profile; reviewer and partner comment; the officer answers; the approver returns it once, then validates; a reviewer finalizes; it is public, and its PDF holds the Bangla name and the index", async () => {
    // The officer starts a Bangla city profile for 2025 and writes its summary, with a preview.
    const officer = await newPage(browser());
    await signIn(officer, "officer.kushtia@demo.cwis");
    await officer.waitForURL((url) => url.pathname === "/dashboard");
    await officer.goto("/reports/new");
    await officer.fill("[data-testid=report-title-input]", TITLE);
    await officer.selectOption("[data-testid=new-report-form] select[name=language]", "bn");
    await officer.fill("[data-testid=new-report-form] input[name=year]", "2025");
    await Promise.all([officer.waitForURL((url) => /^\/reports\/\d+$/.test(url.pathname)), officer.locator("[data-testid=new-report-form] button[type=submit]").click()]);
    const path = new URL(officer.url()).pathname;
    await officer.locator("[data-testid=edit-report]").click();
    await officer.locator("[data-testid=draft-editor]").waitFor();
    await officer.fill("[data-testid=written-summary]", "## সারসংক্ষেপ\n\nনিরাপদ বর্জ্য অপসারণ **বেড়েছে**। <img src=x onerror=alert(1)>");
    await officer.locator("[data-testid=preview-summary]").click();
    // The preview says the HTML would be refused, and shows none of it.
    await officer.locator("[data-testid=preview-output-summary] [role=alert]").waitFor();
    expect(await officer.locator("[data-testid=preview-output-summary] img").count()).toBe(0);
    await officer.locator("[data-testid=draft-editor] button[type=submit]").click();
    await officer.locator("[data-testid=draft-editor] [data-testid=form-error]").waitFor();
    await officer.fill("[data-testid=written-summary]", "## সারসংক্ষেপ\n\nনিরাপদ বর্জ্য অপসারণ **বেড়েছে**।");
    await officer.locator("[data-testid=draft-editor] button[type=submit]").click();
    await officer.locator("[data-testid=draft-editor] [data-testid=form-ok]").waitFor();
    await officer.goto(path);
    expect(await officer.locator("[data-testid=report-document] h2, [data-testid=report-document] h3").allTextContents()).toContain("সারসংক্ষেপ");
    const indexText = (await officer.locator("[data-testid=report-index]").innerText()).trim();
    await moveTo(officer, "consultation", "consultation");

    // The reviewer and the partner comment on two sections.
    const reviewer = await newPage(browser());
    await signIn(reviewer, "reviewer@demo.cwis");
    await reviewer.waitForURL((url) => url.pathname === "/dashboard");
    await reviewer.goto(path);
    await reviewer.fill("#comment-scores", "Add the 2024 index for comparison.");
    await send(reviewer, "comment-form-scores");
    const partner = await newPage(browser());
    await signIn(partner, "partner@demo.cwis");
    await partner.waitForURL((url) => url.pathname === "/dashboard");
    await partner.goto(path);
    await partner.fill("#comment-summary", "Name who funds the second truck.");
    await send(partner, "comment-form-summary");

    // Submitting with comments unanswered is refused; the officer answers both, then submits.
    await officer.goto(path);
    expect(await send(officer, "move-validation", { expectError: true })).toContain(en["reports.commentsUnanswered"]);
    const scoresThread = officer.locator("[data-testid=comments-scores] [data-testid=comment-thread]").first();
    await scoresThread.locator("input[value=incorporated]").check();
    await send(officer, "answer-form", { scope: "[data-testid=comments-scores]" });
    await officer.goto(path);
    const summaryThread = officer.locator("[data-testid=comments-summary] [data-testid=comment-thread]").first();
    await summaryThread.locator("input[value=not_incorporated]").check();
    expect(await send(officer, "answer-form", { scope: "[data-testid=comments-summary]", expectError: true })).toContain(en["validation.reports.reasonNeeded"]);
    await officer.goto(path);
    await summaryThread.locator("input[value=not_incorporated]").check();
    await summaryThread.locator("input[name=reason]").fill("The funder asked not to be named.");
    await send(officer, "answer-form", { scope: "[data-testid=comments-summary]" });
    await officer.goto(path);
    expect(await officer.locator("[data-testid=comment-answer]").count()).toBe(2);
    await moveTo(officer, "validation", "validation");

    // The approver (in Bangla) returns it once with a reason; the officer sees why.
    const approver = await newPage(browser(), { locale: "bn-BD" });
    await signIn(approver, "approver.kushtia@demo.cwis");
    await approver.waitForURL((url) => url.pathname === "/dashboard");
    await approver.goto(path);
    await approver.fill("#reason-draft", "পৌরসভার ২০২৫ সালের হিসাব ব্যবহার করুন।");
    await moveTo(approver, "draft", "draft");
    await officer.goto(path);
    await waitForText(officer.locator("[data-testid=return-reason]"), en["reports.returnedBecause"].replace("{reason}", "পৌরসভার ২০২৫ সালের হিসাব ব্যবহার করুন।"));
    await moveTo(officer, "consultation", "consultation");
    await moveTo(officer, "validation", "validation");

    // Validated by the approver, made final by the reviewer (after confirming).
    await approver.goto(path);
    await moveTo(approver, "validated", "validated");
    await reviewer.goto(path);
    reviewer.once("dialog", (dialog) => void dialog.accept());
    await moveTo(reviewer, "final", "final");
    expect(await reviewer.locator("[data-testid=edit-report]").count()).toBe(0);

    // Public: on Kushtia's page, readable signed out.
    const visitor = await newPage(browser());
    await visitor.goto("/explore/kushtia");
    const link = visitor.locator("[data-testid=city-reports] a", { hasText: TITLE });
    await link.waitFor();
    await Promise.all([visitor.waitForURL((url) => /^\/explore\/reports\/\d+$/.test(url.pathname)), link.click()]);
    await waitForText(visitor.locator("[data-testid=report-index]"), indexText);

    // The PDF, signed out, in under 5 s: real text with the Bangla name and the index.
    const started = Date.now();
    const response = await fetch(`${baseUrl()}${path}/pdf`);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(elapsed).toBeLessThan(5_000);
    if (canReadPdf) {
      const text = squeeze(execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8"));
      expect(text).toContain(squeeze("কুষ্টিয়া পৌরসভা"));
      // "CWIS সূচক ৭২": the label and the value; pdftotext reorders some conjuncts of the words after it.
      const indexWithValue = squeeze(indexText).split("(")[0] ?? "";
      expect(indexWithValue).toMatch(/[০-৯]/);
      expect(text).toContain(indexWithValue);
    }
  });
});
