import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, cookieWrite, e2eEnabled, newPage, sessionCookie, signIn, submitAndWait, useBrowser, waitForText } from "./browser";
import en from "@/messages/en.json";

/*
 * The JSON API over plain HTTP, against the shared e2e server. This file writes only the current
 * quarter (2026-Q4) of mahalaxmi (as its officer) and of panauti (as admin), on indicators no other
 * file uses there, and reads everything else.
 */
const QUARTER = "2026-Q4";

interface ApiError {
  error: { code: string; message: string; rows?: { row: number; field: string; message: string }[]; fields?: Record<string, string[]>; conflicts?: { row: number; indicator: string; currentValue: number; currentVersion: number }[] };
}
interface ValuesAnswer {
  city: { slug: string; name: string };
  view: "validated" | "all";
  values: { indicator: string; component: string; period: string; value: number; status: string; version?: number; note?: string; validatedValue?: number | null }[];
}

const url = (path: string) => `${baseUrl()}${path}`;


type Auth = { cookie: string } | { bearer: string } | null;

function authHeaders(auth: Auth): Record<string, string> {
  if (!auth) return {};
  return "cookie" in auth ? cookieWrite(auth.cookie) : { authorization: `Bearer ${auth.bearer}` };
}

async function get<T>(path: string, auth: Auth = null): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(url(path), { headers: authHeaders(auth) });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

