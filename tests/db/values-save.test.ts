import { readFileSync } from "node:fs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { describeDb } from "./support";
import { actorByEmail } from "./event-fixtures";
import * as schema from "@/db/schema";
import { auditLog, cities, indicatorValues } from "@/db/schema";
import type { Database } from "@/db/client";
import { saveValues } from "@/server/values/save";
import { importValuesCsv } from "@/server/values/csv-import";
import { checkValueForIndicator, valueEntrySchema } from "@/lib/validation/values";
import { importFile, StatementCounter } from "../../bench/csv-import";

// Counts how often the framework's value rules run, without changing what they answer.
vi.mock("@/lib/validation/values", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/validation/values")>();
  return { ...actual, checkValueForIndicator: vi.fn(actual.checkValueForIndicator) };
});

const PERIOD = "2026-Q4";
const entry = (fields: { indicator: string; value: number; note?: string; version?: number }) => valueEntrySchema.parse({ period: PERIOD, ...fields });

async function cityId(db: Database, slug: string) {
  const [row] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
  if (!row) throw new Error(`no city ${slug}`);
  return row.id;
}

const totals = async (db: Database) => ({
  values: (await db.select({ n: count() }).from(indicatorValues))[0]?.n,
  audits: (await db.select({ n: count() }).from(auditLog))[0]?.n,
});

describeDb("the one write path for values", (db) => {
  it("answers per caller key: saved, unchanged (not rewritten), and refusals without writing", async () => {
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const kushtia = await cityId(db(), "kushtia");
    const first = await saveValues(db(), officer, { cityId: kushtia, rows: [{ key: "SD-2", ...entry({ indicator: "SD-2", value: 10 }) }, { key: "SD-3", ...entry({ indicator: "sd-3", value: 20 }) }] });
    expect(first.rowErrors).toEqual([]);
    expect(first.saved.map((s) => [s.key, s.indicator, s.status, s.version])).toEqual([["SD-2", "SD-2", "draft", 1], ["SD-3", "SD-3", "draft", 1]]);

    const before = await totals(db());
    const again = await saveValues(db(), officer, { cityId: kushtia, rows: [{ key: 7, ...entry({ indicator: "SD-2", value: 10 }) }, { key: 9, ...entry({ indicator: "SD-3", value: 21, version: 1 }) }] });
    expect(again.unchanged.map((s) => [s.key, s.version])).toEqual([[7, 1]]);
    expect(again.saved.map((s) => [s.key, s.value, s.version])).toEqual([[9, 21, 2]]);
    expect(await totals(db())).toEqual({ values: before.values, audits: (before.audits ?? 0) + 1 });

    const refused = await saveValues(db(), officer, {
      cityId: kushtia,
      rows: [
        { key: "row-a", ...entry({ indicator: "SD-2", value: 11, version: 0 }) },
        { key: "row-b", ...entry({ indicator: "SD-3", value: 150 }) },
      ],
    });
    expect(refused.rowErrors).toEqual([{ key: "row-b", field: "value", messageKey: "validation.range.percent" }]);
    expect(refused.saved).toEqual([]);
    const conflict = await saveValues(db(), officer, { cityId: kushtia, rows: [{ key: "row-a", ...entry({ indicator: "SD-2", value: 11, version: 0 }) }] });
    expect(conflict.conflicts).toEqual([expect.objectContaining({ key: "row-a", indicator: "SD-2", currentValue: 10, currentVersion: 1 })]);
    expect(await totals(db())).toEqual({ values: before.values, audits: (before.audits ?? 0) + 1 });
  });

  it("checks the actor's city scope inside, whoever calls it", async () => {
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const partner = await actorByEmail(db(), "partner@demo.cwis");
    const jhenaidah = await cityId(db(), "jhenaidah");
    const before = await totals(db());
    const rows = [{ key: 1, ...entry({ indicator: "SD-2", value: 10 }) }];
    await expect(saveValues(db(), officer, { cityId: jhenaidah, rows })).rejects.toMatchObject({ code: "forbidden" });
    await expect(saveValues(db(), partner, { cityId: jhenaidah, rows })).rejects.toMatchObject({ code: "forbidden" });
    expect(await totals(db())).toEqual(before);
  });
});

describe("a 5,000-row CSV import: statements and checks [pglite]", () => {
  let client: PGlite | undefined;
  let db: Database;
  let counted: Database;
  const counter = new StatementCounter();
  beforeAll(async () => {
    client = await PGlite.create({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
    db = drizzle({ client, schema });
    counted = drizzle({ client, schema, logger: counter });
  });
  afterAll(async () => {
    await client?.close();
  });

  it("looks indicators up once, checks each value once and locks each city's rows once", async () => {
    const admin = await actorByEmail(db, "admin@demo.cwis");
    const file = await importFile(db, () => 1);
    expect(file.rows).toBe(5000);
    const checks = vi.mocked(checkValueForIndicator);

    for (const [name, text, saved] of [["new rows", file.text, 5000], ["the same file again", file.text, 0], ["changed values", (await importFile(db, () => 0)).text, 5000]] as const) {
      counter.reset();
      checks.mockClear();
      const result = await importValuesCsv(counted, text, admin);
      expect(result, name).toMatchObject({ ok: true, saved, unchanged: 5000 - saved });
      expect(checks.mock.calls.length, name).toBe(5000);
      expect(counter.indicatorLookups, name).toBe(1);
      // One `select … for update` per city, nothing else locks.
      expect(counter.forUpdate, name).toBe(file.cities);
      // Written in batches, with their audit rows: not one statement per row.
      expect(counter.total, name).toBeLessThan(100);
    }
  });
});
