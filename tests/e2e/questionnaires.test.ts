import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, sessionCookie, signIn, useBrowser, waitForText } from "./browser";
import en from "@/messages/en.json";

// A past quarter with validated demo values: the form starts from Kushtia's value, and a value
// validated here moves no city's latest quarter (other files' scores depend on it).
const PERIOD = "2025-Q1";
const stamp = Date.now().toString(36);
const TITLE = `E2E progress and needs ${stamp}`;

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "en-GB", viewport: { width: 360, height: 740 } });
  return context.newPage();
}

/** The editor's field of a question card, by the field's path (the editor's ids are made from the card's uid). */
async function questionField(page: Page, key: string, path: string) {
  const uid = await page.locator(`[data-testid=design-question-${key}]`).getAttribute("data-question-uid");
  return page.locator(`#qd-q-${uid}-${path.replace(/[^A-Za-z0-9_]+/g, "-")}`);
}

async function addQuestion(page: Page, key: string, type: string, labels: { en: string; bn?: string }, options: { required?: boolean } = {}) {
  await page.getByRole("button", { name: en["questionnaire.design.addQuestion"].replace("{section}", "General") }).click();
  await page.locator(`[data-testid=design-question-${key}]`).waitFor();
  await (await questionField(page, key, "type")).selectOption(type);
  await (await questionField(page, key, "label.en")).fill(labels.en);
  if (labels.bn) await (await questionField(page, key, "label.bn")).fill(labels.bn);
  if (options.required) await page.locator(`[data-testid=design-question-${key}]`).getByLabel(en["questionnaire.design.field.required"]).check();
}

/**
 * Submits the form (confirming) and waits for the page to say the answers await review (the page
 * is rendered again, read-only); a refusal fails with what the page said.
 */
async function submitAnswers(page: Page) {
  page.once("dialog", (dialog) => void dialog.accept());
  await page.locator("[data-testid=submit-answers]").click();
  await page.locator("[data-testid=response-lock][data-lock=submitted], [data-testid=answer-error]").first().waitFor({ timeout: 15_000 });
  const errors = await page.locator("[data-testid=answer-error], p[id$=-error]").allTextContents();
  expect(errors).toEqual([]);
  await waitForText(page.locator("[data-testid=response-lock]"), en["responses.lock.submitted"]);
}

async function saveAndSee(page: Page, testId: string) {
  await page.locator("[data-testid=save-answers]").click();
  await page.locator(`[data-testid=${testId}]`).waitFor();
}

