/** Measurements against a running server (HTTP, CSV, browser) and directly on the database. */
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { dashboardPeriods, heatPage, recentValidations } from "@/db/queries/dashboard";
import { componentMedians, validatedHistory } from "@/db/queries/progress";
import { loadComparison } from "@/db/queries/compare";
import { getCityBySlug } from "@/db/queries/cities";
import { getFramework } from "@/db/queries/framework";
import { getRoundDetail, roundCityPage, roundStatusCounts, roundSubmissionDays } from "@/db/queries/rounds";
import { answeredCount, choiceCounts, exportPages, numberSummaries, questionsOfVersion, roundForResults, textAnswers } from "@/db/queries/round-results";
import { indicatorPeriodOf } from "@/lib/questionnaires/rules";
import { rowsOf } from "./generate";

export const CHROMIUM_PATH = "/usr/bin/chromium";
// Same flags as tests/e2e/browser.ts: without them Chromium keeps dialing Google, which this network refuses.
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export interface Latency {
  p50: number;
  p95: number;
  requests: number;
  errors: number;
  /** Size of the HTML the server sent (last response), since rendering big tables costs time too. */
  htmlKb: number;
}

/**
 * `count` requests (after `warmup`), `concurrency` at a time, each timed until its body is read:
 * what a user waits for the server-rendered HTML.
 */
