import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { PrintDocument } from "@/components/reports/PrintDocument";
import type { Database } from "@/db/client";
import { answers, indicators, indicatorValues, notifications, outbox, questionnaireVersions, questionnaires, questions, reportVersions, reports, resources, responses, rounds, users } from "@/db/schema";
import { listReports, unreflectedNeeds } from "@/db/queries/reports";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { canReadReport } from "@/lib/policies/reports";
import { saveDraftSchema } from "@/lib/validation/reports";
import { addComment, answerComment, resolveComment } from "@/server/reports/comments";
import { reportView } from "@/server/loaders/reports";
import { printPdf } from "@/server/pdf/print";
import { buildReportSnapshot } from "@/server/reports/data";
import { moveReport } from "@/server/reports/workflow";
import { createReport, saveDraft, startNextVersion } from "@/server/reports/write";
import { describeDb, seededCityId, seededUser } from "./support";

const L = (en: string, bn = "") => ({ en, bn, ne: "" });

const canPrint = existsSync("/usr/bin/chromium") && existsSync("/usr/bin/pdftotext");
const bengaliFont = () => readFileSync(path.resolve(__dirname, "../../node_modules/@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-400-normal.woff2")).toString("base64");

/** The text of a version's PDF: its print view, as the printer opens it, printed by Chromium and read back. */
async function pdfText(db: Database, versionId: number): Promise<string> {
  const view = await reportView(db, versionId, null, true);
  if (!view) throw new Error("no view");
  const body = renderToStaticMarkup(createElement(PrintDocument, { view }));
  const html = `<!doctype html><html lang="${view.language}"><head><meta charset="utf-8"><style>@font-face { font-family: "Noto Sans Bengali"; src: url(data:font/woff2;base64,${bengaliFont()}) format("woff2"); } body { font-family: "Noto Sans Bengali", sans-serif; }</style></head><body>${body}</body></html>`;
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: await printPdf(html) }).toString("utf8");
}

/** The PDF's line for one indicator (its code, value and target). */
const indicatorLine = (text: string, code: string) => text.replace(/\s+/g, " ").split(code)[1]?.slice(0, 60) ?? "";

async function actor(db: Database, email: string): Promise<Actor> {
  const { id, role, cityId } = await seededUser(db, email);
  return { id, role, cityId };
}

async function version(db: Database, id: number) {
  const [row] = await db.select().from(reportVersions).where(eq(reportVersions.id, id));
  if (!row) throw new Error("no version");
  return row;
}

async function move(db: Database, who: Actor, versionId: number, to: "draft" | "consultation" | "validation" | "validated" | "final", comment?: string) {
  const current = await version(db, versionId);
  return moveReport(db, who, { id: versionId, to, version: current.version, comment });
}

/** A round with a need question and Kushtia's submitted answer (the db template has no demo round). */
async function roundWithNeed(db: Database, cityId: number, period: string, need: string, status: "submitted" | "draft" = "submitted") {
  const [questionnaire] = await db.insert(questionnaires).values({}).returning();
  const [v] = await db.insert(questionnaireVersions).values({ questionnaireId: questionnaire!.id, number: 1, title: L("Needs"), description: L(""), sections: [{ key: "needs", title: L("Needs") }] }).returning();
  const [question] = await db.insert(questions).values({ versionId: v!.id, key: "need_1", sectionKey: "needs", position: 1, type: "short_text", label: L("Most pressing need"), help: L(""), required: true, config: { type: "short_text", maxLength: 200 }, isNeed: true }).returning();
  await db.update(questionnaireVersions).set({ status: "published", publishedAt: new Date() }).where(eq(questionnaireVersions.id, v!.id));
  const [round] = await db.insert(rounds).values({ versionId: v!.id, title: L(`${period} needs`), period, target: { kind: "all" }, opensOn: "2026-01-01", dueOn: "2026-12-31", status: "open" }).returning();
  const [response] = await db.insert(responses).values({ roundId: round!.id, cityId, versionId: v!.id, status }).returning();
  const [answer] = await db.insert(answers).values({ responseId: response!.id, questionId: question!.id, value: { kind: "text", value: need } }).returning();
  return { roundId: round!.id, answerId: answer!.id };
}

