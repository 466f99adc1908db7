/**
 * The CSV import of a full file (5,000 rows: 10 cities × 32 indicators × 16 fourth quarters) on a
 * fresh in-memory PGlite with the demo data, with every check (issue 12: hard ranges, the city's
 * earliest quarter, flags against the last validated value, versions): every row new, the same
 * file again (every row unchanged), every value changed, a check only of a changed file (nothing
 * saved), and every value changed again from a file with a version column (an edited export).
 * Counts the statements each run sends, by kind, through a drizzle logger on the same connection,
 * so "locks each row once" can be read off the numbers.
 *
 * Runs inside `npm run bench` and alone with `npm run bench -- --case csv-import` (no build, no
 * server). Measures, never asserts.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { cities, indicatorValues, indicators, users } from "../db/schema";
import type { Database } from "../db/client";

export interface CsvImportRun {
  name: "insert" | "unchanged" | "update" | "check" | "versioned";
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

/**
 * 5,000 rows of fourth quarters no demo value uses (2000–2015), so every row is new at first. With
 * `versioned`, the file has a version column holding each value's stored version, as an export
 * edited in a spreadsheet does.
 */
export async function importFile(db: Database, valueOf: (i: number) => number, options: { versioned?: boolean } = {}): Promise<{ text: string; rows: number; cities: number }> {
  const cityRows = await db.select({ id: cities.id, slug: cities.slug }).from(cities).orderBy(asc(cities.slug)).limit(10);
  // Historical quarters are accepted only from a city's earliest quarter (issue 12; by default five
  // years before it joined): these cities are opened back to 2000 for the bench's old Q4s.
  await db.update(cities).set({ earliestPeriod: "2000-Q1" }).where(inArray(cities.slug, cityRows.map((c) => c.slug)));
  const indicatorRows = await db.select({ id: indicators.id, code: indicators.code, unit: indicators.unit }).from(indicators).where(eq(indicators.active, true)).orderBy(asc(indicators.code));
  const versions = new Map<string, number>();
  if (options.versioned) {
    const stored = await db
      .select({ cityId: indicatorValues.cityId, indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, version: indicatorValues.version })
      .from(indicatorValues)
      .where(inArray(indicatorValues.cityId, cityRows.map((c) => c.id)));
    for (const v of stored) versions.set(`${v.cityId}:${v.indicatorId}:${v.period}`, v.version);
  }
  const lines = [options.versioned ? "city,indicator,period,value,note,evidence_url,version" : "city,indicator,period,value,note,evidence_url"];
  let i = 0;
  outer: for (const city of cityRows) {
    for (let year = 2000; year <= 2015; year++) {
      for (const indicator of indicatorRows) {
        if (lines.length > 5000) break outer;
        // Every unit accepts 0 and 1 (boolean included).
        const line = `${city.slug},${indicator.code},${year}-Q4,${valueOf(i++)},bench row,`;
        lines.push(options.versioned ? `${line},${versions.get(`${city.id}:${indicator.id}:${year}-Q4`) ?? ""}` : line);
      }
    }
  }
  return { text: `${lines.join("\n")}\n`, rows: lines.length - 1, cities: cityRows.length };
}

type ImportFn = (db: Database, text: string, actor: { id: number; role: "admin"; cityId: null }, options?: { checkOnly?: boolean; fileName?: string }) => Promise<{ ok: boolean; saved: number; unchanged: number }>;

/** `db` and `counted` share one connection; `counted` logs every statement into `counter`. */
export async function csvImportBench(db: Database, counted: Database, counter: StatementCounter, importValuesCsv: ImportFn, log: (line: string) => void): Promise<CsvImportBench> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.cwis"));
  if (!admin) throw new Error("the bench needs the demo admin (seedDemo)");
  const actor = { id: admin.id, role: "admin" as const, cityId: null };
  const first = await importFile(db, () => 1);
  const changed = await importFile(db, () => 0);
  const runs: CsvImportRun[] = [];
  // The versioned file is made after the runs before it, from the versions they left.
  const plan: [CsvImportRun["name"], () => Promise<string>, boolean][] = [
    ["insert", async () => first.text, false],
    ["unchanged", async () => first.text, false],
    ["update", async () => changed.text, false],
    ["check", async () => first.text, true],
    ["versioned", async () => (await importFile(db, () => 1, { versioned: true })).text, false],
  ];
  for (const [name, textOf, checkOnly] of plan) {
    const text = await textOf();
    counter.reset();
    const started = performance.now();
    const result = await importValuesCsv(counted, text, actor, { checkOnly, fileName: `bench-${name}.csv` });
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`bench import "${name}" was refused`);
    const run: CsvImportRun = { name, rows: first.rows, ms, saved: result.saved, unchanged: result.unchanged, statements: counter.snapshot() };
    log(`CSV import ${name}: ${first.rows} rows in ${ms.toFixed(0)} ms (saved ${run.saved}, unchanged ${run.unchanged}); statements ${run.statements.total}, for update ${run.statements.forUpdate}, indicator look-ups ${run.statements.indicatorLookups}`);
    runs.push(run);
  }
  return { rows: first.rows, cities: first.cities, runs };
}