describe.skipIf(!e2eEnabled())("reporting rounds in Chromium", () => {
  const browser = useBrowser();

  it("an admin designs and publishes a questionnaire and opens a round; Kushtia answers on a phone, is returned one question, corrects it; the reviewer accepts; the round shows 1 of 3 accepted; the XLSX holds the answers", async () => {
    // The admin builds five questions with Bangla labels and a show-when rule, and publishes.
    const admin = await newPage(browser());
    await signIn(admin, "admin@demo.cwis");
    await admin.waitForURL((url) => url.pathname === "/dashboard");
    await admin.goto("/questionnaires/design/new");
    await admin.fill("#new-title-en", TITLE);
    await admin.fill("#new-title-bn", `অগ্রগতি ও চাহিদা ${stamp}`);
    await Promise.all([admin.waitForURL((url) => /^\/questionnaires\/design\/\d+$/.test(url.pathname)), admin.locator("[data-testid=new-questionnaire-form] button[type=submit]").click()]);
    await admin.locator("[data-testid=version-editor]").waitFor();

    await addQuestion(admin, "q1", "indicator", { en: "" }, { required: true });
    await (await questionField(admin, "q1", "config.indicatorCode")).selectOption("SD-2");
    await addQuestion(admin, "q2", "yes_no", { en: "Does the city have an approved FSM plan?", bn: "শহরের কি অনুমোদিত এফএসএম পরিকল্পনা আছে?" }, { required: true });
    await addQuestion(admin, "q3", "number", { en: "Year the plan was approved", bn: "পরিকল্পনা অনুমোদনের বছর" }, { required: true });
    await (await questionField(admin, "q3", "config.min")).fill("2000");
    await (await questionField(admin, "q3", "config.max")).fill("2100");
    // Shown only when q2 (the only earlier yes/no question) is answered "yes".
    await (await questionField(admin, "q3", "showWhen")).selectOption({ index: 1 });
    await (await questionField(admin, "q3", "showWhen.equals")).selectOption("yes");
    await addQuestion(admin, "q4", "short_text", { en: "The city's most pressing sanitation need", bn: "শহরের সবচেয়ে জরুরি স্যানিটেশন চাহিদা" }, { required: true });
    await addQuestion(admin, "q5", "long_text", { en: "What blocks progress?", bn: "অগ্রগতিতে কী বাধা?" });
    await admin.locator("[data-testid=editor-save]").click();
    await waitForText(admin.locator("[data-testid=editor-dirty]"), en["questionnaire.design.allSaved"], 15_000);
    admin.once("dialog", (dialog) => void dialog.accept());
    await Promise.all([admin.waitForURL((url) => url.searchParams.get("published") === "1"), admin.locator("[data-testid=publish-button]").click()]);
    await admin.locator("[data-testid=published-readonly]").waitFor();

    // The round: this version, a quarter, three chosen cities, a deadline a month away; then opened.
    await admin.goto("/questionnaires/rounds/new");
    const version = await admin.locator("select[name=versionId] option", { hasText: TITLE }).first().getAttribute("value");
    await admin.locator("select[name=versionId]").selectOption(version ?? "");
    await admin.fill("input[name=period]", PERIOD);
    await admin.locator("input[name=targetKind][value=list]").check();
    for (const name of ["Kushtia Paurashava", "Mahalaxmi", "Jhenaidah Paurashava"]) {
      await admin.fill("[data-testid=round-city-search]", name);
      await admin.locator("[data-testid=round-city-picker] input[type=checkbox]").first().check();
    }
    await waitForText(admin.locator("[data-testid=round-cities-chosen]"), "3 cities chosen");
    await admin.fill("input[name=opensOn]", isoDay(0));
    await admin.fill("input[name=dueOn]", isoDay(30));
    await Promise.all([admin.waitForURL((url) => /^\/questionnaires\/rounds\/\d+$/.test(url.pathname)), admin.locator("[data-testid=round-form] button[type=submit]").click()]);
    const roundPath = new URL(admin.url()).pathname;
    const roundId = roundPath.split("/").pop() ?? "";
    admin.once("dialog", (dialog) => void dialog.accept());
    await admin.getByRole("button", { name: en["rounds.open"], exact: true }).click();
    await waitForText(admin.locator("[data-testid=round-count-asked] dd").first(), "3", 15_000);

    // The Kushtia officer answers on a 360 px phone, saves a draft, leaves and comes back.
    const officer = await phonePage(browser());
    await signIn(officer, "officer.kushtia@demo.cwis");
    await officer.waitForURL((url) => url.pathname === "/dashboard");
    await officer.goto("/questionnaires");
    await officer.locator("[data-testid=assignment-row] a", { hasText: TITLE }).first().click();
    await officer.waitForURL((url) => /^\/questionnaires\/responses\/\d+$/.test(url.pathname));
    const responsePath = new URL(officer.url()).pathname;
    // The follow-up year shows only once "yes" is ticked.
    expect(await officer.locator("[data-testid=question-q3]").isHidden()).toBe(true);
    await officer.fill('input[name="q.q1"]', "55");
    await officer.locator('input[name="q.q2"][value=yes]').check();
    await officer.locator("[data-testid=question-q3]").waitFor();
    await officer.fill('input[name="q.q3"]', "1999");
    await officer.fill('input[name="q.q4"]', "A second desludging truck");
    await saveAndSee(officer, "answer-error");
    await waitForText(officer.locator("#q-q3-error"), en["validation.answer.range"].replace("{min}", "2,000").replace("{max}", "2,100"));
    // Nothing was saved, and what was typed is still there to correct.
    expect(await officer.inputValue('input[name="q.q4"]')).toBe("A second desludging truck");
    await officer.fill('input[name="q.q3"]', "2022");
    await saveAndSee(officer, "answer-saved");
    const width = await officer.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await officer.goto("/dashboard");
    await officer.goto(responsePath);
    expect(await officer.inputValue('input[name="q.q1"]')).toBe("55");
    expect(await officer.inputValue('input[name="q.q3"]')).toBe("2022");
    await officer.locator("[data-testid=last-saved]").waitFor();
    // A value far from the city's last validated one asks for its explanation first.
    const explanation = officer.locator('textarea[name="q.q1.explanation"]');
    if ((await explanation.count()) > 0) await explanation.fill("A new treatment plant opened in the quarter.");
    await submitAnswers(officer);

    // The indicator answer waits in the values' review queue; the reviewer returns one question.
    const reviewer = await newPage(browser());
    await signIn(reviewer, "reviewer@demo.cwis");
    await reviewer.waitForURL((url) => url.pathname === "/dashboard");
    await reviewer.goto("/review");
    await reviewer.locator(`[data-testid=queue-kushtia-${PERIOD}]`).waitFor();
    await reviewer.goto(responsePath);
    expect(await reviewer.locator("[data-testid=review-answer-q4]").textContent()).toContain("A second desludging truck");
    await reviewer.fill('textarea[name="c.q4"]', "Say which wards the truck would serve.");
    await reviewer.locator("input[name=decision][value=return]").check();
    await reviewer.locator("[data-testid=send-review]").click();
    // The page is rendered again with the decision: the response is returned, read-only for the reviewer.
    await reviewer.locator("[data-testid=response-status][data-status=returned]").waitFor({ timeout: 15_000 });

    // The officer sees the comment next to the question, corrects and resubmits.
    await officer.reload();
    expect(await officer.locator("[data-testid=response-status]").getAttribute("data-status")).toBe("returned");
    await waitForText(officer.locator("[data-testid=comment-q4] p").nth(1), "Say which wards the truck would serve.");
    await officer.fill('input[name="q.q4"]', "A second desludging truck for the northern wards");
    await submitAnswers(officer);

    // The reviewer accepts; the round shows 1 of 3 accepted.
    await reviewer.goto(responsePath);
    await reviewer.locator("input[name=decision][value=accept]").check();
    await reviewer.locator("[data-testid=send-review]").click();
    await reviewer.locator("[data-testid=response-status][data-status=accepted]").waitFor({ timeout: 15_000 });
    await admin.goto(roundPath);
    await waitForText(admin.locator("[data-testid=round-count-accepted] dd").first(), "1");
    await waitForText(admin.locator("[data-testid=round-count-asked] dd").first(), "3");

    // The XLSX export, read back with exceljs, holds the answers.
    const cookie = await sessionCookie("admin@demo.cwis");
    const response = await fetch(`${baseUrl()}/api/v1/rounds/${roundId}/responses?format=xlsx&lang=en`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])));
    expect(cells).toContain(55);
    expect(cells).toContain(2022);
    expect(cells).toContain("A second desludging truck for the northern wards");
    expect(cells).toContain("Year the plan was approved");

    for (const page of [admin, officer, reviewer]) await page.context().close();
  });

  it("Kushtia's local-government approver reads the city's answers, cannot change them, and sees no other city's", async () => {
    const approver = await newPage(browser());
    await signIn(approver, "approver.kushtia@demo.cwis");
    await approver.waitForURL((url) => url.pathname === "/dashboard");
    await approver.goto("/questionnaires");
    const row = approver.locator("[data-testid=assignment-row]").first();
    await row.waitFor();
    await row.locator("a").first().click();
    await approver.waitForURL((url) => /^\/questionnaires\/responses\/\d+$/.test(url.pathname));
    expect(await approver.locator("[data-testid=answer-form]").count()).toBe(0);
    expect(await approver.locator("[data-testid=review-form]").count()).toBe(0);
    // The programme's round pages are not a city's.
    expect((await approver.goto("/questionnaires/rounds"))?.status()).toBe(403);
    // Another city's answers are refused, their own city's looked up (here: no such file, 404).
    const cookie = await sessionCookie("admin@demo.cwis");
    const rounds = (await (await fetch(`${baseUrl()}/api/v1/rounds?per_page=100`, { headers: { cookie } })).json()) as { rounds: { id: number; period: string }[] };
    const demoRound = rounds.rounds.find((r) => r.period === "2026-Q4");
    expect(demoRound).toBeDefined();
    const approverCookie = await sessionCookie("approver.kushtia@demo.cwis");
    const file = (city: string) => fetch(`${baseUrl()}/api/v1/rounds/${demoRound?.id}/responses/${city}/files/photo`, { headers: { cookie: approverCookie } });
    expect((await file("jhikargacha")).status).toBe(403);
    expect((await file("kushtia")).status).toBe(404);
    expect((await fetch(`${baseUrl()}/api/v1/rounds`, { headers: { cookie: approverCookie } })).status).toBe(403);
    await approver.context().close();
  });
});
