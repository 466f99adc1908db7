import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eEnabled, newPage, signIn, useBrowser, waitForText } from "./browser";

/*
 * Committees in Chromium, against the shared e2e server: the Kushtia officer creates one, adds
 * three members and records a meeting with a decision; the partner sees the gender balance but
 * no contact. Only this file writes committees, each with a stamp of its own.
 */

const stamp = Date.now().toString(36);

async function addMember(page: Page, member: { name: string; gender: "female" | "male"; role: string; contact: string }) {
  const form = page.locator("[data-testid=member-form]");
  await form.locator("input[name=name]").fill(member.name);
  await form.locator("select[name=role]").selectOption(member.role);
  await form.locator("select[name=gender]").selectOption(member.gender);
  await form.locator("input[name=contact]").fill(member.contact);
  await form.locator("button[type=submit]").click();
  await page.locator("[data-testid=member-row]", { hasText: member.name }).waitFor({ timeout: 15_000 });
}

describe.skipIf(!e2eEnabled())("committees in Chromium", () => {
  const browser = useBrowser();

  it("the Kushtia officer creates a committee with three members and records a meeting with its decision; the partner sees the gender balance, never a contact", async () => {
    const name = `Ward 4 sanitation committee ${stamp}`;
    const officer = await newPage(browser());
    await signIn(officer, "officer.kushtia@demo.cwis");
    await officer.waitForURL((url) => url.pathname === "/dashboard");
    await officer.goto("/cities/kushtia/committees");
    const form = officer.locator("[data-testid=committee-form]");
    await form.locator("input[name=name]").fill(name);
    await form.locator("input[name=theme]").fill("Ward 4 drains and pits");
    await Promise.all([officer.waitForURL((url) => /\/committees\/\d+$/.test(url.pathname)), form.locator("button[type=submit]").click()]);
    const path = new URL(officer.url()).pathname;

    await addMember(officer, { name: "Salma Begum", gender: "female", role: "chair", contact: "01711-111111" });
    await addMember(officer, { name: "Nasrin Akter", gender: "female", role: "secretary", contact: "01711-222222" });
    await addMember(officer, { name: "Karim Uddin", gender: "male", role: "member", contact: "01711-333333" });
    await officer.goto(path);
    expect(await officer.locator("[data-testid=member-row]").count()).toBe(3);
    expect((await officer.locator("[data-testid=member-contact]").allTextContents()).some((text) => text.includes("01711-111111"))).toBe(true);
    await waitForText(officer.locator("[data-testid=women-share]"), "Women: 67%");

    await officer.locator("[data-testid=record-meeting]").click();
    const meeting = officer.locator("[data-testid=meeting-form]");
    await meeting.waitFor();
    await meeting.locator("input[name=place]").fill("Ward 4 office");
    await meeting.locator("input[name=attendee]").nth(0).check();
    await meeting.locator("input[name=attendee]").nth(2).check();
    await meeting.locator("textarea[name=minutes]").fill("## Minutes\n\nThe committee walked the **drains** of ward 4.");
    await meeting.locator("textarea[name=decision]").first().fill("Ask the municipality for a second desludging truck");
    await Promise.all([officer.waitForURL((url) => /\/meetings\/\d+$/.test(url.pathname)), meeting.locator("button[type=submit]").click()]);
    // The decision may carry a "make it a plan action" link when the city has a working plan.
    await officer.locator("[data-testid=meeting-decisions] li").first().waitFor();
    expect(await officer.locator("[data-testid=meeting-decisions] li").allInnerTexts()).toEqual([expect.stringContaining("Ask the municipality for a second desludging truck")]);
    expect(await officer.locator("[data-testid=meeting-minutes] strong").innerText()).toBe("drains");
    expect(await officer.locator("[data-testid=meeting-attendees-list] li").count()).toBe(2);

    const partner = await newPage(browser());
    await signIn(partner, "partner@demo.cwis");
    await partner.waitForURL((url) => url.pathname === "/dashboard");
    await partner.goto(path);
    await partner.locator("[data-testid=gender-balance]").waitFor();
    expect(await partner.locator("[data-testid=member-contact]").count()).toBe(0);
    expect(await partner.content()).not.toContain("01711-111111");
    expect(await partner.locator("[data-testid=member-form]").count()).toBe(0);
  });
});
