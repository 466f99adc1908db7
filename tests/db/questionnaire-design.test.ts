import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { actorByEmail, refusal } from "./event-fixtures";
import type { Database } from "@/db/client";
import { auditLog, indicators, questionnaireVersions, questions } from "@/db/schema";
import { indicatorChoices, listQuestionnairesForDesign, publishedVersionsForRounds, versionsOfQuestionnaire, versionWithQuestions } from "@/db/queries/questionnaires";
import { createQuestionnaire, editVersion, publishVersion, saveVersionDraft } from "@/server/questionnaires/design";
import { QUESTIONNAIRE_WORKFLOW } from "@/lib/workflow/questionnaire-versions";
import type { LocalizedText } from "@/lib/domain";
import { sqlState } from "@/lib/errors";

const L = (en: string, bn = "", ne = ""): LocalizedText => ({ en, bn, ne });

type DraftQuestion = Record<string, unknown> & { key: string };
const question = (key: string, extra: Record<string, unknown> = {}): DraftQuestion => ({
  key,
  sectionKey: "main",
  type: "yes_no",
  label: L(`Question ${key}`),
  help: L(""),
  required: false,
  config: { type: "yes_no" },
  showWhen: null,
  ...extra,
});

const draftOf = (questionsList: DraftQuestion[], extra: Record<string, unknown> = {}) => ({
  title: L("Sanitation service survey", "স্যানিটেশন সেবা জরিপ", "सरसफाइ सेवा सर्वेक्षण"),
  description: L("Asked every quarter."),
  sections: [{ key: "main", title: L("General") }, { key: "fsm", title: L("Faecal sludge") }],
  questions: questionsList,
  ...extra,
});

/** A realistic draft: a yes/no gate, a choice shown only after "yes", a number, an indicator question. */
const fullDraft = () =>
  draftOf([
    question("has_fstp", { label: L("Does the city run a treatment plant?", "শহর কি পরিশোধনাগার চালায়?", "के सहरले प्रशोधन केन्द्र चलाउँछ?"), required: true }),
    question("fstp_kind", {
      type: "single_choice",
      config: { type: "single_choice", options: [{ value: "co_compost", label: L("Co-composting") }, { value: "drying_beds", label: L("Drying beds") }] },
      showWhen: { question: "has_fstp", equals: "yes" },
    }),
    question("trucks", { sectionKey: "fsm", type: "number", config: { type: "number", unit: "trucks", min: 0, max: 500, decimals: 0 } }),
    question("safely_managed", { sectionKey: "fsm", type: "indicator", config: { type: "indicator", indicatorCode: "sd-1" }, label: L("Safely managed sanitation") }),
  ]);

/** The ZodError's issues as "path: message". */
async function issuesOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof z.ZodError) return error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw error;
  }
  throw new Error("expected field problems");
}

/** The SQLSTATE the database refused a statement with. */
async function sqlStateOf(statement: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await statement;
  } catch (error) {
    return sqlState(error);
  }
  throw new Error("expected the database to refuse");
}

async function revisionOf(db: Database, versionId: number): Promise<number> {
  const [row] = await db.select({ revision: questionnaireVersions.revision }).from(questionnaireVersions).where(eq(questionnaireVersions.id, versionId));
  if (!row) throw new Error("no version");
  return row.revision;
}

