import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "@/scripts/build-stamp";
import { freePort } from "@/scripts/http";
import { CHROMIUM_PATH } from "./browser";
import { startMailCatcher } from "./mail-catcher";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string | null;
    /** Where the test SMTP server writes each message it receives (one .eml file each). */
    mailDir: string | null;
  }
}


async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not answer ${url}/api/health within ${timeoutMs} ms`);
}

/**
 * Starts the app the way a user does (`npm start`'s script) on a fresh embedded database in a
 * temporary folder, against a production build. HTTP API tests always run against it; the
 * browser tests only where Chromium is installed.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) console.warn(`[e2e] ${CHROMIUM_PATH} not found: browser tests are skipped, HTTP tests still run.`);
  const root = path.resolve(__dirname, "../..");
  buildIfNeeded(root, (line) => console.log(`[e2e] ${line}`));

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cwis-e2e-"));
  const port = await freePort();
  // A real SMTP server the app sends to, as it would to a programme's mail server.
  const mail = await startMailCatcher(path.join(dataDir, "mail"));
  // The browser tests run on the embedded database in demo mode; the DB suite covers PostgreSQL.
  const env: NodeJS.ProcessEnv = { ...process.env, CWIS_DATA_DIR: dataDir, PORT: String(port), SMTP_URL: mail.url, MAIL_FROM: "CWIS Mentor Cities <no-reply@cwis.test>", MAIL_POLL_SECONDS: "1" };
  Reflect.deleteProperty(env, "DATABASE_URL");
  Reflect.deleteProperty(env, "NODE_ENV");
  const server = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server, 180_000);
  } catch (error) {
    console.error(output);
    throw error;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("mailDir", mail.dir);

  return async () => {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (process.env.E2E_SERVER_LOG) console.log(output);
    await mail.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
