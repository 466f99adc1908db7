import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/** Folder for everything the embedded setup keeps: the PGlite database, the lock, the auth secret. */
export function dataDir(): string {
  return path.resolve(env().dataDir ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".data"));
}

export function pgliteDir(): string {
  return path.join(dataDir(), "pglite");
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
  ) {
    super(
      `The data folder ${path.dirname(lockFile)} is in use by another process (pid ${holderPid}). ` +
        `PGlite cannot be shared between processes: stop that process first ` +
        `(or set CWIS_DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server).`,
    );
    this.name = "DataDirLockedError";
  }
}

interface LockFile {
  pid: number;
  token: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockFile | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "pid" in parsed &&
      typeof parsed.pid === "number" &&
      "token" in parsed &&
      typeof parsed.token === "string"
    ) {
      return { pid: parsed.pid, token: parsed.token, startedAt: String("startedAt" in parsed ? parsed.startedAt : "") };
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * Takes the data folder's lock, or throws DataDirLockedError when a live process holds it.
 * A child process started by the holder (the Next server under `npm start`) inherits the lock
 * through CWIS_DATA_LOCK_TOKEN. Returns the token and a release function.
 */
export function acquireDataLock(): { token: string; release: () => void } {
  const dir = dataDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "lock");
  const inherited = env().dataLockToken;

  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = readLock(file);
    if (existing) {
      // Already ours: taken earlier by this process, or handed down by the parent that took it.
      if (existing.pid === process.pid || (inherited && existing.token === inherited)) {
        return { token: existing.token, release: () => {} };
      }
      if (existing.pid !== process.pid && isAlive(existing.pid)) {
        throw new DataDirLockedError(file, existing.pid);
      }
      rmSync(file, { force: true });
    }
    const lock: LockFile = { pid: process.pid, token: randomBytes(16).toString("hex"), startedAt: new Date().toISOString() };
    try {
      // "wx" fails if another process created the file between our read and this write.
      writeFileSync(file, JSON.stringify(lock), { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw error;
    }
    return {
      token: lock.token,
      release: () => {
        if (readLock(file)?.token === lock.token) rmSync(file, { force: true });
      },
    };
  }
  const holder = readLock(file);
  throw new DataDirLockedError(file, holder?.pid ?? -1);
}
