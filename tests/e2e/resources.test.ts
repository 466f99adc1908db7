import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, cookieWrite, e2eEnabled, newPage, sessionCookie, signIn, useBrowser, waitForText } from "./browser";
import { buildPdf } from "@/lib/files/simple-pdf";
import { MAX_UPLOAD_BYTES } from "@/lib/files/limit";
import en from "@/messages/en.json";
import { samplePe, sampleHtml, samplePng } from "../fixtures/files";

/*
 * The resource library over HTTP and in Chromium, against the shared e2e server. Every resource
 * this file adds carries a random word of its own; it changes nothing that other files read.
 */

const url = (path: string) => `${baseUrl()}${path}`;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const unique = (prefix: string) => `${prefix}${randomBytes(5).toString("hex").replace(/[0-9]/g, (d) => "ghijklmnop"[Number(d)] ?? "q")}`;

interface ResourceJson {
  id: number;
  title: string;
  status: string;
  file: { name: string; mimeType: string; size: number } | null;
  downloadCount: number;
}
interface ApiError {
  error: { code: string; message: string; messageKey?: string; fields?: Record<string, string[]> };
}

async function upload(cookie: string | null, fields: Record<string, string | string[]>, file?: { bytes: Uint8Array; name: string; type?: string }, extraHeaders: Record<string, string> = {}) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  if (file) form.set("file", new Blob([Buffer.from(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  const response = await fetch(url("/api/v1/resources"), { method: "POST", body: form, headers: { ...(cookie ? cookieWrite(cookie) : {}), ...extraHeaders } });
  return { status: response.status, body: (await response.json()) as { resource: ResourceJson } & ApiError };
}

async function get(path: string, cookie?: string) {
  return fetch(url(path), { headers: cookie ? { cookie } : {}, redirect: "manual" });
}

const listIds = async (query: string, cookie?: string) => ((await (await get(`/api/v1/resources?${query}`, cookie)).json()) as { resources: ResourceJson[] }).resources.map((r) => r.id);

/**
 * Sends the head of a multipart upload that claims (or, chunked, would grow to) `declared` bytes,
 * writing only as fast as the server reads, and reports the answer and how much was sent by then.
 */
/**
 * `status` is null when the server closed the connection before its answer could be read (EPIPE
 * or ECONNRESET while we were still writing): that is the refusal under test too, arriving
 * sooner, and depends only on how busy the machine is. An accepted upload still answers 201.
 */
function oversizedUpload(cookie: string, declared: number | "chunked"): Promise<{ status: number | null; sent: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url("/api/v1/resources"));
    const headers: Record<string, string> = { ...cookieWrite(cookie), "content-type": "multipart/form-data; boundary=BOUNDARY" };
    if (declared !== "chunked") headers["content-length"] = String(declared);
    const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers });
    let sent = 0;
    let answered = false;
    req.on("response", (response) => {
      answered = true;
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, sent, body }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (answered) return;
      if (error.code === "EPIPE" || error.code === "ECONNRESET") resolve({ status: null, sent, body: "" });
      else reject(error);
    });
    const head = Buffer.from('--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n');
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const limit = declared === "chunked" ? 60 * 1024 * 1024 : 64 * 1024;
    const pump = () => {
      if (sent === 0) {
        req.write(head);
        sent += head.length;
      }
      while (!answered && sent < limit) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      // With a declared length, only a little is ever sent: the answer must come without the rest.
      if (declared === "chunked" && !answered) req.end();
    };
    pump();
  });
}

