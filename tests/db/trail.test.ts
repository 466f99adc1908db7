import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { and, desc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb, seededUser } from "./support";
import type { Database } from "@/db/client";
import { cities, indicatorValues, indicators, users } from "@/db/schema";
import { listAudit, valueTrail, writeAuditRows } from "@/db/queries/audit";
import { allCityValues } from "@/db/queries/api-read";
import { valueAuditView } from "@/db/queries/indicator-values";
import { updateUserTimeZone, timeZoneContext } from "@/db/queries/users";
import { saveValueList } from "@/server/values/save";
import { reviewValues, submitPeriod } from "@/server/values/workflow";
import { ValueTrail } from "@/components/values/ValueTrail";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { formatters, translator } from "@/lib/i18n/messages";
import { auditActionName, auditRecordLabel, describeValueChange } from "@/lib/i18n/trail";
import { resolveTimeZone } from "@/lib/time";

// A quarter long past that no demo value or other test file uses: this file's values alone.
const PERIOD = "2023-Q1";

async function city(db: Database, slug: string) {
  const [row] = await db.select({ id: cities.id, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe }).from(cities).where(eq(cities.slug, slug));
  if (!row) throw new Error(`seeded city ${slug} missing`);
  return row;
}

async function indicator(db: Database, code: string) {
  const [row] = await db.select({ id: indicators.id, code: indicators.code, unit: indicators.unit, nameEn: indicators.nameEn, nameBn: indicators.nameBn, nameNe: indicators.nameNe }).from(indicators).where(eq(indicators.code, code));
  if (!row) throw new Error(`indicator ${code} missing`);
  return row;
}

const render = (locale: Locale, rows: Awaited<ReturnType<typeof valueTrail>>, unit: "percent") =>
  renderToStaticMarkup(createElement(ValueTrail, { entries: rows, unit, t: translator(locale), format: formatters(locale, "Asia/Kathmandu") })).replaceAll("&#x27;", "'");

