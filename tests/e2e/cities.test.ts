import { describe, expect, it } from "vitest";
import { e2eEnabled, newPage, signIn, submitAndWait, useBrowser, waitForText } from "./browser";
import en from "@/messages/en.json";

describe.skipIf(!e2eEnabled())("cities in Chromium", () => {
  const browser = useBrowser();

  it("lists cities with scores, sorted by CWIS index, and finds a city by its Bangla name", async () => {
    const page = await newPage(browser());
    await signIn(page, "partner@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/cities?sort=index&dir=desc");
    await page.locator("[data-testid=cities-table]").waitFor();
    const indexes = await page.locator("[data-testid^=index-]").allTextContents();
    const numbers = indexes.filter((text) => text !== "—").map(Number);
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

    await page.goto(`/cities?q=${encodeURIComponent("ঝিনাইদহ")}`);
    await page.locator("[data-testid=cities-table]").waitFor();
    expect(await page.locator("[data-testid^=city-row-]").count()).toBe(1);
    expect(await page.locator("[data-testid=city-row-jhenaidah]").count()).toBe(1);
    await page.context().close();
  });

  it("shows a partner validated values only, and scores for each component", async () => {
    const page = await newPage(browser());
    await signIn(page, "partner@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/cities/faridpur");
    // Scores and values stream in after the profile.
    await page.locator("[data-testid=score-index]").waitFor();
    await page.locator("[data-testid=latest-BCC-5]").waitFor();
    expect(await page.locator("[data-testid^=score-]").count()).toBe(7); // six components + the index
    expect(await page.getByText(en["city.latestValuesValidatedOnly"]).count()).toBe(1);
    expect(await page.getByRole("link", { name: en["city.edit"] }).count()).toBe(0);
    await page.goto("/cities/faridpur/indicators/SD-1");
    await page.locator("[data-testid=history-values]").waitFor();
    expect(await page.locator("[data-testid=history-values] tbody tr").count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it("lets an officer edit their own city's profile and refuses another city", async () => {
    const page = await newPage(browser());
    await signIn(page, "officer.kushtia@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/cities/kushtia");
    await page.getByRole("link", { name: en["city.edit"] }).click();
    await page.waitForURL((url) => url.pathname === "/cities/kushtia/edit");
    // Officers do not get the programme fields.
    expect(await page.locator("#city-programmeRole").count()).toBe(0);
    await page.fill("#city-population", "-3");
    await submitAndWait(page, page.locator("[data-testid=city-form] button[type=submit]"));
    await waitForText(page.locator("#city-population-error"), en["validation.population"]);
    await page.fill("#city-population", "141234");
    await page.locator("[data-testid=city-form] button[type=submit]").click();
    await page.waitForURL((url) => url.pathname === "/cities/kushtia");
    expect(await page.textContent("main")).toContain("141,234");

    const response = await page.goto("/cities/jhenaidah/edit");
    expect(response?.status()).toBe(403);
    await page.context().close();
  });

  it("lets an admin create a mentee city and refuses a mentee of a mentee", async () => {
    const page = await newPage(browser());
    await signIn(page, "admin@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/cities/new");
    await page.fill("#city-slug", "narail");
    await page.fill("#city-nameEn", "Narail Paurashava");
    await page.fill("#city-nameBn", "নড়াইল পৌরসভা");
    await page.fill("#city-nameNe", "नडाइल पौरसभा");
    await page.fill("#city-region", "Narail");
    await page.selectOption("#city-programmeRole", "mentee");
    await submitAndWait(page, page.locator("[data-testid=city-form] button[type=submit]"));
    await waitForText(page.locator("[data-testid=city-form-status]"), en["cities.menteeNeedsMentor"]);
    // What was typed is still there.
    expect(await page.inputValue("#city-nameBn")).toBe("নড়াইল পৌরসভা");
    await page.selectOption("#city-mentorSlug", "jhenaidah");
    await page.locator("[data-testid=city-form] button[type=submit]").click();
    await page.waitForURL((url) => url.pathname === "/cities/narail");
    expect(await page.locator("main").getByRole("link", { name: "Jhenaidah Paurashava" }).count()).toBe(1);
    await page.goto("/cities/jhenaidah");
    expect(await page.locator("[data-testid=mentees]").textContent()).toContain("Narail Paurashava");
    await page.context().close();
  });
});
