import { and, count, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb, seededUser, seededCityId } from "./support";
import type { Database } from "@/db/client";
import { auditLog, cities, indicatorValues, indicators, users } from "@/db/schema";
import { reviewQueue, reviewSheet } from "@/db/queries/review";
import { saveValueList } from "@/server/values/save";
import { ExplanationsNeededError, reviewValues, submitPeriod } from "@/server/values/workflow";
import { RowErrorsError } from "@/lib/errors";
import { valueEntrySchema } from "@/lib/validation/values";

// No demo values exist after 2026-Q3: this quarter belongs to the tests (each file has its own database).
const PERIOD = "2026-Q4";

const entry = (input: { indicator: string; value: number; explanation?: string; version?: number }) => valueEntrySchema.parse({ period: PERIOD, ...input });

async function valueRow(db: Database, city: number, code: string, period = PERIOD) {
  const [row] = await db
    .select({ value: indicatorValues })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(and(eq(indicatorValues.cityId, city), eq(indicators.code, code), eq(indicatorValues.period, period)));
  if (!row) throw new Error(`no ${code} value for ${period}`);
  return row.value;
}

async function auditRows(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return row?.n ?? -1;
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to be refused");
}

const validate = (valueId: number) => ({ valueId, decision: "validate" as const, comment: "" });

