import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeDb, seededUser } from "./support";
import { answers, cities, cityComponentScores, indicatorValues, indicators, questionnaireVersions, questionnaires, questions, responseComments, responses, rounds, components } from "@/db/schema";
import { DEMO_LAST_PERIOD, seedDemo } from "@/db/seed";
import { DEMO_QUESTIONNAIRE_TITLE, DEMO_RESPONSES, DEMO_RETURN, DEMO_ROUND_PERIOD, indicatorQuestionKey, seedDemoQuestionnaires } from "@/db/seed-questionnaires";
import { RESPONSE_STATUSES } from "@/lib/domain";
import { sqlState } from "@/lib/errors";
import { addQuarters } from "@/lib/periods";
import { checkHardRange } from "@/lib/plausibility";
import { missingRequired, parseAnswer, type RawAnswer } from "@/lib/questionnaires/answers";
import { answerLock } from "@/lib/questionnaires/rules";
import type { AnswerValue } from "@/lib/questionnaires/types";
import { versionDraftSchema } from "@/lib/validation/questionnaires";
import { lacksExplanation } from "@/lib/workflow/values";

/** A stored answer as the form would send it, to check it parses back to itself. */
function rawOf(value: AnswerValue): RawAnswer {
  switch (value.kind) {
    case "choices":
      return { choices: value.values, ...(value.other ? { other: value.other } : {}) };
    case "boolean":
      return { text: value.value ? "yes" : "no" };
    case "number":
      return { text: String(value.value) };
    case "file":
      return value;
    default:
      return { text: value.value };
  }
}

async function refusal(statement: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await statement;
  } catch (error) {
    return sqlState(error);
  }
  throw new Error("expected the database to refuse");
}

