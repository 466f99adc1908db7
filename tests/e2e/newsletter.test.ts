import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, useBrowser, waitForText } from "./browser";
import { linkIn, mailSeen, waitForMail, type CaughtMail } from "./mail";
import { translator } from "@/lib/i18n/messages";
import en from "@/messages/en.json";

// Addresses of this file only (the e2e files share one server and database).
const stamp = Date.now().toString(36);
const address = (name: string) => `e2e.newsletter.${name}.${stamp}@example.org`;

/** A link from a caught mail, on the server the tests run against (mail links use APP_URL). */
function onTestServer(url: URL): string {
  return `${baseUrl()}${url.pathname}${url.search}`;
}

/** Fills the subscribe form on the page and sends it; ends on /newsletter?result=…. */
async function subscribeOn(page: Page, email: string, locale: "en" | "bn" | "ne"): Promise<void> {
  const form = page.locator("[data-testid=newsletter-form]");
  await form.locator("input[name=email]").fill(email);
  await form.locator("select[name=locale]").selectOption(locale);
  await form.locator("input[name=countries][value=NP]").check();
  await Promise.all([page.waitForURL((url) => url.pathname === "/newsletter" && url.searchParams.has("result")), form.locator("button[type=submit]").click()]);
  await waitForText(page.locator("[data-testid=newsletter-result]"), en["newsletter.result.sent"]);
}

async function confirmationMail(email: string, locale: "en" | "bn" | "ne", after: Set<string>): Promise<CaughtMail> {
  const subject = translator(locale)("mail.newsletter.confirm.subject");
  return waitForMail(email, (mail) => mail.subject === subject, { after });
}

/** The header as sent, unfolded. */
function headerOf(caught: CaughtMail, name: string): string {
  const line = caught.mail.headerLines.find((h) => h.key === name.toLowerCase())?.line ?? "";
  return line.replace(/\r?\n(?=[ \t])/g, "").replace(/^[^:]+:\s*/, "");
}

