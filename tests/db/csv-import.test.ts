import { and, count, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { auditLog, cities, indicatorValues, indicators, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { exportValueRows, templateIndicators } from "@/db/queries/value-export";
import { importValuesCsv } from "@/server/values/csv-import";
import { valuesToCsv, type CsvValueRow } from "@/lib/csv";
import type { Actor } from "@/lib/permissions";

const HEADER = "city,indicator,period,value,note,evidence_url\n";

async function actor(db: Database, email: string): Promise<Actor> {
  const [row] = await db.select({ id: users.id, role: users.role, cityId: users.cityId }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row;
}

async function cityId(db: Database, slug: string): Promise<number> {
  const [row] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
  if (!row) throw new Error(`no city ${slug}`);
  return row.id;
}

async function valueOf(db: Database, slug: string, code: string, period: string) {
  const [row] = await db
    .select({ value: indicatorValues.value, note: indicatorValues.note, evidenceUrl: indicatorValues.evidenceUrl, status: indicatorValues.status, version: indicatorValues.version, validatedValue: indicatorValues.validatedValue })
    .from(indicatorValues)
    .innerJoin(cities, eq(cities.id, indicatorValues.cityId))
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(and(eq(cities.slug, slug), eq(indicators.code, code), eq(indicatorValues.period, period)));
  return row ?? null;
}

/** Counts that any write would change: number of values, sum of versions, audit rows. */
async function fingerprint(db: Database) {
  const [values] = await db.select({ n: count(), versions: sql<number>`coalesce(sum(${indicatorValues.version}), 0)`.mapWith(Number) }).from(indicatorValues);
  const [audit] = await db.select({ n: count() }).from(auditLog);
  return { values: values?.n, versions: values?.versions, audit: audit?.n };
}

async function collect(generator: AsyncGenerator<CsvValueRow[]>): Promise<CsvValueRow[]> {
  const rows: CsvValueRow[] = [];
  for await (const batch of generator) rows.push(...batch);
  return rows;
}

describeDb("CSV import and export of indicator values", (db) => {
  it("imports a good file as drafts, skipping rows without a value", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const before = await valueOf(db(), "kushtia", "SD-2", "2025-Q1");
    expect(before?.status).toBe("validated");
    const text = `\uFEFF${HEADER}kushtia,SD-2,2025-Q1,55.5,"ওয়ার্ড ৩, উত্তর অংশ",https://example.org/sd2.pdf\nKUSHTIA,sd-3,2024-Q3,12,,\nkushtia,SD-4,2024-Q3,,,\n`;
    const result = await importValuesCsv(db(), text, officer);
    expect(result).toEqual({ ok: true, saved: 2, unchanged: 0, skipped: 1, cities: [expect.objectContaining({ slug: "kushtia", saved: 2, periods: [{ period: "2024-Q3", saved: 1 }, { period: "2025-Q1", saved: 1 }] })] });

    const changed = await valueOf(db(), "kushtia", "SD-2", "2025-Q1");
    expect(changed).toMatchObject({ value: 55.5, note: "ওয়ার্ড ৩, উত্তর অংশ", evidenceUrl: "https://example.org/sd2.pdf", status: "draft", version: (before?.version ?? 0) + 1 });
    // The validated value keeps counting until the new one is validated.
    expect(changed?.validatedValue).toBe(before?.validatedValue);
    expect(await valueOf(db(), "kushtia", "SD-3", "2024-Q3")).toMatchObject({ value: 12, status: "draft", version: 1 });
    expect(await valueOf(db(), "kushtia", "SD-4", "2024-Q3")).toBeNull();
  });

  it("writes nothing when one row is out of range, and names its row, column and message", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const before = await fingerprint(db());
    const result = await importValuesCsv(db(), `${HEADER}kushtia,SD-2,2024-Q2,10,,\nkushtia,SD-3,2024-Q2,150,,\n`, officer);
    expect(result).toEqual({ ok: false, errors: [{ row: 3, column: "value", messageKey: "validation.range.percent" }], totalErrors: 1 });
    expect(await valueOf(db(), "kushtia", "SD-2", "2024-Q2")).toBeNull();
    expect(await fingerprint(db())).toEqual(before);
  });

  it("refuses unknown cities and indicators, bad quarters, duplicates and annual values outside Q4", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const before = await fingerprint(db());
    const text = [
      "city,indicator,period,value,note,evidence_url",
      "atlantis,SD-2,2024-Q2,10,,",
      "kushtia,XX-9,2024-Q2,10,,",
      "kushtia,SD-2,2024-Q5,10,,",
      "kushtia,SD-1,2024-Q2,10,,",
      "kushtia,SD-3,2024-Q2,ten,,",
      "kushtia,SD-3,2024-Q1,5,,ftp://example.org",
      "kushtia,GOV-4,2024-Q2,1,,",
      "kushtia,GOV-4,2024-Q2,2,,",
      ",SD-2,2024-Q2,1,,",
      "kushtia,SD-2,2024-Q2,,a note without a value,",
    ].join("\n");
    const result = await importValuesCsv(db(), text, admin);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { row: 2, column: "city", messageKey: "csv.cityUnknown" },
      { row: 3, column: "indicator", messageKey: "validation.indicatorUnknown" },
      { row: 4, column: "period", messageKey: "validation.period" },
      { row: 5, column: "period", messageKey: "validation.annualQ4" },
      { row: 6, column: "value", messageKey: "validation.number" },
      { row: 7, column: "evidence_url", messageKey: "validation.url" },
      { row: 9, column: "indicator", messageKey: "validation.duplicateRow" },
      { row: 10, column: "city", messageKey: "validation.required" },
      { row: 11, column: "value", messageKey: "csv.valueMissing" },
    ]);
    expect(result.totalErrors).toBe(9);
    expect(await fingerprint(db())).toEqual(before);
  });

  it("refuses an officer's row for another city, and then writes none of the file", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const before = await fingerprint(db());
    const result = await importValuesCsv(db(), `${HEADER}kushtia,SD-2,2024-Q1,10,,\njhenaidah,SD-2,2024-Q1,10,,\n`, officer);
    expect(result).toEqual({ ok: false, errors: [{ row: 3, column: "city", messageKey: "csv.cityForbidden" }], totalErrors: 1 });
    expect(await valueOf(db(), "kushtia", "SD-2", "2024-Q1")).toBeNull();
    expect(await fingerprint(db())).toEqual(before);
  });

  it("refuses to change a value waiting for review, mapping the error to the file row, across cities", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const submitted = await valueOf(db(), "kushtia", "SD-2", "2026-Q3");
    expect(submitted?.status).toBe("submitted");
    const before = await fingerprint(db());
    const text = `${HEADER}jhenaidah,SD-3,2024-Q1,20,,\nkushtia,SD-3,2024-Q1,20,,\nkushtia,SD-2,2026-Q3,${(submitted?.value ?? 0) === 1 ? 2 : 1},,\n`;
    const result = await importValuesCsv(db(), text, admin);
    expect(result).toEqual({ ok: false, errors: [{ row: 4, column: "value", messageKey: "values.lockedInReview" }], totalErrors: 1 });
    expect(await fingerprint(db())).toEqual(before);
    expect(await valueOf(db(), "jhenaidah", "SD-3", "2024-Q1")).toBeNull();
  });

  it("round trip: an exported city imports again unchanged, without new versions", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const id = await cityId(db(), "kushtia");
    // Small batches, so the keyset pagination is crossed many times.
    const rows = await collect(exportValueRows(db(), { cityId: id }, 37));
    const [stored] = await db().select({ n: count() }).from(indicatorValues).where(eq(indicatorValues.cityId, id));
    expect(rows).toHaveLength(stored?.n ?? -1);
    expect(new Set(rows.map((r) => `${r.indicator}:${r.period}`)).size).toBe(rows.length);
    expect(rows.some((r) => r.status === "submitted")).toBe(true);
    expect(rows.some((r) => r.status === "draft")).toBe(true);
    expect(rows.every((r) => r.city === "kushtia")).toBe(true);

    // Notes a spreadsheet would run as formulas survive the trip too.
    const noted = await importValuesCsv(db(), `${HEADER}kushtia,SD-3,2024-Q3,12,"=HYPERLINK(""http://x""), -1",\nkushtia,SD-4,2024-Q3,3,"first line\r\nsecond line",\n`, admin);
    expect(noted.ok).toBe(true);
    const again = await collect(exportValueRows(db(), { cityId: id }));
    const csv = valuesToCsv(again);
    expect(csv).toContain(`"'=HYPERLINK(""http://x""), -1"`);

    const before = await fingerprint(db());
    const result = await importValuesCsv(db(), csv, admin);
    expect(result).toEqual({ ok: true, saved: 0, unchanged: again.length, skipped: 0, cities: [] });
    expect(await fingerprint(db())).toEqual(before);
    expect(await valueOf(db(), "kushtia", "SD-3", "2024-Q3")).toMatchObject({ note: '=HYPERLINK("http://x"), -1' });
    expect(await valueOf(db(), "kushtia", "SD-4", "2024-Q3")).toMatchObject({ note: "first line\r\nsecond line" });
  });

  it("filters the export by component, quarters and status", async () => {
    const id = await cityId(db(), "jhenaidah");
    const rows = await collect(exportValueRows(db(), { cityId: id, from: "2025-Q1", to: "2025-Q4", statuses: ["validated"] }, 10));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.period >= "2025-Q1" && r.period <= "2025-Q4" && r.status === "validated" && r.city === "jhenaidah")).toBe(true);

    const [governance] = await db().select({ componentId: indicators.componentId }).from(indicators).where(eq(indicators.code, "GOV-1"));
    const gov = await collect(exportValueRows(db(), { componentId: governance?.componentId ?? -1, from: "2025-Q4", to: "2025-Q4" }));
    expect(gov.length).toBeGreaterThan(0);
    expect(gov.every((r) => r.indicator.startsWith("GOV-"))).toBe(true);
    expect(await collect(exportValueRows(db(), { statuses: [] }))).toEqual([]);
  });

  it("lists the template's indicators: all 32 in Q4, only quarterly ones otherwise", async () => {
    const all = await templateIndicators(db());
    expect(all).toHaveLength(32);
    expect(all[0]?.code).toBe("GOV-1");
    expect(all.filter((i) => i.frequency === "quarterly")).toHaveLength(11);
  });
});
