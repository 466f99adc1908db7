import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { listAudit } from "@/db/queries/audit";
import { listProblems, problemFiles, publicProblemCounts } from "@/db/queries/problems";
import { auditLog, cityProblems, committees, components, notifications } from "@/db/schema";
import { checkFile } from "@/lib/files/upload";
import type { Actor } from "@/lib/permissions";
import { newProblemSchema, publicProblemSchema } from "@/lib/validation/problems";
import { problemView } from "@/server/loaders/problems";
import { moveProblem } from "@/server/problems/workflow";
import { PUBLIC_PROBLEM_LIMIT, addProblemEvidence, editProblem, logProblem, reportProblemPublicly } from "@/server/problems/write";
import { samplePng } from "../fixtures/files";
import { describeDb, seededCityId, seededUser } from "./support";

async function actor(db: Database, email: string): Promise<Actor> {
  const { id, role, cityId } = await seededUser(db, email);
  return { id, role, cityId };
}

const problem = (extra: Record<string, unknown> = {}) => newProblemSchema.parse({ title: "Overflowing pit latrines in ward 4", description: "Three households", place: "Ward 4, near the bazaar", severity: "high", source: "focus_group", component: "", committee: "", event: "", latitude: "", longitude: "", ...extra });

async function versionOf(db: Database, id: number) {
  const [row] = await db.select({ version: cityProblems.version, status: cityProblems.status }).from(cityProblems).where(eq(cityProblems.id, id));
  if (!row) throw new Error("no problem");
  return row;
}

const publicReport = (city: string, extra: Record<string, unknown> = {}) => publicProblemSchema.parse({ city, title: "Drain blocked behind the school", place: "Thana road", name: "Rahima", phone: "+880 1711 000000", ...extra });