describeDb("four eyes and explained unusual values", (db) => {
  it("seeds the waiting demo values as entered and submitted by the city's officer, so the demo reviewer may validate them", async () => {
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const waiting = await reviewSheet(db(), kushtia, "2026-Q3");
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((row) => row.enteredById === officer.id && row.submittedById === officer.id)).toBe(true);
    const line = (await reviewQueue(db(), reviewer.id)).find((q) => q.slug === "kushtia" && q.period === "2026-Q3");
    expect(line).toMatchObject({ waiting: waiting.length, own: 0 });
    const first = waiting[0];
    if (!first) throw new Error("no waiting value");
    expect(await reviewValues(db(), [validate(first.id)], reviewer)).toEqual({ validated: 1, returned: 0 });
  });

  it("refuses the admin validating values he entered and submitted himself — every such row at once, nothing written", async () => {
    const admin = await seededUser(db(), "admin@demo.cwis");
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const jhenaidah = await seededCityId(db(), "jhenaidah");
    await saveValueList(db(), admin, { cityId: jhenaidah, entries: [entry({ indicator: "SD-3", value: 40, explanation: "Desludging log" }), entry({ indicator: "SD-5", value: 50, explanation: "Inspection report" })] });
    expect(await submitPeriod(db(), { cityId: jhenaidah, period: PERIOD }, admin)).toBe(2);
    const sd3 = await valueRow(db(), jhenaidah, "SD-3");
    const sd5 = await valueRow(db(), jhenaidah, "SD-5");
    expect(sd3).toMatchObject({ status: "submitted", enteredBy: admin.id, submittedBy: admin.id });

    // The queue tells the admin, not the reviewer, that these need another reviewer.
    expect((await reviewQueue(db(), admin.id)).find((q) => q.slug === "jhenaidah" && q.period === PERIOD)).toMatchObject({ waiting: 2, own: 2 });
    expect((await reviewQueue(db(), reviewer.id)).find((q) => q.slug === "jhenaidah" && q.period === PERIOD)).toMatchObject({ waiting: 2, own: 0 });

    const audits = await auditRows(db());
    const refused = await refusal(reviewValues(db(), [validate(sd3.id), validate(sd5.id)], admin));
    expect(refused).toBeInstanceOf(RowErrorsError);
    expect((refused as RowErrorsError).rows).toEqual([
      { row: 1, field: "valueId", messageKey: "values.fourEyes" },
      { row: 2, field: "valueId", messageKey: "values.fourEyes" },
    ]);
    expect(await valueRow(db(), jhenaidah, "SD-3")).toMatchObject({ status: "submitted", version: sd3.version, validatedValue: null, reviewedBy: null });
    expect(await auditRows(db())).toBe(audits);

    // Another reviewer may.
    expect(await reviewValues(db(), [validate(sd3.id), validate(sd5.id)], reviewer)).toEqual({ validated: 2, returned: 0 });
    expect(await valueRow(db(), jhenaidah, "SD-3")).toMatchObject({ status: "validated", validatedValue: 40, reviewedBy: reviewer.id });
  });

  it("refuses the one who only submitted the value, and the one who only entered it; returning stays allowed", async () => {
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const admin = await seededUser(db(), "admin@demo.cwis");
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");

    // The officer entered SD-3, the admin submitted it.
    await saveValueList(db(), officer, { cityId: kushtia, entries: [entry({ indicator: "SD-3", value: 45, explanation: "Operator reports" })] });
    await submitPeriod(db(), { cityId: kushtia, period: PERIOD }, admin);
    const submittedByAdmin = await valueRow(db(), kushtia, "SD-3");
    expect(submittedByAdmin).toMatchObject({ enteredBy: officer.id, submittedBy: admin.id });
    const bySubmitter = await refusal(reviewValues(db(), [validate(submittedByAdmin.id)], admin));
    expect((bySubmitter as RowErrorsError).rows).toEqual([{ row: 1, field: "valueId", messageKey: "values.fourEyes" }]);

    // The admin entered SD-5, the officer submitted it.
    await saveValueList(db(), admin, { cityId: kushtia, entries: [entry({ indicator: "SD-5", value: 55, explanation: "Inspection round" })] });
    await submitPeriod(db(), { cityId: kushtia, period: PERIOD }, officer);
    const enteredByAdmin = await valueRow(db(), kushtia, "SD-5");
    expect(enteredByAdmin).toMatchObject({ enteredBy: admin.id, submittedBy: officer.id });
    const byEnterer = await refusal(reviewValues(db(), [validate(enteredByAdmin.id)], admin));
    expect((byEnterer as RowErrorsError).rows).toEqual([{ row: 1, field: "valueId", messageKey: "values.fourEyes" }]);

    const sheet = await reviewSheet(db(), kushtia, PERIOD);
    expect(sheet.find((r) => r.code === "SD-3")).toMatchObject({ enteredById: officer.id, submittedById: admin.id, submittedByName: admin.name });

    // Returning a value one entered asks for a correction; no second person is needed for that.
    expect(await reviewValues(db(), [{ valueId: enteredByAdmin.id, decision: "return", comment: "Wrong inspection round" }], admin)).toEqual({ validated: 0, returned: 1 });
    expect(await reviewValues(db(), [validate(submittedByAdmin.id)], reviewer)).toEqual({ validated: 1, returned: 0 });
  });

  it("forgets who submitted a value when it is saved again", async () => {
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const returned = await valueRow(db(), kushtia, "SD-5");
    expect(returned).toMatchObject({ status: "returned" });
    await saveValueList(db(), officer, { cityId: kushtia, entries: [entry({ indicator: "SD-5", value: 56, explanation: "Corrected round", version: returned.version })] });
    expect(await valueRow(db(), kushtia, "SD-5")).toMatchObject({ status: "draft", enteredBy: officer.id, submittedBy: null });
  });

  it("refuses to submit a flagged value without an explanation, naming each indicator, and writes nothing", async () => {
    const officer = await seededUser(db(), "officer.mahalaxmi@demo.cwis");
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const mahalaxmi = await seededCityId(db(), "mahalaxmi");
    // The demo data left Mahalaxmi's 2026-Q3 a draft: its last validated quarter is 2026-Q2.
    expect((await valueRow(db(), mahalaxmi, "GOV-4", "2026-Q3")).status).toBe("draft");
    const lastGov4 = await valueRow(db(), mahalaxmi, "GOV-4", "2026-Q2");
    expect(lastGov4.status).toBe("validated");
    // A tenfold jump over last quarter's validated value (ratios are of value + 1: 0 → 10 is 11).
    const jump = Math.max(10, (lastGov4.value + 1) * 10);
    await saveValueList(db(), officer, { cityId: mahalaxmi, entries: [entry({ indicator: "GOV-4", value: jump }), entry({ indicator: "SD-3", value: 50 })] });
    const saved = await valueRow(db(), mahalaxmi, "GOV-4");
    expect(saved.flags).toContain("large_change");
    expect(saved).toMatchObject({ previousValue: lastGov4.value, previousPeriod: "2026-Q2", explanation: "" });

    // SD-3 too, flagged by hand: the rule is the workflow's, whatever set the flag.
    const sd3 = await valueRow(db(), mahalaxmi, "SD-3");
    await db().update(indicatorValues).set({ flags: sql`array['outside_expected']::text[]`, explanation: "  " }).where(eq(indicatorValues.id, sd3.id));

    const audits = await auditRows(db());
    const refused = await refusal(submitPeriod(db(), { cityId: mahalaxmi, period: PERIOD }, officer));
    expect(refused).toBeInstanceOf(ExplanationsNeededError);
    expect(refused).toMatchObject({ code: "invalid", messageKey: "values.explanationsNeeded", indicators: ["GOV-4", "SD-3"] });
    expect(await valueRow(db(), mahalaxmi, "GOV-4")).toMatchObject({ status: "draft", version: saved.version });
    expect(await auditRows(db())).toBe(audits);

    // Explained, both go to review; the reviewer sees the flag, both numbers and the explanation.
    await saveValueList(db(), officer, { cityId: mahalaxmi, entries: [entry({ indicator: "GOV-4", value: jump, explanation: "Ten ward meetings for the new by-law", version: saved.version })] });
    await db().update(indicatorValues).set({ explanation: "New mechanical emptier" }).where(eq(indicatorValues.id, sd3.id));
    expect(await submitPeriod(db(), { cityId: mahalaxmi, period: PERIOD }, officer)).toBe(2);
    const sheet = await reviewSheet(db(), mahalaxmi, PERIOD);
    expect(sheet.find((r) => r.code === "GOV-4")).toMatchObject({
      value: jump,
      flags: expect.arrayContaining(["large_change"]),
      explanation: "Ten ward meetings for the new by-law",
      flaggedAgainst: { period: "2026-Q2", value: lastGov4.value },
      previousValidated: { period: "2026-Q2", value: lastGov4.value },
    });
    expect((await reviewQueue(db(), reviewer.id)).find((q) => q.slug === "mahalaxmi" && q.period === PERIOD)).toMatchObject({ waiting: 2, flagged: 2, own: 0 });
  });
});
