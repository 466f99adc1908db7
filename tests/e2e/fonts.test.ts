import { describe, expect, it } from "vitest";
import { e2eEnabled, newPage, useBrowser } from "./browser";

describe.skipIf(!e2eEnabled())("the app's own Bangla and Devanagari fonts", () => {
  const browser = useBrowser();

  it("loads Noto Sans Bengali from the app for a Bangla page, as text, from its own origin", async () => {
    const page = await newPage(browser(), { locale: "bn-BD" });
    const fonts: string[] = [];
    page.on("response", (response) => {
      if (/\.woff2?$/.test(new URL(response.url()).pathname)) fonts.push(response.url());
    });
    await page.goto("/explore");
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/["']/g, "")));
    expect(loaded).toContain("Noto Sans Bengali");
    expect(fonts.some((url) => url.startsWith(new URL(page.url()).origin) && url.includes("noto-sans-bengali-bengali"))).toBe(true);
    await page.context().close();
  });
});