export async function latency(url: string, headers: Record<string, string>, options: { count: number; warmup: number; concurrency: number }): Promise<Latency> {
  let bytes = 0;
  const one = async (): Promise<{ ms: number; ok: boolean }> => {
    const started = performance.now();
    const response = await fetch(url, { headers, redirect: "manual" });
    bytes = (await response.arrayBuffer()).byteLength;
    return { ms: performance.now() - started, ok: response.status === 200 };
  };
  for (let i = 0; i < options.warmup; i++) await one();
  const times: number[] = [];
  let errors = 0;
  let issued = 0;
  const worker = async () => {
    while (issued < options.count) {
      issued++;
      const result = await one();
      times.push(result.ms);
      if (!result.ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), requests: times.length, errors, htmlKb: bytes / 1024 };
}


/** Resident memory of a process and all its descendants (next start may fork a worker), in kB. */
export function treeRssKb(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Field 4 (ppid) follows the parenthesised command, which may itself contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop() ?? 0;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += Number(match?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface CsvResult {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

/** Streams the whole CSV export, counting lines, while sampling the server's RSS every 50 ms. */
export async function csvThroughput(baseUrl: string, cookie: string, serverPid: number): Promise<CsvResult> {
  const download = await downloadThroughput(`${baseUrl}/api/v1/values.csv`, cookie, serverPid, 0);
  // The header line ends in a newline too.
  const rows = Math.max(0, download.newlines - 1);
  return { rows, bytes: download.bytes, seconds: download.seconds, rowsPerSecond: rows / download.seconds, rssBeforeMb: download.rssBeforeMb, peakRssMb: download.peakRssMb };
}

export interface DownloadResult {
  /** Rows the database holds for what was downloaded (the caller counts them; the file is not read back). */
  rows: number;
  bytes: number;
  /** Until the first byte arrived: a streamed export starts at once whatever its size. */
  firstByteMs: number;
  seconds: number;
  rowsPerSecond: number;
  /** Newlines in the body (for a CSV export: rows + the header, when no answer holds a line break). */
  newlines: number;
  /** The body's first bytes, to tell a ZIP (XLSX: "PK") from an error page. */
  magic: string;
  rssBeforeMb: number;
  peakRssMb: number;
}

/**
 * Downloads `url` to its end, timing it and sampling the server's RSS every 50 ms (as
 * csvThroughput does). `rows` is what the database holds for the download: rows/s is rows over
 * the time until the last byte.
 */
export async function downloadThroughput(url: string, cookie: string, serverPid: number, rows: number): Promise<DownloadResult> {
  const rssBefore = treeRssKb(serverPid);
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, treeRssKb(serverPid));
  }, 50);
  const started = performance.now();
  let firstByteMs = NaN;
  let bytes = 0;
  let newlines = 0;
  let magic = "";
  try {
    const response = await fetch(url, { headers: { cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`${url} answered ${response.status}`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (bytes === 0) {
        firstByteMs = performance.now() - started;
        magic = Buffer.from(chunk.subarray(0, 4)).toString("latin1");
      }
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, treeRssKb(serverPid));
  return { rows, bytes, firstByteMs, seconds, rowsPerSecond: rows / seconds, newlines, magic, rssBeforeMb: rssBefore / 1024, peakRssMb: peak / 1024 };
}

export interface JsSize {
  /** Scripts the HTML names (script tags, preloads, the RSC payload's chunk lists): needed to hydrate. */
  scripts: number;
  rawKb: number;
  gzipKb: number;
  /** Scripts loaded afterwards by dynamic import (Chart.js): not first-load, still downloaded. */
  lazyScripts: number;
  lazyGzipKb: number;
  /** Each script, largest first, so an over-budget route shows what to look at. */
  files: { url: string; rawKb: number; gzipKb: number; lazy: boolean }[];
}

/**
 * First-load JS per route, as `next build` used to report it: the scripts the route's HTML refers
 * to, each body gzipped with zlib at its default level. Scripts fetched later (until the network
 * is idle) by dynamic import are counted apart as lazy.
 */
export async function firstLoadJs(baseUrl: string, routes: { name: string; path: string; signedIn: boolean }[], cookie: string): Promise<Record<string, JsSize>> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
  const result: Record<string, JsSize> = {};
  try {
    const host = new URL(baseUrl);
    for (const route of routes) {
      const context = await browser.newContext({ baseURL: baseUrl, locale: "en-GB", viewport: { width: 1280, height: 900 } });
      if (route.signedIn) {
        const eq = cookie.indexOf("=");
        await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), domain: host.hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);
      }
      const page = await context.newPage();
      const bodies: Promise<{ url: string; body: Buffer } | null>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") bodies.push(response.body().then((body) => ({ url: new URL(response.url()).pathname, body }), () => null));
      });
      const response = await page.goto(route.path, { waitUntil: "networkidle" });
      if (!response || response.status() !== 200 || new URL(page.url()).pathname !== route.path.split("?")[0]) {
        throw new Error(`${route.path} answered ${response?.status()} at ${page.url()}`);
      }
      const html = await response.text();
      const loaded = (await Promise.all(bodies)).filter((b) => b !== null);
      const files = loaded
        .map(({ url, body }) => ({ url, rawKb: body.length / 1024, gzipKb: gzipSync(body).length / 1024, lazy: !html.includes(url) }))
        .sort((a, b) => b.gzipKb - a.gzipKb);
      const first = files.filter((f) => !f.lazy);
      const lazy = files.filter((f) => f.lazy);
      result[route.name] = {
        scripts: first.length,
        rawKb: first.reduce((sum, f) => sum + f.rawKb, 0),
        gzipKb: first.reduce((sum, f) => sum + f.gzipKb, 0),
        lazyScripts: lazy.length,
        lazyGzipKb: lazy.reduce((sum, f) => sum + f.gzipKb, 0),
        files,
      };
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return result;
}

async function timed(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * The pages' data functions called directly on a db handle (no HTTP, no React): the
 * dashboard/explore heat table page, the city page's history + medians, the compare page's load.
 * Their time against the page's time is the app's overhead.
 */
export async function rawQueries(db: Database, slug: string, runs = 20): Promise<Record<string, { p50: number; p95: number }>> {
  const city = await getCityBySlug(db, slug);
  if (!city) throw new Error(`no city ${slug}`);
  // As ProgressCharts does: a mentee's page also reads its mentor's history.
  const mentorId = city.mentorSlug ? ((await getCityBySlug(db, city.mentorSlug))?.id ?? null) : null;
  return {
    // What /dashboard and /explore ask for: the first page of 50, sorted by index, and the histogram.
    heatPage: await timed(async () => {
      const periods = await dashboardPeriods(db);
      await heatPage(db, { filters: {}, view: "component", latest: periods.latest, locale: "en", limit: 50, offset: 0 });
    }, runs),
    heatPageLens: await timed(async () => {
      const periods = await dashboardPeriods(db);
      await heatPage(db, { filters: {}, view: "lens", latest: periods.latest, locale: "en", limit: 50, offset: 0 });
    }, runs),
    recentValidations: await timed(() => recentValidations(db, {}), runs),
    cityHistory: await timed(() => Promise.all([getFramework(db), validatedHistory(db, mentorId ? [city.id, mentorId] : [city.id]), componentMedians(db)]), runs),
    compare: await timed(() => loadComparison(db, { slugs: [], view: "component" }), runs),
  };
}

/**
 * The reporting-round pages' data functions called directly on a db handle (issue 14): each
 * loader of the round page (its facts, the status counts, a page of the city table — the first
 * and a later one —, the overdue list, the submissions per day) and of the results page, and all
 * of each page together as the page asks for them (facts first, then the widgets at once).
 * Besides, one page of the export's keyset-paged read at its start and in its middle.
 */
export async function roundRawQueries(db: Database, roundId: number, options: { laterOffset: number; timeZone: string }, runs = 20): Promise<Record<string, { p50: number; p95: number }>> {
  const detail = await getRoundDetail(db, roundId);
  const results = await roundForResults(db, roundId);
  if (!detail || !results) throw new Error(`no round ${roundId}`);
  // The bench's round is past its deadline in both countries.
  const pastDue = ["BD", "NP"] as const;
  const page = (offset: number) => roundCityPage(db, roundId, {}, { overdueOnly: false, pastDueCountries: pastDue, limit: 50, offset });
  const overdue = () => roundCityPage(db, roundId, {}, { overdueOnly: true, pastDueCountries: pastDue, limit: 10, offset: 0 });
  const counts = () => roundStatusCounts(db, roundId, {});
  const days = () => roundSubmissionDays(db, roundId, {}, options.timeZone);
  const round = { id: roundId, versionId: results.versionId, indicatorPeriod: indicatorPeriodOf(results.period) };
  // The response in the middle of the round: the keyset position of a page halfway through the export.
  const middle = rowsOf<{ id: number }>(await db.execute(sql`select id from responses where round_id = ${roundId} order by id offset (select count(*) / 2 from responses where round_id = ${roundId}) limit 1`))[0]?.id ?? 0;
  return {
    "round: facts": await timed(() => getRoundDetail(db, roundId), runs),
    "round: status counts": await timed(counts, runs),
    "round: city table page 1": await timed(() => page(0), runs),
    [`round: city table offset ${options.laterOffset}`]: await timed(() => page(options.laterOffset), runs),
    "round: overdue list": await timed(overdue, runs),
    "round: submissions per day": await timed(days, runs),
    "round page: all loaders": await timed(async () => {
      await getRoundDetail(db, roundId);
      await Promise.all([counts(), overdue(), days(), page(0)]);
    }, runs),
    "results: choice counts": await timed(() => choiceCounts(db, roundId, {}), runs),
    "results: number summaries": await timed(() => numberSummaries(db, round, {}), runs),
    "results: texts": await timed(() => textAnswers(db, roundId, {}, 50), runs),
    "results: answered count": await timed(() => answeredCount(db, roundId, {}), runs),
    "results page: all loaders": await timed(async () => {
      await roundForResults(db, roundId);
      await Promise.all([questionsOfVersion(db, results.versionId), choiceCounts(db, roundId, {}), numberSummaries(db, round, {}), textAnswers(db, roundId, {}, 50), answeredCount(db, roundId, {})]);
    }, runs),
    "export: first page of 250 responses": await timed(() => exportPages(db, { roundId }, { filter: {}, maxResponses: 250 }).next(), Math.min(runs, 5)),
    "export: a middle page of 250 responses": await timed(() => exportPages(db, { roundId }, { filter: {}, maxResponses: 250, afterResponse: middle }).next(), Math.min(runs, 5)),
  };
}