describe("resource library over HTTP", () => {
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    for (const email of ["officer.kushtia@demo.cwis", "reviewer@demo.cwis", "partner@demo.cwis", "admin@demo.cwis", "trainer@demo.cwis"]) cookies[email] = await sessionCookie(email);
  });
  const officer = () => cookies["officer.kushtia@demo.cwis"] ?? "";
  const reviewer = () => cookies["reviewer@demo.cwis"] ?? "";
  const partner = () => cookies["partner@demo.cwis"] ?? "";
  const admin = () => cookies["admin@demo.cwis"] ?? "";
  const base = { title: "Test resource", summary: "", type: "guideline", language: "en", city: "kushtia", source: "file" };

  it("keeps an officer's draft out of every public path until a reviewer publishes it", async () => {
    const word = unique("draftword");
    const pdf = buildPdf([`Operating notes ${word}`]);
    const created = await upload(officer(), { ...base, title: `Draft plan ${word}`, publish: "on", components: ["governance"] }, { bytes: pdf, name: "notes.pdf", type: "text/html" });
    expect(created.status).toBe(201);
    expect(created.body.resource).toMatchObject({ status: "draft", file: { name: "notes.pdf", mimeType: "application/pdf", size: pdf.length } });
    const id = created.body.resource.id;

    // Signed out, a partner, a trainer: not in the list, not found by search, no page, no API record, no download.
    for (const cookie of [undefined, partner(), cookies["trainer@demo.cwis"]]) {
      expect(await listIds(`q=${word}`, cookie)).toEqual([]);
      expect(await listIds("per_page=100", cookie)).not.toContain(id);
      expect((await get(`/api/v1/resources/${id}`, cookie)).status).toBe(404);
      expect((await get(`/api/v1/resources/${id}/download`, cookie)).status).toBe(404);
      expect((await get(`/resources/${id}`, cookie)).status).toBe(404);
      // The search box echoes the word; the draft's title and card must not appear.
      const html = await (await get(`/resources?q=${word}`, cookie)).text();
      expect(html.includes(`Draft plan ${word}`), "draft listed on the page").toBe(false);
      expect(html.includes(`data-testid="resource-${id}"`)).toBe(false);
    }
    // The uploader and reviewers do see it.
    expect(await listIds(`q=${word}`, officer())).toEqual([id]);
    expect(await listIds(`q=${word}`, reviewer())).toEqual([id]);
    expect((await get(`/resources/${id}`, officer())).status).toBe(200);
    expect((await (await get(`/resources?q=${word}`, reviewer())).text()).includes(`data-testid="resource-${id}"`)).toBe(true);
  });

  it("serves a published file as a counted attachment with its detected type and nosniff", async () => {
    const word = unique("fileword");
    const pdf = buildPdf([`Download check ${word}`]);
    const created = await upload(admin(), { ...base, title: `Download test ${word}`, city: "", publish: "on" }, { bytes: pdf, name: "নির্দেশিকা \"v2\".pdf" });
    expect(created.status).toBe(201);
    const id = created.body.resource.id;
    const first = await get(`/api/v1/resources/${id}/download`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/pdf");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    const disposition = first.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? "")).toBe("নির্দেশিকা _v2_.pdf");
    expect(sha256(new Uint8Array(await first.arrayBuffer()))).toBe(sha256(pdf));
    await (await get(`/api/v1/resources/${id}/download`)).arrayBuffer();
    const after = (await (await get(`/api/v1/resources/${id}`)).json()) as { resource: ResourceJson };
    expect(after.resource.downloadCount).toBe(2);

    // An image stays an attachment with its own type.
    const png = await upload(admin(), { ...base, title: `Image ${word}`, city: "", publish: "on" }, { bytes: samplePng(), name: "map.svg", type: "image/svg+xml" });
    const image = await get(`/api/v1/resources/${png.body.resource.id}/download`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-disposition")).toMatch(/^attachment; filename="map\.png"/);
  });

  it("refuses a renamed program and an HTML page called .pdf with a clear message, and stores nothing", async () => {
    const word = unique("refused");
    const before = await listIds("per_page=100", admin());
    const program = await upload(officer(), { ...base, title: `Program ${word}` }, { bytes: samplePe(), name: "report.pdf", type: "application/pdf" });
    expect(program.status).toBe(422);
    expect(program.body.error).toMatchObject({ code: "invalid", messageKey: "resources.file.executable", message: en["resources.file.executable"] });
    const html = await upload(officer(), { ...base, title: `Html ${word}` }, { bytes: sampleHtml(), name: "report.pdf", type: "application/pdf" });
    expect(html.status).toBe(422);
    expect(html.body.error).toMatchObject({ messageKey: "resources.file.typeNotAllowed", message: en["resources.file.typeNotAllowed"] });
    expect(await listIds("per_page=100", admin())).toEqual(before);
  });

  it("works as a plain HTML form post too (no JavaScript): answers with redirects", async () => {
    const word = unique("nojs");
    const page = { accept: "text/html,application/xhtml+xml" };
    const post = async (fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      if (file) form.set("file", new Blob([Buffer.from(file.bytes)]), file.name);
      return fetch(url("/api/v1/resources"), { method: "POST", body: form, redirect: "manual", headers: { ...cookieWrite(officer()), ...page } });
    };
    const refused = await post({ ...base, title: `No JS ${word}` }, { bytes: samplePe(), name: "x.pdf" });
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/resources/new?error=resources.file.executable");
    const accepted = await post({ ...base, title: `No JS ${word}`, externalUrl: "" }, { bytes: buildPdf([word]), name: "nojs.pdf" });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toMatch(/^\/resources\/\d+$/);
    const shown = await get(`${refused.headers.get("location")}`, officer());
    expect(await shown.text()).toContain(en["resources.file.executable"]);
  });

  it("refuses an upload over 25 MB before it has been sent whole", async () => {
    const declared = await oversizedUpload(officer(), MAX_UPLOAD_BYTES + 1024 * 1024);
    expect([413, null]).toContain(declared.status);
    expect(declared.sent).toBeLessThan(1024 * 1024);
    if (declared.status === 413) expect(JSON.parse(declared.body)).toMatchObject({ error: { code: "too_large", messageKey: "resources.file.tooLarge" } });
    const chunked = await oversizedUpload(officer(), "chunked");
    expect([413, null]).toContain(chunked.status);
    // Cut off at the cap (plus what the sockets hold), not at the 60 MB the client would send.
    expect(chunked.sent).toBeLessThan(MAX_UPLOAD_BYTES + 8 * 1024 * 1024);
  });

  it("applies the permission matrix", async () => {
    const link = { ...base, source: "link", externalUrl: "https://example.org/video", type: "video" };
    expect((await upload(null, link)).status).toBe(401);
    expect((await upload(partner(), link)).status).toBe(403);
    const otherCity = await upload(officer(), { ...link, city: "jhenaidah" });
    expect(otherCity.status).toBe(403);
    expect(otherCity.body.error.messageKey).toBe("resources.officerOwnCity");
    // Another site's form, with the visitor's cookie.
    expect((await upload(officer(), { ...link, title: "Cross-site" }, undefined, { origin: "https://evil.example" })).status).toBe(403);
    const bad = await upload(officer(), { ...link, title: "x", externalUrl: "javascript:alert(1)", year: "1800" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields ?? {}).sort()).toEqual(["externalUrl", "title", "year"]);
    expect((await get("/api/v1/resources?lang=fr")).status).toBe(422);
    expect((await get("/api/v1/resources", "authjs.session-token=nonsense")).status).toBe(200);
    expect((await fetch(url("/api/v1/resources"), { headers: { authorization: "Bearer cwis_nonsense" } })).status).toBe(401);
  });

  it("finds a Bangla word of a title, and guards the editor pages", async () => {
    const found = (await (await get(`/api/v1/resources?q=${encodeURIComponent("নির্দেশিকা")}`)).json()) as { resources: ResourceJson[] };
    expect(found.resources.map((r) => r.title)).toContain("মল-কাদা ব্যবস্থাপনা নির্দেশিকা: নিরাপদ খালিকরণ");
    expect((await get("/resources/new", partner())).status).toBe(403);
    expect((await get("/resources/new", officer())).status).toBe(200);
    expect((await get("/resources/new")).status).toBe(307);
    const word = unique("editguard");
    const created = await upload(officer(), { ...base, title: `Guarded ${word}` }, { bytes: buildPdf([word]), name: "g.pdf" });
    const id = created.body.resource.id;
    expect((await get(`/resources/${id}/edit`, officer())).status).toBe(200);
    expect((await get(`/resources/${id}/edit`, partner())).status).toBe(404);
    expect((await get(`/resources/${id}/edit`, reviewer())).status).toBe(200);
    // Another officer, or a trainer, does not see the draft at all.
    expect((await get(`/resources/${id}/edit`, cookies["trainer@demo.cwis"])).status).toBe(404);
  });

  it("keeps a replaced file for admins only", async () => {
    const word = unique("versioned");
    const first = buildPdf([`First ${word}`]);
    const created = await upload(admin(), { ...base, title: `Versioned ${word}`, city: "", publish: "on" }, { bytes: first, name: "v1.pdf" });
    const id = created.body.resource.id;
    const form = new FormData();
    form.set("file", new Blob([Buffer.from(buildPdf([`Second ${word}`]))]), "v2.pdf");
    const replaced = await fetch(url(`/api/v1/resources/${id}/file`), { method: "POST", body: form, headers: cookieWrite(reviewer()) });
    expect(replaced.status).toBe(200);
    const { previousVersionId } = (await replaced.json()) as { previousVersionId: number };
    const versionPath = `/api/v1/resources/${id}/versions/${previousVersionId}/download`;
    expect((await get(versionPath, reviewer())).status).toBe(403);
    expect((await get(versionPath)).status).toBe(401);
    const old = await get(versionPath, admin());
    expect(old.status).toBe(200);
    expect(old.headers.get("content-disposition")).toMatch(/^attachment; filename="v1\.pdf"/);
    expect(sha256(new Uint8Array(await old.arrayBuffer()))).toBe(sha256(first));
  });
});