describeDb("questionnaire designer", (db) => {
  const reviewer = () => actorByEmail(db(), "reviewer@demo.cwis");
  const admin = () => actorByEmail(db(), "admin@demo.cwis");
  const create = async (title = "Sanitation service survey") => createQuestionnaire(db(), { title: L(title) }, await reviewer());
  const save = async (versionId: number, draft: unknown, revision?: number) => saveVersionDraft(db(), { versionId, revision: revision ?? (await revisionOf(db(), versionId)), draft }, await reviewer());

  it("creates a questionnaire with version 1 as a draft and one section, audited", async () => {
    const { questionnaireId, versionId } = await create();
    const found = await versionWithQuestions(db(), versionId);
    expect(found?.version).toMatchObject({ questionnaireId, number: 1, status: "draft", revision: 1, publishedAt: null, title: L("Sanitation service survey") });
    expect(found?.version.sections).toEqual([{ key: "main", title: { en: "General", bn: "সাধারণ", ne: "सामान्य" } }]);
    expect(found?.questions).toEqual([]);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entity, "questionnaire"), eq(auditLog.entityId, String(questionnaireId))));
    expect(audit?.action).toBe("questionnaire.create");
  });

  it("refuses a questionnaire without an English title", async () => {
    expect(await issuesOf(createQuestionnaire(db(), { title: L("  ", "শিরোনাম", "") }, await reviewer()))).toEqual(["title.en: validation.required"]);
  });

  it("saves a draft as a whole: questions in order, indicator ids from the framework, a new revision, audited", async () => {
    const { versionId } = await create();
    const result = await save(versionId, fullDraft(), 1);
    expect(result).toEqual({ revision: 2 });
    const found = await versionWithQuestions(db(), versionId);
    expect(found?.questions.map((q) => [q.position, q.key, q.sectionKey, q.type])).toEqual([
      [1, "has_fstp", "main", "yes_no"],
      [2, "fstp_kind", "main", "single_choice"],
      [3, "trucks", "fsm", "number"],
      [4, "safely_managed", "fsm", "indicator"],
    ]);
    const [sd1] = await db().select().from(indicators).where(eq(indicators.code, "SD-1"));
    const indicatorQuestion = found?.questions[3];
    expect(indicatorQuestion?.indicatorId).toBe(sd1?.id);
    expect(indicatorQuestion?.config).toEqual({ type: "indicator", indicatorCode: "SD-1" });
    expect(indicatorQuestion?.indicator).toEqual({ id: sd1?.id, code: "SD-1", unit: "percent", nameEn: sd1?.nameEn, nameBn: sd1?.nameBn, nameNe: sd1?.nameNe, hardMin: sd1?.hardMin ?? null, hardMax: sd1?.hardMax ?? null });
    expect(found?.questions[0]?.indicator).toBeNull();
    expect(found?.questions[1]?.showWhen).toEqual({ question: "has_fstp", equals: "yes" });
    expect(found?.version.title.bn).toBe("স্যানিটেশন সেবা জরিপ");
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.entity, "questionnaire_version"), eq(auditLog.entityId, String(versionId)), eq(auditLog.action, "questionnaire.save")));
    expect(audits).toHaveLength(1);
    expect((audits[0]?.after as { questions: unknown[] }).questions).toHaveLength(4);
    expect((audits[0]?.before as { questions: unknown[] }).questions).toHaveLength(0);

    // A second save replaces the questions (one removed, two swapped).
    const [a, b, c] = fullDraft().questions;
    if (!a || !b || !c) throw new Error("draft");
    await save(versionId, draftOf([a, c, b]), 2);
    expect((await versionWithQuestions(db(), versionId))?.questions.map((q) => q.key)).toEqual(["has_fstp", "trucks", "fstp_kind"]);
  });

  it("reports every problem of a draft at once, with its path, and changes nothing", async () => {
    const { versionId } = await create();
    await save(versionId, fullDraft(), 1);
    const bad = draftOf([
      question("gate", { showWhen: { question: "later", equals: "yes" } }),
      question("later"),
      question("later"),
      question("Bad Key"),
      question("kind", { type: "single_choice", config: { type: "single_choice", options: [] } }),
      question("count", { type: "number", config: { type: "number", unit: "", min: 10, max: 1, decimals: 0 } }),
      question("ghost", { type: "indicator", config: { type: "indicator", indicatorCode: "XX-99" } }),
      question("nowhere", { sectionKey: "missing" }),
    ], { title: L("") });
    const issues = await issuesOf(save(versionId, bad, 2));
    expect(issues).toEqual(
      expect.arrayContaining([
        "title.en: validation.required",
        "questions.0.showWhen: validation.questionnaire.showWhen",
        "questions.2.key: validation.questionnaire.duplicateKey",
        "questions.3.key: validation.questionnaire.key",
        "questions.4.config.options: validation.questionnaire.optionsNeeded",
        "questions.5.config.max: validation.questionnaire.minAboveMax",
        "questions.6.config.indicatorCode: validation.indicatorUnknown",
        "questions.7.sectionKey: validation.questionnaire.unknownSection",
      ]),
    );
    expect(await revisionOf(db(), versionId)).toBe(2);
    expect((await versionWithQuestions(db(), versionId))?.questions.map((q) => q.key)).toEqual(["has_fstp", "fstp_kind", "trucks", "safely_managed"]);
  });

  it("refuses an unknown or retired indicator even when the rest of the draft is valid", async () => {
    const { versionId } = await create();
    expect(await issuesOf(save(versionId, draftOf([question("ghost", { type: "indicator", config: { type: "indicator", indicatorCode: "ZZ-1" } })]), 1))).toEqual(["questions.0.config.indicatorCode: validation.indicatorUnknown"]);
    await db().update(indicators).set({ active: false }).where(eq(indicators.code, "BCC-5"));
    try {
      expect(await issuesOf(save(versionId, draftOf([question("retired", { type: "indicator", config: { type: "indicator", indicatorCode: "BCC-5" } })]), 1))).toEqual(["questions.0.config.indicatorCode: validation.indicatorUnknown"]);
    } finally {
      await db().update(indicators).set({ active: true }).where(eq(indicators.code, "BCC-5"));
    }
    expect(await versionWithQuestions(db(), versionId).then((f) => f?.questions.length)).toBe(0);
  });

  it("refuses a show-when rule naming a later question (or a question without answers to compare)", async () => {
    const { versionId } = await create();
    const later = draftOf([question("first", { showWhen: { question: "second", equals: "yes" } }), question("second")]);
    expect(await issuesOf(save(versionId, later, 1))).toEqual(["questions.0.showWhen: validation.questionnaire.showWhen"]);
    const onText = draftOf([question("name", { type: "short_text", config: { type: "short_text", maxLength: 100 } }), question("after", { showWhen: { question: "name", equals: "x" } })]);
    expect(await issuesOf(save(versionId, onText, 1))).toEqual(["questions.1.showWhen: validation.questionnaire.showWhen"]);
    const wrongAnswer = draftOf([question("gate"), question("after", { showWhen: { question: "gate", equals: "maybe" } })]);
    expect(await issuesOf(save(versionId, wrongAnswer, 1))).toEqual(["questions.1.showWhen: validation.questionnaire.showWhen"]);
  });

  it("marks a text question as collecting needs, refuses the mark on other types, and keeps it in the next version", async () => {
    const { versionId } = await create();
    const needs = draftOf([question("gate"), question("need_top", { type: "long_text", config: { type: "long_text", maxLength: 2000 }, isNeed: true })]);
    const onYesNo = draftOf([question("gate", { isNeed: true })]);
    expect(await issuesOf(save(versionId, onYesNo, 1))).toEqual(["questions.0.isNeed: validation.questionnaire.needTextOnly"]);
    await save(versionId, needs, 1);
    const saved = await versionWithQuestions(db(), versionId);
    expect(saved?.questions.map((q) => [q.key, q.isNeed])).toEqual([["gate", false], ["need_top", true]]);
    await publishVersion(db(), { versionId }, await reviewer());
    const next = await editVersion(db(), versionId, await reviewer());
    expect((await versionWithQuestions(db(), next.versionId))?.questions.find((q) => q.key === "need_top")?.isNeed).toBe(true);
  });

  it("refuses a stale save (someone saved in between) and changes nothing", async () => {
    const { versionId } = await create();
    await save(versionId, draftOf([question("first")]), 1);
    expect(await refusal(save(versionId, draftOf([question("mine")]), 1))).toBe("questionnaire.design.stale");
    expect((await versionWithQuestions(db(), versionId))?.questions.map((q) => q.key)).toEqual(["first"]);
    expect(await revisionOf(db(), versionId)).toBe(2);
  });

  it("refuses to publish a version without questions; publishing is audited by the workflow", async () => {
    const { versionId } = await create();
    expect(await refusal(publishVersion(db(), { versionId }, await reviewer()))).toBe("questionnaire.design.publishEmpty");
    expect((await versionWithQuestions(db(), versionId))?.version.status).toBe("draft");

    await save(versionId, fullDraft(), 1);
    expect(await refusal(publishVersion(db(), { versionId, revision: 1 }, await reviewer()))).toBe("questionnaire.design.stale");
    const actor = await admin();
    await publishVersion(db(), { versionId, revision: 2 }, actor);
    const published = (await versionWithQuestions(db(), versionId))?.version;
    expect(published).toMatchObject({ status: "published", publishedBy: actor.id, revision: 3 });
    expect(published?.publishedAt).toBeInstanceOf(Date);
    const action = QUESTIONNAIRE_WORKFLOW.transitions[0].action;
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.entity, "questionnaire_version"), eq(auditLog.entityId, String(versionId)), eq(auditLog.action, action)));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.before).toMatchObject({ status: "draft" });
    expect(audits[0]?.after).toMatchObject({ status: "published", questions: 4 });
    expect(await refusal(publishVersion(db(), { versionId }, actor))).toBe("questionnaire.design.alreadyPublished");

    const forRounds = await publishedVersionsForRounds(db());
    expect(forRounds).toEqual(expect.arrayContaining([{ id: versionId, questionnaireId: published?.questionnaireId, number: 1, title: published?.title }]));
  });

  it("never changes a published version: saving is refused, and so is a direct UPDATE or DELETE in the database", async () => {
    const { versionId } = await create();
    await save(versionId, fullDraft(), 1);
    await publishVersion(db(), { versionId }, await reviewer());
    const before = await versionWithQuestions(db(), versionId);

    expect(await refusal(save(versionId, draftOf([question("changed")]), 3))).toBe("questionnaire.design.publishedReadOnly");

    const [first] = before?.questions ?? [];
    if (!first) throw new Error("no question");
    // The trigger of migration 0008 raises check_violation (23514) for each.
    expect(await sqlStateOf(db().update(questions).set({ label: L("Changed behind the app's back") }).where(eq(questions.id, first.id)))).toBe("23514");
    expect(await sqlStateOf(db().delete(questions).where(eq(questions.id, first.id)))).toBe("23514");
    expect(await sqlStateOf(db().insert(questions).values({ versionId, key: "sneaked", sectionKey: "main", position: 9, type: "yes_no", label: L("Sneaked in"), help: L(""), config: { type: "yes_no" } }))).toBe("23514");
    expect(await sqlStateOf(db().update(questionnaireVersions).set({ title: L("Renamed") }).where(eq(questionnaireVersions.id, versionId)))).toBe("23514");
    expect(await versionWithQuestions(db(), versionId)).toEqual(before);
  });

  it("editing a published version makes version n + 1 as a draft copy (same keys), once; the published one is unchanged", async () => {
    const { questionnaireId, versionId } = await create();
    await save(versionId, fullDraft(), 1);
    await publishVersion(db(), { versionId }, await reviewer());
    const published = await versionWithQuestions(db(), versionId);

    const edited = await editVersion(db(), versionId, await reviewer());
    expect(edited.created).toBe(true);
    expect(edited.versionId).not.toBe(versionId);
    const copy = await versionWithQuestions(db(), edited.versionId);
    expect(copy?.version).toMatchObject({ questionnaireId, number: 2, status: "draft", revision: 1, title: published?.version.title, sections: published?.version.sections });
    const shape = (q: NonNullable<typeof copy>["questions"][number]) => [q.key, q.sectionKey, q.position, q.type, q.label, q.config, q.showWhen, q.indicatorId, q.required];
    expect(copy?.questions.map(shape)).toEqual(published?.questions.map(shape));
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entity, "questionnaire_version"), eq(auditLog.entityId, String(edited.versionId)), eq(auditLog.action, "questionnaire.newVersion")));
    expect(audit?.after).toMatchObject({ questionnaireId, number: 2, copiedFrom: 1 });

    // A second "edit" opens the same draft; so does "edit" on the draft itself.
    expect(await editVersion(db(), versionId, await admin())).toEqual({ versionId: edited.versionId, created: false });
    expect(await editVersion(db(), edited.versionId, await admin())).toEqual({ versionId: edited.versionId, created: false });

    // Changing the draft leaves the published version as it was.
    await save(edited.versionId, draftOf([question("has_fstp", { label: L("Reworded") })]), 1);
    expect(await versionWithQuestions(db(), versionId)).toEqual(published);
    expect((await versionsOfQuestionnaire(db(), questionnaireId)).map((v) => [v.number, v.status, v.questionCount])).toEqual([
      [2, "draft", 1],
      [1, "published", 4],
    ]);
    const { rows } = await listQuestionnairesForDesign(db(), { limit: 100, offset: 0 });
    expect(rows.find((r) => r.questionnaireId === questionnaireId)).toMatchObject({ versionId: edited.versionId, number: 2, status: "draft", questionCount: 1, publishedNumber: 1 });
  });

  it("lists questionnaires by their latest version, a page at a time", async () => {
    const first = await listQuestionnairesForDesign(db(), { limit: 2, offset: 0 });
    expect(first.rows).toHaveLength(2);
    expect(first.total).toBeGreaterThanOrEqual(first.rows.length);
    const all = await listQuestionnairesForDesign(db(), { limit: 1000, offset: 0 });
    expect(all.rows).toHaveLength(all.total);
    expect(new Set(all.rows.map((r) => r.questionnaireId)).size).toBe(all.total);
    const times = all.rows.map((r) => r.updatedAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it.each(["officer.kushtia@demo.cwis", "partner@demo.cwis", "trainer@demo.cwis"])("refuses %s every designer function", async (email) => {
    const outsider = await actorByEmail(db(), email);
    const { versionId } = await create();
    await save(versionId, draftOf([question("one")]), 1);
    expect(await refusal(createQuestionnaire(db(), { title: L("Mine") }, outsider))).toBe("errors.forbidden");
    expect(await refusal(saveVersionDraft(db(), { versionId, revision: 2, draft: draftOf([question("two")]) }, outsider))).toBe("errors.forbidden");
    expect(await refusal(publishVersion(db(), { versionId }, outsider))).toBe("errors.forbidden");
    expect(await refusal(editVersion(db(), versionId, outsider))).toBe("errors.forbidden");
    const found = await versionWithQuestions(db(), versionId);
    expect(found?.version).toMatchObject({ status: "draft", revision: 2 });
    expect(found?.questions.map((q) => q.key)).toEqual(["one"]);
  });

  it("offers the framework's active indicators in framework order for indicator questions", async () => {
    const choices = await indicatorChoices(db());
    expect(choices.map((c) => c.code).slice(0, 3)).toEqual(["GOV-1", "GOV-2", "GOV-3"]);
    expect(choices.at(-1)?.code).toBe("BCC-5");
    expect(choices).toHaveLength(32);
  });

  it("returns null for an unknown version", async () => {
    expect(await versionWithQuestions(db(), 987654)).toBeNull();
    expect(await refusal(saveVersionDraft(db(), { versionId: 987654, revision: 1, draft: draftOf([]) }, await reviewer()))).toBe("errors.not_found");
    expect(await refusal(publishVersion(db(), { versionId: 987654 }, await reviewer()))).toBe("errors.not_found");
    expect(await refusal(editVersion(db(), 987654, await reviewer()))).toBe("errors.not_found");
  });
});
