import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, e2eEnabled, newPage, sessionCookie, signIn, submitAndWait, useBrowser, waitForText } from "./browser";
import en from "@/messages/en.json";
import { formatMessage, translator } from "@/lib/i18n/messages";

const t = translator("en");

const HEADER = "city,indicator,period,value,note,evidence_url,status,validated_value,version";


async function get(path: string, cookie?: string) {
  const response = await fetch(`${baseUrl()}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder().decode(bytes) };
}

const dataLines = (text: string) => text.split("\r\n").slice(1).filter((line) => line !== "");

describe("CSV export and template over HTTP", () => {
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    for (const email of ["partner@demo.cwis", "officer.kushtia@demo.cwis"]) cookies[email] = await sessionCookie(email);
  });

  it("gives a partner every city's validated values as a UTF-8 CSV with a BOM", async () => {
    const { response, bytes, text } = await get("/api/v1/values.csv", cookies["partner@demo.cwis"]);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="cwis-values_all-cities_\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM, as a spreadsheet does.
    expect(text.split("\r\n")[0]).toBe(HEADER);
    const lines = dataLines(text);
    expect(lines.some((line) => line.startsWith("kushtia,SD-2,2025-Q3,"))).toBe(true);
    expect(lines.some((line) => line.startsWith("jhenaidah,"))).toBe(true);
    // Partners see what is validated, as validated: no drafts, submissions or private notes.
    expect(lines.filter((line) => line.split(",")[6] !== "validated")).toEqual([]);
    expect(lines.filter((line) => line.split(",")[4] !== "")).toEqual([]);
  });

  it("refuses a status filter the role cannot see, instead of relabelling rows", async () => {
    const draft = await get("/api/v1/values.csv?status=draft", cookies["partner@demo.cwis"]);
    expect(draft.response.status).toBe(403);
    expect(JSON.parse(draft.text)).toMatchObject({ error: { code: "forbidden", message: en["csv.statusNotVisible"] } });
    expect((await get("/api/v1/values.csv?city=kushtia&status=submitted", cookies["partner@demo.cwis"])).response.status).toBe(403);
    // Their own "validated" is every validated figure, as without the filter.
    const validated = await get("/api/v1/values.csv?city=kushtia&status=validated", cookies["partner@demo.cwis"]);
    const all = await get("/api/v1/values.csv?city=kushtia", cookies["partner@demo.cwis"]);
    expect(validated.response.status).toBe(200);
    expect(dataLines(validated.text)).toEqual(dataLines(all.text));
    // An officer sees their own drafts, so the filter is theirs.
    const own = await get("/api/v1/values.csv?status=draft", cookies["officer.kushtia@demo.cwis"]);
    expect(own.response.status).toBe(200);
    expect(dataLines(own.text).every((line) => line.split(",")[6] === "draft")).toBe(true);
  });

  it("filters by city, component and quarters", async () => {
    const { response, text } = await get("/api/v1/values.csv?city=kushtia&component=service_delivery&from=2025-Q1&to=2025-Q4", cookies["partner@demo.cwis"]);
    expect(response.status).toBe(200);
    const lines = dataLines(text);
    // 7 service-delivery indicators: 5 quarterly in four quarters, 2 annual in Q4.
    expect(lines).toHaveLength(5 * 4 + 2);
    expect(lines.every((line) => /^kushtia,SD-\d,2025-Q[1-4],/.test(line))).toBe(true);
  });

  it("refuses a signed-out caller with 401 and bad filters with 422", async () => {
    const anonymous = await get("/api/v1/values.csv");
    expect(anonymous.response.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({ error: { code: "unauthenticated" } });

    const bad = await get("/api/v1/values.csv?status=lost&from=2025-Q9", cookies["partner@demo.cwis"]);
    expect(bad.response.status).toBe(422);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { code: "invalid", fields: { status: [en["validation.valueStatus"]], from: [en["validation.period"]] } } });
    expect((await get("/api/v1/values.csv?city=atlantis", cookies["partner@demo.cwis"])).response.status).toBe(422);
  });

  it("lets an officer export only their own city", async () => {
    const officer = cookies["officer.kushtia@demo.cwis"];
    const other = await get("/api/v1/values.csv?city=jhenaidah", officer);
    expect(other.response.status).toBe(403);
    const own = await get("/api/v1/values.csv", officer);
    expect(own.response.status).toBe(200);
    expect(own.response.headers.get("content-disposition")).toContain("cwis-values_kushtia_");
    const lines = dataLines(own.text);
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.every((line) => line.startsWith("kushtia,"))).toBe(true);
  });

  it("gives the officer a template: 32 indicators in Q4, only the quarterly ones in Q1", async () => {
    const officer = cookies["officer.kushtia@demo.cwis"];
    const q4 = await get("/api/v1/values/template.csv?city=kushtia&period=2025-Q4", officer);
    expect(q4.response.status).toBe(200);
    expect(q4.response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(q4.text.split("\r\n")[0]).toBe(HEADER);
    const q4Lines = dataLines(q4.text);
    expect(q4Lines).toHaveLength(32);
    // Values already stored carry their version, so one saved since is a conflict on import.
    expect(q4Lines[0]).toMatch(/^kushtia,GOV-1,2025-Q4,,,,,,\d*$/);
    expect(q4Lines.some((line) => /,\d+$/.test(line))).toBe(true);

    const q1Lines = dataLines((await get("/api/v1/values/template.csv?city=kushtia&period=2026-Q1", officer)).text);
    expect(q1Lines.length).toBeGreaterThan(0);
    expect(q1Lines.length).toBeLessThan(32);
    expect(q1Lines.every((line) => /^kushtia,[A-Z]+-\d,2026-Q1,,,,,,\d*$/.test(line))).toBe(true);
  });

  it("gives the template only to those who may enter the city's values", async () => {
    expect((await get("/api/v1/values/template.csv?city=jhenaidah&period=2025-Q4", cookies["officer.kushtia@demo.cwis"])).response.status).toBe(403);
    expect((await get("/api/v1/values/template.csv?city=kushtia&period=2025-Q4", cookies["partner@demo.cwis"])).response.status).toBe(403);
    expect((await get("/api/v1/values/template.csv?city=kushtia&period=2025-Q4")).response.status).toBe(401);
    expect((await get("/api/v1/values/template.csv?city=kushtia&period=2999-Q1", cookies["officer.kushtia@demo.cwis"])).response.status).toBe(422);
  });
});

describe.skipIf(!e2eEnabled())("CSV import in Chromium", () => {
  const browser = useBrowser();

  // A candidate city and a quarter before the demo data, so no other test file sees these values.
  const file = (rows: string[]) => ({ name: "values.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFFcity,indicator,period,value,note,evidence_url\r\n${rows.join("\r\n")}\r\n`) });

  it("lists every problem of a refused file, then imports a corrected one as drafts", async () => {
    const page = await newPage(browser());
    await signIn(page, "admin@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/import");
    const submit = page.locator("[data-testid=import-form] button[type=submit]");

    await page.setInputFiles("#import-file", file(["netrokona,SD-2,2024-Q1,150,,", "atlantis,SD-3,2024-Q1,10,,", "netrokona,SD-3,2024-Q1,12,নোট,"]));
    await submitAndWait(page, submit);
    await page.locator("[data-testid=import-errors]").waitFor();
    const cells = await page.locator("[data-testid=import-errors] tbody tr").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent)));
    expect(cells).toEqual([
      ["2", "value", en["validation.range.percent"]],
      ["3", "city", en["csv.cityUnknown"]],
    ]);

    await page.setInputFiles("#import-file", file(["netrokona,SD-2,2024-Q1,50,,", "netrokona,SD-3,2024-Q1,12,নোট,", "netrokona,SD-4,2024-Q1,,,"]));
    await submitAndWait(page, submit);
    await page.locator("[data-testid=import-done]").waitFor();
    await waitForText(page.locator("[data-testid=import-status]"), formatMessage(en["import.saved"], { saved: 2, cities: 1 }));
    expect(await page.getAttribute("[data-testid=import-submit-netrokona-2024-Q1]", "href")).toBe("/cities/netrokona/values/2024-Q1");
    await page.context().close();
  });

  it("checks a semicolon file with decimal commas without saving it, then imports it, and lists both in the history", async () => {
    const page = await newPage(browser());
    await signIn(page, "admin@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/import");
    const submit = page.locator("[data-testid=import-form] button[type=submit]");
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const stored = async () => dataLines((await get("/api/v1/values.csv?city=netrokona&from=2023-Q2&to=2023-Q2", cookie)).text);
    // As Excel saves where the decimal mark is a comma; the city, code and quarter in other cases.
    const semicolon = { name: "excel-semicolon.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFFcity;indicator;period;value;note\r\nNetrokona;sd-2;2023-q2;70,5;Ward 3\r\nnetrokona;SD-3;2023-Q2;12;\r\n") };
    const readAs = t("import.readAs", { delimiter: t("csv.delimiter.semicolon"), decimal: t("csv.decimal.comma") });

    await page.setInputFiles("#import-file", semicolon);
    await page.check("#import-check-only");
    await submitAndWait(page, submit);
    await page.locator("[data-testid=import-done]").waitFor();
    await waitForText(page.locator("[data-testid=import-status]"), t("import.checkedOk", { saved: 2, cities: 1 }));
    expect(await page.textContent("[data-testid=import-done] [data-testid=import-format]")).toBe(readAs);
    expect(await stored()).toEqual([]);
    const history = page.locator("[data-testid=import-history-row]").first();
    await waitForText(history.locator("td").nth(4), t("import.historyCheck"));
    expect(await history.textContent()).toContain("excel-semicolon.csv");

    await page.setInputFiles("#import-file", semicolon);
    await page.setChecked("#import-check-only", false);
    await submitAndWait(page, submit);
    await waitForText(page.locator("[data-testid=import-status]"), t("import.saved", { saved: 2, cities: 1 }));
    expect((await stored()).map((line) => line.split(",").slice(0, 4).join(","))).toEqual(["netrokona,SD-2,2023-Q2,70.5", "netrokona,SD-3,2023-Q2,12"]);
    await waitForText(page.locator("[data-testid=import-history-row]").first().locator("td").nth(4), t("import.historyImport"));
    await page.context().close();
  });

  it("refuses an old export over a newer value as a conflict, naming both values", async () => {
    const page = await newPage(browser());
    await signIn(page, "admin@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/import");
    const submit = page.locator("[data-testid=import-form] button[type=submit]");
    const versioned = (rows: string[]) => ({ name: "old-export.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\r\n${rows.join("\r\n")}\r\n`) });
    // An empty version: the file was made before any value existed; 2023-Q2 has one by now.
    await page.setInputFiles("#import-file", versioned(["netrokona,SD-2,2023-Q2,80,,,,,"]));
    await submitAndWait(page, submit);
    await page.locator("[data-testid=import-conflicts]").waitFor();
    const cells = await page.locator("[data-testid=import-conflicts] tbody tr").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].slice(0, 6).map((td) => td.textContent)));
    expect(cells).toEqual([["2", "netrokona", "SD-2", "2023-Q2", "80", "70.5"]]);
    await page.context().close();
  });

  it("refuses a file that is not text before parsing it", async () => {
    const page = await newPage(browser());
    await signIn(page, "admin@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/import");
    await page.setInputFiles("#import-file", { name: "values.csv", mimeType: "text/csv", buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x00]) });
    await submitAndWait(page, page.locator("[data-testid=import-form] button[type=submit]"));
    await waitForText(page.locator("[data-testid=import-status]"), en["csv.notText"]);
    await page.context().close();
  });

  it("takes files up to 2 MB to the server, and stops larger ones in the browser", async () => {
    const page = await newPage(browser());
    await signIn(page, "admin@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await page.goto("/import");
    const submit = page.locator("[data-testid=import-form] button[type=submit]");
    // Above Next's default 1 MB action body limit, within ours: the server answers with its own check.
    const row = `netrokona,SD-2,2024-Q2,1,${"n".repeat(290)},`;
    const big = file(Array.from({ length: 5001 }, () => row));
    expect(big.buffer.length).toBeGreaterThan(1_400_000);
    expect(big.buffer.length).toBeLessThan(2 * 1024 * 1024);
    await page.setInputFiles("#import-file", big);
    await submitAndWait(page, submit);
    await page.locator("[data-testid=import-errors]").waitFor();
    expect(await page.textContent("[data-testid=import-errors] tbody tr td:nth-child(3)")).toBe(en["csv.tooManyRows"]);

    await page.setInputFiles("#import-file", file(Array.from({ length: 8000 }, () => row)));
    await submit.click();
    await waitForText(page.locator("#import-file-error"), en["csv.tooLarge"]);
    await page.context().close();
  });

  it("shows reviewers every city's imports, without the upload, and officers their own city's only", async () => {
    const reviewer = await newPage(browser());
    await signIn(reviewer, "reviewer@demo.cwis");
    await reviewer.waitForURL((url) => url.pathname === "/dashboard");
    const response = await reviewer.goto("/import");
    expect(response?.status()).toBe(200);
    expect(await reviewer.locator("[data-testid=import-form]").count()).toBe(0);
    expect(await reviewer.locator("[data-testid=import-history-row]").count()).toBeGreaterThan(0);
    expect(await reviewer.locator("[data-testid=import-history]").textContent()).toContain("excel-semicolon.csv");
    await reviewer.context().close();

    const officer = await newPage(browser());
    await signIn(officer, "officer.kushtia@demo.cwis");
    await officer.waitForURL((url) => url.pathname === "/dashboard");
    await officer.goto("/import");
    // Netrokona's imports are not Kushtia's officer's business; in this file nobody imported for Kushtia.
    expect(await officer.locator("[data-testid=import-form]").count()).toBe(1);
    const rows = officer.locator("[data-testid=import-history-row]");
    if ((await rows.count()) === 0) await waitForText(officer.locator("[data-testid=empty-state] p").first(), t("import.historyEmpty"));
    else expect(await officer.locator("[data-testid=import-history]").textContent()).not.toContain("excel-semicolon.csv");
    await officer.context().close();
  });

  it("is closed to roles that do not enter values", async () => {
    const page = await newPage(browser());
    await signIn(page, "partner@demo.cwis");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    const response = await page.goto("/import");
    expect(response?.status()).toBe(403);
    await page.context().close();
  });
});