async function put<T>(path: string, body: unknown, auth: Auth, raw = false): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(url(path), { method: "PUT", headers: { "content-type": "application/json", ...authHeaders(auth) }, body: raw ? (body as string) : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

/**
 * After a refused oversized body, the kept-alive connections must still carry requests: a body
 * left half-read on a socket would be parsed as the next request and reset it.
 */
async function expectConnectionsStillServe(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    const response = await fetch(url("/api/v1/cities/mahalaxmi/values"), { method: "PUT", headers: { "content-type": "application/json" }, body: "[]" });
    expect(response.status).toBe(401);
    await response.arrayBuffer();
  }
}

const valuesOf = (slug: string, query: string, auth: Auth) => get<ValuesAnswer>(`/api/v1/cities/${slug}/values?${query}`, auth);
const find = (answer: ValuesAnswer, indicator: string, period = QUARTER) => answer.values.find((v) => v.indicator === indicator && v.period === period);

describe("JSON API v1", () => {
  let officer: Auth = null;
  let reviewer: Auth = null;
  let partner: Auth = null;
  let otherOfficer: Auth = null;
  let admin: Auth = null;

  beforeAll(async () => {
    const signedIn = async (email: string): Promise<Auth> => ({ cookie: await sessionCookie(email) });
    // One after another: Auth.js sign-ins are cheap, and parallel bcrypt would only slow the server.
    officer = await signedIn("officer.mahalaxmi@demo.cwis");
    reviewer = await signedIn("reviewer@demo.cwis");
    partner = await signedIn("partner@demo.cwis");
    otherOfficer = await signedIn("officer.kushtia@demo.cwis");
    admin = await signedIn("admin@demo.cwis");
  });

  describe("framework and cities (public)", () => {
    it("serves the framework: 6 components, 32 indicators, the lenses", async () => {
      const { status, body, headers } = await get<{ components: { code: string; names: Record<string, string>; indicators: Record<string, unknown>[] }[]; lenses: { code: string }[] }>("/api/v1/framework");
      expect(status).toBe(200);
      expect(headers.get("content-type")).toContain("application/json");
      expect(body.components.map((c) => c.code)).toEqual(["governance", "service_delivery", "womens_entrepreneurship", "digital_finance", "gesi", "engagement_bcc"]);
      expect(body.components.flatMap((c) => c.indicators)).toHaveLength(32);
      expect(Object.keys(body.components[0]?.names ?? {}).sort()).toEqual(["bn", "en", "ne"]);
      const sd1 = body.components[1]?.indicators.find((i) => i.code === "SD-1");
      expect(sd1).toEqual({ code: "SD-1", name: expect.any(String), names: { en: expect.any(String), bn: expect.any(String), ne: expect.any(String) }, unit: "percent", direction: "higher_is_better", target: 100, worst: null, lens: "safety", frequency: "annual", provisional: false });
      const lensCodes = body.lenses.map((l) => l.code);
      for (const indicator of body.components.flatMap((c) => c.indicators)) expect(lensCodes).toContain(indicator.lens);
    });

    it("lists cities with filters and stable paging", async () => {
      const nepalMentors = await get<{ cities: { slug: string; country: string; programmeRole: string; mentor: unknown }[]; total: number; page: number; perPage: number }>("/api/v1/cities?country=NP&role=mentor");
      expect(nepalMentors.status).toBe(200);
      expect(nepalMentors.body.cities.map((c) => c.slug).sort()).toEqual(["dhulikhel", "mahalaxmi"]);
      expect(nepalMentors.body).toMatchObject({ total: 2, page: 1, perPage: 25 });

      const mentees = await get<{ cities: { slug: string; country: string; programmeRole: string; mentor: { slug: string; name: string } | null }[] }>("/api/v1/cities?country=BD&role=mentee&per_page=100");
      expect(mentees.body.cities.length).toBeGreaterThan(5);
      for (const city of mentees.body.cities) expect(city).toMatchObject({ country: "BD", programmeRole: "mentee", mentor: { slug: expect.any(String), name: expect.any(String) } });
      expect(mentees.body.cities.find((c) => c.slug === "meherpur")?.mentor).toEqual({ slug: "kushtia", name: "Kushtia Paurashava" });

      const page1 = await get<{ cities: { slug: string }[]; total: number }>("/api/v1/cities?per_page=5&page=1");
      const page2 = await get<{ cities: { slug: string }[]; total: number }>("/api/v1/cities?per_page=5&page=2");
      expect(page1.body.cities).toHaveLength(5);
      expect(page2.body.cities).toHaveLength(5);
      expect(page2.body.total).toBe(page1.body.total);
      expect(page1.body.total).toBeGreaterThanOrEqual(27);
      expect(new Set([...page1.body.cities, ...page2.body.cities].map((c) => c.slug)).size).toBe(10);
      // Past the end: no cities, but still the total.
      const beyond = await get<{ cities: unknown[]; total: number }>("/api/v1/cities?per_page=100&page=50");
      expect(beyond.body).toMatchObject({ cities: [], total: page1.body.total });

      const search = await get<{ cities: { slug: string }[] }>(`/api/v1/cities?q=${encodeURIComponent("कुष्टिया")}`);
      expect(search.body.cities.map((c) => c.slug)).toEqual(["kushtia"]);
    });

    it.each([["country=IN", "country"], ["role=boss", "role"], ["per_page=101", "per_page"], ["per_page=0", "per_page"], ["page=0", "page"], ["page=abc", "page"]])("refuses ?%s with 422", async (query, field) => {
      const { status, body } = await get<ApiError>(`/api/v1/cities?${query}`);
      expect(status).toBe(422);
      expect(body.error.code).toBe("invalid");
      expect(body.error.fields?.[field]?.[0]).toEqual(expect.any(String));
    });

    it("serves a city with its mentor, mentees and validated scores, and 404 for an unknown one", async () => {
      const { status, body } = await get<{ city: Record<string, unknown> & { mentees: { slug: string }[] }; scores: { period: string | null; index: number | null; indexCoverage: number; components: { component: string; score: number | null; coverage: number }[] } }>("/api/v1/cities/kushtia");
      expect(status).toBe(200);
      expect(body.city).toMatchObject({ slug: "kushtia", name: "Kushtia Paurashava", country: "BD", programmeRole: "mentor", mentor: null, region: "Kushtia", kind: "paurashava_a" });
      expect(body.city.mentees.map((m) => m.slug).sort()).toEqual(["chuadanga", "meherpur"]);
      expect(body.scores.components.map((c) => c.component)).toEqual(["governance", "service_delivery", "womens_entrepreneurship", "digital_finance", "gesi", "engagement_bcc"]);
      // Scores use validated values only; Kushtia's newest demo quarter waits for review.
      expect(body.scores.period).toMatch(/^\d{4}-Q[1-4]$/);
      expect(body.scores.index).toBeGreaterThan(0);
      expect(body.scores.index).toBeLessThanOrEqual(100);
      expect(body.scores.indexCoverage).toBeGreaterThan(0);
      for (const component of body.scores.components) expect(component.coverage).toBeGreaterThanOrEqual(0);
      expect(JSON.stringify(body)).not.toMatch(/email|password|token/i);

      const godawari = await get<{ city: { mentor: { slug: string; name: string } | null } }>("/api/v1/cities/godawari");
      expect(godawari.body.city.mentor).toEqual({ slug: "mahalaxmi", name: "Mahalaxmi Municipality" });

      const missing = await get<ApiError>("/api/v1/cities/atlantis");
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("not_found");
    });

    it("refuses credentials that do not hold instead of falling back to the public view", async () => {
      for (const path of ["/api/v1/framework", "/api/v1/cities", "/api/v1/cities/kushtia", "/api/v1/cities/kushtia/values"]) {
        const { status, body, headers } = await get<ApiError>(path, { bearer: "cwis_not-a-real-token" });
        expect(status, path).toBe(401);
        expect(body.error.code).toBe("unauthenticated");
        expect(headers.get("www-authenticate")).toContain("Bearer");
      }
    });
  });

  describe("values", () => {
    it("shows signed-out callers validated values only, and the city's officer, reviewers and admins the drafts too", async () => {
      const saved = await put<{ saved: { indicator: string; status: string; version: number }[] }>("/api/v1/cities/mahalaxmi/values", [{ indicator: "SD-5", period: QUARTER, value: 55.5, note: "e2e draft" }], officer);
      expect(saved.status).toBe(200);
      expect(saved.body.saved).toEqual([{ indicator: "SD-5", period: QUARTER, value: 55.5, status: "draft", version: expect.any(Number), flags: expect.any(Array), previous: expect.anything(), explanation: "" }]);

      const anonymous = await valuesOf("mahalaxmi", `period=${QUARTER}`, null);
      expect(anonymous.status).toBe(200);
      expect(anonymous.body.view).toBe("validated");
      expect(find(anonymous.body, "SD-5")).toBeUndefined();

      for (const [who, auth] of [["partner", partner], ["officer of another city", otherOfficer]] as const) {
        const answer = await valuesOf("mahalaxmi", `period=${QUARTER}`, auth);
        expect(answer.body.view, who).toBe("validated");
        expect(find(answer.body, "SD-5"), who).toBeUndefined();
      }
      for (const [who, auth] of [["officer", officer], ["reviewer", reviewer], ["admin", admin]] as const) {
        const answer = await valuesOf("mahalaxmi", `period=${QUARTER}`, auth);
        expect(answer.body.view, who).toBe("all");
        expect(find(answer.body, "SD-5"), who).toMatchObject({ value: 55.5, status: "draft", note: "e2e draft", component: "service_delivery", version: saved.body.saved[0]?.version });
      }

      // Kushtia's last demo quarter is in review: the public sees exactly the validated figures of
      // a quarter (computed from the reviewer's view, so a review elsewhere cannot break this), and
      // no workflow fields.
      for (const [slug, period] of [["kushtia", "2026-Q3"], ["mahalaxmi", "2026-Q3"], ["kushtia", "2026-Q2"]] as const) {
        const all = await valuesOf(slug, `from=${period}&to=${period}`, reviewer);
        expect(all.body.values.length, `${slug} ${period}`).toBeGreaterThan(0);
        const visible = await valuesOf(slug, `period=${period}`, null);
        const expected = all.body.values.filter((v) => v.validatedValue !== null).map((v) => ({ indicator: v.indicator, value: v.validatedValue }));
        expect(visible.body.values.map((v) => ({ indicator: v.indicator, value: v.value })), `${slug} ${period}`).toEqual(expected);
        for (const value of visible.body.values) {
          expect(Object.keys(value).sort()).toEqual(["component", "indicator", "period", "status", "validatedAt", "value"]);
          expect(value.status).toBe("validated");
        }
      }
    });

    it("filters by a range of quarters and refuses bad ones", async () => {
      const range = await valuesOf("jhenaidah", "from=2025-Q2&to=2025-Q3", null);
      expect(new Set(range.body.values.map((v) => v.period))).toEqual(new Set(["2025-Q2", "2025-Q3"]));
      for (const query of ["period=2025-Q9", "period=2025-Q3&from=2025-Q1", "from=2025-Q4&to=2025-Q1", "to=yesterday"]) {
        const { status, body } = await get<ApiError>(`/api/v1/cities/jhenaidah/values?${query}`);
        expect(status, query).toBe(422);
        expect(body.error.code).toBe("invalid");
      }
      expect((await get<ApiError>("/api/v1/cities/atlantis/values")).status).toBe(404);
    });

    it("refuses writes without credentials (401), for another city or role (403), and for an unknown city (404)", async () => {
      const row = [{ indicator: "GOV-4", period: QUARTER, value: 3 }];
      const anonymous = await put<ApiError>("/api/v1/cities/mahalaxmi/values", row, null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe("unauthenticated");
      expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
      expect((await put<ApiError>("/api/v1/cities/mahalaxmi/values", row, { bearer: "cwis_forged" })).status).toBe(401);

      const before = find((await valuesOf("kushtia", `period=${QUARTER}`, admin)).body, "GOV-4");
      const foreign = await put<ApiError>("/api/v1/cities/kushtia/values", row, officer);
      expect(foreign.status).toBe(403);
      expect(foreign.body.error.code).toBe("forbidden");
      expect(find((await valuesOf("kushtia", `period=${QUARTER}`, admin)).body, "GOV-4")).toEqual(before);

      for (const auth of [partner, reviewer]) expect((await put<ApiError>("/api/v1/cities/mahalaxmi/values", row, auth)).status).toBe(403);
      expect((await put<ApiError>("/api/v1/cities/atlantis/values", row, admin)).status).toBe(404);
    });

    it("refuses a batch with a bad row as a whole, listing every bad row (422)", async () => {
      const good = { indicator: "WE-2", period: QUARTER, value: 30 };
      const outOfRange = await put<ApiError>("/api/v1/cities/mahalaxmi/values", [good, { indicator: "DF-1", period: QUARTER, value: 150 }], officer);
      expect(outOfRange.status).toBe(422);
      expect(outOfRange.body.error.rows).toEqual([{ row: 2, field: "value", message: en["validation.range.percent"] }]);

      const malformed = await put<ApiError>(
        "/api/v1/cities/mahalaxmi/values",
        [good, { indicator: "DF-1", period: QUARTER, value: "lots" }, { indicator: "XX-9", period: QUARTER, value: 1 }, { indicator: "DF-1", period: "2099-Q1", value: 1 }, { indicator: "DF-1", period: QUARTER, value: 1, evidenceUrl: "javascript:alert(1)" }],
        officer,
      );
      expect(malformed.status).toBe(422);
      // Every problem of every row in one answer (issue 12), the unknown indicator included.
      expect(malformed.body.error.rows).toEqual([
        { row: 2, field: "value", message: en["validation.number"] },
        { row: 3, field: "indicator", message: en["validation.indicatorUnknown"] },
        { row: 4, field: "period", message: en["validation.periodUnknown"] },
        { row: 5, field: "evidenceUrl", message: en["validation.url"] },
      ]);
      const unknown = await put<ApiError>("/api/v1/cities/mahalaxmi/values", [good, { indicator: "XX-9", period: QUARTER, value: 1 }], officer);
      expect(unknown.body.error.rows).toEqual([{ row: 2, field: "indicator", message: en["validation.indicatorUnknown"] }]);

      const after = await valuesOf("mahalaxmi", `period=${QUARTER}`, officer);
      expect(find(after.body, "WE-2")).toBeUndefined();
      expect(find(after.body, "DF-1")).toBeUndefined();

      for (const body of [{}, [], "\"text\""]) {
        const refused = await put<ApiError>("/api/v1/cities/mahalaxmi/values", body, officer);
        expect(refused.status, JSON.stringify(body)).toBe(422);
      }
    });

    it("lists all five problems of a five-problem save in one 422, refuses hex and 1e25, and saves Bangla digits", async () => {
      const five = [
        { indicator: "SD-2", period: QUARTER, value: -5 },
        { indicator: "SD-3", period: QUARTER, value: 150 },
        { indicator: "GOV-4", period: QUARTER, value: 2.5 },
        { indicator: "SD-4", period: QUARTER, value: 400 },
        { indicator: "SD-5", period: QUARTER, value: 50, evidenceUrl: "javascript:alert(1)" },
      ];
      const refused = await put<ApiError>("/api/v1/cities/mahalaxmi/values", five, officer);
      expect(refused.status).toBe(422);
      expect(refused.body.error.rows?.map((r) => `${r.row} ${r.field}`)).toEqual(["1 value", "2 value", "3 value", "4 value", "5 evidenceUrl"]);

      const strict = await put<ApiError>("/api/v1/cities/mahalaxmi/values", [{ indicator: "GOV-4", period: QUARTER, value: 1e25 }, { indicator: "SD-2", period: QUARTER, value: "0x32" }], officer);
      expect(strict.status).toBe(422);
      expect(strict.body.error.rows?.map((r) => `${r.row} ${r.field}`)).toEqual(["1 value", "2 value"]);

      const bangla = await put<{ saved: { value: number }[] }>("/api/v1/cities/mahalaxmi/values", [{ indicator: "WE-2", period: QUARTER, value: "৩০.৫" }], officer);
      expect(bangla.status).toBe(200);
      expect(bangla.body.saved.map((v) => v.value)).toEqual([30.5]);
      // No version over the stored value: a conflict, unless the request says it means to overwrite.
      const unversioned = await put<ApiError>("/api/v1/cities/mahalaxmi/values", [{ indicator: "WE-2", period: QUARTER, value: 31 }], officer);
      expect(unversioned.status).toBe(409);
      expect(unversioned.body.error.conflicts).toEqual([expect.objectContaining({ row: 1, indicator: "WE-2", currentValue: 30.5, reason: "unversioned" })]);
      const overwrite = await put<{ saved: { value: number }[] }>("/api/v1/cities/mahalaxmi/values?overwrite=true", [{ indicator: "WE-2", period: QUARTER, value: 31 }], officer);
      expect(overwrite.status).toBe(200);
      expect(overwrite.body.saved.map((v) => v.value)).toEqual([31]);
    });

    it("reports a stale version as a conflict (409) and writes nothing", async () => {
      const first = await put<{ saved: { version: number }[] }>("/api/v1/cities/mahalaxmi/values", [{ indicator: "BCC-1", period: QUARTER, value: 40 }], officer);
      expect(first.status).toBe(200);
      const version = first.body.saved[0]?.version ?? -1;
      const second = await put<{ saved: { version: number; value: number }[] }>("/api/v1/cities/mahalaxmi/values", [{ indicator: "BCC-1", period: QUARTER, value: 41, version }], officer);
      expect(second.status).toBe(200);
      expect(second.body.saved[0]).toMatchObject({ value: 41, version: version + 1 });

      const stale = await put<ApiError>("/api/v1/cities/mahalaxmi/values", [{ indicator: "BCC-2", period: QUARTER, value: 10 }, { indicator: "BCC-1", period: QUARTER, value: 42, version }], officer);
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe("conflict");
      expect(stale.body.error.conflicts).toEqual([expect.objectContaining({ row: 2, indicator: "BCC-1", currentValue: 41, currentVersion: version + 1 })]);
      const after = await valuesOf("mahalaxmi", `period=${QUARTER}`, officer);
      expect(find(after.body, "BCC-1")).toMatchObject({ value: 41, version: version + 1 });
      expect(find(after.body, "BCC-2")).toBeUndefined();
    });

    it("refuses a body that is not JSON (400) or too large (413)", async () => {
      const broken = await put<ApiError>("/api/v1/cities/mahalaxmi/values", "[{\"indicator\": ", officer, true);
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe("bad_request");

      const note = "x".repeat(900);
      const huge = JSON.stringify(Array.from({ length: 2400 }, () => ({ indicator: "SD-2", period: QUARTER, value: 1, note })));
      expect(huge.length).toBeGreaterThan(2_000_000);
      const declared = await put<ApiError>("/api/v1/cities/mahalaxmi/values", huge, officer, true);
      expect(declared.status).toBe(413);
      expect(declared.body.error.code).toBe("too_large");
      await expectConnectionsStillServe();

      // Without a Content-Length (chunked), the server stops reading at the limit all the same.
      const bytes = new TextEncoder().encode(huge);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 256_000) controller.enqueue(bytes.slice(at, at + 256_000));
          controller.close();
        },
      });
      const chunked = await fetch(url("/api/v1/cities/mahalaxmi/values"), { method: "PUT", headers: { "content-type": "application/json", ...authHeaders(officer) }, body: stream, duplex: "half" } as RequestInit);
      expect(chunked.status).toBe(413);
      await expectConnectionsStillServe();
      expect(find((await valuesOf("mahalaxmi", `period=${QUARTER}`, officer)).body, "SD-2")).toBeUndefined();
    });

    it("lets an admin write any city's values", async () => {
      const saved = await put<{ city: { slug: string }; saved: { indicator: string; status: string }[] }>("/api/v1/cities/panauti/values", [{ indicator: "SD-6", period: QUARTER, value: 64, evidenceUrl: "https://example.org/report.pdf" }], admin);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ city: { slug: "panauti" }, saved: [{ indicator: "SD-6", status: "draft" }] });
      expect(find((await valuesOf("panauti", `period=${QUARTER}`, admin)).body, "SD-6")).toMatchObject({ value: 64, status: "draft" });
      expect(find((await valuesOf("panauti", `period=${QUARTER}`, null)).body, "SD-6")).toBeUndefined();
    });
  });

  it("publishes an OpenAPI 3.1 document of every endpoint", async () => {
    const { status, body } = await get<{ openapi: string; paths: Record<string, Record<string, unknown>>; components: { securitySchemes: Record<string, { scheme?: string }>; schemas: Record<string, unknown> } }>("/api/v1/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\.1\./);
    for (const path of ["/api/health", "/api/v1/framework", "/api/v1/cities", "/api/v1/cities/{slug}", "/api/v1/cities/{slug}/values", "/api/v1/openapi.json", "/api/v1/values.csv", "/api/v1/values/template.csv"]) {
      expect(body.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(body.paths["/api/v1/cities/{slug}/values"] ?? {}).sort()).toEqual(["get", "put"]);
    expect(body.components.securitySchemes.bearerAuth?.scheme).toBe("bearer");
    expect(body.components.schemas).toHaveProperty("Error");
  });
});

