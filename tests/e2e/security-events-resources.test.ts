import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, cookieWrite, e2eEnabled, newPage, sessionCookie, signIn, submitAndWait, useBrowser } from "./browser";

/*
 * The security review of events and the resource library over HTTP: what the HTML (including the
 * RSC payload of client components) and the JSON carry for each kind of reader, how uploaded
 * files are served, and that hostile input gets a clear answer instead of a crash. Every record
 * made here carries a random word of its own; nothing other files read is changed.
 */

const RUN = randomBytes(4).toString("hex");
const url = (path: string) => `${baseUrl()}${path}`;
const word = (prefix: string) => `${prefix}${randomBytes(5).toString("hex").replace(/[0-9]/g, (d) => "ghijklmnop"[Number(d)] ?? "q")}`;

async function html(path: string, cookie?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url(path), { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: response.status, body: await response.text() };
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, email);
  await page.waitForURL((u) => u.pathname === "/dashboard");
  return page;
}

describe.skipIf(!e2eEnabled())("security review: events in Chromium and over HTTP", () => {
  const browser = useBrowser();
  const meeting = `https://meet.example.org/sec-room-${RUN}`;
  const email = `sec.person.${RUN}@example.org`;
  const name = `Secperson ${RUN}`;
  let eventId = 0;

  it("a trainer's event with a meeting link and an officer's registration with an email", async () => {
    const trainer = await signedIn(browser(), "trainer@demo.cwis");
    await trainer.goto("/events/new");
    await trainer.fill("#event-title", `Security review ${RUN}`);
    await trainer.selectOption("#event-hostCity", "kushtia");
    await trainer.selectOption("#event-timeZone", "Asia/Dhaka");
    // A day of its own in 2032, so no other file's event is near it.
    const day = String(1 + (parseInt(RUN.slice(0, 2), 16) % 27)).padStart(2, "0");
    await trainer.fill("#event-startsAt", `2032-07-${day}T10:00`);
    await trainer.fill("#event-endsAt", `2032-07-${day}T12:00`);
    await trainer.fill("#event-capacity", "5");
    await trainer.fill("#event-onlineUrl", meeting);
    await submitAndWait(trainer, trainer.locator("[data-testid=event-form] button[type=submit]"));
    if (await trainer.locator("[data-testid=overlap-warning]").count()) {
      await trainer.check("[data-testid=confirm-overlap]");
      await submitAndWait(trainer, trainer.locator("[data-testid=event-form] button[type=submit]"));
    }
    await trainer.waitForURL((u) => /^\/events\/\d+$/.test(u.pathname), { timeout: 15_000 });
    eventId = Number(new URL(trainer.url()).pathname.split("/").pop());
    await trainer.context().close();

    const officer = await signedIn(browser(), "officer.kushtia@demo.cwis");
    await officer.goto(`/events/${eventId}`);
    await officer.fill("#reg-name", name);
    await officer.selectOption("#reg-gender", "female");
    await officer.selectOption("#reg-participantRole", "municipal_staff");
    await officer.fill("#reg-email", email);
    await officer.fill("#reg-phone", "+8801711999000");
    await submitAndWait(officer, officer.locator("[data-testid=registration-form] button[type=submit]"));
    await officer.locator("[data-testid=registrations-table] tbody tr", { hasText: name }).waitFor({ timeout: 10_000 });
    await officer.context().close();
  });

  it("the event page's HTML (RSC payload included) names no participant and carries no meeting link for those who may not see them", async () => {
    expect(eventId).toBeGreaterThan(0);
    const [partner, otherOfficer, ownOfficer, trainer] = await Promise.all(["partner@demo.cwis", "officer.mahalaxmi@demo.cwis", "officer.kushtia@demo.cwis", "trainer@demo.cwis"].map((e) => sessionCookie(e)));
    const anonymous = await html(`/events/${eventId}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toContain(`Security review ${RUN}`);
    for (const secret of [meeting, email, name, "8801711999000"]) expect(anonymous.body, secret).not.toContain(secret);
    for (const [who, cookie] of [["partner", partner], ["other city's officer", otherOfficer]] as const) {
      const page = await html(`/events/${eventId}`, cookie);
      expect(page.status, who).toBe(200);
      expect(page.body, who).not.toContain(email);
      expect(page.body, who).not.toContain("8801711999000");
      expect(page.body, who).not.toContain(name);
    }
    // The ones who may see them do: the test can fail.
    expect((await html(`/events/${eventId}`, ownOfficer)).body).toContain(email);
    const trainerPage = (await html(`/events/${eventId}`, trainer)).body;
    expect(trainerPage).toContain(email);
    expect(trainerPage).toContain(meeting);
    // Lists, calendar, API and feed for the public.
    for (const path of ["/events", "/events?view=calendar&month=2032-07", "/api/v1/events?from=2032-07-01&to=2032-07-31", "/api/v1/events.ics"]) {
      const body = (await html(path)).body;
      expect(body, path).not.toContain(meeting);
      expect(body, path).not.toContain(email);
    }
    const api = (await (await fetch(url("/api/v1/events?from=2032-07-01&to=2032-07-31&per_page=100"))).json()) as { events: Record<string, unknown>[] };
    const mine = api.events.find((e) => e.id === eventId);
    expect(mine).toMatchObject({ online: true, onlineUrl: null, registered: 1 });
    expect(Object.keys(mine ?? {})).not.toEqual(expect.arrayContaining(["registrations", "participants", "createdBy"]));
  });
});

describe.skipIf(!e2eEnabled())("security review: resources over HTTP", () => {
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    for (const e of ["admin@demo.cwis", "reviewer@demo.cwis", "officer.kushtia@demo.cwis"]) cookies[e] = await sessionCookie(e);
  });
  const admin = () => cookies["admin@demo.cwis"] ?? "";

  async function upload(cookie: string, fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }, headers: Record<string, string> = {}) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    if (file) form.set("file", new Blob([Buffer.from(file.bytes)], { type: "application/pdf" }), file.name);
    const response = await fetch(url("/api/v1/resources"), { method: "POST", body: form, headers: { ...cookieWrite(cookie), ...headers } });
    return { status: response.status, body: (await response.json()) as { resource?: { id: number }; error?: { code: string; messageKey?: string; fieldKeys?: Record<string, string[]> } } };
  }
  const base = { summary: "", type: "guideline", language: "en", city: "", source: "file", publish: "on" };

  it("serves a PDF-prefixed HTML page only as a sandboxed, nosniff attachment", async () => {
    const title = word("polyglot");
    const polyglot = new TextEncoder().encode(`%PDF-1.4\n<html><body><script>fetch('/api/v1/resources')</script>${title}</body></html>\n`);
    const created = await upload(admin(), { ...base, title }, { bytes: polyglot, name: 'evil"\r\n.html' });
    expect(created.status).toBe(201);
    const id = created.body.resource?.id ?? 0;
    const response = await fetch(url(`/api/v1/resources/${id}/download`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(disposition.startsWith("attachment;")).toBe(true);
    expect(disposition).toMatch(/filename="evil[^"\r\n]*\.pdf"/);
    await response.arrayBuffer();
  });

  it("refuses a cross-site form post with the session cookie, storing nothing", async () => {
    const title = word("crosssite");
    const attempts: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of attempts) {
      const refused = await upload(admin(), { ...base, source: "link", externalUrl: "https://example.org/x", title }, undefined, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.body.error?.messageKey).toBe("resources.upload.crossSite");
    }
    const found = (await (await fetch(url(`/api/v1/resources?q=${title}`), { headers: { cookie: admin() } })).json()) as { total: number };
    expect(found.total).toBe(0);
  });

  it("earlier file versions are for admins only", async () => {
    const created = await upload(admin(), { ...base, title: word("versioned") }, { bytes: new TextEncoder().encode(`%PDF-1.4\n${RUN} one\n`), name: "v1.pdf" });
    const id = created.body.resource?.id ?? 0;
    const form = new FormData();
    form.set("file", new Blob([Buffer.from(`%PDF-1.4\n${RUN} two\n`)], { type: "application/pdf" }), "v2.pdf");
    const replaced = await fetch(url(`/api/v1/resources/${id}/file`), { method: "POST", body: form, headers: cookieWrite(admin()) });
    const { previousVersionId } = (await replaced.json()) as { previousVersionId: number };
    const path = `/api/v1/resources/${id}/versions/${previousVersionId}/download`;
    expect((await fetch(url(path))).status).toBe(401);
    expect((await fetch(url(path), { headers: { cookie: cookies["reviewer@demo.cwis"] ?? "" } })).status).toBe(403);
    expect((await fetch(url(path), { headers: { cookie: cookies["officer.kushtia@demo.cwis"] ?? "" } })).status).toBe(403);
    const ok = await fetch(url(path), { headers: { cookie: admin() } });
    expect(ok.status).toBe(200);
    expect(new TextDecoder().decode(await ok.arrayBuffer())).toContain(`${RUN} one`);
    // A version id of another resource is not found under this one.
    expect((await fetch(url(`/api/v1/resources/${id + 100000}/versions/${previousVersionId}/download`), { headers: { cookie: admin() } })).status).toBe(404);
  });

  it("answers hostile input with a clear refusal, not a server error", async () => {
    // A NUL in a filter used to reach PostgreSQL, which refuses it: a 500.
    const city = await fetch(url("/api/v1/resources?city=kush%00tia"));
    expect(city.status).toBe(422);
    expect((await fetch(url("/api/v1/resources?component=%00"))).status).toBe(422);
    const search = await fetch(url("/api/v1/resources?q=sludge%00plant"));
    expect(search.status).toBe(200);
    expect((await html("/resources?city=%00&q=%00&lens=%00")).status).toBe(200);
    // Registration-style text with NUL in an upload's title: a field message, nothing stored.
    const title = word("nul");
    const refused = await upload(admin(), { ...base, source: "link", externalUrl: "https://example.org/n", title: `${title}\u0000x` });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.fieldKeys?.title).toEqual(["resources.validation.controlChars"]);
    const bidi = await upload(admin(), { ...base, source: "link", externalUrl: "https://example.org/n", title: `${title} \u202Efdp.exe` });
    expect(bidi.body.error?.fieldKeys?.title).toEqual(["resources.validation.controlChars"]);
    const found = (await (await fetch(url(`/api/v1/resources?q=${title}`), { headers: { cookie: admin() } })).json()) as { total: number };
    expect(found.total).toBe(0);
    // An events filter of the same kind.
    expect((await fetch(url("/api/v1/events?city=kush%00tia"))).status).toBe(422);
    expect((await fetch(url("/api/v1/events.ics?city=%00"))).status).toBe(422);
  });

  it("the resource JSON carries view fields only", async () => {
    const body = (await (await fetch(url("/api/v1/resources?per_page=5"), { headers: { cookie: admin() } })).json()) as { resources: Record<string, unknown>[] };
    expect(body.resources.length).toBeGreaterThan(0);
    for (const resource of body.resources) {
      for (const key of ["createdBy", "publishedBy", "fileId", "sha256", "bytes", "extractedText", "cityId", "uploaderName"]) expect(resource, key).not.toHaveProperty(key);
    }
  });
});
