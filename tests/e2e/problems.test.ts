import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eEnabled, newPage, signIn, useBrowser, waitForText } from "./browser";
import { samplePng } from "../fixtures/files";
import en from "@/messages/en.json";

/*
 * Local problems in Chromium, against the shared e2e server: a resident's report from the public
 * page through moderation, and a problem the officer logs and works on. Only this file writes
 * problems, and each title carries a stamp of its own.
 */

const stamp = Date.now().toString(36);

/** The public page's count of problems being worked on that have no component yet (a resident's, once accepted). */
async function openWithoutComponent(page: Page): Promise<number> {
  await page.goto("/explore/kushtia");
  const row = page.locator("[data-testid=public-problem-counts] tr[data-component='']");
  if ((await row.count()) === 0) return 0;
  return Number((await row.locator("[data-testid=count-open]").innerText()).replace(/\D/g, ""));
}

async function move(page: Page, to: string, note: string) {
  const form = page.locator(`[data-testid=problem-move-${to}]`);
  if (note) await form.locator("textarea[name=note]").fill(note);
  await form.locator("button[type=submit]").click();
  await page.locator(`[data-testid=problem-status][data-status=${to}], [data-testid=problem-move-${to}] [data-testid=form-error]`).first().waitFor({ timeout: 15_000 });
  expect(await page.locator(`[data-testid=problem-move-${to}] [data-testid=form-error]`).allTextContents()).toEqual([]);
}

describe.skipIf(!e2eEnabled())("local problems in Chromium", () => {
  const browser = useBrowser();

  it("a resident reports a problem without an account; the Kushtia officer sees who sent it, accepts it, and the public page counts it — never the reporter", async () => {
    const title = `Blocked drain behind the school ${stamp}`;
    const resident = await newPage(browser());
    const before = await openWithoutComponent(resident);
    const form = resident.locator("[data-testid=public-problem-form]");
    await form.locator("input[name=title]").fill(title);
    await form.locator("input[name=place]").fill("Thana road, ward 3");
    await form.locator("input[name=name]").fill("Rahima Khatun");
    await form.locator("input[name=phone]").fill("01711-000000");
    await form.locator("button[type=submit]").click();
    await waitForText(resident.locator("[data-testid=public-problem-sent]"), en["problems.public.sent"]);
    // Not public until accepted.
    expect(await openWithoutComponent(resident)).toBe(before);

    const officer = await newPage(browser());
    await signIn(officer, "officer.kushtia@demo.cwis");
    await officer.waitForURL((url) => url.pathname === "/dashboard");
    await officer.goto("/cities/kushtia/problems");
    await officer.locator("[data-testid=problems-waiting]").waitFor();
    await officer.goto("/cities/kushtia/problems?status=reported");
    await Promise.all([officer.waitForURL((url) => /\/problems\/\d+$/.test(url.pathname)), officer.locator("[data-testid=problem-row] a", { hasText: title }).click()]);
    const path = new URL(officer.url()).pathname;
    expect(await officer.locator("[data-testid=problem-reporter]").innerText()).toContain("Rahima Khatun");
    await move(officer, "open", "");

    const partner = await newPage(browser());
    await signIn(partner, "partner@demo.cwis");
    await partner.waitForURL((url) => url.pathname === "/dashboard");
    await partner.goto(path);
    await partner.locator("[data-testid=problem-facts]").waitFor();
    expect(await partner.locator("[data-testid=problem-reporter]").count()).toBe(0);
    expect(await partner.content()).not.toContain("Rahima");

    expect(await openWithoutComponent(resident)).toBe(before + 1);
    expect(await resident.content()).not.toContain("Rahima");
  });

  it("the officer logs a problem, works it step by step with notes, attaches a photo checked by content; the partner reads it but cannot move it", async () => {
    const title = `Overflowing pits in ward 4 ${stamp}`;
    const officer = await newPage(browser());
    await signIn(officer, "officer.kushtia@demo.cwis");
    await officer.waitForURL((url) => url.pathname === "/dashboard");
    await officer.goto("/cities/kushtia/problems/new");
    const form = officer.locator("[data-testid=problem-form]");
    // Every problem of the form at once, and what was typed stays.
    await form.locator("input[name=latitude]").fill("23.9");
    await form.locator("[data-testid=problem-title]").fill(title);
    await form.locator("button[type=submit]").click();
    await waitForText(form.locator("[data-testid=form-error]"), `${en["validation.checkFields"]} ${en["validation.problems.coordinatesPair"]}`);
    expect(await form.locator("[data-testid=problem-title]").inputValue()).toBe(title);
    await form.locator("input[name=longitude]").fill("89.12");
    await form.locator("[data-testid=problem-component]").selectOption({ label: "Business and service delivery" });
    await form.locator("input[name=place]").fill("Ward 4, near the bazaar");
    await form.locator("select[name=severity]").selectOption("high");
    await form.locator("select[name=source]").selectOption("focus_group");
    await Promise.all([officer.waitForURL((url) => /\/problems\/\d+$/.test(url.pathname)), form.locator("button[type=submit]").click()]);
    const path = new URL(officer.url()).pathname;
    await officer.locator("[data-testid=problem-status][data-status=open]").waitFor();

    await move(officer, "acknowledged", "Ward councillor informed.");
    await move(officer, "in_progress", "Desludging booked for Monday.");
    expect(await officer.locator("[data-testid=history-note]").allTextContents()).toEqual(["Ward councillor informed.", "Desludging booked for Monday."]);

    // A photo is accepted; a program renamed .png is refused by its content.
    await officer.locator("[data-testid=evidence-form] input[type=file]").setInputFiles({ name: "pit.png", mimeType: "image/png", buffer: Buffer.from(samplePng()) });
    await Promise.all([officer.waitForURL((url) => url.search.includes("added=1")), officer.locator("[data-testid=evidence-form] button[type=submit]").click()]);
    await waitForText(officer.locator("[data-testid=problem-evidence] a"), "pit.png");
    const download = await officer.request.get(await officer.locator("[data-testid=problem-evidence] a").getAttribute("href") ?? "");
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("image/png");
    await officer.locator("[data-testid=evidence-form] input[type=file]").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("MZ\u0090\u0000\u0003 this is a program") });
    await Promise.all([officer.waitForURL((url) => url.search.includes("error=")), officer.locator("[data-testid=evidence-form] button[type=submit]").click()]);
    await officer.locator("[data-testid=evidence-error]").waitFor();

    const partner = await newPage(browser());
    await signIn(partner, "partner@demo.cwis");
    await partner.waitForURL((url) => url.pathname === "/dashboard");
    await partner.goto(path);
    await partner.locator("[data-testid=problem-history]").waitFor();
    expect(await partner.locator("[data-testid^=problem-move-]").count()).toBe(0);
    expect(await partner.locator("[data-testid=evidence-form]").count()).toBe(0);

    await move(officer, "resolved", "Pits emptied; the operator's receipt is attached.");
    await officer.goto("/cities/kushtia/problems?status=resolved");
    await officer.locator("[data-testid=problem-row] a", { hasText: title }).waitFor();
  });
});
