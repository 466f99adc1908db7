import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataLock, DataDirLockedError } from "@/db/data-dir";
import { resolveAuthSecret } from "@/scripts/auth-secret";

let dir: string;
const saved = { dataDir: process.env.CWIS_DATA_DIR, token: process.env.CWIS_DATA_LOCK_TOKEN, secret: process.env.AUTH_SECRET };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "cwis-lock-"));
  process.env.CWIS_DATA_DIR = dir;
  delete process.env.CWIS_DATA_LOCK_TOKEN;
  delete process.env.AUTH_SECRET;
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const [key, value] of [["CWIS_DATA_DIR", saved.dataDir], ["CWIS_DATA_LOCK_TOKEN", saved.token], ["AUTH_SECRET", saved.secret]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const writeLock = (pid: number, token = "other-token") => writeFileSync(path.join(dir, "lock"), JSON.stringify({ pid, token, startedAt: "" }));

describe("data folder lock", () => {
  it("refuses while another live process holds it, naming that process", async () => {
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeLock(holder.pid ?? -1);
      expect(() => acquireDataLock()).toThrow(DataDirLockedError);
      expect(() => acquireDataLock()).toThrow(String(holder.pid));
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a process that died", () => {
    writeLock(2_147_483_000);
    const lock = acquireDataLock();
    expect(JSON.parse(readFileSync(path.join(dir, "lock"), "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path.join(dir, "lock"))).toBe(false);
  });

  it("lets a child started by the holder in with the inherited token", async () => {
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeLock(holder.pid ?? -1, "shared-token");
      process.env.CWIS_DATA_LOCK_TOKEN = "shared-token";
      expect(acquireDataLock().token).toBe("shared-token");
    } finally {
      holder.kill();
    }
  });
});

describe("auth secret", () => {
  it("is required in production", () => {
    expect(() => resolveAuthSecret(true)).toThrow(/AUTH_SECRET is required/);
  });

  it("is generated once outside production and kept in the data folder", () => {
    const first = resolveAuthSecret(false);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret(false)).toBe(first);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(first);
  });

  it("refuses a short secret from the environment", () => {
    process.env.AUTH_SECRET = "too-short";
    expect(() => resolveAuthSecret(true)).toThrow(/at least 32/);
  });
});
