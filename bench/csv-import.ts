/**
 * The CSV import of a full file (5,000 rows: 10 cities × 32 indicators × 16 fourth quarters) on a
 * fresh in-memory PGlite with the demo data, three times: every row new, the same file again (every
 * row unchanged), every value changed. Counts the statements each run sends, by kind, through a
 * drizzle logger on the same connection, so "locks each row once" can be read off the numbers.
 *
 * Runs inside `npm run bench` and alone with `npm run bench -- --case csv-import` (no build, no
 * server). Measures, never asserts.
 */
import { asc, eq } from "drizzle-orm";
import { cities, indicators, users } from "../db/schema";
import type { Database } from "../db/client";

export interface CsvImportRun {
  name: "insert" | "unchanged" | "update";
  rows: number;
  ms: number;
  saved: number;
  unchanged: number;
  statements: { total: number; forUpdate: number; indicatorLookups: number; inserts: number; updates: number };
}

export interface CsvImportBench {
  rows: number;
  cities: number;
  runs: CsvImportRun[];
}

/** Statement counter fed by a drizzle logger. */
export class StatementCounter {
  total = 0;
  forUpdate = 0;
  indicatorLookups = 0;
  inserts = 0;
  updates = 0;
  logQuery(query: string): void {
    this.total++;
    const q = query.toLowerCase();
    if (/\bfor update\b/.test(q)) this.forUpdate++;
    if (/^select\b/.test(q) && /\bfrom "indicators"/.test(q)) this.indicatorLookups++;
    if (/^insert into "indicator_values"/.test(q)) this.inserts++;
    if (/^update "indicator_values"/.test(q)) this.updates++;
  }
  reset(): void {
    this.total = this.forUpdate = this.indicatorLookups = this.inserts = this.updates = 0;
  }
  snapshot(): CsvImportRun["statements"] {
    return { total: this.total, forUpdate: this.forUpdate, indicatorLookups: this.indicatorLookups, inserts: this.inserts, updates: this.updates };
  }
}

/** 5,000 rows of fourth quarters no demo value uses (2000–2015), so every row is new at first. */
export async function importFile(db: Database, valueOf: (i: number) => number): Promise<{ text: string; rows: number; cities: number }> {
  const cityRows = await db.select({ slug: cities.slug }).from(cities).orderBy(asc(cities.slug)).limit(10);
  const indicatorRows = await db.select({ code: indicators.code, unit: indicators.unit }).from(indicators).where(eq(indicators.active, true)).orderBy(asc(indicators.code));
  const lines = ["city,indicator,period,value,note,evidence_url"];
  let i = 0;
  outer: for (const city of cityRows) {
    for (let year = 2000; year <= 2015; year++) {
      for (const indicator of indicatorRows) {
        if (lines.length > 5000) break outer;
        // Every unit accepts 0 and 1 (boolean included).
        lines.push(`${city.slug},${indicator.code},${year}-Q4,${valueOf(i++)},bench row,`);
      }
    }
  }
  return { text: `${lines.join("\n")}\n`, rows: lines.length - 1, cities: cityRows.length };
}

type ImportFn = (db: Database, text: string, actor: { id: number; role: "admin"; cityId: null }) => Promise<{ ok: true; saved: number; unchanged: number } | { ok: false }>;

/** `db` and `counted` share one connection; `counted` logs every statement into `counter`. */
export async function csvImportBench(db: Database, counted: Database, counter: StatementCounter, importValuesCsv: ImportFn, log: (line: string) => void): Promise<CsvImportBench> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.cwis"));
  if (!admin) throw new Error("the bench needs the demo admin (seedDemo)");
  const actor = { id: admin.id, role: "admin" as const, cityId: null };
  const first = await importFile(db, () => 1);
  const changed = await importFile(db, () => 0);
  const runs: CsvImportRun[] = [];
  for (const [name, text] of [["insert", first.text], ["unchanged", first.text], ["update", changed.text]] as const) {
    counter.reset();
    const started = performance.now();
    const result = await importValuesCsv(counted, text, actor);
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`bench import "${name}" was refused`);
    const run: CsvImportRun = { name, rows: first.rows, ms, saved: result.saved, unchanged: result.unchanged, statements: counter.snapshot() };
    log(`CSV import ${name}: ${first.rows} rows in ${ms.toFixed(0)} ms (saved ${run.saved}, unchanged ${run.unchanged}); statements ${run.statements.total}, for update ${run.statements.forUpdate}, indicator look-ups ${run.statements.indicatorLookups}`);
    runs.push(run);
  }
  return { rows: first.rows, cities: first.cities, runs };
}
