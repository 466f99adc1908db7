import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, useBrowser } from "./browser";
import en from "@/messages/en.json";
import { DEMO_COMMITTEE_NAME } from "@/db/seed-committees";

/*
 * An action plan in Chromium, against the shared e2e server: Kushtia's officer writes this
 * fiscal year's plan, the city's approver validates it. Only this file writes plans.
 */

async function addAction(page: Page, action: { title: string; owner: "committee" | "organisation"; organisation?: string; startsOn: string; dueOn: string; status?: string }) {
  const form = page.locator("[data-testid=action-form]");
  await form.locator("input[name=title]").fill(action.title);
  await form.locator("select[name=ownerKind]").selectOption(action.owner);
  if (action.owner === "committee") await form.locator("select[name=ownerCommittee]").selectOption({ index: 1 });
  else await form.locator("input[name=ownerOrganisation]").fill(action.organisation ?? "");
  await form.locator("input[name=startsOn]").fill(action.startsOn);
  await form.locator("input[name=dueOn]").fill(action.dueOn);
  if (action.status) await form.locator("select[name=status]").selectOption(action.status);
  await form.locator("button[type=submit]").click();
  await page.locator("[data-testid=plan-action]", { hasText: action.title }).waitFor({ timeout: 15_000 });
}

describe.skipIf(!e2eEnabled())("action plans in Chromium", () => {
  const browser = useBrowser();

  it("the Kushtia officer builds a plan with a goal on SD-2 (baseline from the data) and three actions; one is overdue; the approver validates it; board and timeline show the actions", async () => {
    const officer = await newPage(browser());
    await signIn(officer, "officer.kushtia@demo.cwis");
    await officer.waitForURL((url) => url.pathname === "/dashboard");
    await officer.goto("/cities/kushtia/plans");
    const form = officer.locator("[data-testid=new-plan-form]");
    await form.locator("input[name=title]").fill("Kushtia action plan");
    await Promise.all([officer.waitForURL((url) => /\/plans\/\d+$/.test(url.pathname)), form.locator("button[type=submit]").click()]);
    const path = new URL(officer.url()).pathname;
    await officer.locator("[data-testid=plan-status][data-status=draft]").waitFor();

    // A goal on SD-2: its baseline is filled from Kushtia's latest validated value.
    const goalForm = officer.locator("[data-testid=goal-form]");
    const sd2 = await goalForm.locator("option[data-code='SD-2']").getAttribute("value");
    await goalForm.locator("[data-testid=goal-indicator]").selectOption(sd2 ?? "");
    await goalForm.locator("input[name=targetValue]").fill("99");
    await goalForm.locator("input[name=targetPeriod]").fill("2028-Q2");
    await goalForm.locator("button[type=submit]").click();
    const goal = officer.locator("[data-testid=plan-goal][data-indicator='SD-2']");
    await goal.waitFor({ timeout: 15_000 });
    expect(await goal.locator("[data-testid=goal-baseline]").innerText()).toMatch(/%/);

    // A decision of the demo health committee's meeting becomes an action of this plan.
    await officer.goto("/cities/kushtia/committees");
    await Promise.all([officer.waitForURL((url) => /\/committees\/\d+$/.test(url.pathname)), officer.locator("[data-testid=committee-row] a", { hasText: DEMO_COMMITTEE_NAME }).click()]);
    await Promise.all([officer.waitForURL((url) => /\/meetings\/\d+$/.test(url.pathname)), officer.locator("[data-testid=meeting-row] a").first().click()]);
    const decisionText = (await officer.locator("[data-testid=meeting-decisions] li").first().innerText()).replace(en["plans.fromDecision"], "").trim();
    await Promise.all([officer.waitForURL((url) => url.searchParams.has("decision")), officer.locator("[data-testid=decision-to-action]").first().click()]);
    await officer.waitForFunction((text) => (document.querySelector("[data-testid=action-form] input[name=title]") as HTMLInputElement | null)?.value === text, decisionText.slice(0, 200));
    const fromDecision = officer.locator("[data-testid=action-form]");
    await fromDecision.locator("select[name=ownerKind]").selectOption("committee");
    await fromDecision.locator("select[name=ownerCommittee]").selectOption({ index: 1 });
    await fromDecision.locator("input[name=dueOn]").fill("2027-03-31");
    await fromDecision.locator("button[type=submit]").click();
    await officer.locator("[data-testid=plan-action]", { hasText: decisionText.slice(0, 30) }).waitFor({ timeout: 15_000 });

    await addAction(officer, { title: "Second desludging truck", owner: "committee", startsOn: "2026-07-01", dueOn: "2027-06-30" });
    await addAction(officer, { title: "Train the emptying crews", owner: "organisation", organisation: "SNV Bangladesh", startsOn: "2026-07-15", dueOn: "2026-08-31" });
    await addAction(officer, { title: "Publish the emptying tariff", owner: "organisation", organisation: "Kushtia Paurashava", startsOn: "2026-07-01", dueOn: "2026-09-30", status: "done" });
    expect(await officer.locator("[data-testid=plan-action][data-overdue=yes]").allInnerTexts()).toEqual([expect.stringContaining("Train the emptying crews")]);

    // Submitted, then validated by the city's approver.
    await officer.locator("[data-testid=plan-move-validation] button[type=submit]").click();
    await officer.locator("[data-testid=plan-status][data-status=validation]").waitFor({ timeout: 15_000 });
    const approver = await newPage(browser());
    await signIn(approver, "approver.kushtia@demo.cwis");
    await approver.waitForURL((url) => url.pathname === "/dashboard");
    await approver.goto(path);
    await approver.locator("[data-testid=plan-move-active] button[type=submit]").click();
    await approver.locator("[data-testid=plan-status][data-status=active]").waitFor({ timeout: 15_000 });
    await approver.fill("#plan-comment", "পৌরসভা দ্বিতীয় গাড়ির বাজেট দেবে।");
    await approver.locator("[data-testid=plan-comment-form] button[type=submit]").click();
    await approver.locator("[data-testid=plan-comments] li", { hasText: "পৌরসভা দ্বিতীয় গাড়ির বাজেট দেবে।" }).waitFor({ timeout: 15_000 });

    // The API gives the same plan, measured; anonymous callers get nothing.
    const api = await officer.request.get("/api/v1/cities/kushtia/plan");
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { plan: { status: string; goals: { indicator: string; baseline: { value: number } | null }[]; actions: { overdue: boolean }[] } };
    expect(body.plan.status).toBe("active");
    expect(body.plan.goals.map((g) => g.indicator)).toEqual(["SD-2"]);
    expect(body.plan.goals[0]?.baseline).not.toBeNull();
    expect(body.plan.actions.filter((a) => a.overdue)).toHaveLength(1);
    expect((await fetch(`${baseUrl()}/api/v1/cities/kushtia/plan`)).status).toBe(401);
    // The workbook from the page's link: a sheet of goals and one of actions, in the reader's language.
    const xlsx = await officer.request.get((await officer.locator("[data-testid=plan-xlsx]").getAttribute("href")) ?? "");
    expect(xlsx.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    const bytes = await xlsx.body();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([en["plans.goals"], en["plans.actions"]]);
    expect(workbook.worksheets[1]?.rowCount).toBe(5);

    // The board puts each action in its status's column; the timeline marks the overdue one.
    await officer.goto(`${path}?view=board`);
    await officer.locator("[data-testid=plan-board]").waitFor();
    expect(await officer.locator("[data-testid=board-column][data-status=done] [data-testid=board-card]").allInnerTexts()).toEqual([expect.stringContaining("Publish the emptying tariff")]);
    expect(await officer.locator("[data-testid=board-card][data-overdue=yes]").count()).toBe(1);
    await officer.goto(`${path}?view=timeline`);
    expect(await officer.locator("[data-testid=timeline-bar]").count()).toBe(4);
    expect(await officer.locator("[data-testid=timeline-bar][data-overdue=yes]").count()).toBe(1);
    // The programme's page counts it: a third of the actions done, one overdue.
    await approver.goto("/plans");
    const row = approver.locator("[data-testid=programme-plan-row][data-city=kushtia]");
    await row.waitFor();
    // The approver reads Bangla: the count is "১".
    expect(await row.locator("[data-testid=plan-overdue]").innerText()).toMatch(/(^|\s)১$/);
    // An active plan changes only with a reason, kept in its history.
    await officer.goto(path);
    // The edit link swaps the new-action form for this action's: wait for it before typing.
    await Promise.all([officer.waitForURL((url) => url.searchParams.has("edit")), officer.locator("[data-testid=plan-action] a", { hasText: "Train the emptying crews" }).click()]);
    await officer.waitForFunction(() => (document.querySelector("[data-testid=action-form] input[name=title]") as HTMLInputElement | null)?.value === "Train the emptying crews");
    await officer.locator("[data-testid=action-form] select[name=status]").selectOption("in_progress");
    await officer.locator("[data-testid=change-reason]").fill("The crews started on the first module.");
    await officer.locator("[data-testid=action-form] button[type=submit]").click();
    await officer.locator("[data-testid=plan-history], [data-testid=action-form] [data-testid=form-error]").first().waitFor({ timeout: 15_000 });
    expect(await officer.locator("[data-testid=action-form] [data-testid=form-error]").allInnerTexts()).toEqual([]);
    const history = (await officer.locator("[data-testid=plan-history] li").first().innerText()).replace(/\s+/g, " ");
    expect(history).toContain(en["plans.change.action.change"]);
    expect(history).toContain("The crews started on the first module.");
  });
});
