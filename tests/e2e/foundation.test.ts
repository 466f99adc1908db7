import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, submitAndWait, useBrowser, waitForText } from "./browser";
import { invitationPath } from "./invitations";
import en from "@/messages/en.json";
import bn from "@/messages/bn.json";

describe.skipIf(!e2eEnabled())("foundation in Chromium", () => {
  const browser = useBrowser();

  it("serves the health check", async () => {
    const response = await fetch(`${baseUrl()}/api/health`);
    expect(await response.json()).toEqual({ status: "ok", database: "pglite" });
    // API responses skip proxy.ts; next.config.js gives them the security headers.
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("shows visitors the public landing page and sends them to sign in from a private page", async () => {
    const page = await newPage(browser());
    await page.goto("/");
    expect(await page.textContent("[data-testid=count-mentor]")).toBe("8");
    await expect(page.locator("[data-testid=demo-banner]").isVisible()).resolves.toBe(true);

    await page.goto("/cities?country=NP");
    expect(new URL(page.url()).pathname).toBe("/login");
    await signIn(page, "partner@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/cities");
    expect(new URL(page.url()).search).toBe("?country=NP");
    const rows = await page.locator("[data-testid^=city-row-]").count();
    expect(rows).toBeGreaterThan(2);
    expect(await page.locator("[data-testid=city-row-kushtia]").count()).toBe(0);
    expect(await page.textContent("[data-testid=city-row-godawari]")).toContain("Mahalaxmi Municipality");
    await page.context().close();
  });

  it("refuses a wrong password", async () => {
    const page = await newPage(browser());
    await signIn(page, "admin@demo.cwis", "not-the-password");
    await waitForText(page.locator("[data-testid=login-error]"), en["login.invalid"]);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.goto("/dashboard");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });

  it("locks an email after five failed attempts", async () => {
    const page = await newPage(browser());
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, "locked-out@demo.cwis", "wrong-password");
      await waitForText(page.locator("[data-testid=login-error]"), en["login.invalid"]);
    }
    await signIn(page, "locked-out@demo.cwis", "wrong-password");
    await waitForText(page.locator("[data-testid=login-error]"), en["login.throttled"]);
    await page.context().close();
  });

  const roles = [
    { email: "admin@demo.cwis", role: "admin", admin: true, reviews: true },
    { email: "reviewer@demo.cwis", role: "reviewer", admin: false, reviews: true },
    { email: "officer.kushtia@demo.cwis", role: "officer", admin: false, reviews: false },
    { email: "trainer@demo.cwis", role: "trainer", admin: false, reviews: false },
    { email: "partner@demo.cwis", role: "partner", admin: false, reviews: false },
  ] as const;

  it.each(roles)("$role signs in and sees what the role allows", async ({ email, role, admin, reviews }) => {
    const page = await newPage(browser());
    await signIn(page, email);
    await page.waitForURL((url) => url.pathname === "/dashboard");
    expect(await page.textContent("[data-testid=current-role]")).toBe(en[`roles.${role}`]);
    const nav = page.getByRole("navigation", { name: en["nav.label"] });
    for (const key of ["nav.dashboard", "nav.cities", "nav.events", "nav.resources", "nav.questionnaires"] as const) {
      expect(await nav.getByRole("link", { name: en[key] }).count()).toBe(1);
    }
    expect(await nav.getByRole("link", { name: en["nav.admin"] }).count()).toBe(admin ? 1 : 0);
    // The dashboard's widgets stream in after navigation: wait for them before counting.
    await page.locator("[data-testid=dashboard-count-mentor-BD]").waitFor();
    await page.getByRole("link", { name: en["dashboard.viewFramework"] }).waitFor();
    if (reviews) await page.locator("[data-testid=review-waiting]").waitFor();
    else expect(await page.locator("[data-testid=review-waiting]").count()).toBe(0);

    await page.goto("/framework");
    await page.locator("table[data-testid=component-engagement_bcc]").waitFor();
    expect(await page.locator("table[data-testid^=component-] tbody tr").count()).toBe(32);

    const response = await page.goto("/admin/users");
    if (admin) {
      expect(response?.status()).toBe(200);
      await page.locator("[data-testid=users-list]").waitFor();
      expect(await page.locator("[data-testid=users-list] > li").count()).toBeGreaterThanOrEqual(5);
    } else {
      expect(response?.status()).toBe(403);
      await page.locator("[data-testid=forbidden]").waitFor();
    }
    await page.context().close();
  });

  it("switches the interface to Bangla, with Bangla digits", async () => {
    const page = await newPage(browser());
    await signIn(page, "partner@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.click("[data-testid=locale-bn]");
    await page.waitForFunction(() => document.documentElement.lang === "bn");
    const nav = page.getByRole("navigation", { name: bn["nav.label"] });
    expect(await nav.getByRole("link", { name: bn["nav.cities"] }).count()).toBe(1);
    expect(await page.textContent("h1")).toBe(bn["nav.dashboard"]);
    expect(await page.textContent("[data-testid=dashboard-count-mentor-BD]")).toBe("৬");
    // The choice sticks across pages, and follows the user to a new device.
    await page.goto("/cities");
    expect(await page.textContent("h1")).toBe(bn["nav.cities"]);
    const elsewhere = await newPage(browser());
    await signIn(elsewhere, "partner@demo.cwis");
    await elsewhere.waitForURL((url) => url.pathname === "/dashboard");
    expect(await elsewhere.evaluate(() => document.documentElement.lang)).toBe("bn");
    await elsewhere.context().close();
    // Back to English, so other tests signing in as the partner read English.
    await page.click("[data-testid=locale-en]");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.context().close();
  });

  it("lets an admin create, re-role and disable a user, and records each change", async () => {
    const page = await newPage(browser());
    await signIn(page, "admin@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/admin/users");

    const form = page.locator("[data-testid=create-user-form]");
    // No password is typed for the user: they are invited to choose one.
    expect(await form.locator("input[type=password]").count()).toBe(0);
    await form.locator("#new-email").fill("officer.magura@example.org");
    await form.locator("#new-name").fill("Rokeya Begum");
    await form.locator("#new-role").selectOption("officer");
    await submitAndWait(page, form.locator("button[type=submit]"));
    // An officer without a city is refused, and nothing is created.
    await waitForText(page.locator("#new-city-error"), en["validation.officerNeedsCity"]);

    // What was typed is kept.
    expect(await form.locator("#new-email").inputValue()).toBe("officer.magura@example.org");
    expect(await form.locator("#new-name").inputValue()).toBe("Rokeya Begum");
    await form.locator("#new-city").selectOption({ label: "Magura Paurashava" });
    await submitAndWait(page, form.locator("button[type=submit]"));
    await waitForText(page.locator("[data-testid=create-user-status]"), en["users.created"].replace("{email}", "officer.magura@example.org"));
    const invitation = await invitationPath("officer.magura@example.org");

    const card = page.locator("[data-testid='user-officer.magura@example.org']");
    await card.waitFor();
    await card.locator("summary").click();
    await card.locator("select[name=role]").selectOption("reviewer");
    await submitAndWait(page, card.getByRole("button", { name: en["users.saveRole"] }));
    await waitForText(card.locator("[role=status]"), en["users.roleSaved"]);
    await card.getByText(en["roles.reviewer"], { exact: false }).first().waitFor();

    page.once("dialog", (dialog) => void dialog.accept());
    await card.getByRole("button", { name: en["users.disable"] }).click();
    await card.getByRole("button", { name: en["users.enable"] }).waitFor();

    // The disabled user cannot sign in, nor use the invitation mailed before.
    const other = await newPage(browser());
    await signIn(other, "officer.magura@example.org", "magura-password-1");
    await waitForText(other.locator("[data-testid=login-error]"), en["login.disabled"]);
    await other.goto(invitation);
    await waitForText(other.locator("[data-testid=link-invalid]"), en["invite.invalidLink"]);
    await other.context().close();

    await page.goto("/admin/audit");
    const audit = await page.textContent("[data-testid=audit-table]");
    // In words, not codes.
    for (const action of ["user.create", "user.role", "user.disable"]) expect(audit).toContain(en[`audit.action.${action}` as keyof typeof en]);
    await page.context().close();
  });

  it("signs out", async () => {
    const page = await newPage(browser());
    await signIn(page, "trainer@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.getByRole("button", { name: en["shell.signOut"] }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/dashboard");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });
});
