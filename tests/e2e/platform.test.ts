import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/http";
import { baseUrl } from "./browser";
import en from "@/messages/en.json";
import bn from "@/messages/bn.json";

/*
 * Platform behaviour over plain HTTP: security headers on every kind of HTML response, the 403
 * for cross-site server actions, and absolute links built from APP_URL (on a second server of
 * its own, started with APP_URL set, on its own data folder).
 */

const url = (p: string) => `${baseUrl()}${p}`;
const ACTION_ID = "7f".repeat(21);

function cspOf(response: Response): string {
  const csp = response.headers.get("content-security-policy") ?? "";
  // fetch joins repeated headers with ", ": two policies would both be enforced.
  expect(csp, "exactly one policy").not.toContain(", ");
  return csp;
}

describe("security headers on every HTML response", () => {
  it("a normal page load keeps the per-request nonce policy, and its scripts carry the nonce", async () => {
    const response = await fetch(url("/"));
    const csp = cspOf(response);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    const body = await response.text();
    expect(body).toContain(`nonce="${nonce}"`);
    // A second load gets a fresh nonce.
    expect(cspOf(await fetch(url("/")))).not.toContain(`'nonce-${nonce}'`);
  });

  it.each([
    ["HTML", { "next-router-prefetch": "1" }, "text/html"],
    ["RSC", { "next-router-prefetch": "1", rsc: "1" }, "text/x-component"],
  ])("a prefetch request's %s response has a CSP and the other headers", async (_kind, headers, type) => {
    for (const [p, frameAncestors] of [["/", "'none'"], ["/explore", "'none'"], ["/embed/cities/kushtia/radar", "*"]] as const) {
      // An RSC request is first sent to its `?_rsc=` cache key (a 307), which fetch follows.
      const response = await fetch(url(p), { headers });
      expect(response.status, p).toBe(200);
      expect(response.headers.get("content-type"), p).toContain(type);
      const csp = cspOf(response);
      expect(csp, p).toContain("default-src 'self'");
      expect(csp, p).toContain("object-src 'none'");
      expect(csp, p).toContain(`frame-ancestors ${frameAncestors}`);
      expect(csp, p).toMatch(/script-src 'self'( 'nonce-[^']+' 'strict-dynamic')?;/);
      expect(response.headers.get("x-content-type-options"), p).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), p).toBe(frameAncestors === "*" ? null : "DENY");
      await response.arrayBuffer();
    }
  });

  it("API responses and the HTML 404 of an unknown API path get the strict sandbox policy (which also covers the downloads' own)", async () => {
    const missing = await fetch(url("/api/no-such-endpoint"));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("text/html");
    for (const response of [missing, await fetch(url("/api/v1/cities"))]) {
      const csp = cspOf(response);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("sandbox");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      await response.arrayBuffer();
    }
  });
});

describe("cross-site server actions", () => {
  const post = (p: string, headers: Record<string, string>, body: BodyInit = "[]") => fetch(url(p), { method: "POST", redirect: "manual", headers: { "content-type": "text/plain;charset=UTF-8", ...headers }, body });

  it("answers 403 with a short localized text, before Next (which answered 500)", async () => {
    for (const origin of ["https://evil.example", "null", `http://localhost.evil.example:${new URL(baseUrl()).port}`]) {
      const refused = await post("/login", { "next-action": ACTION_ID, origin });
      expect(refused.status, origin).toBe(403);
      expect(refused.headers.get("content-type")).toContain("text/plain");
      expect(await refused.text()).toBe(en["errors.crossSiteAction"]);
    }
    const bangla = await post("/dashboard", { "next-action": ACTION_ID, origin: "https://evil.example", "accept-language": "bn-BD,bn;q=0.9" });
    expect(bangla.status).toBe(403);
    expect(await bangla.text()).toBe(bn["errors.crossSiteAction"]);
  });

  it("refuses a cross-site form post without JavaScript too (no Next-Action header, the action id in the form)", async () => {
    const form = new FormData();
    form.set(`$ACTION_ID_${ACTION_ID}`, "");
    const refused = await fetch(url("/login"), { method: "POST", redirect: "manual", headers: { origin: "https://evil.example" }, body: form });
    expect(refused.status).toBe(403);
    await refused.arrayBuffer();
  });

  it("lets this site's own posts through to Next, also behind a proxy that sets X-Forwarded-Host", async () => {
    const own = await post("/login", { "next-action": ACTION_ID, origin: baseUrl() });
    // Next's answer to an action id it does not know ("Server Action unavailable"): not our refusal, not a crash.
    expect(own.status).toBe(409);
    await own.arrayBuffer();
    const proxied = await post("/login", { "next-action": ACTION_ID, origin: "https://cwis.example.org", "x-forwarded-host": "cwis.example.org" });
    expect(proxied.status).toBe(409);
    await proxied.arrayBuffer();
    // A forwarded host that is not the origin's is still another site.
    const forged = await post("/login", { "next-action": ACTION_ID, origin: baseUrl(), "x-forwarded-host": "cwis.example.org" });
    expect(forged.status).toBe(403);
    await forged.arrayBuffer();
  });
});

