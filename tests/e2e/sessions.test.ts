import { describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, signIn, submitAndWait, useBrowser, waitForText } from "./browser";
import en from "@/messages/en.json";

const url = (path: string) => `${baseUrl()}${path}`;
type ApiError = { error: { code: string; message: string } };

describe.skipIf(!e2eEnabled())("sessions end when they should, in Chromium", () => {
  const browser = useBrowser();

  it("a cookie saved before signing out is refused afterwards, by pages, Auth.js and the API", async () => {
    const page = await newPage(browser());
    await signIn(page, "partner@demo.cwis");
    await page.waitForURL((u) => u.pathname === "/dashboard");
    const saved = await page.context().cookies();
    const cookieHeader = saved.map((c) => `${c.name}=${c.value}`).join("; ");
    const before = (await (await fetch(url("/api/auth/session"), { headers: { cookie: cookieHeader } })).json()) as { user?: { email?: string } } | null;
    expect(before?.user?.email).toBe("partner@demo.cwis");

    await page.getByRole("button", { name: en["shell.signOut"] }).click();
    await page.waitForURL((u) => u.pathname === "/");

    // Replay the saved cookie in a fresh browser.
    const replay = await newPage(browser());
    await replay.context().addCookies(saved);
    await replay.goto("/dashboard");
    expect(new URL(replay.url()).pathname).toBe("/login");
    const session = (await (await fetch(url("/api/auth/session"), { headers: { cookie: cookieHeader } })).json()) as { user?: unknown } | null;
    expect(session?.user).toBeUndefined();
    // Credentials that do not hold are a 401 on the public API, not a silent public view.
    const api = await fetch(url("/api/v1/framework"), { headers: { cookie: cookieHeader } });
    expect(api.status).toBe(401);
    expect(((await api.json()) as ApiError).error.code).toBe("unauthenticated");
    await page.context().close();
    await replay.context().close();
  });

  it("signing out everywhere ends the session in another browser too", async () => {
    const first = await newPage(browser());
    const second = await newPage(browser());
    await signIn(first, "trainer@demo.cwis");
    await first.waitForURL((u) => u.pathname === "/dashboard");
    await signIn(second, "trainer@demo.cwis");
    await second.waitForURL((u) => u.pathname === "/dashboard");

    await first.goto("/profile");
    await first.locator("[data-testid=profile-sessions]").waitFor();
    first.once("dialog", (dialog) => void dialog.accept());
    await first.locator("[data-testid=sign-out-everywhere-form] button[type=submit]").click();
    await first.waitForURL((u) => u.pathname === "/login");

    await second.goto("/dashboard");
    expect(new URL(second.url()).pathname).toBe("/login");
    await first.goto("/dashboard");
    expect(new URL(first.url()).pathname).toBe("/login");
    // Signing in again works as usual.
    await signIn(second, "trainer@demo.cwis");
    await second.waitForURL((u) => u.pathname === "/dashboard");
    await first.context().close();
    await second.context().close();
  });

  it("a new token is read-only, works with a lower-case bearer scheme, and says when it was revoked", async () => {
    const page = await newPage(browser());
    await signIn(page, "reviewer@demo.cwis");
    await page.waitForURL((u) => u.pathname === "/dashboard");
    await page.goto("/profile");
    const form = page.locator("[data-testid=create-token-form]");
    const name = `sessions e2e ${Date.now()}`;
    await page.fill("#token-name", name);
    expect(await page.inputValue("#token-scope")).toBe("read");
    expect(await page.inputValue("#token-expiry")).toBe("90");
    await submitAndWait(page, form.locator("button[type=submit]"));
    await waitForText(page.locator("[data-testid=create-token-status]"), en["tokens.created"].replace("{name}", name));
    const token = await page.inputValue("[data-testid=new-token]");
    const item = page.locator("[data-testid^=token-]", { has: page.locator("[data-testid=token-name]", { hasText: name }) });
    await item.waitFor();
    expect(await item.locator("[data-testid=token-scope]").textContent()).toBe(en["tokens.scopeRead"]);
    expect(await item.locator("[data-testid=token-expiry]").textContent()).toContain(en["tokens.expiresOn"].replace("{date}", "").trim());

    const lower = await fetch(url("/api/v1/cities/kushtia/values"), { headers: { authorization: `bearer ${token}` } });
    expect(lower.status).toBe(200);
    expect(((await lower.json()) as { view: string }).view).toBe("all");
    const shouting = await fetch(url("/api/v1/framework"), { headers: { authorization: `BEARER ${token}` } });
    expect(shouting.status).toBe(200);

    page.once("dialog", (dialog) => void dialog.accept());
    await submitAndWait(page, item.locator("button[type=submit]"));
    await item.locator("text=Revoked").waitFor();
    const revoked = await fetch(url("/api/v1/framework"), { headers: { authorization: `bearer ${token}` } });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as ApiError).error.message).toBe(en["tokens.errorRevoked"]);
    await page.context().close();
  });
});
