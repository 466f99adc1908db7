import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, sessionCookie, signIn, submitAndWait, useBrowser } from "./browser";
import en from "@/messages/en.json";

/*
 * The route builder's write rules over plain HTTP (server/route.ts, `write: true`): a request that
 * carries the session cookie must come from this site, a bearer token needs no Origin. This file
 * writes only WE-4 of mahalaxmi in the current quarter, which no other file uses.
 */
const QUARTER = "2026-Q4";
const INDICATOR = "WE-4";
const url = (path: string) => `${baseUrl()}${path}`;

interface ValuesAnswer {
  values: { indicator: string; period: string; value: number; note?: string }[];
}

async function storedValue(cookie: string): Promise<number | undefined> {
  const response = await fetch(url(`/api/v1/cities/mahalaxmi/values?period=${QUARTER}`), { headers: { cookie } });
  expect(response.status).toBe(200);
  return ((await response.json()) as ValuesAnswer).values.find((v) => v.indicator === INDICATOR)?.value;
}

describe.skipIf(!e2eEnabled())("API route builder: cross-site writes", () => {
  const browser = useBrowser();
  let cookie = "";
  beforeAll(async () => {
    cookie = await sessionCookie("officer.mahalaxmi@demo.cwis");
  });

  // Each write replaces the last without sending its version: the request says so (issue 12).
  const put = (value: number, headers: Record<string, string>) =>
    fetch(url("/api/v1/cities/mahalaxmi/values?overwrite=true"), { method: "PUT", headers, body: JSON.stringify([{ indicator: INDICATOR, period: QUARTER, value, note: "api-builder e2e" }]) });

  it("refuses a cookie PUT from another site (text/plain, as a cross-site form or no-cors fetch sends it) or with no Origin, saving nothing", async () => {
    const before = await storedValue(cookie);
    for (const headers of <Record<string, string>[]>[{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, {}]) {
      const refused = await put(61.5, { cookie, "content-type": "text/plain", ...headers });
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    expect(await storedValue(cookie)).toBe(before);
  });

  it("accepts the same cookie PUT from this site's own pages", async () => {
    const own = new URL(baseUrl());
    const saved = await put(62.5, { cookie, "content-type": "application/json", origin: own.origin, "sec-fetch-site": "same-origin" });
    expect(saved.status).toBe(200);
    expect(await storedValue(cookie)).toBe(62.5);
  });

  it("accepts a read-write bearer token without any Origin, refuses a read-only one (403) and a forged one (401)", async () => {
    const page = await newPage(browser());
    await signIn(page, "officer.mahalaxmi@demo.cwis");
    await page.goto(url("/profile"));
    // The page speaks the officer's own language: wait for the token itself, not for a message.
    const create = async (scope: "read" | "write", previous: string) => {
      await page.fill("#token-name", `api-builder ${scope} ${Date.now()}`);
      await page.selectOption("#token-scope", scope);
      await submitAndWait(page, page.locator("[data-testid=create-token-form] button[type=submit]"));
      const field = page.locator("[data-testid=new-token]");
      await field.waitFor();
      for (let i = 0; i < 50 && (await field.inputValue()) === previous; i++) await page.waitForTimeout(100);
      return field.inputValue();
    };
    const readOnly = await create("read", "");
    const readWrite = await create("write", readOnly);
    await page.close();
    expect(readOnly).toMatch(/^cwis_/);
    expect(readWrite).not.toBe(readOnly);

    const json = { "content-type": "application/json" };
    const refused = await put(66.5, { authorization: `Bearer ${readOnly}`, ...json });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(en["errors.readOnlyToken"]);

    const saved = await put(63.5, { authorization: `Bearer ${readWrite}`, ...json });
    expect(saved.status).toBe(200);
    expect(await storedValue(cookie)).toBe(63.5);
    // A token is not an ambient credential: a foreign Origin does not matter to it.
    expect((await put(64.5, { authorization: `bearer ${readWrite}`, ...json, origin: "https://integration.example" })).status).toBe(200);
    expect((await put(65.5, { authorization: "Bearer cwis_forged", ...json })).status).toBe(401);
    expect(await storedValue(cookie)).toBe(64.5);
  });
});