describeDb("city reports", (db) => {
  it("runs a city profile from draft to final with comments, a return and validation, each move checked for who may make it", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const partner = await actor(db(), "partner@demo.cwis");
    const approver = await actor(db(), "approver.kushtia@demo.cwis");
    const trainer = await actor(db(), "trainer@demo.cwis");
    const otherOfficer = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const jhenaidah = await seededCityId(db(), "jhenaidah");
    const [otherApproverRow] = await db().insert(users).values({ email: "approver.jhenaidah@test.cwis", name: "Jhenaidah approver", role: "approver", cityId: jhenaidah, passwordHash: "x" }).returning();
    const otherApprover: Actor = { id: otherApproverRow!.id, role: "approver", cityId: jhenaidah };
    const need = await roundWithNeed(db(), kushtia, "2026-Q2", "A second desludging truck");

    // Another city's officer cannot even start one for Kushtia.
    await expect(createReport(db(), otherOfficer, { kind: "city_profile", language: "bn", title: "Kushtia", city: kushtia, year: 2026, round: null, cities: [] })).rejects.toMatchObject({ code: "forbidden" });
    const { versionId } = await createReport(db(), officer, { kind: "city_profile", language: "bn", title: "কুষ্টিয়া পৌরসভা: শহরের প্রোফাইল ২০২৬", city: kushtia, year: 2026, round: null, cities: [] });
    let v = await version(db(), versionId);
    expect(v.status).toBe("draft");

    // Markdown with a script is refused by the schema, nothing stored.
    const bad = saveDraftSchema.safeParse({ versionId, version: v.version, title: "x", written: { summary: "<script>alert(1)</script>" }, changeNote: "", recommendations: [] });
    expect(bad.success).toBe(false);
    await saveDraft(db(), officer, { versionId, version: v.version, title: "Kushtia 2026", written: { summary: "## Summary\n\nDesludging **doubled**.", findings: "Good." }, changeNote: "", recommendations: [{ body: "Buy a second truck", needs: [need.answerId] }] });
    await expect(saveDraft(db(), officer, { versionId, version: v.version, title: "stale", written: {}, changeNote: "", recommendations: [] })).rejects.toMatchObject({ messageKey: "reports.staleSave" });
    v = await version(db(), versionId);
    expect(v.written.summary).toContain("doubled");

    // Drafts stay with their writers and the city's approver.
    const access = { cityId: kushtia, mentorCityId: null, status: "draft" as const };
    expect(canReadReport(partner, access)).toBe(false);
    expect((await listReports(db(), { role: "partner", cityId: null }, {}, { limit: 50, offset: 0 })).rows.some((r) => r.versionId === versionId)).toBe(false);
    expect((await listReports(db(), { role: "approver", cityId: kushtia }, {}, { limit: 50, offset: 0 })).rows.some((r) => r.versionId === versionId)).toBe(true);
    await expect(addComment(db(), partner, { versionId, section: "summary", parent: null, body: "early" })).rejects.toMatchObject({ code: "not_found" });

    // Share: only writers may; the approver hears of it through the outbox.
    for (const who of [partner, approver, trainer, otherOfficer]) expect((await move(db(), who, versionId, "consultation")).rowErrors[0]?.messageKey).toBe("errors.forbidden");
    expect((await move(db(), officer, versionId, "consultation")).moved).toHaveLength(1);
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, approver.id), eq(notifications.kind, "report.share")));
    expect(told).toHaveLength(1);

    // Comments from the consulted; another city's approver cannot see the report at all.
    const byReviewer = await addComment(db(), reviewer, { versionId, section: "scores", parent: null, body: "Add the 2025 trend." });
    const byPartner = await addComment(db(), partner, { versionId, section: "summary", parent: null, body: "Name the truck's funder." });
    await addComment(db(), approver, { versionId, section: "summary", parent: byPartner.commentId, body: "The council funds it." });
    await expect(addComment(db(), otherApprover, { versionId, section: "summary", parent: null, body: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(addComment(db(), reviewer, { versionId, section: "no_such", parent: null, body: "x" })).rejects.toMatchObject({ messageKey: "reports.unknownSection" });
    await expect(saveDraft(db(), officer, { versionId, version: (await version(db(), versionId)).version, title: "x", written: {}, changeNote: "", recommendations: [] })).rejects.toMatchObject({ messageKey: "reports.notDraft" });

    // Submitting needs every comment answered; "not incorporated" needs a reason (the database says so too).
    expect((await move(db(), officer, versionId, "validation")).rowErrors[0]?.messageKey).toBe("reports.commentsUnanswered");
    await answerComment(db(), officer, { comment: byReviewer.commentId, answer: "incorporated", reason: "" });
    await expect(answerComment(db(), partner, { comment: byPartner.commentId, answer: "incorporated", reason: "" })).rejects.toMatchObject({ code: "forbidden" });
    await answerComment(db(), officer, { comment: byPartner.commentId, answer: "not_incorporated", reason: "The funder asked not to be named." });
    await resolveComment(db(), partner, { comment: byPartner.commentId, resolved: true });
    expect((await move(db(), officer, versionId, "validation")).moved).toHaveLength(1);

    // Validation: the city's approver (or an admin) only; finalizing needs validation first.
    expect((await move(db(), reviewer, versionId, "final")).rowErrors[0]?.messageKey).toBe("reports.refused.final");
    for (const who of [officer, reviewer, partner, otherApprover]) expect((await move(db(), who, versionId, "validated")).rowErrors[0]?.messageKey).toBe("errors.forbidden");
    expect((await move(db(), approver, versionId, "draft", "  ")).rowErrors[0]?.messageKey).toBe("workflow.commentRequired");
    expect((await move(db(), approver, versionId, "draft", "Use the council's figures for 2026.")).moved).toHaveLength(1);
    v = await version(db(), versionId);
    expect(v.status).toBe("draft");
    expect(v.returnReason).toBe("Use the council's figures for 2026.");
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, officer.id), eq(notifications.kind, "report.return")))).toHaveLength(1);

    await move(db(), officer, versionId, "consultation");
    await move(db(), officer, versionId, "validation");
    expect((await move(db(), approver, versionId, "validated")).moved).toHaveLength(1);
    for (const who of [officer, approver, partner]) expect((await move(db(), who, versionId, "final")).rowErrors[0]?.messageKey).toBe("errors.forbidden");
    expect((await move(db(), reviewer, versionId, "final")).moved).toHaveLength(1);

    // Final: frozen snapshot, public, in the library; the database refuses any change.
    v = await version(db(), versionId);
    expect(v.status).toBe("final");
    expect(v.snapshot?.cities[0]?.slug).toBe("kushtia");
    expect(v.snapshot?.recommendations?.[0]).toMatchObject({ body: "Buy a second truck", needIds: [need.answerId] });
    expect(canReadReport(null, { cityId: kushtia, mentorCityId: null, status: "final" })).toBe(true);
    const [report] = await db().select().from(reports).where(eq(reports.id, v.reportId));
    const [entry] = await db().select().from(resources).where(eq(resources.id, report!.resourceId!));
    expect(entry).toMatchObject({ status: "published", type: "report", language: "bn", cityId: kushtia });
    await expect(db().update(reportVersions).set({ changeNote: "tamper" }).where(eq(reportVersions.id, versionId))).rejects.toThrow();
    await expect(saveDraft(db(), officer, { versionId, version: v.version, title: "x", written: {}, changeNote: "", recommendations: [] })).rejects.toMatchObject({ messageKey: "reports.finalFrozen" });
    await expect(addComment(db(), reviewer, { versionId, section: "summary", parent: null, body: "late" })).rejects.toBeInstanceOf(AppError);
    expect(await db().select({ kind: outbox.kind }).from(outbox).where(eq(outbox.kind, "report.finalize"))).not.toHaveLength(0);

    // A need reflected by a final report leaves the programme's list of unreflected needs.
    expect((await unreflectedNeeds(db(), { limit: 500, offset: 0 })).rows.some((n) => n.answerId === need.answerId)).toBe(false);

    // A value validated after final changes nothing in it, nor in its PDF; the next version shows the change.
    const frozenIndex = v.snapshot?.cities[0]?.scores.index ?? null;
    const frozenPdf = canPrint ? await pdfText(db(), versionId) : "";
    const [sd1] = await db().select().from(indicators).where(eq(indicators.code, "SD-1"));
    const before = v.snapshot?.cities[0]?.indicators.find((i) => i.code === "SD-1");
    const changed = before?.value === 1 ? 2 : 1;
    await db()
      .insert(indicatorValues)
      .values({ cityId: kushtia, indicatorId: sd1!.id, period: "2026-Q4", value: changed, status: "validated", validatedValue: changed, validatedAt: new Date() })
      .onConflictDoUpdate({ target: [indicatorValues.cityId, indicatorValues.indicatorId, indicatorValues.period], set: { value: changed, validatedValue: changed, validatedAt: new Date(), status: "validated" } });
    const reread = await version(db(), versionId);
    expect(reread.snapshot).toEqual(v.snapshot);
    expect(reread.snapshot?.cities[0]?.scores.index ?? null).toBe(frozenIndex);
    if (canPrint) expect(await pdfText(db(), versionId)).toBe(frozenPdf);
    const live = await buildReportSnapshot(db(), report!);
    expect(live.cities[0]?.indicators.find((i) => i.code === "SD-1")).toMatchObject({ value: changed, period: "2026-Q4" });

    await expect(startNextVersion(db(), otherOfficer, { reportId: v.reportId, changeNote: "x" })).rejects.toMatchObject({ code: "forbidden" });
    const next = await startNextVersion(db(), officer, { reportId: v.reportId, changeNote: "SD-1 corrected for 2026-Q4" });
    await expect(startNextVersion(db(), officer, { reportId: v.reportId, changeNote: "again" })).rejects.toMatchObject({ messageKey: "reports.nextVersionOpen" });
    const v2 = await version(db(), next.versionId);
    expect(v2).toMatchObject({ number: 2, status: "draft", changeNote: "SD-1 corrected for 2026-Q4" });
    expect(v2.written).toEqual(v.written);
    await move(db(), officer, v2.id, "consultation");
    await move(db(), officer, v2.id, "validation");
    await move(db(), approver, v2.id, "validated");
    await move(db(), reviewer, v2.id, "final");
    const final2 = await version(db(), v2.id);
    expect(final2.snapshot?.cities[0]?.indicators.find((i) => i.code === "SD-1")).toMatchObject({ value: changed });
    if (canPrint) {
      expect(indicatorLine(frozenPdf, "SD-1")).not.toBe("");
      expect(indicatorLine(await pdfText(db(), v2.id), "SD-1")).not.toBe(indicatorLine(frozenPdf, "SD-1"));
    }
    expect((await version(db(), versionId)).snapshot).toEqual(v.snapshot);
    // One library entry per report, pointing at its newest final version's address.
    expect(await db().select().from(resources).where(eq(resources.id, report!.resourceId!))).toHaveLength(1);
  });

  it("lets the mentor city's officers comment on a mentee's report, and refuses other cities' officers", async () => {
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const kushtiaOfficer = await actor(db(), "officer.kushtia@demo.cwis");
    const mahalaxmiOfficer = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const meherpur = await seededCityId(db(), "meherpur");
    const { versionId } = await createReport(db(), reviewer, { kind: "city_profile", language: "en", title: "Meherpur 2026", city: meherpur, year: 2026, round: null, cities: [] });
    await expect(addComment(db(), kushtiaOfficer, { versionId, section: "summary", parent: null, body: "draft" })).rejects.toMatchObject({ code: "not_found" });
    await move(db(), reviewer, versionId, "consultation");
    await addComment(db(), kushtiaOfficer, { versionId, section: "summary", parent: null, body: "Share the truck schedule we use." });
    await expect(addComment(db(), mahalaxmiOfficer, { versionId, section: "summary", parent: null, body: "x" })).rejects.toMatchObject({ code: "not_found" });
    // The mentor's officer comments but does not write or submit the mentee's report.
    expect((await move(db(), kushtiaOfficer, versionId, "validation")).rowErrors[0]?.messageKey).toBe("errors.forbidden");
  });

  it("shows the needs table: each need of the round and whether a recommendation reflects it", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const reflected = await roundWithNeed(db(), kushtia, "2025-Q3", "Land for a co-composting site");
    const { versionId } = await createReport(db(), officer, { kind: "round_report", language: "en", title: "Kushtia after 2025-Q3", city: kushtia, year: null, round: reflected.roundId, cities: [] });
    const current = await version(db(), versionId);
    await saveDraft(db(), officer, { versionId, version: current.version, title: "Kushtia after 2025-Q3", written: {}, changeNote: "", recommendations: [{ body: "Ask the district for land", needs: [reflected.answerId] }] });
    const [report] = await db().select().from(reports).where(eq(reports.id, current.reportId));
    const snapshot = await buildReportSnapshot(db(), report!);
    expect(snapshot.cities[0]?.needs.map((n) => n.text)).toEqual(["Land for a co-composting site"]);
    // Not final yet: still on the programme's list.
    expect((await unreflectedNeeds(db(), { limit: 500, offset: 0 })).rows.some((n) => n.answerId === reflected.answerId)).toBe(true);
    // Only answers to need questions can be linked.
    await expect(saveDraft(db(), officer, { versionId, version: (await version(db(), versionId)).version, title: "t", written: {}, changeNote: "", recommendations: [{ body: "b", needs: [2_000_000_000] }] })).rejects.toMatchObject({ messageKey: "reports.unknownNeed" });
    // A draft response's need is no need yet.
    const draftNeed = await roundWithNeed(db(), kushtia, "2025-Q4", "Not submitted yet", "draft");
    expect((await unreflectedNeeds(db(), { limit: 500, offset: 0 })).rows.some((n) => n.answerId === draftNeed.answerId)).toBe(false);
  });
});