describe.runIf(e2eEnabled())("resource library in Chromium", () => {
  const browser = useBrowser();

  it("an officer uploads a PDF, a reviewer publishes it, a visitor finds it by a word of its text and downloads the same bytes", async () => {
    const word = unique("cwisword");
    const title = `Kushtia emptying schedule ${word.slice(-4)}`;
    const pdf = buildPdf(["Kushtia Paurashava emptying schedule", `Reference word: ${word}`]);

    const officer = await newPage(browser());
    await signIn(officer, "officer.kushtia@demo.cwis");
    await officer.goto("/resources/new");
    await officer.fill("#resource-title", title);
    await officer.selectOption("#resource-type", "plan");
    await officer.check("input[name=components][value=service_delivery]");
    await officer.setInputFiles("#resource-file", { name: "schedule.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) });
    await Promise.all([officer.waitForURL(/\/resources\/\d+$/), officer.click("[data-testid=resource-submit]")]);
    const id = Number(new URL(officer.url()).pathname.split("/").pop());
    await waitForText(officer.locator("[data-testid=resource-title]"), title);
    expect(await officer.locator("text=" + en["resources.draftNotice"]).count()).toBe(1);
    await officer.context().close();

    // Not public yet.
    expect((await fetch(url(`/resources/${id}`))).status).toBe(404);

    const reviewer = await newPage(browser());
    await signIn(reviewer, "reviewer@demo.cwis");
    await reviewer.goto(`/resources/${id}/edit`);
    await Promise.all([reviewer.waitForURL(/done=published/), reviewer.click("[data-testid=resource-publish] button[type=submit]")]);
    await waitForText(reviewer.locator("[data-testid=resource-edit-notice]"), en["resources.publishedNow"]);
    await reviewer.context().close();

    const visitor = await newPage(browser());
    await visitor.goto("/resources");
    await visitor.fill("#resource-q", word);
    await Promise.all([visitor.waitForURL(/q=/), visitor.press("#resource-q", "Enter")]);
    await waitForText(visitor.locator("[data-testid=resource-count]"), en["resources.count"].replace("{count}", "1"));
    await Promise.all([visitor.waitForURL(new RegExp(`/resources/${id}$`)), visitor.click(`[data-testid=resource-${id}] a`)]);
    const [download] = await Promise.all([visitor.waitForEvent("download"), visitor.click("[data-testid=resource-download]")]);
    expect(download.suggestedFilename()).toBe("schedule.pdf");
    const path = await download.path();
    expect(sha256(readFileSync(path))).toBe(sha256(pdf));
    await visitor.context().close();
  });

  it("an admin deletes a resource after ticking the box and confirming", async () => {
    const word = unique("deleteme");
    const form = new FormData();
    for (const [key, value] of Object.entries({ title: `To delete ${word}`, type: "report", language: "en", source: "link", externalUrl: "https://example.org/x", publish: "on" })) form.set(key, value);
    const admin = await newPage(browser());
    await signIn(admin, "admin@demo.cwis");
    const cookie = (await admin.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const created = (await (await fetch(url("/api/v1/resources"), { method: "POST", body: form, headers: cookieWrite(cookie) })).json()) as { resource: ResourceJson };
    const id = created.resource.id;
    await admin.goto(`/resources/${id}/edit`);
    const deleteForm = admin.locator("[data-testid=resource-delete-form]");
    await deleteForm.locator("input[name=confirm]").check();
    admin.once("dialog", (dialog) => void dialog.accept());
    await Promise.all([admin.waitForURL(/\/resources$/), deleteForm.locator("button[type=submit]").click()]);
    expect((await fetch(url(`/api/v1/resources/${id}`), { headers: { cookie } })).status).toBe(404);
    await admin.context().close();
  });
});