describe.skipIf(!e2eEnabled())("personal API tokens in Chromium", () => {
  const browser = useBrowser();

  it("creates a token on the profile page, uses it as a Bearer token, and revokes it", async () => {
    const page = await newPage(browser());
    await signIn(page, "officer.mahalaxmi@demo.cwis");
    await page.waitForURL((u) => u.pathname === "/dashboard");
    // The officer's saved language is Nepali; the test reads English texts.
    await page.goto("/profile");
    if ((await page.locator("html").getAttribute("lang")) !== "en") {
      await page.context().addCookies([{ name: "locale", value: "en", url: baseUrl() }]);
      await page.goto("/");
    }
    await page.goto("/dashboard");
    await page.locator("[data-testid=profile-link]").click();
    await page.waitForURL((u) => u.pathname === "/profile");
    expect(await page.textContent("[data-testid=profile-email]")).toBe("officer.mahalaxmi@demo.cwis");
    expect(await page.textContent("[data-testid=profile-role]")).toBe(en["roles.officer"]);
    expect(await page.textContent("[data-testid=profile-city]")).toBe("Mahalaxmi Municipality");

    const form = page.locator("[data-testid=create-token-form]");
    await submitAndWait(page, form.locator("button[type=submit]"));
    await waitForText(page.locator("#token-name-error"), en["validation.required"]);

    const name = `e2e api ${Date.now()}`;
    await page.fill("#token-name", name);
    // New tokens are read-only by default; this one writes values below.
    await page.selectOption("#token-scope", "write");
    await submitAndWait(page, form.locator("button[type=submit]"));
    await waitForText(page.locator("[data-testid=create-token-status]"), en["tokens.created"].replace("{name}", name));
    const token = await page.inputValue("[data-testid=new-token]");
    expect(token).toMatch(/^cwis_[A-Za-z0-9_-]{20,}$/);
    const item = page.locator("[data-testid^=token-]", { has: page.locator("[data-testid=token-name]", { hasText: name }) });
    await item.waitFor();
    expect(await item.textContent()).toContain(token.slice(0, 11));
    expect(await item.textContent()).not.toContain(token);
    expect(await item.textContent()).toContain(en["tokens.neverUsed"]);

    const bearer = { authorization: `Bearer ${token}` };
    const values = await fetch(url(`/api/v1/cities/mahalaxmi/values?period=${QUARTER}`), { headers: bearer });
    expect(values.status).toBe(200);
    expect(((await values.json()) as ValuesAnswer).view).toBe("all");
    const written = await fetch(url("/api/v1/cities/mahalaxmi/values"), { method: "PUT", headers: { ...bearer, "content-type": "application/json" }, body: JSON.stringify([{ indicator: "SD-3", period: QUARTER, value: 77, note: "via token" }]) });
    expect(written.status).toBe(200);
    const foreign = await fetch(url("/api/v1/cities/kushtia/values"), { method: "PUT", headers: { ...bearer, "content-type": "application/json" }, body: JSON.stringify([{ indicator: "SD-3", period: QUARTER, value: 77 }]) });
    expect(foreign.status).toBe(403);

    await page.reload();
    expect(await item.textContent()).not.toContain(en["tokens.neverUsed"]);
    expect(await page.locator("[data-testid=new-token]").count()).toBe(0);

    page.once("dialog", (dialog) => void dialog.accept());
    await submitAndWait(page, item.locator("button[type=submit]"));
    await item.locator("text=Revoked").waitFor();
    const revoked = await fetch(url(`/api/v1/cities/mahalaxmi/values?period=${QUARTER}`), { headers: bearer });
    expect(revoked.status).toBe(401);
    const revokedWrite = await fetch(url("/api/v1/cities/mahalaxmi/values"), { method: "PUT", headers: { ...bearer, "content-type": "application/json" }, body: JSON.stringify([{ indicator: "SD-3", period: QUARTER, value: 78 }]) });
    expect(revokedWrite.status).toBe(401);
    await page.context().close();
  });
});