describe.skipIf(!e2eEnabled())("the public newsletter in Chromium", () => {
  const browser = useBrowser();

  it("subscribes on the home page, confirms from the mailed link, and a second visit of the link changes nothing", async () => {
    const page = await newPage(browser());
    const email = address("js");
    const seen = await mailSeen();
    await page.goto("/");
    await subscribeOn(page, email, "bn");
    const caught = await confirmationMail(email, "bn", seen);
    expect(caught.mail.html).toContain('lang="bn"');
    await page.goto(onTestServer(linkIn(caught.mail, "/newsletter/confirm")));
    await waitForText(page.locator("[data-testid=newsletter-confirm]"), en["newsletter.confirm.confirmed"]);
    await page.reload();
    await waitForText(page.locator("[data-testid=newsletter-confirm]"), en["newsletter.confirm.already"]);
    // The manage page the confirmation links to shows the choices made on the form.
    await page.locator("[data-testid=newsletter-manage-link]").click();
    await page.waitForURL((url) => url.pathname === "/newsletter/manage");
    expect(await page.locator("[data-testid=newsletter-manage-state]").getAttribute("data-status")).toBe("confirmed");
    expect(await page.locator("[data-testid=newsletter-manage-form] select[name=locale]").inputValue()).toBe("bn");
    expect(await page.locator("[data-testid=newsletter-manage-form] input[name=countries][value=NP]").isChecked()).toBe(true);
    await page.context().close();
  });

  it("works without JavaScript: the plain form post, the answer, the confirmation", async () => {
    const context = await browser().newContext({ baseURL: baseUrl(), locale: "en-GB", viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const email = address("nojs");
    const seen = await mailSeen();
    await page.goto("/explore");
    await subscribeOn(page, email, "en");
    const caught = await confirmationMail(email, "en", seen);
    await page.goto(onTestServer(linkIn(caught.mail, "/newsletter/confirm")));
    await waitForText(page.locator("[data-testid=newsletter-confirm]"), en["newsletter.confirm.confirmed"]);
    // A tampered link is refused plainly.
    const tampered = linkIn(caught.mail, "/newsletter/confirm");
    tampered.searchParams.set("s", `${tampered.searchParams.get("s")}x`);
    await page.goto(onTestServer(tampered));
    await waitForText(page.locator("[data-testid=newsletter-confirm]"), en["newsletter.confirm.invalid"]);
    await context.close();
  });

  it("an admin composes and sends a digest; its List-Unsubscribe address unsubscribes by one-click POST, not by GET", async () => {
    // A confirmed subscriber reading Nepali.
    const reader = await newPage(browser());
    const email = address("digest");
    let seen = await mailSeen();
    await reader.goto("/newsletter");
    await subscribeOn(reader, email, "ne");
    const confirmation = await confirmationMail(email, "ne", seen);
    await reader.goto(onTestServer(linkIn(confirmation.mail, "/newsletter/confirm")));
    await waitForText(reader.locator("[data-testid=newsletter-confirm]"), en["newsletter.confirm.confirmed"]);

    // The admin drafts a digest for the last 30 days, edits it, previews it and sends it.
    const admin = await newPage(browser());
    await signIn(admin, "admin@demo.cwis");
    await admin.waitForURL((url) => url.pathname === "/dashboard");
    await admin.goto("/admin/newsletter");
    await admin.getByRole("link", { name: en["admin.newsletter"], exact: true }).waitFor();
    await Promise.all([admin.waitForURL((url) => /^\/admin\/newsletter\/\d+$/.test(url.pathname)), admin.locator("[data-testid=digest-period-form] button[type=submit]").click()]);
    const digestId = admin.url().match(/\/admin\/newsletter\/(\d+)/)?.[1] ?? "";
    // Drafted from the data: the sections are there in every language.
    expect(await admin.locator("#body-en").inputValue()).toContain(en["newsletter.draft.progress"]);
    expect(await admin.locator("#body-ne").inputValue()).toContain(translator("ne")("newsletter.draft.events"));
    const subjectNe = `CWIS समाचार ${stamp}`;
    await admin.fill("#subject-ne", subjectNe);
    await admin.fill("#body-ne", "नमस्ते <b>सबैलाई</b>\n\n- पहिलो बुँदा");
    await admin.fill("#digest-rate", "600");
    await Promise.all([admin.waitForURL((url) => url.searchParams.get("saved") === "1"), admin.locator("[data-testid=digest-editor] button[type=submit]").click()]);
    // The Nepali preview: through the mail template, escaped, in a sandboxed frame.
    const preview = admin.locator("[data-testid=digest-preview-ne]");
    expect(await preview.getAttribute("sandbox")).toBe("");
    expect(await preview.getAttribute("srcdoc")).toContain("नमस्ते &lt;b&gt;सबैलाई&lt;/b&gt;");
    seen = await mailSeen();
    admin.once("dialog", (dialog) => void dialog.accept());
    await Promise.all([admin.waitForURL((url) => url.searchParams.get("sent") === "1"), admin.locator("[data-testid=digest-send] button[type=submit]").click()]);
    await admin.locator("[data-testid=digest-counts]").waitFor();

    const digest = await waitForMail(email, (mail) => mail.subject === subjectNe, { after: seen });
    expect(digest.mail.text).toContain("- पहिलो बुँदा");
    expect(headerOf(digest, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const listUnsubscribe = headerOf(digest, "List-Unsubscribe");
    expect(listUnsubscribe).toMatch(/^<http:\/\/[^>]+\/newsletter\/unsubscribe\?s=[^>]+>$/);
    const oneClick = new URL(listUnsubscribe.slice(1, -1));
    expect(oneClick.searchParams.get("d")).toBe(digestId);

    // A link scanner's GET changes nothing: it leads to the question on the manage page.
    await reader.goto(onTestServer(oneClick));
    await reader.waitForURL((url) => url.pathname === "/newsletter/manage" && url.searchParams.get("leave") === "1");
    expect(await reader.locator("[data-testid=newsletter-manage-state]").getAttribute("data-status")).toBe("confirmed");

    // The mail client's one-click POST: no cookies, from another site.
    const refused = await fetch(onTestServer(oneClick), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=Maybe" });
    expect(refused.status).toBe(422);
    const answer = await fetch(onTestServer(oneClick), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.com" }, body: "List-Unsubscribe=One-Click" });
    expect(answer.status).toBe(200);

    await reader.goto(onTestServer(linkIn(digest.mail, "/newsletter/manage")));
    expect(await reader.locator("[data-testid=newsletter-manage-state]").getAttribute("data-status")).toBe("unsubscribed");
    await waitForText(reader.locator("[data-testid=newsletter-manage-state]"), `${en["newsletter.manage.status.unsubscribed"]} ${en["newsletter.manage.resubscribe"]}`);

    // The digest page counts the one who left by it.
    await admin.goto("/admin/newsletter");
    await waitForText(admin.locator(`[data-testid=digest-row][data-digest-id="${digestId}"] [data-testid=digest-unsubscribed]`), "1");
    await reader.context().close();
    await admin.context().close();
  });
});
