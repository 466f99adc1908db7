import { and, count, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeDb } from "./support";
import { actorByEmail } from "./event-fixtures";
import type { Database } from "@/db/client";
import { auditLog, cities, indicatorValues, indicators, resources } from "@/db/schema";
import { allCityValues } from "@/db/queries/api-read";
import { importValuesCsv } from "@/server/values/csv-import";
import { saveEntryForm } from "@/server/values/entry-form";
import { saveValueBody, saveValueList, saveValues } from "@/server/values/save";
import { RowErrorsError, ValueConflictError } from "@/lib/errors";
import { translator } from "@/lib/i18n/messages";
import { earliestPeriodFor } from "@/lib/periods";
import { valueEntrySchema } from "@/lib/validation/values";

// The current quarter when these tests were written is 2026-Q4; no demo value uses it.
const PERIOD = "2026-Q4";

async function cityRow(db: Database, slug: string) {
  const [row] = await db.select({ id: cities.id, joinedOn: cities.joinedOn, earliestPeriod: cities.earliestPeriod }).from(cities).where(eq(cities.slug, slug));
  if (!row) throw new Error(`no city ${slug}`);
  return row;
}

async function stored(db: Database, cityId: number, code: string, period: string) {
  const [row] = await db
    .select({ value: indicatorValues.value, evidenceUrl: indicatorValues.evidenceUrl, explanation: indicatorValues.explanation, flags: indicatorValues.flags, previousValue: indicatorValues.previousValue, previousPeriod: indicatorValues.previousPeriod, evidenceResourceId: indicatorValues.evidenceResourceId, version: indicatorValues.version })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(and(eq(indicatorValues.cityId, cityId), eq(indicators.code, code), eq(indicatorValues.period, period)));
  return row ?? null;
}

const totals = async (db: Database) => ({
  values: (await db.select({ n: count() }).from(indicatorValues))[0]?.n,
  audits: (await db.select({ n: count() }).from(auditLog))[0]?.n,
});

/** The indicators' ranges as the framework file's units define them, so the seed's choices do not matter here. */
async function unitDefaults(db: Database, codes: string[]) {
  for (const code of codes) await db.update(indicators).set({ hardMin: null, hardMax: null, expectedMin: null, expectedMax: null, expectedPerCapita: false, maxChange: null }).where(eq(indicators.code, code));
}

function formOf(period: string, rows: Record<string, { value: string; evidence?: string; note?: string; explanation?: string; evidenceResourceId?: string; version?: string }>) {
  const form = new FormData();
  for (const [code, r] of Object.entries(rows)) {
    form.append("changed", code);
    form.set(`value.${code}`, r.value);
    form.set(`note.${code}`, r.note ?? "");
    form.set(`evidence.${code}`, r.evidence ?? "");
    if (r.explanation !== undefined) form.set(`explanation.${code}`, r.explanation);
    if (r.evidenceResourceId !== undefined) form.set(`evidenceResourceId.${code}`, r.evidenceResourceId);
    form.set(`version.${code}`, r.version ?? "");
  }
  return { period, codes: Object.keys(rows), formData: form };
}

// −5 for a percentage, 150 %, 2.5 for a count, 400 days, a javascript: link.
const FIVE = [
  { indicator: "SD-2", value: "-5", evidence: "" },
  { indicator: "SD-3", value: "150", evidence: "" },
  { indicator: "GOV-4", value: "2.5", evidence: "" },
  { indicator: "SD-4", value: "400", evidence: "" },
  { indicator: "SD-5", value: "50", evidence: "javascript:alert(1)" },
];
const FIVE_EXPECTED = [
  ["SD-2", "value", "validation.range.percent"],
  ["SD-3", "value", "validation.range.percent"],
  ["GOV-4", "value", "validation.wholeNumber"],
  ["SD-4", "value", "validation.range.days"],
  ["SD-5", "evidenceUrl", "validation.url"],
];

describe("a bad period is one problem", () => {
  it.each(["2026-Q9", "26-Q1", "", "1999-Q4", "2099-Q1"])("%j gives one message", (period) => {
    const parsed = valueEntrySchema.safeParse({ indicator: "SD-3", period, value: 50 });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.filter((i) => i.path[0] === "period")).toHaveLength(1);
  });
});

