import { readFileSync } from "node:fs";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { describeDb } from "./support";
import { actorByEmail } from "./event-fixtures";
import * as schema from "@/db/schema";
import { auditLog, cities, indicatorValues, indicators, resources } from "@/db/schema";
import type { Database } from "@/db/client";
import { transition } from "@/server/workflow";
import { valueWorkflow } from "@/server/values/workflow";
import { resourceWorkflow, setResourceStatus } from "@/server/resources/status";
import { saveValueList } from "@/server/values/save";
import { StatementCounter } from "../../bench/csv-import";

// No demo values exist after 2026-Q3: this quarter belongs to this file alone.
const PERIOD = "2026-Q4";

async function cityId(db: Database, slug: string) {
  const [row] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
  if (!row) throw new Error(`no city ${slug}`);
  return row.id;
}

async function auditsOf(db: Database, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(auditLog).where(and(eq(auditLog.entity, "indicator_value"), inArray(auditLog.entityId, ids.map(String)))).orderBy(asc(auditLog.id));
}

const auditTotal = async (db: Database) => (await db.select({ n: count() }).from(auditLog))[0]?.n ?? -1;

async function valuesOf(db: Database, ids: number[]) {
  return db.select().from(indicatorValues).where(inArray(indicatorValues.id, ids)).orderBy(asc(indicatorValues.id));
}

/** Drafts of `codes` for the city's PERIOD, written through the one write path (explained, in case a value is flagged as unusual). */
async function drafts(db: Database, email: string, slug: string, codes: string[], value = 10) {
  const writer = await actorByEmail(db, email);
  const saved = await saveValueList(db, writer, { cityId: await cityId(db, slug), entries: codes.map((indicator) => ({ indicator, period: PERIOD, value, note: "", evidenceUrl: null, explanation: "Checked against the source" })) });
  return saved.map((s) => s.id);
}

