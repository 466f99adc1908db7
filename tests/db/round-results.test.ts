import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { questionnaireVersions, questions, responses, rounds } from "@/db/schema";
import { choiceCounts, exportPages, numberSummaries, textAnswers } from "@/db/queries/round-results";
import { translator } from "@/lib/i18n/messages";
import { sentFromApi } from "@/lib/questionnaires/api";
import { answersBodySchema } from "@/lib/validation/questionnaires";
import { saveAnswers } from "@/server/questionnaires/answer";
import { exportCsv, exportXlsx } from "@/server/questionnaires/export";
import { describeDb, seededCityId, seededUser } from "./support";
import { explained, openRound, text, ticks } from "./questionnaire-fixtures";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(value);
  }
}

describeDb("a round's results and exports", (db) => {
  it("counts choices, summarises numbers and lists texts of submitted answers only, filtered by country", async () => {
    const fx = await openRound(db());
    const kushtia = await seededUser(db(), "officer.kushtia@demo.cwis");
    const mahalaxmi = await seededUser(db(), "officer.mahalaxmi@demo.cwis");
    await saveAnswers(db(), kushtia, { responseId: fx.kushtia.id, version: 1, submit: true, sent: new Map([["sd2", explained("60")], ["has_plan", text("yes")], ["plan_year", text("2021")], ["needs", ticks(["finance", "fstp"])], ["blocks", text("No land for a plant")]]) });
    // A draft is not an answer yet: left out of the results.
    await saveAnswers(db(), mahalaxmi, { responseId: fx.mahalaxmi.id, version: 1, submit: false, sent: new Map([["has_plan", text("no")], ["needs", ticks(["finance"], "Staff")]]) });

    const counts = await choiceCounts(db(), fx.round.id, {});
    const byQuestion = (key: string) => counts.filter((c) => c.questionId === questionIdOf(key)).map((c) => [c.choice, c.n]).sort();
    const ids = new Map((await db().select({ id: questions.id, key: questions.key }).from(questions).where(eq(questions.versionId, fx.version.id))).map((q) => [q.key, q.id]));
    const questionIdOf = (key: string) => ids.get(key);
    expect(byQuestion("has_plan")).toEqual([["yes", 1]]);
    expect(byQuestion("needs")).toEqual([["finance", 1], ["fstp", 1]]);
    const numbers = await numberSummaries(db(), { id: fx.round.id, versionId: fx.version.id, indicatorPeriod: fx.period }, {});
    expect(numbers.find((n) => n.questionId === questionIdOf("plan_year"))).toMatchObject({ n: 1, min: 2021, median: 2021, max: 2021 });
    expect(numbers.find((n) => n.questionId === questionIdOf("sd2"))).toMatchObject({ n: 1, min: 60, max: 60 });
    expect((await textAnswers(db(), fx.round.id, {}, 10)).map((r) => [r.slug, r.value])).toEqual([["kushtia", { kind: "text", value: "No land for a plant" }]]);
    expect(await choiceCounts(db(), fx.round.id, { country: "NP" })).toEqual([]);
  });

  it("exports one row per city and question answered, in the chosen language; XLSX has a sheet per section and reads back with exceljs", async () => {
    const fx = await openRound(db());
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    await saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: 1, submit: true, sent: new Map([["sd2", explained("58.5")], ["has_plan", text("no")], ["needs", ticks(["fstp"], "Data")]]) });
    const t = translator("bn");
    const csv = (await readAll(await exportCsv(db(), { roundId: fx.round.id }, { locale: "bn", t, filter: {} }))).toString("utf8");
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toContain(t("export.question"));
    // sd2, has_plan and needs: three rows; the question's Bangla label where it has one.
    expect(lines).toHaveLength(4);
    expect(csv).toContain("এফএসএম পরিকল্পনা আছে?");
    expect(csv).toContain("58.5");

    const workbook = new ExcelJS.Workbook();
    const file = await readAll(exportXlsx(db(), { roundId: fx.round.id }, { locale: "en", t: translator("en"), filter: {} }));
    await workbook.xlsx.load(new Uint8Array(file).buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Main"]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    const rows = [2, 3, 4].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    const answerOf = (key: string) => rows.find((r) => r[8] === key)?.[10];
    expect(answerOf("sd2")).toBe(58.5);
    expect(answerOf("has_plan")).toBe("No");
    expect(answerOf("needs")).toBe("Treatment plant; Data");

    // The API's pages: a page of cities at a time, resumed after the last response's id.
    await saveAnswers(db(), await seededUser(db(), "officer.mahalaxmi@demo.cwis"), { responseId: fx.mahalaxmi.id, version: 1, submit: false, sent: new Map([["has_plan", text("yes")]]) });
    const first = await exportPages(db(), { roundId: fx.round.id }, { filter: {}, maxResponses: 1 }).next();
    if (first.done) throw new Error("no first page");
    expect(first.value).toMatchObject({ lastResponse: fx.kushtia.id, full: true });
    expect(new Set(first.value.rows.map((r) => r.slug))).toEqual(new Set(["kushtia"]));
    const second = await exportPages(db(), { roundId: fx.round.id }, { filter: {}, maxResponses: 1, afterResponse: first.value.lastResponse }).next();
    if (second.done) throw new Error("no second page");
    expect(second.value.rows.map((r) => [r.slug, r.questionKey, r.value])).toEqual([["mahalaxmi", "has_plan", { kind: "boolean", value: true }]]);
  });

  it("an export across versions keeps every question any response answered, each in its own version", async () => {
    const fx = await openRound(db());
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    await saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: 1, submit: true, sent: new Map([["sd2", explained("50")], ["has_plan", text("no")], ["blocks", text("Funding")]]) });
    // Version 2 drops "blocks" and renames a section; a second round asks it.
    const [v2] = await db().insert(questionnaireVersions).values({ questionnaireId: fx.version.questionnaireId, number: 2, title: fx.version.title, description: fx.version.description, sections: [{ key: "main", title: { en: "Progress", bn: "", ne: "" } }] }).returning();
    const v1Questions = await db().select().from(questions).where(eq(questions.versionId, fx.version.id));
    await db().insert(questions).values(v1Questions.filter((q) => q.key !== "blocks").map(({ id: _id, versionId: _v, ...q }) => ({ ...q, versionId: v2!.id })));
    await db().update(questionnaireVersions).set({ status: "published", publishedAt: new Date() }).where(eq(questionnaireVersions.id, v2!.id));
    const [round2] = await db().insert(rounds).values({ versionId: v2!.id, title: { en: "Next", bn: "", ne: "" }, period: "2031-Q1", target: { kind: "all" }, opensOn: "2030-12-01", dueOn: "2099-01-01", status: "open" }).returning();
    const [r2] = await db().insert(responses).values({ roundId: round2!.id, cityId: await seededCityId(db(), "kushtia"), versionId: v2!.id }).returning();
    await saveAnswers(db(), officer, { responseId: r2!.id, version: 1, submit: false, sent: new Map([["has_plan", text("yes")], ["plan_year", text("2030")]]) });

    const csv = (await readAll(await exportCsv(db(), { questionnaireId: fx.version.questionnaireId }, { locale: "en", t: translator("en"), filter: {} }))).toString("utf8");
    // "blocks" only v1 asked; it is still there, with its answer.
    expect(csv).toContain("blocks");
    expect(csv).toContain("Funding");
    expect(csv).toContain("2030");
    // The section's title is the newest version's.
    expect(csv).toContain(",Progress,");
  });

  it("reads a PUT body as the form's fields: numbers, booleans, choices, indicator values with their version", () => {
    const body = answersBodySchema.parse({ version: 3, submit: true, answers: { sd2: { value: 61.5, version: 2, explanation: "New truck" }, has_plan: true, plan_year: 2024, needs: { choices: ["finance"], other: "Staff" }, blocks: null } });
    const sent = sentFromApi(body.answers);
    expect(sent.get("sd2")).toEqual({ values: ["61.5"], file: null, version: 2, explanation: "New truck" });
    expect(sent.get("has_plan")).toEqual({ values: ["yes"], file: null });
    expect(sent.get("plan_year")).toEqual({ values: ["2024"], file: null });
    expect(sent.get("needs")).toEqual({ values: ["finance"], file: null, other: "Staff" });
    expect(sent.get("blocks")).toEqual({ values: [], file: null });
    expect(answersBodySchema.safeParse({ version: 1, answers: { "Bad Key": "x" } }).success).toBe(false);
  });
});
