import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgres } from "@/db/client";
import { migratePostgres } from "@/db/migrate";

/*
 * Start-up against PostgreSQL as operators configure it: a socket-style DATABASE_URL really
 * connects (and migrates), and what `npm start` prints when it cannot start.
 */

const SOCKET_DIR = "/var/run/postgresql";
const hasSocket = existsSync(path.join(SOCKET_DIR, ".s.PGSQL.5432"));
const root = path.resolve(__dirname, "../..");
const socketUrl = (database: string, password = "") => `postgres://postgres${password ? `:${password}` : ""}@/${database}?host=${SOCKET_DIR}`;

describe.skipIf(!hasSocket)("a socket-style DATABASE_URL", () => {
  const name = `cwis_socket_${randomBytes(4).toString("hex")}`;
  afterAll(async () => {
    const admin = await openPostgres(socketUrl("postgres"), { max: 1 });
    await admin.client.unsafe(`drop database if exists ${name} with (force)`);
    await admin.close();
  });

  it("connects through the socket in both spellings, not over TCP", async () => {
    for (const url of [socketUrl("postgres"), `postgres://postgres@${encodeURIComponent(SOCKET_DIR)}/postgres`]) {
      const handle = await openPostgres(url, { max: 1 });
      try {
        const [row] = await handle.client<{ address: string | null }[]>`select inet_server_addr()::text as address`;
        // No server address: the session runs over a Unix socket.
        expect(row?.address, url).toBeNull();
      } finally {
        await handle.close();
      }
    }
  });

  it("takes the migration lock and migrates (the step that failed with ?host= sent as a setting)", async () => {
    const admin = await openPostgres(socketUrl("postgres"), { max: 1 });
    await admin.client.unsafe(`create database ${name}`);
    await admin.close();
    await migratePostgres(socketUrl(name));
    const handle = await openPostgres(socketUrl(name), { max: 1 });
    try {
      const [row] = await handle.client<{ n: number }[]>`select count(*)::int as n from information_schema.tables where table_name = 'user_sessions'`;
      expect(row?.n).toBe(1);
    } finally {
      await handle.close();
    }
  });
});

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const key of ["DATABASE_URL", "NODE_ENV", "AUTH_SECRET"]) if (!(key in env)) Reflect.deleteProperty(base, key);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], { cwd: root, env: base, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm start refuses a bad configuration before touching anything", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cwis-start-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const password = `Pw-${randomBytes(6).toString("hex")}`;

  it("names a malformed DATABASE_URL, without its password", async () => {
    const result = await start({ CWIS_DATA_DIR: dataDir, DATABASE_URL: `postgres://cwis:${password}@[db/cwis` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[cwis] Cannot start: Invalid environment:\n  DATABASE_URL: is not a valid URL");
    expect(result.stderr + result.stdout).not.toContain(password);
    // Not even the generated auth secret or a lock: parsing comes first.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("in production, refuses to start without AUTH_SECRET", async () => {
    const result = await start({ CWIS_DATA_DIR: dataDir, NODE_ENV: "production" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AUTH_SECRET: is required when NODE_ENV=production/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it.skipIf(!hasSocket)("prints the driver's cause and SQLSTATE under drizzle's wrapper, never the password", async () => {
    const missing = `cwis_missing_${randomBytes(4).toString("hex")}`;
    const result = await start({ CWIS_DATA_DIR: dataDir, DATABASE_URL: socketUrl(missing, password) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`[cwis] Start failed: Failed query: select pg_advisory_lock(727274)\ncaused by: database "${missing}" does not exist [3D000]`);
    expect(result.stderr + result.stdout).not.toContain(password);
  });
});
