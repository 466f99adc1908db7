import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eEnabled, newPage, signIn, useBrowser } from "./browser";
import en from "@/messages/en.json";

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

    // The board puts each action in its status's column; the timeline marks the overdue one.
    await officer.goto(`${path}?view=board`);
    await officer.locator("[data-testid=plan-board]").waitFor();
    expect(await officer.locator("[data-testid=board-column][data-status=done] [data-testid=board-card]").allInnerTexts()).toEqual([expect.stringContaining("Publish the emptying tariff")]);
    expect(await officer.locator("[data-testid=board-card][data-overdue=yes]").count()).toBe(1);
    await officer.goto(`${path}?view=timeline`);
    expect(await officer.locator("[data-testid=timeline-bar]").count()).toBe(3);
    expect(await officer.locator("[data-testid=timeline-bar][data-overdue=yes]").count()).toBe(1);
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
