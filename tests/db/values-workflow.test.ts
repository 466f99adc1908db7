import { and, count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb, seededUser, seededCityId } from "./support";
import type { Database } from "@/db/client";
import { auditLog, cities, components, indicatorValues, indicators, users } from "@/db/schema";
import { entrySheet, openPeriods } from "@/db/queries/indicator-values";
import { reviewQueue, reviewSheet } from "@/db/queries/review";
import { saveValueList as upsertValues } from "@/server/values/save";
import { reviewValues, submitPeriod } from "@/server/values/workflow";
import { cityScoresAt, storedScores } from "@/db/queries/scores";
import { AppError, RowErrorsError, ValueConflictError } from "@/lib/errors";
import { reviewDecisionSchema, valueEntrySchema, type ValueEntry } from "@/lib/validation/values";

// No demo values exist after 2026-Q3, so this quarter belongs to this file alone.
const PERIOD = "2026-Q4";

// Explained, so a value flagged as unusual (a big move from the demo data) may still be submitted.
const entry = (input: { indicator: string; value: number; period?: string; note?: string; version?: number }): ValueEntry => valueEntrySchema.parse({ period: PERIOD, explanation: "Checked against the source", ...input });

async function componentId(db: Database, code: string) {
  const [row] = await db.select({ id: components.id }).from(components).where(eq(components.code, code));
  if (!row) throw new Error(`component ${code} missing`);
  return row.id;
}

/** Rows of the city's values and of the whole audit log: a refused batch changes neither. */
async function counts(db: Database, city: number) {
  const [values] = await db.select({ n: count() }).from(indicatorValues).where(eq(indicatorValues.cityId, city));
  const [audits] = await db.select({ n: count() }).from(auditLog);
  return { values: values?.n ?? -1, audits: audits?.n ?? -1 };
}

async function valueRow(db: Database, city: number, code: string, period = PERIOD) {
  const [row] = await db
    .select({ value: indicatorValues })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(and(eq(indicatorValues.cityId, city), eq(indicators.code, code), eq(indicatorValues.period, period)));
  return row?.value ?? null;
}

async function stored(db: Database, city: number, component: number) {
  return (await storedScores(db, [city])).find((s) => s.componentId === component) ?? null;
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to be refused");
}

