import { and, count, desc, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { auditLog, cities, indicatorValues, indicators, users, valueImports } from "@/db/schema";
import type { Database } from "@/db/client";
import { exportValueRows, storedVersions, templateIndicators } from "@/db/queries/value-export";
import { listImportRecords } from "@/db/queries/import-history";
import { importValuesCsv } from "@/server/values/csv-import";
import { saveValueList } from "@/server/values/save";
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

/** Counts that any write would change: number of values, sum of versions and of values, audit rows. */
async function fingerprint(db: Database) {
  const [values] = await db
    .select({ n: count(), versions: sql<number>`coalesce(sum(${indicatorValues.version}), 0)`.mapWith(Number), total: sql<number>`coalesce(sum(${indicatorValues.value}), 0)`.mapWith(Number) })
    .from(indicatorValues);
  const [audit] = await db.select({ n: count() }).from(auditLog);
  return { values: values?.n, versions: values?.versions, total: values?.total, audit: audit?.n };
}

async function lastImport(db: Database) {
  const [row] = await db.select().from(valueImports).orderBy(desc(valueImports.id)).limit(1);
  return row ?? null;
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
    const result = await importValuesCsv(db(), text, officer, { fileName: "kushtia.csv" });
    expect(result).toMatchObject({
      ok: true,
      checkOnly: false,
      format: { delimiter: ",", decimalComma: false },
      hasVersion: false,
      saved: 2,
      unchanged: 0,
      skipped: 1,
      // No version column: the validated SD-2 was replaced, and the result says so.
      replaced: 1,
      errors: [],
      conflicts: [],
      cities: [expect.objectContaining({ slug: "kushtia", saved: 2, periods: [{ period: "2024-Q3", saved: 1 }, { period: "2025-Q1", saved: 1 }] })],
    });
    expect(await lastImport(db())).toMatchObject({ cityId: await cityId(db(), "kushtia"), userId: officer.id, fileName: "kushtia.csv", checkOnly: false, rowsSaved: 2, rowsUnchanged: 0, rowsRefused: 0, rowsConflicts: 0, delimiter: ",", decimalComma: false });

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
    const result = await importValuesCsv(db(), `${HEADER}kushtia,SD-2,2024-Q2,10,,\nkushtia,SD-3,2024-Q2,150,,\n`, officer, { fileName: "bad.csv" });
    expect(result).toMatchObject({ ok: false, saved: 0, errors: [{ row: 3, column: "value", messageKey: "validation.range.percent" }], totalErrors: 1, refusedRows: 1 });
    expect(await valueOf(db(), "kushtia", "SD-2", "2024-Q2")).toBeNull();
    expect(await fingerprint(db())).toEqual(before);
    // A refused import is in the history too, with nothing saved.
    expect(await lastImport(db())).toMatchObject({ fileName: "bad.csv", checkOnly: false, rowsSaved: 0, rowsRefused: 1 });
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
    expect(result).toMatchObject({ ok: false, errors: [{ row: 3, column: "city", messageKey: "csv.cityForbidden" }], totalErrors: 1 });
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
    expect(result).toMatchObject({ ok: false, errors: [{ row: 4, column: "value", messageKey: "values.lockedInReview" }], totalErrors: 1 });
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
    expect(result).toMatchObject({ ok: true, hasVersion: true, saved: 0, unchanged: again.length, skipped: 0, cities: [], conflicts: [] });
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
  it("imports a semicolon file with decimal commas, cities, codes and quarters in any case, and says how it was read", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const text = "\uFEFFCity;Indicator;Period;Value;Note\r\nKushtia;sd-2;2023-q2;70,5;Ward 3; checked\r\nKUSHTIA;Sd-3;2023-Q2;12;\r\n";
    const result = await importValuesCsv(db(), text, officer, { fileName: "excel-de.csv" });
    expect(result).toMatchObject({ ok: true, format: { delimiter: ";", decimalComma: true }, saved: 2, errors: [] });
    expect(await valueOf(db(), "kushtia", "SD-2", "2023-Q2")).toMatchObject({ value: 70.5, note: "Ward 3", status: "draft" });
    expect(await valueOf(db(), "kushtia", "SD-3", "2023-Q2")).toMatchObject({ value: 12 });
    expect(await lastImport(db())).toMatchObject({ fileName: "excel-de.csv", delimiter: ";", decimalComma: true, rowsSaved: 2 });
  });

  it("lists every problem of every row at once, one message per problem, naming row and column", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const before = await fingerprint(db());
    const text = [
      "city,indicator,period,value,note,evidence_url",
      // Three problems in one row: quarter, number, link.
      "kushtia,SD-3,2024-Q9,7O,,ftp://example.org",
      // Numbers JavaScript would take but people do not write.
      "kushtia,SD-3,2023-Q1,1e25,,",
      "kushtia,SD-4,2023-Q1,0x32,,",
      "kushtia,SD-2,2023-Q1,Infinity,,",
      // A plain 10^25 is a number, refused by the hard range for a count.
      "kushtia,GOV-4,2023-Q4,10000000000000000000000000,,",
      // An unknown city and an unknown indicator in the same row.
      "atlantis,XX-1,2023-Q1,1,,",
    ].join("\n");
    const result = await importValuesCsv(db(), text, admin);
    expect(result.ok).toBe(false);
    const byRow = (row: number) => result.errors.filter((e) => e.row === row).map((e) => e.column).sort();
    expect(byRow(2)).toEqual(["evidence_url", "period", "value"]);
    expect(result.errors.filter((e) => e.row === 2 && e.column === "period")).toEqual([{ row: 2, column: "period", messageKey: "validation.period" }]);
    for (const row of [3, 4, 5]) expect(byRow(row), `row ${row}`).toEqual(["value"]);
    expect(result.errors.find((e) => e.row === 3)?.messageKey).toBe("validation.number");
    expect(byRow(6)).toEqual(["value"]);
    expect(byRow(7)).toEqual(["city", "indicator"]);
    expect(result.refusedRows).toBe(6);
    expect(await fingerprint(db())).toEqual(before);
  });

  it("checks only: runs every check, reports what it would save, saves nothing and records the check", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const before = await fingerprint(db());
    const text = `${HEADER}kushtia,SD-2,2022-Q4,40,,\nkushtia,SD-3,2022-Q4,41,,\nkushtia,SD-4,2022-Q4,,,\n`;
    const result = await importValuesCsv(db(), text, officer, { checkOnly: true, fileName: "check.csv" });
    expect(result).toMatchObject({ ok: true, checkOnly: true, saved: 2, skipped: 1, errors: [], conflicts: [] });
    expect(await fingerprint(db())).toEqual(before);
    expect(await valueOf(db(), "kushtia", "SD-2", "2022-Q4")).toBeNull();
    expect(await lastImport(db())).toMatchObject({ fileName: "check.csv", checkOnly: true, rowsSaved: 2, rowsRefused: 0 });

    // The same checks as an import: a value waiting for review and a bad row are found without saving.
    const submitted = await valueOf(db(), "kushtia", "SD-2", "2026-Q3");
    const refused = await importValuesCsv(db(), `${HEADER}kushtia,SD-2,2026-Q3,${(submitted?.value ?? 0) === 1 ? 2 : 1},,\nkushtia,SD-3,2022-Q4,150,,\n`, officer, { checkOnly: true });
    expect(refused).toMatchObject({ ok: false, checkOnly: true, saved: 0 });
    expect(refused.errors.map((e) => [e.row, e.messageKey])).toEqual([
      [2, "values.lockedInReview"],
      [3, "validation.range.percent"],
    ]);
    expect(await fingerprint(db())).toEqual(before);

    // And the real import of the first file saves what the check announced.
    expect(await importValuesCsv(db(), text, officer)).toMatchObject({ ok: true, checkOnly: false, saved: 2 });
  });

  it("refuses an old export re-imported over a newer draft saved in the form since: a conflict, nothing overwritten", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const id = await cityId(db(), "kushtia");
    const exported = valuesToCsv(await collect(exportValueRows(db(), { cityId: id })));
    const line = exported.split("\r\n").find((l) => l.startsWith("kushtia,SD-3,2022-Q4,"));
    expect(line).toBeDefined();

    // Someone saves a newer draft in the form after the export.
    const [indicator] = await db().select({ id: indicators.id }).from(indicators).where(eq(indicators.code, "SD-3"));
    const stored = await valueOf(db(), "kushtia", "SD-3", "2022-Q4");
    await saveValueList(db(), officer, { cityId: id, entries: [{ indicator: "SD-3", period: "2022-Q4", value: 77, note: "corrected in the form", evidenceUrl: null, version: stored?.version ?? 0 }] });
    expect(indicator).toBeDefined();
    const newer = await valueOf(db(), "kushtia", "SD-3", "2022-Q4");
    expect(newer).toMatchObject({ value: 77, version: (stored?.version ?? 0) + 1 });

    const before = await fingerprint(db());
    const result = await importValuesCsv(db(), exported, officer, { fileName: "old-export.csv" });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([]);
    expect(result.conflicts).toEqual([
      expect.objectContaining({ row: expect.any(Number), city: "kushtia", indicator: "SD-3", period: "2022-Q4", fileValue: 41, fileVersion: stored?.version, currentValue: 77, currentVersion: newer?.version }),
    ]);
    expect(await fingerprint(db())).toEqual(before);
    expect(await valueOf(db(), "kushtia", "SD-3", "2022-Q4")).toMatchObject({ value: 77, note: "corrected in the form" });
    expect(await lastImport(db())).toMatchObject({ fileName: "old-export.csv", rowsSaved: 0, rowsConflicts: 1 });

    // The check finds the same conflict.
    expect((await importValuesCsv(db(), exported, officer, { checkOnly: true })).conflicts).toHaveLength(1);
    // An edited fresh export imports.
    const fresh = valuesToCsv(await collect(exportValueRows(db(), { cityId: id }))).replace(/\r\nkushtia,SD-3,2022-Q4,77,/, "\r\nkushtia,SD-3,2022-Q4,78,");
    expect(await importValuesCsv(db(), fresh, officer)).toMatchObject({ ok: true, saved: 1 });
  });

  it("treats an empty version cell as 'no value when the file was made': a value saved since is a conflict", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const id = await cityId(db(), "kushtia");
    // The template of a quarter lists stored versions; 2022-Q3 has none yet.
    const templateVersions = await storedVersions(db(), id, "2022-Q3");
    expect(templateVersions.size).toBe(0);
    await saveValueList(db(), officer, { cityId: id, entries: [{ indicator: "SD-2", period: "2022-Q3", value: 10, note: "", evidenceUrl: null }] });
    expect((await storedVersions(db(), id, "2022-Q3")).size).toBe(1);

    const versioned = "city,indicator,period,value,note,evidence_url,status,validated_value,version\n";
    const result = await importValuesCsv(db(), `${versioned}kushtia,SD-2,2022-Q3,11,,,,,\nkushtia,SD-3,2022-Q3,12,,,,,\n`, officer);
    expect(result).toMatchObject({ ok: false, conflicts: [expect.objectContaining({ row: 2, indicator: "SD-2", fileVersion: 0, currentValue: 10 })] });
    expect(await valueOf(db(), "kushtia", "SD-3", "2022-Q3")).toBeNull();
    // The same value as stored is no conflict, whatever the version says.
    expect(await importValuesCsv(db(), `${versioned}kushtia,SD-2,2022-Q3,10,,,,,\n`, officer)).toMatchObject({ ok: true, saved: 0, unchanged: 1 });
    // A version that is not a number is named.
    expect((await importValuesCsv(db(), `${versioned}kushtia,SD-2,2022-Q3,11,,,,,v2\n`, officer)).errors).toEqual([{ row: 2, column: "version", messageKey: "csv.badVersion" }]);
  });

  it("lists a city's imports and checks newest first, one page at a time, and every city's for reviewers", async () => {
    const id = await cityId(db(), "kushtia");
    const all = await listImportRecords(db(), { cityId: id, limit: 100, offset: 0 });
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(all.rows.map((r) => r.id)).toEqual([...all.rows.map((r) => r.id)].sort((a, b) => b - a));
    expect(all.rows.every((r) => r.citySlug === "kushtia")).toBe(true);
    expect(all.rows.some((r) => r.checkOnly)).toBe(true);
    expect(all.rows.find((r) => r.fileName === "excel-de.csv")).toMatchObject({ delimiter: ";", decimalComma: true, userName: expect.any(String) });
    const page2 = await listImportRecords(db(), { cityId: id, limit: 2, offset: 2 });
    expect(page2.rows.map((r) => r.id)).toEqual(all.rows.slice(2, 4).map((r) => r.id));
    expect(page2.total).toBe(all.total);
    const everyCity = await listImportRecords(db(), { limit: 100, offset: 0 });
    expect(everyCity.total).toBeGreaterThanOrEqual(all.total);
    expect(new Set(everyCity.rows.map((r) => r.citySlug)).has("jhenaidah")).toBe(true);
    expect((await listImportRecords(db(), { cityId: await cityId(db(), "netrokona"), limit: 10, offset: 0 })).total).toBe(0);
  });

  it("exports numbers in plain decimal notation, and no version with validated figures", async () => {
    const id = await cityId(db(), "kushtia");
    // A value stored before the hard ranges existed (issue 12: 1e25 got through then).
    const [row] = await db().select({ id: indicatorValues.id }).from(indicatorValues).where(and(eq(indicatorValues.cityId, id), eq(indicatorValues.period, "2022-Q4"))).limit(1);
    await db().update(indicatorValues).set({ value: 1e25 }).where(eq(indicatorValues.id, row?.id ?? -1));
    const csv = valuesToCsv(await collect(exportValueRows(db(), { cityId: id })));
    expect(csv).toContain(",10000000000000000000000000,");
    expect(csv).not.toMatch(/\d[eE][+-]?\d/);
    const validated = await collect(exportValueRows(db(), { cityId: id, validatedOnly: true }));
    expect(validated.length).toBeGreaterThan(0);
    expect(validated.every((r) => r.version === null && r.status === "validated")).toBe(true);
  });
});