describeDb("a trail a reviewer can read", (db) => {
  it("keeps each change of a value with its note, evidence, status, comment and who, in every language", async () => {
    const officer = await seededUser(db(), "officer.mahalaxmi@demo.cwis");
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const mahalaxmi = await city(db(), "mahalaxmi");
    const sd3 = await indicator(db(), "SD-3");
    // A value and its three audit rows as the write path and the workflow keep them (valueAuditView).
    const [row] = await db()
      .insert(indicatorValues)
      .values({ cityId: mahalaxmi.id, indicatorId: sd3.id, period: PERIOD, value: 61.5, note: "Ward survey, 412 households", evidenceUrl: "https://example.org/survey.pdf", status: "returned", enteredBy: officer.id, reviewComment: "Attach the ward 7 sheet" })
      .returning();
    if (!row) throw new Error("insert failed");
    const draft = valueAuditView({ ...row, status: "draft", version: 1, reviewComment: null });
    const submitted = { ...draft, status: "submitted" as const, version: 2 };
    const returned = { ...submitted, status: "returned" as const, version: 3, reviewComment: "Attach the ward 7 sheet" };
    await writeAuditRows(db(), [
      { actorId: officer.id, action: "value.save", entity: "indicator_value", entityId: row.id, before: null, after: draft },
      { actorId: officer.id, action: "value.submit", entity: "indicator_value", entityId: row.id, before: draft, after: submitted },
      { actorId: reviewer.id, action: "value.return", entity: "indicator_value", entityId: row.id, before: submitted, after: returned },
    ]);

    const trail = await valueTrail(db(), mahalaxmi.id, sd3.id);
    const mine = trail.filter((r) => r.period === PERIOD);
    expect(mine.map((r) => [r.actorName, r.period])).toEqual([
      [reviewer.name, PERIOD],
      [officer.name, PERIOD],
      [officer.name, PERIOD],
    ]);
    const [decision, submission, save] = mine.map((r) => describeValueChange(r.before, r.after));
    expect(save).toMatchObject({ value: 61.5, previousStatus: null, status: "draft", note: "Ward survey, 412 households", evidenceUrl: "https://example.org/survey.pdf", reviewComment: null });
    expect(submission).toMatchObject({ status: "submitted", previousStatus: "draft", statusChanged: true, valueChanged: false, reviewComment: null });
    expect(decision).toMatchObject({ status: "returned", previousStatus: "submitted", reviewComment: "Attach the ward 7 sheet" });

    const words: Record<Locale, { returned: string; action: string; comment: string }> = {
      en: { returned: "Returned", action: "Returned for correction", comment: "Reviewer's comment" },
      bn: { returned: "ফেরত", action: "সংশোধনের জন্য ফেরত", comment: "পর্যালোচকের মন্তব্য" },
      ne: { returned: "फिर्ता", action: "सच्याउन फिर्ता", comment: "समीक्षकको टिप्पणी" },
    };
    for (const locale of LOCALES) {
      const html = render(locale, mine, "percent");
      expect(html, locale).toContain(words[locale].action);
      expect(html, locale).toContain(words[locale].returned);
      expect(html, locale).toContain(words[locale].comment);
      expect(html, locale).toContain("Attach the ward 7 sheet");
      expect(html, locale).toContain("Ward survey, 412 households");
      expect(html, locale).toContain('href="https://example.org/survey.pdf"');
      expect(html, locale).toContain(reviewer.name);
      expect(html, locale).toContain(translator(locale)("time.zone.kathmandu"));
      // No raw codes: neither the action nor a bare status.
      expect(html, locale).not.toMatch(/value\.(save|submit|return)|→ draft|>draft</);
    }
  });

  it("records the real write path's changes: save, submit and return with its comment", async () => {
    const officer = await seededUser(db(), "officer.mahalaxmi@demo.cwis");
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const mahalaxmi = await city(db(), "mahalaxmi");
    const sd5 = await indicator(db(), "SD-5");
    // The city's own latest validated figure: no unusual change, so no explanation is needed.
    const [latest] = await db()
      .select({ value: indicatorValues.validatedValue, period: indicatorValues.period })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.cityId, mahalaxmi.id), eq(indicatorValues.indicatorId, sd5.id)))
      .orderBy(desc(indicatorValues.period))
      .limit(1);
    const value = latest?.value ?? 50;
    const period = "2026-Q4";
    await saveValueList(db(), officer, { cityId: mahalaxmi.id, entries: [{ indicator: "SD-5", period, value, note: "माथिल्लो वडाको गणना", evidenceUrl: "https://example.org/count.xlsx", explanation: "नयाँ सर्वेक्षण" }] });
    await submitPeriod(db(), { cityId: mahalaxmi.id, period }, officer);
    const [stored] = await db().select({ id: indicatorValues.id }).from(indicatorValues).where(and(eq(indicatorValues.cityId, mahalaxmi.id), eq(indicatorValues.indicatorId, sd5.id), eq(indicatorValues.period, period)));
    await reviewValues(db(), [{ valueId: stored?.id ?? -1, decision: "return", comment: "कृपया वडा ७ को पाना थप्नुहोस्" }], reviewer);

    const changes = (await valueTrail(db(), mahalaxmi.id, sd5.id)).filter((r) => r.period === period).map((r) => ({ action: r.action, who: r.actorName, ...describeValueChange(r.before, r.after) }));
    expect(changes.map((c) => [c.who, c.status])).toEqual([
      [reviewer.name, "returned"],
      [officer.name, "submitted"],
      [officer.name, "draft"],
    ]);
    expect(changes[0]).toMatchObject({ reviewComment: "कृपया वडा ७ को पाना थप्नुहोस्", note: "माथिल्लो वडाको गणना", evidenceUrl: "https://example.org/count.xlsx" });
    // The save's own row has no review comment: the comment belongs to the decision it came with.
    expect(changes[2]?.reviewComment).toBeNull();
    expect(auditActionName(translator("ne"), changes[0]?.action ?? "")).toBe("सच्याउन फिर्ता");
  });

  it("names each audit record in words and filters by city, indicator, user, action and days on the reader's clock", async () => {
    const mahalaxmi = await city(db(), "mahalaxmi");
    const sd3 = await indicator(db(), "SD-3");
    const { rows, total } = await listAudit(db(), { cityId: mahalaxmi.id, indicatorId: sd3.id, limit: 50, offset: 0 });
    expect(total).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.entity === "indicator_value" && r.indicatorCode === "SD-3" && r.cityNameEn === mahalaxmi.nameEn)).toBe(true);
    const mine = rows.find((r) => r.period === PERIOD);
    if (!mine) throw new Error("the value's audit rows are missing");
    expect(auditRecordLabel(translator("en"), "en", mine)).toBe(`SD-3 ${sd3.nameEn} · ${mahalaxmi.nameEn} · ${PERIOD}`);
    expect(auditRecordLabel(translator("bn"), "bn", mine)).toBe(`SD-3 ${sd3.nameBn} · ${mahalaxmi.nameBn} · ${PERIOD}`);
    expect(auditRecordLabel(translator("ne"), "ne", mine)).toBe(`SD-3 ${sd3.nameNe} · ${mahalaxmi.nameNe} · ${PERIOD}`);

    const returns = await listAudit(db(), { cityId: mahalaxmi.id, action: "value.return", actor: "Sujata", limit: 50, offset: 0 });
    expect(returns.total).toBeGreaterThanOrEqual(2);
    expect(returns.rows.every((r) => r.action === "value.return" && r.actorName === "Sujata Shrestha")).toBe(true);
    expect((await listAudit(db(), { cityId: mahalaxmi.id, actor: "Kamrul", limit: 50, offset: 0 })).total).toBe(0);

    // Other kinds of record are named too: a user by name, a city by its name.
    const named = await listAudit(db(), { limit: 500, offset: 0 });
    for (const r of named.rows.filter((x) => x.entity === "city" || x.entity === "user" || x.entity === "event" || x.entity === "resource")) {
      expect(auditRecordLabel(translator("en"), "en", r), `${r.entity} ${r.entityId}`).not.toMatch(/#\d+$/);
    }

    // Today in Kathmandu holds the rows just written; the day before holds none of them.
    const now = new Date();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Kathmandu" }).format(now);
    const yesterday = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Kathmandu" }).format(new Date(now.getTime() - 86_400_000));
    expect((await listAudit(db(), { cityId: mahalaxmi.id, indicatorId: sd3.id, from: today, to: today, timeZone: "Asia/Kathmandu", limit: 50, offset: 0 })).total).toBe(total);
    expect((await listAudit(db(), { cityId: mahalaxmi.id, indicatorId: sd3.id, from: yesterday, to: yesterday, timeZone: "Asia/Kathmandu", limit: 50, offset: 0 })).rows.some((r) => r.period === PERIOD)).toBe(false);
  });

  it("resolves a Nepali officer's zone from the city, and from the profile choice", async () => {
    const officer = await seededUser(db(), "officer.mahalaxmi@demo.cwis");
    const kushtiaOfficer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const zoneOf = async (id: number) => {
      const context = await timeZoneContext(db(), id);
      return resolveTimeZone({ userTimeZone: context?.timeZone, country: context?.country, locale: "en" });
    };
    expect(await zoneOf(officer.id)).toBe("Asia/Kathmandu");
    expect(await zoneOf(kushtiaOfficer.id)).toBe("Asia/Dhaka");
    await updateUserTimeZone(db(), kushtiaOfficer.id, "Asia/Kathmandu");
    expect(await zoneOf(kushtiaOfficer.id)).toBe("Asia/Kathmandu");
    await updateUserTimeZone(db(), kushtiaOfficer.id, null);
    expect(await zoneOf(kushtiaOfficer.id)).toBe("Asia/Dhaka");
  });

  it("answers missing evidence and review comments with null, never an empty string", async () => {
    const godawari = await city(db(), "godawari");
    const sd2 = await indicator(db(), "SD-2");
    // Written as older code did: empty strings for "none".
    await db().insert(indicatorValues).values({ cityId: godawari.id, indicatorId: sd2.id, period: PERIOD, value: 40, note: "", evidenceUrl: "", reviewComment: "", status: "draft" });
    const rows = await allCityValues(db(), godawari.id, { from: PERIOD, to: PERIOD });
    const row = rows.find((r) => r.indicator === "SD-2");
    expect(row).toMatchObject({ evidenceUrl: null, reviewComment: null, note: "", validatedValue: null, validatedAt: null });
    for (const r of await allCityValues(db(), godawari.id, {})) {
      expect(r.evidenceUrl === null || r.evidenceUrl.length > 0).toBe(true);
      expect(r.reviewComment === null || r.reviewComment.length > 0).toBe(true);
    }
  });
});
