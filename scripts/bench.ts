/**
 * `npm run bench [-- --cities 10,1000] [--targets postgres,pglite] [--keep] [--requests 50]`
 * `npm run bench -- --case csv-import` runs only the CSV import case (bench/csv-import.ts: no build,
 * no server, in-memory PGlite); `--case outbox` only the mail outbox's throughput (bench/outbox-run.ts:
 * messages/s queued and sent to a local SMTP server); `--case rounds [--cities 5000]` only the
 * reporting-round pages and exports (issue 14: N cities answering a round of 30 questions, see
 * runRounds); `--case plans [--cities 5000]` only the programme's plans page data (issue 16:
 * bench/plans-run.ts, in-memory PGlite). The full run includes the first three (rounds at its
 * largest city count).
 *
 * Measures, never asserts: for each target database (PostgreSQL from DATABASE_URL, embedded
 * PGlite) and each city count N, generates N cities × every indicator × 40 quarters of validated
 * values, then against a production build (`next start`) measures page response times, CSV export
 * throughput and the server's peak memory, the same data functions called directly on the
 * database, and first-load JavaScript in Chromium. Prints one table with the budgets and writes
 * bench/results/<timestamp>.json.
 *
 * 5,000 cities work but take long (3.25 M values; PGlite especially). The numbers are only as quiet
 * as the machine: other builds/tests running at the same time make them noisy.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { freePort, sessionCookie } from "./http";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { openPglite, openPostgres, type DatabaseHandle } from "../db/client";
import { migratePglite, migratePostgres } from "../db/migrate";
import { seedFramework } from "../db/seed";
import { pgliteDir } from "../db/data-dir";
import { buildIfNeeded } from "./build-stamp";
import { BENCH_ADMIN, generate, menteeSlug, type GenerateStats } from "../bench/generate";
import { generateRounds, type RoundsStats } from "../bench/rounds-generate";
import type { CsvImportBench } from "../bench/csv-import";
import type { OutboxBenchRow } from "../bench/outbox-run";
import type { PlansBenchRow } from "../bench/plans-run";
import { CHROMIUM_PATH, csvThroughput, downloadThroughput, firstLoadJs, latency, rawQueries, roundRawQueries, type CsvResult, type DownloadResult, type JsSize, type Latency } from "../bench/measure";

type Target = "postgres" | "pglite";

const root = path.resolve(__dirname, "..");
const log = (line: string) => console.log(`[bench] ${line}`);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const onlyCase = arg("case");
// The rounds case's budget is stated at 5,000 cities (issue 14); the full run's at 1,000 (issue 4).
const cityCounts = (arg("cities") ?? (onlyCase === "rounds" ? "5000" : "10,1000")).split(",").map((n) => Number(n.trim()));
const targets = (arg("targets") ?? "postgres,pglite").split(",").map((t) => t.trim()) as Target[];
const keep = process.argv.includes("--keep");
const requests = Number(arg("requests") ?? 50);
const concurrencies = [1, 4];

// Budgets from issue 4 (printed next to the numbers; the bench never fails on them).
const BUDGET = { pageP95Ms: 150, slowdown10to1000: 2, csvRowsPerSecond: 100_000, csvRssGrowthMb: 100, chartJsKb: 180, otherJsKb: 120 };

// Budgets from issue 14: the round page at 5,000 cities × 30 questions, XLSX export in constant memory.
const ROUNDS_BUDGET = { pageP95Ms: 150, xlsxRowsPerSecond: 50_000, rssGrowthMb: 100 };
// The city table's page the bench also reads: well into the table (page 60 of 100 at 5,000 cities).
const laterPageOf = (cities: number) => Math.max(2, Math.ceil((cities / 50) * 0.6));

interface RoundsRunResult {
  target: Target;
  cities: number;
  load: { start: number[]; afterPages: number[] };
  generate: RoundsStats & { totalMs: number };
  laterPage: number;
  pages: Record<string, Record<string, Latency>>;
  xlsx: DownloadResult;
  csv: DownloadResult;
  rawQueries: Record<string, { p50: number; p95: number }>;
}

interface RunResult {
  target: Target;
  cities: number;
  /** 1-, 5- and 15-minute load averages when the run started and when its page timings ended: the machine is shared. */
  load: { start: number[]; afterPages: number[] };
  generate: GenerateStats & { totalMs: number };
  slug: string;
  pages: Record<string, Record<string, Latency>>;
  csv: CsvResult;
  rawQueries: Record<string, { p50: number; p95: number }>;
  js: Record<string, JsSize> | null;
}