describeDb("city problems", (db) => {
  it("seeds Kushtia's demo log: one in progress with its committee and history, one resolved, one resident's report waiting", async () => {
    const kushtia = await seededCityId(db(), "kushtia");
    const demo = await db().select().from(cityProblems).where(and(eq(cityProblems.cityId, kushtia), eq(cityProblems.isDemo, true)));
    expect(demo.map((p) => p.status).sort()).toEqual(["in_progress", "reported", "resolved"]);
    expect(demo.find((p) => p.status === "in_progress")?.committeeId).not.toBeNull();
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const inProgress = await problemView(db(), demo.find((p) => p.status === "in_progress")!.id, officer);
    expect(inProgress?.history.map((h) => h.toStatus)).toEqual(["open", "acknowledged", "in_progress"]);
  });

  it("logs a problem for the officer's own city (or as a reviewer), never another city's, and audits it", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const partner = await actor(db(), "partner@demo.cwis");
    const otherOfficer = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const [component] = await db().select().from(components).where(eq(components.code, "service_delivery"));
    if (!component) throw new Error("no service delivery component");
    const { id } = await logProblem(db(), officer, kushtia, problem({ component: String(component.id) }));
    expect(await versionOf(db(), id)).toMatchObject({ status: "open", version: 1 });
    await logProblem(db(), reviewer, kushtia, problem({ source: "field_visit" }));
    for (const who of [partner, otherOfficer]) await expect(logProblem(db(), who, kushtia, problem())).rejects.toMatchObject({ code: "forbidden" });
    // Only the public form may claim a resident as the source.
    expect(newProblemSchema.safeParse({ ...problem(), source: "resident" }).success).toBe(false);
    expect(newProblemSchema.safeParse({ ...problem(), latitude: 23.9 }).success).toBe(false);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entity, "city_problem"), eq(auditLog.entityId, String(id)), eq(auditLog.action, "problem.log")));
    expect(audit?.actorId).toBe(officer.id);
    // The audit page's city filter finds it under Kushtia, named by its title, and not under another city.
    const kushtiaLog = await listAudit(db(), { cityId: kushtia, entity: "city_problem", limit: 50, offset: 0 });
    expect(kushtiaLog.rows.find((r) => r.entityId === String(id))?.title).toBe("Overflowing pit latrines in ward 4");
    const elsewhere = await listAudit(db(), { cityId: await seededCityId(db(), "mahalaxmi"), entity: "city_problem", limit: 50, offset: 0 });
    expect(elsewhere.rows.some((r) => r.entityId === String(id))).toBe(false);
  });

  it("moves a problem step by step, each with a note in its history; refuses skipped steps, stale pages and other cities", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const approver = await actor(db(), "approver.kushtia@demo.cwis");
    const partner = await actor(db(), "partner@demo.cwis");
    const otherOfficer = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const { id } = await logProblem(db(), officer, kushtia, problem());
    const move = async (who: Actor, to: "acknowledged" | "in_progress" | "resolved" | "closed" | "open", note: string, version?: number) => moveProblem(db(), who, { id, to, note, version: version ?? (await versionOf(db(), id)).version });

    await expect(move(officer, "acknowledged", "  ")).rejects.toMatchObject({ messageKey: "workflow.commentRequired" });
    await expect(move(officer, "resolved", "done")).rejects.toMatchObject({ messageKey: "problems.refused.resolved" });
    for (const who of [approver, partner, otherOfficer]) await expect(move(who, "acknowledged", "seen")).rejects.toMatchObject({ messageKey: "errors.forbidden" });
    await expect(move(officer, "acknowledged", "seen", 99)).rejects.toMatchObject({ messageKey: "problems.stale" });
    await move(officer, "acknowledged", "Ward councillor informed.");
    await move(reviewer, "in_progress", "Desludging booked for Monday.");
    await move(officer, "resolved", "Pits emptied; the operator's receipt is attached.");
    await move(officer, "in_progress", "It overflowed again after the rain.");

    const view = await problemView(db(), id, partner);
    expect(view?.history.map((h) => [h.fromStatus, h.toStatus, h.note])).toEqual([
      [null, "open", ""],
      ["open", "acknowledged", "Ward councillor informed."],
      ["acknowledged", "in_progress", "Desludging booked for Monday."],
      ["in_progress", "resolved", "Pits emptied; the operator's receipt is attached."],
      ["resolved", "in_progress", "It overflowed again after the rain."],
    ]);
    expect(view?.history[2]?.authorName).toBe((await seededUser(db(), "reviewer@demo.cwis")).name);
    // The partner reads it but is offered no move; the officer is.
    expect(view?.moves).toEqual([]);
    expect((await problemView(db(), id, officer))?.moves.map((m) => m.to)).toEqual(["resolved", "closed"]);
  });

  it("takes a resident's report without an account: stored as reported, told to the city's officers, hidden until accepted, the reporter never public", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const approver = await actor(db(), "approver.kushtia@demo.cwis");
    const partner = await actor(db(), "partner@demo.cwis");
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const before = await db().select({ id: cityProblems.id }).from(cityProblems);

    // The honeypot gets the usual answer and stores nothing.
    expect(await reportProblemPublicly(db(), { ...publicReport("kushtia", { website: "http://spam.example" }), ip: "198.51.100.7" })).toBe("sent");
    expect(await db().select({ id: cityProblems.id }).from(cityProblems)).toHaveLength(before.length);

    await reportProblemPublicly(db(), { ...publicReport("kushtia"), ip: "198.51.100.7" });
    const [reported] = await db().select().from(cityProblems).where(and(eq(cityProblems.cityId, kushtia), eq(cityProblems.title, "Drain blocked behind the school")));
    expect(reported).toMatchObject({ source: "resident", reporterName: "Rahima", createdBy: null });
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, officer.id), eq(notifications.kind, "problem.reported")));
    expect(told).toHaveLength(1);

    expect(await problemView(db(), reported!.id, partner)).toBeNull();
    expect(await problemView(db(), reported!.id, reviewer)).toBeNull();
    expect((await problemView(db(), reported!.id, approver))?.reporter).toEqual({ name: "Rahima", phone: "+880 1711 000000" });
    const page = { limit: 100, offset: 0 };
    expect((await listProblems(db(), kushtia, {}, { includeReported: false }, page)).rows.some((r) => r.id === reported!.id)).toBe(false);
    expect((await listProblems(db(), kushtia, {}, { includeReported: true }, page)).rows.some((r) => r.id === reported!.id)).toBe(true);
    const countsBefore = await publicProblemCounts(db(), kushtia);

    // Accepting needs no note; it then counts as open on the public page, reporter still private.
    await moveProblem(db(), officer, { id: reported!.id, to: "open", note: "", version: reported!.version });
    const accepted = await problemView(db(), reported!.id, partner);
    expect(accepted?.problem.status).toBe("open");
    expect(accepted?.reporter).toBeNull();
    expect(JSON.stringify(accepted)).not.toContain("Rahima");
    const total = (rows: { open: number }[]) => rows.reduce((sum, r) => sum + r.open, 0);
    expect(total(await publicProblemCounts(db(), kushtia))).toBe(total(countsBefore) + 1);

    // Rejecting another one needs a reason; a rejected report never counts.
    await reportProblemPublicly(db(), { ...publicReport("kushtia", { title: "Test test test" }), ip: "198.51.100.8" });
    const [second] = await db().select().from(cityProblems).where(and(eq(cityProblems.cityId, kushtia), eq(cityProblems.title, "Test test test")));
    await expect(moveProblem(db(), officer, { id: second!.id, to: "rejected", note: "", version: second!.version })).rejects.toMatchObject({ messageKey: "workflow.commentRequired" });
    await moveProblem(db(), officer, { id: second!.id, to: "rejected", note: "Not a sanitation problem.", version: second!.version });
    expect(total(await publicProblemCounts(db(), kushtia))).toBe(total(countsBefore) + 1);
    await expect(editProblem(db(), officer, { ...problem(), id: second!.id, version: second!.version + 1 })).rejects.toMatchObject({ messageKey: "problems.rejectedReadOnly" });
  });

  it("throttles the public form per network: the sixth report in ten minutes is refused and stores nothing", async () => {
    const ip = "203.0.113.99";
    for (let i = 0; i < PUBLIC_PROBLEM_LIMIT.max; i++) await reportProblemPublicly(db(), { ...publicReport("jhenaidah", { title: `Report number ${i}` }), ip });
    const stored = await db().select({ id: cityProblems.id }).from(cityProblems);
    await expect(reportProblemPublicly(db(), { ...publicReport("jhenaidah"), ip })).rejects.toMatchObject({ code: "throttled", messageKey: "problems.public.throttled" });
    expect(await db().select({ id: cityProblems.id }).from(cityProblems)).toHaveLength(stored.length);
    // Another network is not held up.
    await reportProblemPublicly(db(), { ...publicReport("jhenaidah"), ip: "203.0.113.100" });
    // A script in the text is stored as text (it is escaped on output), a bad phone refused.
    expect(publicProblemSchema.safeParse({ city: "kushtia", title: "Drain", place: "Road", phone: "call me <script>" }).success).toBe(false);
  });

  it("links only the city's own committee (the database refuses another city's too), edits against the version seen, and keeps evidence checked by content", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const kushtia = await seededCityId(db(), "kushtia");
    const mahalaxmi = await seededCityId(db(), "mahalaxmi");
    const [own] = await db().insert(committees).values({ cityId: kushtia, name: "Ward 4 sanitation committee", theme: "Ward 4" }).returning();
    const [foreign] = await db().insert(committees).values({ cityId: mahalaxmi, name: "Tole committee", theme: "Tole 2" }).returning();
    await expect(logProblem(db(), officer, kushtia, problem({ committee: String(foreign!.id) }))).rejects.toMatchObject({ messageKey: "validation.problems.committeeUnknown" });
    const { id } = await logProblem(db(), officer, kushtia, problem({ committee: String(own!.id) }));
    await expect(db().update(cityProblems).set({ committeeId: foreign!.id }).where(eq(cityProblems.id, id))).rejects.toThrow();

    await editProblem(db(), officer, { ...problem({ title: "Overflowing pits in ward 4 (six households)", severity: "critical", committee: String(own!.id) }), id, version: 1 });
    await expect(editProblem(db(), officer, { ...problem(), id, version: 1 })).rejects.toMatchObject({ messageKey: "problems.stale" });
    expect((await problemView(db(), id, officer))?.problem).toMatchObject({ title: "Overflowing pits in ward 4 (six households)", severity: "critical", version: 2, committeeId: own!.id });

    const photo = await checkFile(samplePng(), "pit.png");
    await addProblemEvidence(db(), officer, id, photo);
    expect((await problemFiles(db(), id)).map((f) => [f.fileName, f.mimeType])).toEqual([["pit.png", "image/png"]]);
    await expect(checkFile(new TextEncoder().encode("MZ\u0090\u0000 not a photo"), "pit.png")).rejects.toMatchObject({ code: "invalid" });
    await expect(addProblemEvidence(db(), await actor(db(), "officer.mahalaxmi@demo.cwis"), id, photo)).rejects.toMatchObject({ code: "forbidden" });
  });
});
