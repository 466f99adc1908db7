import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

// Everything that changes what `next build` produces.
const INPUTS = ["app", "components", "lib", "server", "db", "messages", "public", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["node_modules", ".data", "migrations"]);

/** Where `next build` writes; CWIS_DIST_DIR gives a second checkout's tests a build of their own. */
export const distDir = () => process.env.CWIS_DIST_DIR || ".next";

function walk(entry: string, out: string[]): void {
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const name of readdirSync(entry).sort()) if (!SKIP.has(name) && !name.startsWith(".next")) walk(path.join(entry, name), out);
  } else {
    out.push(entry);
  }
}

export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

const stampFile = (root: string) => path.join(root, distDir(), "cwis-build-stamp");

/** Runs `next build` unless the last build was made from exactly these sources. Returns whether it built. */
export function buildIfNeeded(root: string, log: (line: string) => void = console.log): boolean {
  // Two builds at once in one folder corrupt .next: wait for a running one to finish.
  const lock = path.join(root, `${distDir()}-build-lock`);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} has been held for 10 minutes; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return buildLocked(root, log);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function buildLocked(root: string, log: (line: string) => void): boolean {
  const hash = sourceHash(root);
  const stamp = stampFile(root);
  if (existsSync(path.join(root, distDir(), "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) {
    return false;
  }
  log("Building the app (first run or sources changed; this takes a minute)...");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  writeFileSync(stamp, hash);
  return true;
}