async function startServer(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    // Own process group, so stopping it also stops anything next forks.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...env, AUTH_TRUST_HOST: "true", CWIS_PRODUCTION: "0", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, child, stop };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

interface PreparedTarget {
  handle: DatabaseHandle;
  serverEnv: NodeJS.ProcessEnv;
  cleanup: () => Promise<void>;
}

/**
 * A fresh, migrated database for one run: on PostgreSQL a database `name` on the server of
 * DATABASE_URL (dropped afterwards unless --keep), on PGlite a temporary data folder.
 */
async function prepareTarget(target: Target, name: string): Promise<PreparedTarget> {
  const authSecret = randomBytes(48).toString("base64");
  const baseEnv = { ...process.env };
  Reflect.deleteProperty(baseEnv, "NODE_ENV");

  if (target === "postgres") {
    const adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) throw new Error("DATABASE_URL is needed for the postgres target");
    const admin = await openPostgres(adminUrl, { max: 1 });
    await admin.client.unsafe(`drop database if exists ${name} with (force)`);
    await admin.client.unsafe(`create database ${name}`);
    await admin.close();
    const url = withDatabase(adminUrl, name);
    await migratePostgres(url);
    return {
      handle: await openPostgres(url),
      serverEnv: { ...baseEnv, DATABASE_URL: url, AUTH_SECRET: authSecret },
      cleanup: async () => {
        if (keep) return log(`kept database ${name}`);
        const again = await openPostgres(adminUrl, { max: 1 });
        await again.client.unsafe(`drop database if exists ${name} with (force)`);
        await again.close();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `${name.replace(/_/g, "-")}-`));
  // data-dir.ts reads CWIS_DATA_DIR on each call: this process opens the same folder the server will.
  process.env.CWIS_DATA_DIR = dir;
  const handle = await openPglite(pgliteDir());
  await migratePglite(handle);
  const env = { ...baseEnv, CWIS_DATA_DIR: dir, AUTH_SECRET: authSecret };
  Reflect.deleteProperty(env, "DATABASE_URL");
  return {
    handle,
    serverEnv: env,
    cleanup: async () => {
      delete process.env.CWIS_DATA_DIR;
      if (keep) return log(`kept data folder ${dir}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function runOne(target: Target, cities: number): Promise<RunResult> {
  log(`=== ${target}, ${cities} cities (load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}) ===`);
  const loadAtStart = os.loadavg();
  const started = performance.now();
  const { handle, serverEnv, cleanup } = await prepareTarget(target, `cwis_bench_${cities}`);

  try {
    let gen: GenerateStats;
    let slug: string;
    let raw: RunResult["rawQueries"];
    try {
      await seedFramework(handle.db);
      gen = await generate(handle.db, cities, log);
      log(`generated ${gen.values} values in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      slug = await menteeSlug(handle.db);
      raw = await rawQueries(handle.db, slug);
    } finally {
      // PGlite's folder is locked to one process: close before the server opens it.
      await handle.close();
    }
    const genTotal = performance.now() - started;

    const server = await startServer(serverEnv);
    try {
      const cookie = await sessionCookie(server.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
      const pages: Record<string, { path: string; signedIn: boolean }> = {
        "/explore": { path: "/explore", signedIn: false },
        "/explore/<slug>": { path: `/explore/${slug}`, signedIn: false },
        "/dashboard": { path: "/dashboard", signedIn: true },
        "/cities/<slug>": { path: `/cities/${slug}`, signedIn: true },
        "/compare": { path: "/compare", signedIn: true },
      };
      const pageResults: RunResult["pages"] = {};
      for (const [name, page] of Object.entries(pages)) {
        pageResults[name] = {};
        for (const concurrency of concurrencies) {
          const result = await latency(`${server.url}${page.path}`, page.signedIn ? { cookie } : {}, { count: requests, warmup: 5, concurrency });
          pageResults[name][`c${concurrency}`] = result;
          log(`${name} c${concurrency}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, HTML ${result.htmlKb.toFixed(0)} kB${result.errors ? `, ${result.errors} non-200` : ""}`);
        }
      }
      const loadAfterPages = os.loadavg();
      const csv = await csvThroughput(server.url, cookie, server.child.pid ?? 0);
      log(`CSV: ${csv.rows} rows in ${csv.seconds.toFixed(1)} s = ${Math.round(csv.rowsPerSecond)} rows/s, RSS ${csv.rssBeforeMb.toFixed(0)} → peak ${csv.peakRssMb.toFixed(0)} MB`);
      let js: RunResult["js"] = null;
      if (existsSync(CHROMIUM_PATH)) {
        js = await firstLoadJs(
          server.url,
          [
            { name: "/explore", path: "/explore", signedIn: false },
            { name: "/explore/<slug>", path: `/explore/${slug}`, signedIn: false },
            { name: "/login", path: "/login", signedIn: false },
            { name: "/dashboard", path: "/dashboard", signedIn: true },
            { name: "/cities/<slug>", path: `/cities/${slug}`, signedIn: true },
            { name: "/compare", path: "/compare", signedIn: true },
          ],
          cookie,
        );
      } else {
        log(`${CHROMIUM_PATH} not found: first-load JS not measured`);
      }
      return { target, cities, load: { start: loadAtStart, afterPages: loadAfterPages }, generate: { ...gen, totalMs: genTotal }, slug, pages: pageResults, csv, rawQueries: raw, js };
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

type Row = [target: string, cities: string, metric: string, value: string, budget: string, status: string];

/**
 * The reporting-round case (issue 14): N cities answering one open round of 30 questions
 * (bench/rounds-generate.ts), then against `next start` the round page (its first and a later
 * page of the city table) and the results page signed in as the bench admin, the XLSX and CSV
 * exports' throughput with the server's peak memory, and the pages' loaders called directly.
 */
async function runRounds(target: Target, cities: number): Promise<RoundsRunResult> {
  log(`=== rounds: ${target}, ${cities} cities (load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}) ===`);
  const loadAtStart = os.loadavg();
  const started = performance.now();
  const { handle, serverEnv, cleanup } = await prepareTarget(target, `cwis_bench_rounds_${cities}`);
  const laterPage = laterPageOf(cities);
  try {
    let gen: RoundsStats;
    let raw: RoundsRunResult["rawQueries"];
    try {
      await seedFramework(handle.db);
      gen = await generateRounds(handle.db, cities, log);
      raw = await roundRawQueries(handle.db, gen.roundId, { laterOffset: (laterPage - 1) * 50, timeZone: "Asia/Dhaka" });
      for (const [name, q] of Object.entries(raw)) log(`direct db ${name}: p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms`);
    } finally {
      await handle.close();
    }
    const genTotal = performance.now() - started;

    const server = await startServer(serverEnv);
    try {
      const cookie = await sessionCookie(server.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
      const base = `/questionnaires/rounds/${gen.roundId}`;
      const pages: Record<string, string> = {
        "round page (table page 1)": base,
        [`round page (table page ${laterPage})`]: `${base}?page=${laterPage}`,
        "results page": `${base}/results`,
      };
      const pageResults: RoundsRunResult["pages"] = {};
      for (const [name, pagePath] of Object.entries(pages)) {
        pageResults[name] = {};
        for (const concurrency of concurrencies) {
          const result = await latency(`${server.url}${pagePath}`, { cookie }, { count: requests, warmup: 5, concurrency });
          pageResults[name][`c${concurrency}`] = result;
          log(`${name} c${concurrency}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, HTML ${result.htmlKb.toFixed(0)} kB${result.errors ? `, ${result.errors} non-200` : ""}`);
        }
      }
      const loadAfterPages = os.loadavg();
      const exportUrl = (format: "xlsx" | "csv") => `${server.url}/api/v1/rounds/${gen.roundId}/responses?format=${format}&lang=en`;
      const xlsx = await downloadThroughput(exportUrl("xlsx"), cookie, server.child.pid ?? 0, gen.exportRows);
      log(`XLSX: ${xlsx.rows} rows, ${(xlsx.bytes / 2 ** 20).toFixed(1)} MB in ${xlsx.seconds.toFixed(1)} s = ${Math.round(xlsx.rowsPerSecond)} rows/s, first byte ${xlsx.firstByteMs.toFixed(0)} ms, RSS ${xlsx.rssBeforeMb.toFixed(0)} → peak ${xlsx.peakRssMb.toFixed(0)} MB${xlsx.magic.startsWith("PK") ? "" : " (not a ZIP!)"}`);
      const csv = await downloadThroughput(exportUrl("csv"), cookie, server.child.pid ?? 0, gen.exportRows);
      log(`CSV: ${csv.rows} rows (${csv.newlines - 1} lines after the header), ${(csv.bytes / 2 ** 20).toFixed(1)} MB in ${csv.seconds.toFixed(1)} s = ${Math.round(csv.rowsPerSecond)} rows/s, RSS ${csv.rssBeforeMb.toFixed(0)} → peak ${csv.peakRssMb.toFixed(0)} MB`);
      return { target, cities, load: { start: loadAtStart, afterPages: loadAfterPages }, generate: { ...gen, totalMs: genTotal }, laterPage, pages: pageResults, xlsx, csv, rawQueries: raw };
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

function roundsRows(results: RoundsRunResult[]): Row[] {
  const rows: Row[] = [];
  const mark = (ok: boolean) => (ok ? "ok" : "over");
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  for (const r of results) {
    const t = r.target;
    const n = String(r.cities);
    const g = r.generate;
    rows.push([t, n, "rounds: machine load 1/5/15 min: start; after pages", `${r.load.start.map((l) => l.toFixed(1)).join(" ")}; ${r.load.afterPages.map((l) => l.toFixed(1)).join(" ")}`, "", ""]);
    rows.push([t, n, "rounds: generate (responses / answers / values / total)", `${g.cities} / ${g.answers} / ${g.indicatorValues} / ${(g.totalMs / 1000).toFixed(1)} s (data ${(g.ms / 1000).toFixed(1)} s)`, "", ""]);
    rows.push([t, n, "rounds: response statuses", Object.entries(g.statuses).map(([s, c]) => `${s} ${c}`).join(", "), "", ""]);
    for (const [page, byConcurrency] of Object.entries(r.pages)) {
      for (const [c, l] of Object.entries(byConcurrency)) {
        rows.push([t, n, `${page} ${c} p50`, `${ms(l.p50)} (HTML ${l.htmlKb.toFixed(0)} kB)`, "", ""]);
        // The issue states the budget for the round page; the results page is held to the same mark.
        const budget = `≤ ${ROUNDS_BUDGET.pageP95Ms} ms${page.startsWith("round page") ? "" : " (as the round page)"}`;
        rows.push([t, n, `${page} ${c} p95`, ms(l.p95) + (l.errors ? ` (${l.errors} non-200)` : ""), budget, mark(l.p95 <= ROUNDS_BUDGET.pageP95Ms && l.errors === 0)]);
      }
    }
    for (const [name, q] of Object.entries(r.rawQueries)) rows.push([t, n, `direct db: ${name} p50 / p95`, `${ms(q.p50)} / ${ms(q.p95)}`, "", ""]);
    const ratio = (page: string, query: string) => {
      const p = r.pages[page]?.c1?.p50;
      const q = r.rawQueries[query]?.p50;
      if (p !== undefined && q !== undefined) rows.push([t, n, `${page} c1 p50 / direct db ${query} p50`, `${(p / q).toFixed(1)}×`, "", ""]);
    };
    ratio("round page (table page 1)", "round page: all loaders");
    ratio("results page", "results page: all loaders");
    for (const [name, d, budget] of [
      ["XLSX", r.xlsx, ROUNDS_BUDGET.xlsxRowsPerSecond],
      ["CSV", r.csv, null],
    ] as const) {
      const detail = `${d.rows} rows, ${(d.bytes / 2 ** 20).toFixed(1)} MB, ${d.seconds.toFixed(1)} s, first byte ${d.firstByteMs.toFixed(0)} ms`;
      rows.push([t, n, `rounds ${name} export rows/s`, `${Math.round(d.rowsPerSecond)} (${detail})`, budget === null ? "" : `≥ ${budget}`, budget === null ? "measured" : mark(d.rowsPerSecond >= budget)]);
      const growth = d.peakRssMb - d.rssBeforeMb;
      rows.push([t, n, `rounds ${name} server RSS before → peak`, `${d.rssBeforeMb.toFixed(0)} → ${d.peakRssMb.toFixed(0)} MB (+${growth.toFixed(0)})`, `+≤ ${ROUNDS_BUDGET.rssGrowthMb} MB`, mark(growth <= ROUNDS_BUDGET.rssGrowthMb)]);
    }
  }
  return rows;
}

/** Runs the rounds case for each target and city count; a failed run is logged and listed, the others go on. */
async function roundsCase(counts: readonly number[]): Promise<{ results: RoundsRunResult[]; failures: { target: Target; cities: number; error: string }[] }> {
  const results: RoundsRunResult[] = [];
  const failures: { target: Target; cities: number; error: string }[] = [];
  for (const target of targets) {
    for (const cities of counts) {
      try {
        results.push(await runRounds(target, cities));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        log(`rounds ${target} ${cities} failed: ${message}`);
        failures.push({ target, cities, error: message });
      }
    }
  }
  return { results, failures };
}

function writeResults(content: Record<string, unknown>): void {
  const dir = path.join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: os.totalmem() / 2 ** 30, load: os.loadavg() }, requests, concurrencies, ...content }, null, 2));
  log(`results written to ${path.relative(root, file)}`);
}


/**
 * The CSV import case in a process of its own: server/ modules load only under the react-server
 * condition (their `import "server-only"`), which the rest of the bench must not run under.
 */
async function csvImportCase(): Promise<CsvImportBench> {
  return serverCase<CsvImportBench>("csv-import-run.ts");
}

/** Runs bench/<file> under the react-server condition and returns the JSON it writes. */
async function serverCase<T>(file: string, extraArgs: string[] = []): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cwis-bench-case-"));
  const out = path.join(dir, "result.json");
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "bench", file), out, ...extraArgs], { cwd: root, stdio: "inherit" });
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}`))));
    });
    return JSON.parse(readFileSync(out, "utf8")) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Issue 16: the programme's plans page at 5,000 cities.
const PLANS_BUDGET = { pageP95Ms: 150 };

/** The plans page's data rows (measured on in-memory PGlite, the page's own function). */
function plansRows(results: PlansBenchRow[]): Row[] {
  const status = (ms: number) => (ms <= PLANS_BUDGET.pageP95Ms ? "ok" : "over");
  return results.flatMap((r) => [
    ["pglite", String(r.cities), "/plans data, first page p95 (ms)", r.firstPage.p95.toFixed(1), `≤ ${PLANS_BUDGET.pageP95Ms}`, status(r.firstPage.p95)],
    ["pglite", String(r.cities), "/plans data, later page p95 (ms)", r.laterPage.p95.toFixed(1), `≤ ${PLANS_BUDGET.pageP95Ms}`, status(r.laterPage.p95)],
  ]);
}

/** The outbox's throughput rows (issue 13: measured, no budget). */
function outboxRows(results: OutboxBenchRow[]): Row[] {
  return results.flatMap((r) => [
    [r.target, String(r.messages), "outbox queue (messages/s)", String(Math.round(r.queuePerSecond)), "-", "measured"],
    [r.target, String(r.messages), "outbox send, 1 worker (messages/s)", String(Math.round(r.sendPerSecond.workers1)), "-", "measured"],
    [r.target, String(r.messages), "outbox send, 2 workers (messages/s)", String(Math.round(r.sendPerSecond.workers2)), "-", "measured"],
  ]);
}

/**
 * Issue 12's budget for the import with every check: within 1.2× of issue 11's times on this
 * machine (docs/performance.md: 2.8 s for 5,000 new rows, 1.9 s for 5,000 changed ones).
 */
const CSV_IMPORT_BUDGET_MS: Partial<Record<CsvImportBench["runs"][number]["name"], number>> = { insert: 2800 * 1.2, update: 1900 * 1.2, versioned: 1900 * 1.2 };

function csvImportRows(result: CsvImportBench): Row[] {
  return result.runs.map((r) => {
    const budget = CSV_IMPORT_BUDGET_MS[r.name];
    return [
      "pglite (memory)",
      String(result.cities),
      `CSV import ${r.rows} rows: ${r.name}`,
      `${r.ms.toFixed(0)} ms; ${r.statements.total} statements (${r.statements.forUpdate} for update, ${r.statements.indicatorLookups} indicator look-ups)`,
      budget === undefined ? "" : `≤ ${budget.toFixed(0)} ms`,
      budget === undefined ? "" : r.ms <= budget ? "ok" : "over",
    ];
  });
}

function tableRows(results: RunResult[]): Row[] {
  const rows: Row[] = [];
  const mark = (ok: boolean) => (ok ? "ok" : "over");
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  for (const r of results) {
    const t = r.target;
    const n = String(r.cities);
    rows.push([t, n, "machine load 1/5/15 min: start; after pages", `${r.load.start.map((l) => l.toFixed(1)).join(" ")}; ${r.load.afterPages.map((l) => l.toFixed(1)).join(" ")}`, "", ""]);
    rows.push([t, n, "generate (values / total time)", `${r.generate.values} / ${(r.generate.totalMs / 1000).toFixed(1)} s`, "", ""]);
    for (const [page, byConcurrency] of Object.entries(r.pages)) {
      for (const [c, l] of Object.entries(byConcurrency)) {
        rows.push([t, n, `${page} ${c} p50`, `${ms(l.p50)} (HTML ${l.htmlKb.toFixed(0)} kB)`, "", ""]);
        // The 150 ms budget is stated at 1,000 cities; smaller runs are marked against it too.
        rows.push([t, n, `${page} ${c} p95`, ms(l.p95) + (l.errors ? ` (${l.errors} non-200)` : ""), `≤ ${BUDGET.pageP95Ms} ms`, mark(l.p95 <= BUDGET.pageP95Ms && l.errors === 0)]);
      }
      const small = results.find((o) => o.target === t && o.cities === 10);
      const base = small?.pages[page]?.c1;
      const own = byConcurrency.c1;
      if (r.cities >= 1000 && base && own) {
        const ratio = own.p95 / base.p95;
        rows.push([t, n, `${page} c1 p95 vs 10 cities`, `${ratio.toFixed(2)}×`, `≤ ${BUDGET.slowdown10to1000}×`, mark(ratio <= BUDGET.slowdown10to1000)]);
      }
    }
    for (const [name, q] of Object.entries(r.rawQueries)) rows.push([t, n, `direct db: ${name} p50`, ms(q.p50), "", ""]);
    const ratio = (page: string, query: string) => {
      const p = r.pages[page]?.c1?.p50;
      const q = r.rawQueries[query]?.p50;
      if (p !== undefined && q !== undefined) rows.push([t, n, `${page} c1 p50 / direct db ${query} p50`, `${(p / q).toFixed(1)}×`, "", ""]);
    };
    ratio("/dashboard", "heatPage");
    ratio("/explore", "heatPage");
    ratio("/explore/<slug>", "cityHistory");
    ratio("/cities/<slug>", "cityHistory");
    ratio("/compare", "compare");
    rows.push([t, n, "CSV export rows/s", `${Math.round(r.csv.rowsPerSecond)} (${r.csv.rows} rows, ${r.csv.seconds.toFixed(1)} s)`, `≥ ${BUDGET.csvRowsPerSecond}`, mark(r.csv.rowsPerSecond >= BUDGET.csvRowsPerSecond)]);
    const growth = r.csv.peakRssMb - r.csv.rssBeforeMb;
    rows.push([t, n, "CSV server RSS before → peak", `${r.csv.rssBeforeMb.toFixed(0)} → ${r.csv.peakRssMb.toFixed(0)} MB (+${growth.toFixed(0)})`, `+≤ ${BUDGET.csvRssGrowthMb} MB`, mark(growth <= BUDGET.csvRssGrowthMb)]);
    for (const [route, j] of Object.entries(r.js ?? {})) {
      const budget = route === "/login" ? BUDGET.otherJsKb : BUDGET.chartJsKb;
      const lazy = j.lazyScripts ? `; + ${j.lazyGzipKb.toFixed(1)} kB lazy in ${j.lazyScripts}` : "";
      rows.push([t, n, `first-load JS gzip ${route}`, `${j.gzipKb.toFixed(1)} kB (${j.scripts} files, ${j.rawKb.toFixed(0)} kB raw${lazy})`, `≤ ${budget} kB`, mark(j.gzipKb <= budget)]);
    }
  }
  return rows;
}

function printTable(rows: Row[]): string {
  const header: Row = ["target", "N", "metric", "value", "budget", "status"];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]?.length ?? 0)));
  const line = (row: Row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  process.chdir(root);
  if (onlyCase === "csv-import") {
    console.log(`\n${printTable(csvImportRows(await csvImportCase()))}\n`);
    return;
  }
  if (onlyCase === "outbox") {
    console.log(`\n${printTable(outboxRows(await serverCase<OutboxBenchRow[]>("outbox-run.ts")))}\n`);
    return;
  }
  if (onlyCase === "plans") {
    const results = await serverCase<PlansBenchRow[]>("plans-run.ts", [String(arg("cities") ?? 5000)]);
    const table = printTable(plansRows(results));
    console.log(`\n${table}\n`);
    writeResults({ case: "plans", budgets: PLANS_BUDGET, plans: results, table });
    return;
  }
  if (onlyCase !== undefined && onlyCase !== "rounds") throw new Error(`unknown --case ${onlyCase} (known: csv-import, outbox, rounds, plans)`);
  if (cityCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--cities takes positive whole numbers, e.g. 10,1000");
  if (onlyCase === "rounds") {
    buildIfNeeded(root, log);
    const rounds = await roundsCase(cityCounts);
    const table = printTable(roundsRows(rounds.results));
    console.log(`\n${table}\n`);
    if (rounds.failures.length) console.log(`Failed runs: ${rounds.failures.map((f) => `rounds ${f.target} ${f.cities}`).join(", ")}`);
    writeResults({ case: "rounds", budgets: ROUNDS_BUDGET, rounds: rounds.results, failures: rounds.failures, table });
    process.exit(rounds.failures.length ? 1 : 0);
  }
  if (cityCounts.some((n) => n >= 5000)) log("5,000 cities: generation alone takes several minutes (and much longer on PGlite).");
  buildIfNeeded(root, log);
  const results: RunResult[] = [];
  const failures: { target: Target; cities: number; error: string }[] = [];
  for (const target of targets) {
    for (const cities of cityCounts) {
      try {
        results.push(await runOne(target, cities));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        log(`${target} ${cities} failed: ${message}`);
        failures.push({ target, cities, error: message });
      }
    }
  }
  const rows = tableRows(results);
  // The rounds case at the run's largest city count (1,000 by default: about a minute a target);
  // its budget is stated at 5,000 cities — `--case rounds` runs that.
  const rounds = await roundsCase([Math.max(...cityCounts)]);
  rows.push(...roundsRows(rounds.results));
  failures.push(...rounds.failures.map((f) => ({ ...f, error: `rounds case: ${f.error}` })));
  let csvImport: CsvImportBench | null = null;
  try {
    csvImport = await csvImportCase();
    rows.push(...csvImportRows(csvImport));
  } catch (error) {
    log(`csv import case failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  let outbox: OutboxBenchRow[] | null = null;
  try {
    outbox = await serverCase<OutboxBenchRow[]>("outbox-run.ts");
    rows.push(...outboxRows(outbox));
  } catch (error) {
    log(`outbox case failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const table = printTable(rows);
  console.log(`\n${table}\n`);
  if (failures.length) console.log(`Failed runs: ${failures.map((f) => `${f.target} ${f.cities}`).join(", ")}`);
  writeResults({ budgets: BUDGET, roundsBudgets: ROUNDS_BUDGET, results, rounds: rounds.results, csvImport, outbox, failures, table });
  process.exit(failures.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error("[bench] failed:", error);
  process.exit(1);
});