describeDb("demo questionnaire seed", (db) => {
  // The shared template is seeded without it (tests/db/global-setup.ts): seed it here.
  beforeAll(async () => {
    await seedDemoQuestionnaires(db());
  });

  const demo = async () => {
    const [questionnaire] = await db().select().from(questionnaires).where(eq(questionnaires.isDemo, true));
    if (!questionnaire) throw new Error("no demo questionnaire");
    const versions = await db().select().from(questionnaireVersions).where(eq(questionnaireVersions.questionnaireId, questionnaire.id));
    const [version] = versions;
    if (!version) throw new Error("no demo version");
    const rows = await db().select().from(questions).where(eq(questions.versionId, version.id)).orderBy(asc(questions.position));
    const [round] = await db().select().from(rounds).where(eq(rounds.versionId, version.id));
    if (!round) throw new Error("no demo round");
    const responseRows = await db().select({ response: responses, slug: cities.slug }).from(responses).innerJoin(cities, eq(cities.id, responses.cityId)).where(eq(responses.roundId, round.id));
    return { questionnaire, versions, version, questions: rows, round, responses: responseRows };
  };

  const quarterlyIndicators = () => db().select().from(indicators).where(and(eq(indicators.frequency, "quarterly"), eq(indicators.active, true)));

  it("publishes version 1 of the questionnaire, in three languages, with both sections and one indicator question per quarterly indicator", async () => {
    const { questionnaire, versions, version, questions: rows } = await demo();
    expect(questionnaire.isDemo).toBe(true);
    expect(versions).toHaveLength(1);
    expect(version).toMatchObject({ number: 1, status: "published", title: DEMO_QUESTIONNAIRE_TITLE });
    expect(version.publishedAt).not.toBeNull();
    for (const text of [version.title, version.description, ...version.sections.map((s) => s.title), ...rows.map((q) => q.label)]) {
      expect(text.en).not.toBe("");
      expect(text.bn).toMatch(/[\u0980-\u09FF]/);
      expect(text.ne).toMatch(/[\u0900-\u097F]/);
    }
    expect(version.sections.map((s) => s.key)).toEqual(["progress", "needs"]);
    expect(rows.map((q) => q.position)).toEqual(rows.map((_, i) => i + 1));

    const quarterly = await quarterlyIndicators();
    const progress = rows.filter((q) => q.sectionKey === "progress");
    expect(progress).toHaveLength(quarterly.length);
    const byId = new Map(quarterly.map((i) => [i.id, i]));
    for (const q of progress) {
      const indicator = q.indicatorId === null ? undefined : byId.get(q.indicatorId);
      expect(q.type).toBe("indicator");
      expect(q.required).toBe(true);
      expect(q.config).toEqual({ type: "indicator", indicatorCode: indicator?.code });
      expect(q.label).toEqual({ en: indicator?.nameEn, bn: indicator?.nameBn, ne: indicator?.nameNe });
      expect(q.key).toBe(indicatorQuestionKey(indicator?.code ?? ""));
    }

    const needs = rows.filter((q) => q.sectionKey === "needs");
    expect(needs.map((q) => [q.key, q.type])).toEqual([
      ["need_1", "short_text"],
      ["need_2", "short_text"],
      ["need_3", "short_text"],
      ["mentor_help", "multiple_choice"],
      ["blocks", "long_text"],
      ["has_plan", "yes_no"],
      ["plan_year", "number"],
    ]);
    expect(needs.filter((q) => q.required).map((q) => q.key)).toEqual(["need_1"]);
    const componentCodes = (await db().select({ code: components.code }).from(components).orderBy(asc(components.sortOrder))).map((c) => c.code);
    const help = needs.find((q) => q.key === "mentor_help")?.config;
    expect(help?.type === "multiple_choice" && help.allowOther).toBe(true);
    expect(help?.type === "multiple_choice" ? help.options.map((o) => o.value) : []).toEqual(componentCodes);
    expect(needs.find((q) => q.key === "blocks")?.config).toEqual({ type: "long_text", maxLength: 2000 });
    const planYear = needs.find((q) => q.key === "plan_year");
    expect(planYear?.config).toEqual({ type: "number", unit: "", min: 2000, max: 2100, decimals: 0 });
    expect(planYear?.showWhen).toEqual({ question: "has_plan", equals: "yes" });

    // The designer's own rules accept it as it stands.
    const draft = versionDraftSchema.safeParse({
      title: version.title,
      description: version.description,
      sections: version.sections,
      questions: rows.map((q) => ({ key: q.key, sectionKey: q.sectionKey, type: q.type, label: q.label, help: q.help, required: q.required, config: q.config, showWhen: q.showWhen })),
    });
    expect(draft.error?.issues ?? []).toEqual([]);
  });

  it("opens a round for the quarter after the demo values, with one response per demo city in every state", async () => {
    expect(DEMO_ROUND_PERIOD).toBe(addQuarters(DEMO_LAST_PERIOD, 1));
    const { round, responses: rows } = await demo();
    expect(round).toMatchObject({ period: DEMO_ROUND_PERIOD, status: "open", target: { kind: "all" }, opensOn: "2026-10-01", dueOn: "2027-01-31", isDemo: true });
    expect(round.title.en).toBe(`${DEMO_ROUND_PERIOD} quarterly reporting`);
    expect(round.openedAt).not.toBeNull();

    const demoCities = await db().select({ id: cities.id }).from(cities).where(eq(cities.isDemo, true));
    expect(rows.map((r) => r.response.cityId).sort()).toEqual(demoCities.map((c) => c.id).sort());
    expect(new Set(rows.map((r) => r.response.status))).toEqual(new Set(RESPONSE_STATUSES));
    for (const { response, slug } of rows) expect(response.status).toBe(DEMO_RESPONSES[slug]?.state ?? "not_started");

    // Kushtia's officer has a draft to finish, and may still answer (the round takes answers until its deadline).
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const kushtia = rows.find((r) => r.slug === "kushtia")?.response;
    expect(kushtia).toMatchObject({ status: "draft", cycle: 0, updatedBy: officer.id, submittedAt: null });
    expect(answerLock({ roundStatus: round.status, dueOn: round.dueOn, responseStatus: "draft", reopenedUntil: null, today: "2026-12-04" })).toBeNull();
    const [kushtiaAnswers] = await db().select({ n: count() }).from(answers).where(eq(answers.responseId, kushtia?.id ?? 0));
    expect(kushtiaAnswers?.n).toBeGreaterThan(0);

    // Godawari's came back with a comment on the whole and one on an indicator question.
    const mahalaxmi = rows.find((r) => r.slug === DEMO_RETURN.city)?.response;
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    expect(mahalaxmi).toMatchObject({ status: "returned", cycle: 1, reviewedBy: reviewer.id });
    const comments = await db().select({ questionKey: questions.key, body: responseComments.body, cycle: responseComments.cycle, authorId: responseComments.authorId }).from(responseComments).leftJoin(questions, eq(questions.id, responseComments.questionId)).where(eq(responseComments.responseId, mahalaxmi?.id ?? 0));
    expect(comments).toEqual(
      expect.arrayContaining([
        { questionKey: null, body: DEMO_RETURN.whole, cycle: 1, authorId: reviewer.id },
        { questionKey: indicatorQuestionKey(DEMO_RETURN.indicator), body: DEMO_RETURN.comment, cycle: 1, authorId: reviewer.id },
      ]),
    );
    expect(comments).toHaveLength(2);
  });

  it("keeps each response's indicator values in the status its answers are in, entered by the city's officer", async () => {
    const { round, questions: rows, responses: responseRows } = await demo();
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const officerOf = new Map([["kushtia", (await seededUser(db(), "officer.kushtia@demo.cwis")).id], ["mahalaxmi", (await seededUser(db(), "officer.mahalaxmi@demo.cwis")).id]]);
    const quarterly = await quarterlyIndicators();
    const questionOf = new Map(rows.map((q) => [q.id, q]));
    const values = await db()
      .select({ value: indicatorValues, indicator: indicators })
      .from(indicatorValues)
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .where(and(eq(indicatorValues.period, round.period), inArray(indicatorValues.cityId, responseRows.map((r) => r.response.cityId))));

    for (const { response, slug } of responseRows) {
      const own = values.filter((v) => v.value.cityId === response.cityId);
      const statuses = own.map((v) => v.value.status);
      for (const { value, indicator } of own) {
        expect(indicator.frequency).toBe("quarterly");
        expect(checkHardRange(indicator, value.value)).toEqual([]);
        expect(value.enteredBy).toBe(officerOf.get(slug) ?? null);
        expect(value.isDemo).toBe(true);
        if (value.status !== "draft") expect(lacksExplanation(value)).toBe(false);
      }
      switch (response.status) {
        case "not_started":
          expect(own).toEqual([]);
          break;
        case "draft":
          expect(statuses.every((s) => s === "draft")).toBe(true);
          break;
        case "submitted":
          expect(response).toMatchObject({ cycle: 1, reviewedAt: null });
          expect(response.submittedAt).not.toBeNull();
          expect(own).toHaveLength(quarterly.length);
          for (const { value } of own) {
            expect(value).toMatchObject({ status: "submitted", submittedBy: officerOf.get(slug) ?? null, validatedValue: null });
            expect(value.submittedAt).not.toBeNull();
          }
          break;
        case "accepted":
          expect(response).toMatchObject({ cycle: 1, reviewedBy: reviewer.id });
          expect(own).toHaveLength(quarterly.length);
          for (const { value } of own) {
            expect(value).toMatchObject({ status: "validated", validatedValue: value.value, reviewedBy: reviewer.id });
            expect(value.reviewedBy).not.toBe(value.enteredBy);
            expect(value.validatedAt).not.toBeNull();
          }
          break;
        case "returned":
          expect(own).toHaveLength(quarterly.length);
          for (const { value, indicator } of own) {
            if (indicator.code === DEMO_RETURN.indicator) expect(value).toMatchObject({ status: "returned", reviewComment: DEMO_RETURN.comment, reviewedBy: reviewer.id });
            else expect(value).toMatchObject({ status: "submitted", reviewComment: null });
          }
          break;
      }

      // The stored answers are valid answers to their questions; none is an indicator question's.
      const stored = await db().select().from(answers).where(eq(answers.responseId, response.id));
      const byKey = new Map<string, AnswerValue | null>();
      for (const answer of stored) {
        const question = questionOf.get(answer.questionId);
        expect(question?.type).not.toBe("indicator");
        if (!question) continue;
        expect(parseAnswer(question, rawOf(answer.value))).toEqual({ ok: true, value: answer.value });
        byKey.set(question.key, answer.value);
      }
      if (response.status === "not_started") expect(stored).toEqual([]);
      // Whatever went to review was complete.
      if (response.status !== "not_started" && response.status !== "draft") {
        const answeredIndicators = new Set(own.map((v) => indicatorQuestionKey(v.indicator.code)));
        expect(missingRequired(rows, byKey, (key) => answeredIndicators.has(key) || Boolean(byKey.get(key)))).toEqual([]);
      }
    }
    // Kushtia's draft holds no indicator value yet, and Mahalaxmi has not started: the entry page's
    // current quarter is still theirs to fill (the e2e tests enter those values).
    const kushtia = responseRows.find((r) => r.slug === "kushtia")?.response;
    const mahalaxmiResponse = responseRows.find((r) => r.slug === "mahalaxmi")?.response;
    expect(values.filter((v) => v.value.cityId === kushtia?.cityId || v.value.cityId === mahalaxmiResponse?.cityId)).toEqual([]);

    // The accepted cities' scores are as of the round's quarter.
    const acceptedCities = responseRows.filter((r) => r.response.status === "accepted").map((r) => r.response.cityId);
    const scores = await db().select({ asOf: cityComponentScores.asOfPeriod }).from(cityComponentScores).where(inArray(cityComponentScores.cityId, acceptedCities));
    expect(scores.length).toBeGreaterThan(0);
    expect(new Set(scores.map((s) => s.asOf))).toEqual(new Set([DEMO_ROUND_PERIOD]));
  });

  it("adds nothing when seeded again", async () => {
    const counts = async () => {
      const [row] = await db()
        .select({
          questionnaires: sql<number>`(select count(*) from questionnaires)::int`,
          versions: sql<number>`(select count(*) from questionnaire_versions)::int`,
          questions: sql<number>`(select count(*) from questions)::int`,
          rounds: sql<number>`(select count(*) from rounds)::int`,
          responses: sql<number>`(select count(*) from responses)::int`,
          answers: sql<number>`(select count(*) from answers)::int`,
          comments: sql<number>`(select count(*) from response_comments)::int`,
          values: sql<number>`(select count(*) from indicator_values)::int`,
        })
        .from(sql`(select 1) one`);
      return row;
    };
    const before = await counts();
    expect(before?.questionnaires).toBe(1);
    await seedDemoQuestionnaires(db());
    await seedDemo(db());
    expect(await counts()).toEqual(before);
  });

  it("cannot change the published version or its questions afterwards (the database refuses)", async () => {
    const { version, questions: rows } = await demo();
    const [first] = rows;
    if (!first) throw new Error("no question");
    expect(await refusal(db().update(questionnaireVersions).set({ title: { en: "Renamed", bn: "", ne: "" } }).where(eq(questionnaireVersions.id, version.id)))).toBe("23514");
    expect(await refusal(db().update(questions).set({ required: false }).where(eq(questions.id, first.id)))).toBe("23514");
    expect(await refusal(db().insert(questions).values({ versionId: version.id, key: "sneaked", sectionKey: "needs", position: 99, type: "yes_no", label: { en: "Sneaked in", bn: "", ne: "" }, help: { en: "", bn: "", ne: "" }, config: { type: "yes_no" } }))).toBe("23514");
    const [unchanged] = await db().select({ title: questionnaireVersions.title, n: count(questions.id) }).from(questionnaireVersions).leftJoin(questions, eq(questions.versionId, questionnaireVersions.id)).where(eq(questionnaireVersions.id, version.id)).groupBy(questionnaireVersions.id);
    expect(unchanged).toEqual({ title: DEMO_QUESTIONNAIRE_TITLE, n: rows.length });
  });
});