describeDb("values workflow (query layer)", (db) => {
  it("saves new values as drafts, each with an audit row", async () => {
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const before = await counts(db(), kushtia);
    // Zero progress for both, so validating them later must move the scores.
    const saved = await upsertValues(db(), officer, { cityId: kushtia, entries: [entry({ indicator: "GOV-4", value: 0, version: 0 }), entry({ indicator: "sd-2", value: 0, note: "from the ward survey", version: 0 })] });
    expect(saved.map((s) => [s.indicator, s.status, s.version])).toEqual([["GOV-4", "draft", 1], ["SD-2", "draft", 1]]);
    const after = await counts(db(), kushtia);
    expect(after).toEqual({ values: before.values + 2, audits: before.audits + 2 });

    const sd2 = await valueRow(db(), kushtia, "SD-2");
    expect(sd2).toMatchObject({ value: 0, note: "from the ward survey", status: "draft", enteredBy: officer.id, validatedValue: null });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entity, "indicator_value"), eq(auditLog.entityId, String(sd2?.id))));
    expect(audit).toMatchObject({ action: "value.save", actorId: officer.id, before: null });
    expect(audit?.after).toMatchObject({ value: 0, status: "draft", version: 1 });

    expect(await openPeriods(db(), kushtia)).toContainEqual({ period: PERIOD, drafts: 2, returned: 0 });
    const sheet = await entrySheet(db(), kushtia, PERIOD);
    expect(sheet).toHaveLength(32);
    const gov4 = sheet.find((r) => r.code === "GOV-4");
    expect(gov4?.current).toMatchObject({ value: 0, status: "draft", version: 1 });
    // Kushtia's previous quarter is the demo data's last one.
    expect(gov4?.previous?.period).toBe("2026-Q3");
  });

  it.each([
    { title: "an out-of-range value", bad: { indicator: "SD-3", value: 150 }, error: { row: 2, field: "value", messageKey: "validation.range.percent" } },
    // Counts have a finite hard range now (issue 12), and the message names it.
    { title: "a negative count", bad: { indicator: "GOV-6", value: -1 }, error: { row: 2, field: "value", messageKey: "validation.range.between", params: { min: 0, max: expect.any(Number) } } },
    { title: "a fraction where a whole number is needed", bad: { indicator: "GESI-5", value: 2.5 }, error: { row: 2, field: "value", messageKey: "validation.wholeNumber" } },
    { title: "an unknown indicator", bad: { indicator: "XX-9", value: 1 }, error: { row: 2, field: "indicator", messageKey: "validation.indicatorUnknown" } },
    { title: "an annual indicator outside Q4", bad: { indicator: "GOV-1", value: 1, period: "2026-Q2" }, error: { row: 2, field: "period", messageKey: "validation.annualQ4" } },
    { title: "the same indicator twice", bad: { indicator: "sd-5", value: 60 }, error: { row: 2, field: "indicator", messageKey: "validation.duplicateRow" } },
  ])("refuses a batch with $title and writes nothing", async ({ bad, error }) => {
    // The city scope is checked inside the write path now: an admin may write Jhenaidah's values.
    const admin = await seededUser(db(), "admin@demo.cwis");
    const jhenaidah = await seededCityId(db(), "jhenaidah");
    const before = await counts(db(), jhenaidah);
    const refused = await refusal(upsertValues(db(), admin, { cityId: jhenaidah, entries: [entry({ indicator: "SD-5", value: 50 }), entry(bad)] }));
    expect(refused).toBeInstanceOf(RowErrorsError);
    expect((refused as RowErrorsError).rows).toEqual([error]);
    expect(await counts(db(), jhenaidah)).toEqual(before);
    expect(await valueRow(db(), jhenaidah, "SD-5")).toBeNull();
  });

  it("reports an edit based on an old version as a conflict with the newer value, writing nothing", async () => {
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const admin = await seededUser(db(), "admin@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const before = await counts(db(), kushtia);
    // The admin's page was opened before the officer saved GOV-4 (version 0: "no value yet").
    const refused = await refusal(upsertValues(db(), admin, { cityId: kushtia, entries: [entry({ indicator: "SD-3", value: 40, version: 0 }), entry({ indicator: "GOV-4", value: 2, version: 0 })] }));
    expect(refused).toBeInstanceOf(ValueConflictError);
    expect((refused as ValueConflictError).conflicts).toEqual([
      expect.objectContaining({ row: 2, indicator: "GOV-4", period: PERIOD, currentValue: 0, currentVersion: 1, enteredBy: officer.name }),
    ]);
    expect(await counts(db(), kushtia)).toEqual(before);
    expect(await valueRow(db(), kushtia, "SD-3")).toBeNull();

    // Keeping their own value: the admin re-saves against the version they were shown.
    const [saved] = await upsertValues(db(), admin, { cityId: kushtia, entries: [entry({ indicator: "GOV-4", value: 0, note: "checked by admin", version: 1 })] });
    expect(saved).toMatchObject({ indicator: "GOV-4", version: 2, status: "draft" });
    expect(await valueRow(db(), kushtia, "GOV-4")).toMatchObject({ note: "checked by admin", enteredBy: admin.id });
  });

  it("locks submitted values, and refuses to submit a quarter with nothing to submit", async () => {
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    // The demo data left Kushtia's last quarter waiting for review.
    const before = await counts(db(), kushtia);
    const locked = await refusal(upsertValues(db(), officer, { cityId: kushtia, entries: [entry({ indicator: "SD-2", value: 12, period: "2026-Q3" })] }));
    expect((locked as RowErrorsError).rows).toEqual([{ row: 1, field: "value", messageKey: "values.lockedInReview" }]);
    expect(await counts(db(), kushtia)).toEqual(before);

    expect(await submitPeriod(db(), { cityId: kushtia, period: PERIOD }, officer)).toBe(2);
    expect(await valueRow(db(), kushtia, "SD-2")).toMatchObject({ status: "submitted", version: 2 });
    const after = await counts(db(), kushtia);
    expect(after.audits).toBe(before.audits + 2);
    const lockedNow = await refusal(upsertValues(db(), officer, { cityId: kushtia, entries: [entry({ indicator: "SD-2", value: 5, version: 2 })] }));
    expect((lockedNow as RowErrorsError).rows[0]?.messageKey).toBe("values.lockedInReview");

    const nothing = await refusal(submitPeriod(db(), { cityId: kushtia, period: PERIOD }, officer));
    expect(nothing).toBeInstanceOf(AppError);
    expect(nothing).toMatchObject({ code: "invalid", messageKey: "values.nothingToSubmit" });
    const jhenaidah = await seededCityId(db(), "jhenaidah");
    await expect(submitPeriod(db(), { cityId: jhenaidah, period: PERIOD }, officer)).rejects.toMatchObject({ messageKey: "values.nothingToSubmit" });
    expect(await counts(db(), kushtia)).toEqual(after);
  });

  it("lists the submitted quarter in the review queue with what the reviewer needs", async () => {
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const queue = await reviewQueue(db());
    const line = queue.find((q) => q.slug === "kushtia" && q.period === PERIOD);
    expect(line).toMatchObject({ waiting: 2 });
    expect(line?.since).toBeInstanceOf(Date);

    const sheet = await reviewSheet(db(), kushtia, PERIOD);
    expect(sheet.map((r) => r.code)).toEqual(["GOV-4", "SD-2"]);
    expect(sheet[1]).toMatchObject({ value: 0, note: "from the ward survey", unit: "percent", target: 90, enteredBy: officer.name });
    // Kushtia's 2026-Q3 is still waiting, so the last validated value is from 2026-Q2.
    expect(sheet[1]?.previousValidated?.period).toBe("2026-Q2");
    // Seeded 2026-Q3 submissions wait too, in their own line.
    const q3 = queue.find((q) => q.slug === "kushtia" && q.period === "2026-Q3");
    expect(q3?.waiting).toBe((await reviewSheet(db(), kushtia, "2026-Q3")).length);
  });

  it("refuses a review batch with a value that is not waiting, changing nothing (scores included)", async () => {
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const governance = await componentId(db(), "governance");
    const storedBefore = await stored(db(), kushtia, governance);
    const sheet = await reviewSheet(db(), kushtia, PERIOD);
    // A validated demo value of an earlier quarter is not waiting for review.
    const old = await valueRow(db(), kushtia, "GOV-4", "2026-Q1");
    const refused = await refusal(reviewValues(db(), [{ valueId: sheet[0]?.id ?? -1, decision: "validate", comment: "" }, { valueId: old?.id ?? -1, decision: "validate", comment: "" }], reviewer));
    expect((refused as RowErrorsError).rows).toEqual([{ row: 2, field: "valueId", messageKey: "values.notSubmitted" }]);
    expect(await valueRow(db(), kushtia, "GOV-4")).toMatchObject({ status: "submitted", validatedValue: null });
    expect(await stored(db(), kushtia, governance)).toEqual(storedBefore);
  });

  it("validates values and updates the stored scores in the same step", async () => {
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const governance = await componentId(db(), "governance");
    const services = await componentId(db(), "service_delivery");
    const scoresBefore = await cityScoresAt(db(), kushtia);
    const storedBefore = await storedScores(db(), [kushtia]);
    expect(scoresBefore.period).toBe("2026-Q2");
    expect(storedBefore.every((s) => s.asOfPeriod === "2026-Q2")).toBe(true);

    const sheet = await reviewSheet(db(), kushtia, PERIOD);
    const result = await reviewValues(db(), sheet.map((row) => reviewDecisionSchema.parse({ valueId: row.id, decision: "validate" })), reviewer);
    expect(result).toEqual({ validated: 2, returned: 0 });

    const gov4 = await valueRow(db(), kushtia, "GOV-4");
    expect(gov4).toMatchObject({ status: "validated", validatedValue: 0, reviewedBy: reviewer.id });
    expect(gov4?.validatedAt).toBeInstanceOf(Date);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "value.validate"), eq(auditLog.entityId, String(gov4?.id))));
    expect(audit?.actorId).toBe(reviewer.id);

    const scoresAfter = await cityScoresAt(db(), kushtia);
    expect(scoresAfter.period).toBe(PERIOD);
    const score = (s: typeof scoresAfter, component: number) => s.components.find((c) => c.componentId === component)?.score ?? null;
    // Zero progress on one indicator of each component lowers both component scores.
    expect(score(scoresAfter, governance)).toBeLessThan(score(scoresBefore, governance) ?? -1);
    expect(score(scoresAfter, services)).toBeLessThan(score(scoresBefore, services) ?? -1);
    // The derived table already holds the new scores: it was refreshed by reviewValues itself.
    const storedAfter = await storedScores(db(), [kushtia]);
    expect(storedAfter).not.toEqual(storedBefore);
    for (const row of scoresAfter.components) {
      expect(storedAfter.find((s) => s.componentId === row.componentId)).toMatchObject({ asOfPeriod: PERIOD, score: row.score, coverage: row.coverage });
    }
    expect(await reviewSheet(db(), kushtia, PERIOD)).toEqual([]);
    expect((await reviewQueue(db())).some((q) => q.slug === "kushtia" && q.period === PERIOD)).toBe(false);
  });

  it("needs a comment to return a value", () => {
    const missing = reviewDecisionSchema.safeParse({ valueId: "5", decision: "return", comment: "   " });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues).toEqual([expect.objectContaining({ path: ["comment"], message: "validation.returnNeedsComment" })]);
    expect(reviewDecisionSchema.safeParse({ valueId: "5", decision: "return", comment: "Source please" }).success).toBe(true);
    expect(reviewDecisionSchema.safeParse({ valueId: "5", decision: "approve" }).success).toBe(false);
  });

  it("keeps the validated value and scores while an edit is a draft, returned, and until it is validated", async () => {
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const services = await componentId(db(), "service_delivery");
    const scoresValidated = await cityScoresAt(db(), kushtia);
    const storedValidated = await storedScores(db(), [kushtia]);

    const current = await valueRow(db(), kushtia, "SD-2");
    await upsertValues(db(), officer, { cityId: kushtia, entries: [entry({ indicator: "SD-2", value: 90, version: current?.version })] });
    expect(await valueRow(db(), kushtia, "SD-2")).toMatchObject({ value: 90, status: "draft", validatedValue: 0 });
    const sheetRow = (await entrySheet(db(), kushtia, PERIOD)).find((r) => r.code === "SD-2");
    expect(sheetRow?.current).toMatchObject({ value: 90, status: "draft", validatedValue: 0 });
    expect(await cityScoresAt(db(), kushtia)).toEqual(scoresValidated);
    expect(await storedScores(db(), [kushtia])).toEqual(storedValidated);

    // Returned with a comment: still the old validated value, still the old scores.
    await submitPeriod(db(), { cityId: kushtia, period: PERIOD }, officer);
    const [waiting] = await reviewSheet(db(), kushtia, PERIOD);
    expect(waiting).toMatchObject({ code: "SD-2", value: 90, previousValidated: { period: PERIOD, value: 0 } });
    expect(await reviewValues(db(), [reviewDecisionSchema.parse({ valueId: waiting?.id, decision: "return", comment: "Which survey?" })], reviewer)).toEqual({ validated: 0, returned: 1 });
    const returned = await valueRow(db(), kushtia, "SD-2");
    expect(returned).toMatchObject({ status: "returned", reviewComment: "Which survey?", value: 90, validatedValue: 0 });
    expect(await openPeriods(db(), kushtia)).toContainEqual({ period: PERIOD, drafts: 0, returned: 1 });
    expect(await storedScores(db(), [kushtia])).toEqual(storedValidated);

    // Corrected and validated: now the new value counts.
    await upsertValues(db(), officer, { cityId: kushtia, entries: [entry({ indicator: "SD-2", value: 85, note: "ward survey 2026", version: returned?.version })] });
    await submitPeriod(db(), { cityId: kushtia, period: PERIOD }, officer);
    const [again] = await reviewSheet(db(), kushtia, PERIOD);
    await reviewValues(db(), [reviewDecisionSchema.parse({ valueId: again?.id, decision: "validate" })], reviewer);
    expect(await valueRow(db(), kushtia, "SD-2")).toMatchObject({ status: "validated", value: 85, validatedValue: 85 });
    const servicesScore = (await stored(db(), kushtia, services))?.score ?? -1;
    expect(servicesScore).toBeGreaterThan(storedValidated.find((s) => s.componentId === services)?.score ?? 101);
  });
});
