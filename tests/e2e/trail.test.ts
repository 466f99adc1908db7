import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, sessionCookie, signIn, useBrowser } from "./browser";
import { dateTimeFormat } from "@/lib/time";
import en from "@/messages/en.json";
import ne from "@/messages/ne.json";

/*
 * The trail in the browser: a Nepali officer's save shows in her value history in Nepali and on
 * Kathmandu's clock, and in the admin's audit log named in words on Dhaka's clock. This file
 * writes only GESI-3 of mahalaxmi in the current quarter, which no other file uses.
 */
const QUARTER = "2026-Q4";
const INDICATOR = "GESI-3";
const NOTE = "वडा ३ र ५ को शौचालय सर्वेक्षण";
const url = (path: string) => `${baseUrl()}${path}`;

describe.skipIf(!e2eEnabled())("a trail a reviewer can read", () => {
  const browser = useBrowser();
  beforeAll(async () => {
    const cookie = await sessionCookie("officer.mahalaxmi@demo.cwis");
    const saved = await fetch(url("/api/v1/cities/mahalaxmi/values?overwrite=true"), {
      method: "PUT",
      headers: { cookie, "content-type": "application/json", origin: new URL(baseUrl()).origin, "sec-fetch-site": "same-origin" },
      body: JSON.stringify([{ indicator: INDICATOR, period: QUARTER, value: 42.5, note: NOTE, evidenceUrl: "https://example.org/toilets.pdf" }]),
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
  });

  it("shows the Nepali officer her change in Nepali, on Kathmandu time, with note and evidence", async () => {
    const page = await newPage(browser());
    await signIn(page, "officer.mahalaxmi@demo.cwis");
    await page.goto(url(`/cities/mahalaxmi/indicators/${INDICATOR}`));
    const row = page.locator("[data-testid=history-change]").first();
    await row.waitFor();
    expect(await row.locator("[data-testid=history-action]").innerText()).toContain(ne["audit.action.value.save"]);
    expect(await row.locator("[data-testid=history-note]").innerText()).toContain(NOTE);
    expect(await row.locator("[data-testid=history-evidence] a").getAttribute("href")).toBe("https://example.org/toilets.pdf");
    expect(await row.locator("[data-testid=history-status]").innerText()).toContain(ne["status.draft"]);
    const header = await page.locator("[data-testid=history-changes] thead").innerText();
    expect(header).toContain(ne["time.zone.kathmandu"]);
    const time = row.locator("time");
    const instant = new Date((await time.getAttribute("datetime")) ?? "");
    expect(await time.innerText()).toBe(dateTimeFormat("ne-NP", "Asia/Kathmandu").format(instant));
    expect(await page.locator("[data-testid=history-changes]").innerText()).not.toMatch(/value\.save|→ draft/);
  });

  it("names the record in the admin's audit log, filtered by city and indicator, on Dhaka time", async () => {
    const page = await newPage(browser());
    await signIn(page, "admin@demo.cwis");
    await page.goto(url(`/admin/audit?city=mahalaxmi&indicator=${INDICATOR}`));
    const rows = page.locator("[data-testid=audit-row]");
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain(`${INDICATOR} `);
    const first = rows.first();
    expect(await first.locator("[data-testid=audit-record]").innerText()).toContain(`Mahalaxmi`);
    expect(await first.locator("[data-testid=audit-record]").innerText()).toContain(QUARTER);
    expect(await first.locator("[data-testid=audit-action]").innerText()).toBe(en["audit.action.value.save"]);
    expect(await page.locator("[data-testid=audit-table] thead").innerText()).toContain(en["time.zone.dhaka"]);
    const time = first.locator("time");
    const instant = new Date((await time.getAttribute("datetime")) ?? "");
    expect(await time.innerText()).toBe(dateTimeFormat("en-GB", "Asia/Dhaka").format(instant));
    expect(await page.locator("[data-testid=audit-total]").innerText()).toMatch(/^\d+ changes? recorded$/);
  });
});
