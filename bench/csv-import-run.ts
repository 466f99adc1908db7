/**
 * `node --conditions=react-server --import tsx bench/csv-import-run.ts [output.json]`: the CSV
 * import case on a fresh in-memory PGlite (scripts/bench.ts starts it like this: the import lives
 * in server/, whose files refuse to load outside the react-server condition).
 */
import { writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import * as schema from "../db/schema";
import { migrationsFolder } from "../db/client";
import { seedDemo, seedFramework } from "../db/seed";
import { importValuesCsv } from "../server/values/csv-import";
import { csvImportBench, StatementCounter } from "./csv-import";

const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<void> {
  const client = await PGlite.create();
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder });
  await seedFramework(db);
  await seedDemo(db);
  const counter = new StatementCounter();
  const counted = drizzle({ client, schema, logger: counter });
  const result = await csvImportBench(db, counted, counter, importValuesCsv, log);
  await client.close();
  const out = process.argv[2];
  if (out) writeFileSync(out, JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error("[bench] csv import failed:", error);
  process.exit(1);
});