describeDb("rules for a value", (db) => {
  it("lists all five problems of a five-problem save at once: form, CSV and API", async () => {
    await unitDefaults(db(), ["SD-2", "SD-3", "GOV-4", "SD-4", "SD-5"]);
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const admin = await actorByEmail(db(), "admin@demo.cwis");
    const kushtia = await cityRow(db(), "kushtia");
    const before = await totals(db());

    // The form action's path (saveEntryForm is all its run() does).
    const form = await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf(PERIOD, Object.fromEntries(FIVE.map((r) => [r.indicator, { value: r.value, evidence: r.evidence }]))) });
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(Object.entries(form.fieldErrors).flatMap(([name, keys]) => keys.map((k) => `${name} ${k}`)).sort()).toEqual(FIVE_EXPECTED.map(([code, field, key]) => `${code}.${field} ${key}`).sort());
    expect(form.formError).toBeNull();

    // The CSV import (which saves through writeValues).
    const csv = await importValuesCsv(db(), ["city,indicator,period,value,note,evidence_url", ...FIVE.map((r) => `kushtia,${r.indicator},${PERIOD},${r.value},,${r.evidence}`)].join("\n"), admin);
    expect(csv.ok).toBe(false);
    expect(csv.errors.map((e) => `${e.row} ${e.column} ${e.messageKey}`)).toEqual(["2 value validation.range.percent", "3 value validation.range.percent", "4 value validation.wholeNumber", "5 value validation.range.days", "6 evidence_url validation.url"]);

    // The API's PUT body: one 422 with every row.
    const refused = await saveValueBody(db(), officer, { cityId: kushtia.id, body: FIVE.map((r) => ({ indicator: r.indicator, period: PERIOD, value: Number(r.value), evidenceUrl: r.evidence })), overwrite: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RowErrorsError);
    const rows = (refused as RowErrorsError).rows;
    expect(rows.map((r) => `${r.row} ${r.field} ${r.messageKey}`)).toEqual(["1 value validation.range.percent", "2 value validation.range.percent", "3 value validation.wholeNumber", "4 value validation.range.days", "5 evidenceUrl validation.url"]);

    expect(await totals(db())).toEqual(before);
  });

  it("lists a row's range problem even when its link is bad too", async () => {
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const kushtia = await cityRow(db(), "kushtia");
    const refused = await saveValueBody(db(), officer, { cityId: kushtia.id, body: [{ indicator: "SD-3", period: PERIOD, value: 150, evidenceUrl: "javascript:x" }, { indicator: "SD-3", period: "2026-Q9", value: 5 }], overwrite: false }).catch((e: unknown) => e);
    expect((refused as RowErrorsError).rows.map((r) => `${r.row} ${r.field} ${r.messageKey}`)).toEqual(["1 evidenceUrl validation.url", "1 value validation.range.percent", "2 period validation.period"]);
  });

  it("parses numbers strictly: hex and exponents refused, Bangla digits saved as the number", async () => {
    await unitDefaults(db(), ["SD-2", "SD-3", "GOV-4", "WE-1"]);
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const kushtia = await cityRow(db(), "kushtia");

    const replayed = await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf(PERIOD, { "SD-2": { value: "0x32" }, "SD-3": { value: "1e1" }, "GOV-4": { value: "Infinity" } }) });
    expect(replayed.ok).toBe(false);
    if (!replayed.ok) expect(replayed.fieldErrors).toEqual({ "SD-2.value": ["validation.number"], "SD-3.value": ["validation.number"], "GOV-4.value": ["validation.number"] });
    expect(await stored(db(), kushtia.id, "SD-2", PERIOD)).toBeNull();

    const bangla = await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf(PERIOD, { "SD-2": { value: "৭০.৫" }, "SD-3": { value: "७०.५" } }) });
    expect(bangla).toMatchObject({ ok: true, saved: 2 });
    expect((await stored(db(), kushtia.id, "SD-2", PERIOD))?.value).toBe(70.5);
    expect((await stored(db(), kushtia.id, "SD-3", PERIOD))?.value).toBe(70.5);

    // The API: JSON numbers, and numeric strings through the same parser; the hard range refuses 1e25 and 1e308.
    const api = await saveValueBody(db(), officer, { cityId: kushtia.id, body: [{ indicator: "GOV-4", period: PERIOD, value: 1e25 }, { indicator: "WE-1", period: PERIOD, value: 1e308 }, { indicator: "SD-5", period: PERIOD, value: "0x32" }], overwrite: false }).catch((e: unknown) => e);
    expect((api as RowErrorsError).rows).toEqual([
      { row: 1, field: "value", messageKey: "validation.range.between", params: { min: 0, max: 10_000_000 } },
      { row: 2, field: "value", messageKey: "validation.range.between", params: { min: 0, max: 10_000_000 } },
      { row: 3, field: "value", messageKey: "validation.number" },
    ]);
    expect(translator("en")("validation.range.between", { min: 0, max: 10_000_000 })).toBe("Enter a value between 0 and 10,000,000.");
    const saved = await saveValueBody(db(), officer, { cityId: kushtia.id, body: [{ indicator: "SD-5", period: PERIOD, value: "৬০" }], overwrite: false });
    expect(saved.map((v) => v.value)).toEqual([60]);
  });

  it("accepts values from the city's earliest quarter, and says which quarter that is", async () => {
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const kushtia = await cityRow(db(), "kushtia");
    // Five years before joining (2023-01-15): 2018-Q1.
    expect(earliestPeriodFor(kushtia)).toBe("2018-Q1");
    const early = await saveValues(db(), officer, { cityId: kushtia.id, rows: [{ key: 1, ...valueEntrySchema.parse({ indicator: "SD-3", period: "2017-Q4", value: 40 }) }] });
    expect(early.rowErrors).toEqual([{ key: 1, field: "period", messageKey: "validation.periodTooEarly", params: { earliest: "2018-Q1" } }]);
    expect(translator("en")("validation.periodTooEarly", { earliest: "2018-Q1" })).toBe("Values are accepted from 2018-Q1 onwards.");
    const ok = await saveValues(db(), officer, { cityId: kushtia.id, rows: [{ key: 1, ...valueEntrySchema.parse({ indicator: "SD-3", period: "2018-Q1", value: 40 }) }] });
    expect(ok.rowErrors).toEqual([]);

    // The city's own setting wins; the form says it once, above the rows.
    await db().update(cities).set({ earliestPeriod: "2020-Q2" }).where(eq(cities.id, kushtia.id));
    const form = await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf("2020-Q1", { "SD-2": { value: "40" }, "SD-3": { value: "41" } }) });
    expect(form).toMatchObject({ ok: false, fieldErrors: {}, formError: { messageKey: "validation.periodTooEarly", vars: { earliest: "2020-Q2" } } });
    expect(await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf("2020-Q2", { "SD-2": { value: "40" } }) })).toMatchObject({ ok: true });
    // The CSV import too (through writeValues).
    const admin = await actorByEmail(db(), "admin@demo.cwis");
    const csv = await importValuesCsv(db(), `city,indicator,period,value\nkushtia,SD-3,2019-Q4,40\n`, admin);
    expect(csv.errors).toEqual([expect.objectContaining({ row: 2, column: "period", messageKey: "validation.periodTooEarly" })]);
    await db().update(cities).set({ earliestPeriod: null }).where(eq(cities.id, kushtia.id));
  });

  it("flags an unusual value at save, with the last validated value it was compared with, and keeps the explanation", async () => {
    await unitDefaults(db(), ["GOV-4"]);
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const kushtia = await cityRow(db(), "kushtia");
    const [gov4] = await db().select({ id: indicators.id }).from(indicators).where(eq(indicators.code, "GOV-4"));
    const [last] = await db()
      .select({ period: indicatorValues.period, value: indicatorValues.validatedValue })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.cityId, kushtia.id), eq(indicatorValues.indicatorId, gov4?.id ?? 0), isNotNull(indicatorValues.validatedValue), lt(indicatorValues.period, PERIOD)))
      .orderBy(desc(indicatorValues.period))
      .limit(1);
    expect(last?.value).not.toBeNull();
    const previous = last?.value ?? 0;
    const tenfold = (previous + 1) * 10;

    const form = await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf(PERIOD, { "GOV-4": { value: String(tenfold), explanation: "Two new private operators licensed" } }) });
    expect(form).toEqual({ ok: true, saved: 1, flagged: [{ code: "GOV-4", flags: ["large_change"] }] });
    expect(await stored(db(), kushtia.id, "GOV-4", PERIOD)).toMatchObject({ value: tenfold, flags: ["large_change"], previousValue: previous, previousPeriod: last?.period, explanation: "Two new private operators licensed" });

    // An ordinary value clears the flag; an edit that sends no explanation keeps the stored one.
    const [ordinary] = await saveValueList(db(), officer, { cityId: kushtia.id, entries: [valueEntrySchema.parse({ indicator: "GOV-4", period: PERIOD, value: previous, version: 1 })] });
    expect(ordinary).toMatchObject({ flags: [], previous: { period: last?.period, value: previous }, explanation: "Two new private operators licensed" });
    expect(await stored(db(), kushtia.id, "GOV-4", PERIOD)).toMatchObject({ flags: [], version: 2 });

    // The expected range, per capita: 2–10 per 100,000 residents is 2.64–13.2 for Kushtia (132,000).
    await db().update(indicators).set({ expectedMin: 2, expectedMax: 10, expectedPerCapita: true, maxChange: 1000 }).where(eq(indicators.code, "GOV-4"));
    const [outside] = await saveValueList(db(), officer, { cityId: kushtia.id, entries: [valueEntrySchema.parse({ indicator: "GOV-4", period: PERIOD, value: 14, version: 2 })] });
    expect(outside?.flags).toEqual(["outside_expected"]);
    const [inside] = await saveValueList(db(), officer, { cityId: kushtia.id, entries: [valueEntrySchema.parse({ indicator: "GOV-4", period: PERIOD, value: 13, version: 3 })] });
    expect(inside?.flags).toEqual([]);
    await unitDefaults(db(), ["GOV-4"]);
  });

  it("stores an evidence file only from the same city's library", async () => {
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const kushtia = await cityRow(db(), "kushtia");
    const meherpur = await cityRow(db(), "meherpur");
    const [own] = await db().insert(resources).values({ title: "Licence register scan", type: "report", language: "bn", cityId: kushtia.id, externalUrl: "https://example.org/scan" }).returning({ id: resources.id });
    const [other] = await db().insert(resources).values({ title: "Another city's scan", type: "report", language: "bn", cityId: meherpur.id, externalUrl: "https://example.org/other" }).returning({ id: resources.id });

    const refused = await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf(PERIOD, { "BCC-1": { value: "30", evidenceResourceId: String(other?.id) }, "BCC-2": { value: "30", evidenceResourceId: "999999" }, "BCC-3": { value: "30", evidenceResourceId: "abc" } }) });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { "BCC-1.evidenceResourceId": ["validation.evidenceResource"], "BCC-2.evidenceResourceId": ["validation.evidenceResource"], "BCC-3.evidenceResourceId": ["validation.evidenceResource"] } });

    expect(await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf(PERIOD, { "BCC-1": { value: "30", evidenceResourceId: String(own?.id) } }) })).toMatchObject({ ok: true });
    expect((await stored(db(), kushtia.id, "BCC-1", PERIOD))?.evidenceResourceId).toBe(own?.id);
    // "" clears it.
    expect(await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf(PERIOD, { "BCC-1": { value: "30", evidenceResourceId: "", version: "1" } }) })).toMatchObject({ ok: true });
    expect((await stored(db(), kushtia.id, "BCC-1", PERIOD))?.evidenceResourceId).toBeNull();
  });

  it("stores and answers a missing evidence link as null, never an empty string", async () => {
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const kushtia = await cityRow(db(), "kushtia");
    await saveEntryForm(db(), officer, { cityId: kushtia.id, ...formOf(PERIOD, { "DF-1": { value: "20", evidence: "  " } }) });
    await saveValueBody(db(), officer, { cityId: kushtia.id, body: [{ indicator: "WE-2", period: PERIOD, value: 20, evidenceUrl: "" }, { indicator: "BCC-2", period: PERIOD, value: 20 }], overwrite: false });
    expect((await stored(db(), kushtia.id, "DF-1", PERIOD))?.evidenceUrl).toBeNull();
    expect((await stored(db(), kushtia.id, "WE-2", PERIOD))?.evidenceUrl).toBeNull();
    const [empty] = await db().select({ n: count() }).from(indicatorValues).where(eq(indicatorValues.evidenceUrl, ""));
    expect(empty?.n).toBe(0);
    const answered = await allCityValues(db(), kushtia.id, { from: PERIOD, to: PERIOD });
    expect(answered.length).toBeGreaterThan(2);
    for (const v of answered) expect(v.evidenceUrl === null || v.evidenceUrl.startsWith("http")).toBe(true);
  });

  it("treats an API write without a version over a stored value as a conflict, unless told to overwrite", async () => {
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const kushtia = await cityRow(db(), "kushtia");
    await saveValueBody(db(), officer, { cityId: kushtia.id, body: [{ indicator: "DF-1", period: "2026-Q4", value: 21, version: 0 }], overwrite: false }).catch(() => undefined);
    const current = await stored(db(), kushtia.id, "DF-1", PERIOD);
    expect(current).not.toBeNull();
    const before = await totals(db());

    const conflict = await saveValueBody(db(), officer, { cityId: kushtia.id, body: [{ indicator: "DF-1", period: PERIOD, value: 99 }], overwrite: false }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ValueConflictError);
    expect((conflict as ValueConflictError).messageKey).toBe("values.versionMissing");
    expect((conflict as ValueConflictError).conflicts).toEqual([expect.objectContaining({ row: 1, indicator: "DF-1", currentValue: current?.value, currentVersion: current?.version, reason: "unversioned" })]);
    expect(await totals(db())).toEqual(before);

    // The same value again is no change, not a conflict.
    const same = await saveValueBody(db(), officer, { cityId: kushtia.id, body: [{ indicator: "DF-1", period: PERIOD, value: current?.value }], overwrite: false });
    expect(same.map((v) => v.version)).toEqual([current?.version]);
    const overwritten = await saveValueBody(db(), officer, { cityId: kushtia.id, body: [{ indicator: "DF-1", period: PERIOD, value: 99 }], overwrite: true });
    expect(overwritten).toMatchObject([{ value: 99, version: (current?.version ?? 0) + 1 }]);
  });

  it("compares each row of a batch over several quarters with its own last validated quarter", async () => {
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const kushtia = await cityRow(db(), "kushtia");
    const [history] = await db().select({ n: count() }).from(indicatorValues).where(and(eq(indicatorValues.cityId, kushtia.id), isNotNull(indicatorValues.validatedValue)));
    expect(history?.n).toBeGreaterThan(0);
    // A 32-row save over many quarters still answers each row's own previous quarter.
    const rows = ["2019-Q4", "2020-Q4", "2021-Q4"].map((period, i) => ({ key: i + 1, ...valueEntrySchema.parse({ indicator: "SD-1", period, value: 10 * (i + 1) }) }));
    const first = await saveValues(db(), officer, { cityId: kushtia.id, rows });
    expect(first.rowErrors).toEqual([]);
    await db().update(indicatorValues).set({ validatedValue: sql`${indicatorValues.value}`, validatedAt: sql`now()`, status: "validated" }).where(and(eq(indicatorValues.cityId, kushtia.id), sql`${indicatorValues.period} in ('2019-Q4', '2020-Q4')`));
    const next = await saveValues(db(), officer, { cityId: kushtia.id, rows: [{ key: 1, ...valueEntrySchema.parse({ indicator: "SD-1", period: "2021-Q4", value: 90, version: 1 }) }, { key: 2, ...valueEntrySchema.parse({ indicator: "SD-1", period: "2020-Q4", value: 11, version: 1 }) }] });
    expect(next.saved.map((v) => [v.period, v.previous, v.flags])).toEqual([
      ["2021-Q4", { period: "2020-Q4", value: 20 }, ["large_change"]],
      ["2020-Q4", { period: "2019-Q4", value: 10 }, []],
    ]);
  });
});