describe("absolute links use APP_URL", () => {
  const appUrl = "https://cwis.example.org";
  let server: ChildProcess | undefined;
  let dataDir = "";
  let second = "";
  let output = "";

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "cwis-e2e-appurl-"));
    const port = await freePort();
    const root = path.resolve(__dirname, "../..");
    const env: NodeJS.ProcessEnv = { ...process.env, CWIS_DATA_DIR: dataDir, PORT: String(port), APP_URL: appUrl };
    Reflect.deleteProperty(env, "DATABASE_URL");
    Reflect.deleteProperty(env, "NODE_ENV");
    // The global setup has built this folder already: start.ts finds its stamp and does not build.
    server = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    second = `http://127.0.0.1:${port}`;
    // Migrating and seeding a fresh folder: generous, so a busy machine only makes it slower.
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the APP_URL server exited (${server.exitCode}):\n${output}`);
      try {
        if ((await fetch(`${second}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the APP_URL server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 320_000);

  afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("announces APP_URL as the address to open", () => {
    expect(output).toContain(`[cwis] Open ${appUrl}`);
  });

  it("the calendar feed's links, whatever host the request names", async () => {
    const feed = await (await fetch(`${second}/api/v1/events.ics`, { headers: { "x-forwarded-host": "evil.example" } })).text();
    const links = [...feed.matchAll(/^URL:(.*)$/gm)].map((m) => m[1]?.trim() ?? "");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^https:\/\/cwis\.example\.org\/events\/\d+$/);
    expect(feed).not.toContain("localhost");
    expect(feed).not.toContain("127.0.0.1");
  });

  it("the embed snippet on a public city page", async () => {
    const page = await (await fetch(`${second}/explore/kushtia`, { headers: { host: "evil.example" } })).text();
    expect(page).toContain(`src=&quot;${appUrl}/embed/cities/kushtia/radar?lang=en&quot;`);
    expect(page).not.toContain("evil.example/embed");
  });

  it("a form posted from APP_URL through a proxy that keeps the inner Host is this site's", async () => {
    const response = await fetch(`${second}/login`, { method: "POST", redirect: "manual", headers: { "content-type": "text/plain;charset=UTF-8", "next-action": ACTION_ID, origin: appUrl }, body: "[]" });
    // Not the proxy's 403 and not Next's 500 (next.config.js allows APP_URL's host): Next's own answer for an unknown action.
    expect(response.status).toBe(409);
    await response.arrayBuffer();
  });

  it("the main server, without APP_URL, links to http://localhost:PORT and not to the request's host", async () => {
    const feed = await (await fetch(url("/api/v1/events.ics"), { headers: { "x-forwarded-host": "evil.example" } })).text();
    const links = [...feed.matchAll(/^URL:(.*)$/gm)].map((m) => m[1]?.trim() ?? "");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`http://localhost:${new URL(baseUrl()).port}/events/`)).toBe(true);
  });
});

describe("a Next server started without npm start", () => {
  it("refuses to serve in production without AUTH_SECRET, naming the variable", async () => {
    const root = path.resolve(__dirname, "../..");
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
    for (const name of ["AUTH_SECRET", "NODE_ENV", "DATABASE_URL"]) Reflect.deleteProperty(env, name);
    // The global setup's build: `next start` is production whatever NODE_ENV says.
    const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        server.kill("SIGKILL");
        resolve(null);
      }, 60_000);
      server.once("exit", (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code, output).toBe(1);
    expect(output).toMatch(/Refusing to start[\s\S]*AUTH_SECRET: is required when NODE_ENV=production/);
  }, 70_000);
});