describeDb("workflow transitions", (db) => {
  it("moves a batch in one step: status and version, one audit row each, notices grouped", async () => {
    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    const ids = await drafts(db(), "officer.kushtia@demo.cwis", "kushtia", ["SD-2", "SD-3", "SD-4"]);
    const before = await valuesOf(db(), ids);
    const result = await transition(db(), officer, valueWorkflow, ids.map((id) => ({ id, to: "submitted" as const })));
    expect(result.rowErrors).toEqual([]);
    expect(result.conflicts).toEqual([]);
    expect(result.moved.map((m) => [m.from, m.to])).toEqual(ids.map(() => ["draft", "submitted"]));
    const after = await valuesOf(db(), ids);
    expect(after.map((v) => v.status)).toEqual(["submitted", "submitted", "submitted"]);
    expect(after.map((v) => v.version)).toEqual(before.map((v) => v.version + 1));
    expect(after.every((v) => v.submittedAt instanceof Date)).toBe(true);

    const audits = (await auditsOf(db(), ids)).filter((a) => a.action === "value.submit");
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ actorId: officer.id, before: expect.objectContaining({ status: "draft" }), after: expect.objectContaining({ status: "submitted" }) });
    expect(result.notices).toEqual([{ kind: "value.submit", recipient: { role: "reviewer", cityId: null }, entity: "indicator_value", entityIds: ids, cityId: await cityId(db(), "kushtia"), comments: [] }]);
  });

  it("is all or nothing: a move not in the table, a missing row or a stale version stops the batch", async () => {
    const reviewer = await actorByEmail(db(), "reviewer@demo.cwis");
    const ids = await drafts(db(), "officer.kushtia@demo.cwis", "kushtia", ["GOV-4", "GOV-6"]);
    const audits = await auditTotal(db());
    const before = await valuesOf(db(), ids);

    // Drafts cannot be validated: the reviewer must wait for a submission.
    const notSubmitted = await transition(db(), reviewer, valueWorkflow, ids.map((id) => ({ id, to: "validated" as const })));
    expect(notSubmitted.rowErrors).toEqual([
      { row: 1, field: "status", messageKey: "values.notSubmitted" },
      { row: 2, field: "status", messageKey: "values.notSubmitted" },
    ]);
    expect(notSubmitted.moved).toEqual([]);

    const admin = await actorByEmail(db(), "admin@demo.cwis");
    const mixed = await transition(db(), admin, valueWorkflow, [
      { id: ids[0] ?? -1, to: "submitted", version: before[0]?.version },
      { id: -5, to: "submitted" },
      { id: ids[1] ?? -1, to: "submitted", version: (before[1]?.version ?? 0) - 1 },
    ]);
    expect(mixed.rowErrors).toEqual([{ row: 2, field: "id", messageKey: "errors.not_found" }]);
    expect(mixed.conflicts).toEqual([{ row: 3, id: ids[1], currentStatus: "draft", currentVersion: before[1]?.version }]);
    expect(mixed.moved).toEqual([]);
    expect(mixed.notices).toEqual([]);
    expect(await valuesOf(db(), ids)).toEqual(before);
    expect(await auditTotal(db())).toBe(audits);
  });

  it("holds officers to their own city and returns need a comment", async () => {
    const otherOfficer = await actorByEmail(db(), "officer.mahalaxmi@demo.cwis");
    const ids = await drafts(db(), "officer.kushtia@demo.cwis", "kushtia", ["BCC-1"]);
    const foreign = await transition(db(), otherOfficer, valueWorkflow, ids.map((id) => ({ id, to: "submitted" as const })));
    expect(foreign.rowErrors).toEqual([{ row: 1, field: "status", messageKey: "errors.forbidden" }]);

    const officer = await actorByEmail(db(), "officer.kushtia@demo.cwis");
    expect((await transition(db(), officer, valueWorkflow, ids.map((id) => ({ id, to: "submitted" as const })))).moved).toHaveLength(1);
    const reviewer = await actorByEmail(db(), "reviewer@demo.cwis");
    const silent = await transition(db(), reviewer, valueWorkflow, ids.map((id) => ({ id, to: "returned" as const, comment: "  " })));
    expect(silent.rowErrors).toEqual([{ row: 1, field: "comment", messageKey: "workflow.commentRequired" }]);
    // The officer who submitted may not review their own submission.
    expect((await transition(db(), officer, valueWorkflow, ids.map((id) => ({ id, to: "validated" as const })))).rowErrors[0]?.messageKey).toBe("errors.forbidden");

    const returned = await transition(db(), reviewer, valueWorkflow, ids.map((id) => ({ id, to: "returned" as const, comment: "Which survey?" })));
    expect(returned.moved).toHaveLength(1);
    expect((await valuesOf(db(), ids))[0]).toMatchObject({ status: "returned", reviewComment: "Which survey?", reviewedBy: reviewer.id, validatedValue: null });
    expect(returned.notices).toEqual([{ kind: "value.return", recipient: { role: "officer", cityId: await cityId(db(), "kushtia") }, entity: "indicator_value", entityIds: ids, cityId: await cityId(db(), "kushtia"), comments: ["Which survey?"] }]);
    // Corrected or not, a returned value goes back to review by its officer.
    expect((await transition(db(), officer, valueWorkflow, ids.map((id) => ({ id, to: "submitted" as const })))).moved[0]).toMatchObject({ from: "returned", to: "submitted" });
  });

  it("publishes and unpublishes resources with a version and one audit row per real change", async () => {
    const reviewer = await actorByEmail(db(), "reviewer@demo.cwis");
    const [draft] = await db().insert(resources).values({ title: "Workflow draft", summary: "", type: "guideline", language: "en", status: "draft", externalUrl: "https://example.org/x", createdBy: reviewer.id }).returning();
    if (!draft) throw new Error("insert failed");
    const resourceAudits = async () => (await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entity, "resource"), eq(auditLog.entityId, String(draft.id))))).map((a) => a.action);
    await setResourceStatus(db(), draft.id, "published", reviewer, 1);
    const [published] = await db().select().from(resources).where(eq(resources.id, draft.id));
    expect(published).toMatchObject({ status: "published", version: 2, publishedBy: reviewer.id });
    // Asking again for the status it has changes nothing.
    await setResourceStatus(db(), draft.id, "published", reviewer);
    expect(await resourceAudits()).toEqual(["resource.publish"]);
    // A click from a page that showed version 1 is stale now.
    await expect(setResourceStatus(db(), draft.id, "draft", reviewer, 1)).rejects.toMatchObject({ code: "conflict", messageKey: "workflow.conflict" });
    const direct = await transition(db(), reviewer, resourceWorkflow, [{ id: draft.id, to: "draft", version: 2 }]);
    expect(direct.moved).toEqual([expect.objectContaining({ from: "published", to: "draft", version: 3 })]);
    // The reviewer made it, so no one else needs telling.
    expect(direct.notices).toEqual([]);
    expect(await resourceAudits()).toEqual(["resource.publish", "resource.unpublish"]);
    expect((await db().select().from(resources).where(eq(resources.id, draft.id)))[0]).toMatchObject({ status: "draft", publishedBy: null, publishedAt: null });
  });
});

describe("workflow transitions: statements [pglite]", () => {
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

  it("locks a 32-value quarter with one query and validates it with the scores in the same transaction", async () => {
    const admin = await actorByEmail(db, "admin@demo.cwis");
    const codes = (await db.select({ code: indicators.code }).from(indicators).where(eq(indicators.active, true))).map((i) => i.code);
    expect(codes).toHaveLength(32);
    const ids = await drafts(db, "admin@demo.cwis", "kushtia", codes, 0);
    counter.reset();
    const submitted = await transition(counted, admin, valueWorkflow, ids.map((id) => ({ id, to: "submitted" as const })));
    expect(submitted.moved).toHaveLength(32);
    expect(counter.snapshot()).toMatchObject({ forUpdate: 1, updates: 32 });

    // Four eyes: the admin entered and submitted these, so another reviewer validates them.
    const reviewer = await actorByEmail(db, "reviewer@demo.cwis");
    counter.reset();
    const validated = await transition(counted, reviewer, valueWorkflow, ids.map((id) => ({ id, to: "validated" as const })));
    expect(validated.moved).toHaveLength(32);
    expect(counter.forUpdate).toBe(1);
    const rows = await valuesOf(db, ids);
    expect(rows.every((r) => r.status === "validated" && r.validatedValue === 0 && r.validatedAt instanceof Date)).toBe(true);
    const [score] = await db.select().from(schema.cityComponentScores).where(eq(schema.cityComponentScores.cityId, await cityId(db, "kushtia"))).limit(1);
    expect(score?.asOfPeriod).toBe(PERIOD);
  });
});
