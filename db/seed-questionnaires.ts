import { and, asc, eq, inArray, isNotNull, lt } from "drizzle-orm";
import type { Database } from "./client";
import { answers, cities, components, indicatorValues, indicators, questionnaireVersions, questionnaires, questions, responseComments, responses, rounds, users, type Indicator, type NewQuestion, type ValueStatus } from "./schema";
import { refreshCityScores } from "./queries/scores";
import type { LocalizedText, ResponseStatus } from "@/lib/domain";
import { addQuarters } from "@/lib/periods";
import { flagsFor, hardRange } from "@/lib/plausibility";
import { indicatorPeriodOf } from "@/lib/questionnaires/rules";
import type { AnswerValue, QuestionnaireSection } from "@/lib/questionnaires/types";
import { UNIT_RANGES } from "@/lib/units";

/**
 * The demo questionnaire and its open round: "Quarterly CWIS progress and needs" (the framework's
 * quarterly indicators, then the city's needs), asked of every demo city for the quarter after the
 * demo values (db/seed.ts DEMO_LAST_PERIOD), with the cities' answers in every state: the demo
 * officer of Kushtia has a draft to finish and submit, Godawari's answers came back from review,
 * others are not started, in draft, submitted or accepted. Indicator answers are the cities'
 * indicator values for the quarter, with statuses that agree with their response's. Seeding again
 * adds nothing once a demo questionnaire exists.
 */

/** The quarter after DEMO_LAST_PERIOD (db/seed.ts; tests/db/seed-questionnaires.test.ts checks it). */
export const DEMO_ROUND_PERIOD = "2026-Q4";

export const DEMO_QUESTIONNAIRE_TITLE: LocalizedText = { en: "Quarterly CWIS progress and needs", bn: "ত্রৈমাসিক CWIS অগ্রগতি ও চাহিদা", ne: "त्रैमासिक CWIS प्रगति र आवश्यकता" };

const DESCRIPTION: LocalizedText = {
  en: "Every quarter: the city's quarterly CWIS indicators, its most pressing sanitation needs, and where it wants mentoring support.",
  bn: "প্রতি ত্রৈমাসিকে: শহরের ত্রৈমাসিক CWIS সূচক, সবচেয়ে জরুরি স্যানিটেশন চাহিদা এবং কোন বিষয়ে শহরটি মেন্টরিং সহায়তা চায়।",
  ne: "हरेक त्रैमासिक: सहरका त्रैमासिक CWIS सूचकहरू, सबैभन्दा जरुरी सरसफाइ आवश्यकताहरू र सहरलाई कुन विषयमा मेन्टरिङ सहयोग चाहिन्छ।",
};

const SECTIONS: QuestionnaireSection[] = [
  { key: "progress", title: { en: "Progress this quarter", bn: "এই ত্রৈমাসিকের অগ্রগতি", ne: "यस त्रैमासिकको प्रगति" } },
  { key: "needs", title: { en: "Needs and support", bn: "চাহিদা ও সহায়তা", ne: "आवश्यकता र सहयोग" } },
];

const NO_HELP: LocalizedText = { en: "", bn: "", ne: "" };
const OPENS_ON = "2026-10-01";
const DUE_ON = "2027-01-31";
const at = (day: string, hour = 5) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
const OPENED_AT = at(OPENS_ON, 3);
const PUBLISHED_AT = at("2026-09-20");
/** Days from a submission to its review. */
const REVIEW_AFTER_DAYS = 4;

/** An indicator question's key: its code in lower case (`SD-2` → `sd_2`). */
export const indicatorQuestionKey = (code: string) => code.toLowerCase().replace(/[^a-z0-9]+/g, "_");

/** The questions of the "needs" section, in order (mentor_help gets its options from the components). */
function needsQuestions(componentOptions: { value: string; label: LocalizedText }[]): Omit<NewQuestion, "versionId" | "position">[] {
  const need = (n: 1 | 2 | 3, required: boolean): Omit<NewQuestion, "versionId" | "position"> => {
    const en = ["1st", "2nd", "3rd"][n - 1];
    const bn = ["প্রথম", "দ্বিতীয়", "তৃতীয়"][n - 1];
    const ne = ["पहिलो", "दोस्रो", "तेस्रो"][n - 1];
    return {
      key: `need_${n}`,
      sectionKey: "needs",
      type: "short_text",
      label: { en: `The city's most pressing sanitation need (${en})`, bn: `শহরের সবচেয়ে জরুরি স্যানিটেশন চাহিদা (${bn})`, ne: `सहरको सबैभन्दा जरुरी सरसफाइ आवश्यकता (${ne})` },
      help: n === 1 ? { en: "One line, e.g. “Land for a co-composting site”.", bn: "এক লাইনে, যেমন “কো-কম্পোস্টিং কেন্দ্রের জন্য জমি”।", ne: "एक लाइनमा, जस्तै “को-कम्पोस्टिङ केन्द्रका लागि जग्गा”।" } : NO_HELP,
      required,
      config: { type: "short_text", maxLength: 200 },
      isNeed: true,
    };
  };
  return [
    need(1, true),
    need(2, false),
    need(3, false),
    {
      key: "mentor_help",
      sectionKey: "needs",
      type: "multiple_choice",
      label: { en: "Which CWIS components would the city like mentoring support on?", bn: "কোন কোন CWIS উপাদানে শহরটি মেন্টরিং সহায়তা চায়?", ne: "सहरलाई कुन-कुन CWIS घटकमा मेन्टरिङ सहयोग चाहिन्छ?" },
      help: { en: "Tick every one that applies, or name another.", bn: "প্রযোজ্য সবগুলোতে টিক দিন, অথবা অন্য কিছু লিখুন।", ne: "लागू हुने सबैमा चिन्ह लगाउनुहोस्, वा अर्को कुरा लेख्नुहोस्।" },
      required: false,
      config: { type: "multiple_choice", options: componentOptions, allowOther: true, maxChoices: null },
    },
    {
      key: "blocks",
      sectionKey: "needs",
      type: "long_text",
      label: { en: "What blocks progress?", bn: "অগ্রগতিতে কী বাধা দিচ্ছে?", ne: "प्रगतिमा के कुराले बाधा पुर्‍याइरहेको छ?" },
      help: { en: "Staff, budget, land, approvals: whatever holds the work back.", bn: "কর্মী, বাজেট, জমি, অনুমোদন: যা-ই কাজ আটকে রাখছে।", ne: "कर्मचारी, बजेट, जग्गा, स्वीकृति: जुन कुराले काम रोकिरहेको छ।" },
      required: false,
      config: { type: "long_text", maxLength: 2000 },
    },
    {
      key: "has_plan",
      sectionKey: "needs",
      type: "yes_no",
      label: { en: "Does the city have an approved FSM plan?", bn: "শহরের কি অনুমোদিত এফএসএম (মল-কাদা ব্যবস্থাপনা) পরিকল্পনা আছে?", ne: "सहरसँग स्वीकृत एफएसएम (दिसाजन्य लेदो व्यवस्थापन) योजना छ?" },
      help: NO_HELP,
      required: false,
      config: { type: "yes_no" },
    },
    {
      key: "plan_year",
      sectionKey: "needs",
      type: "number",
      label: { en: "In which year was the plan approved?", bn: "পরিকল্পনাটি কোন সালে অনুমোদিত হয়েছে?", ne: "योजना कुन वर्ष स्वीकृत भएको हो?" },
      help: NO_HELP,
      required: false,
      config: { type: "number", unit: "", min: 2000, max: 2100, decimals: 0 },
      showWhen: { question: "has_plan", equals: "yes" },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The cities' answers

interface DemoAnswers {
  needs: string[];
  help?: string[];
  other?: string;
  blocks?: string;
  /** The year the FSM plan was approved, or false: no approved plan. */
  plan?: number | false;
}

interface DemoResponse {
  state: Exclude<ResponseStatus, "not_started">;
  /** The day of the last save (a draft) or of the submission. */
  on: string;
  answers: DemoAnswers;
  /** A draft's indicator questions that hold a (draft) value; submitted answers have them all. */
  draftValues?: string[];
}

/**
 * By city slug; a demo city not named here has not started. Officers answer in their own
 * language: Godawari's in Nepali, Meherpur's in Bangla. Cities that other files use for the
 * current quarter's values (Mahalaxmi, Jhenaidah, Benapole, Ramganj, Panauti) are left not started, and
 * Kushtia's draft holds no indicator value yet.
 */
export const DEMO_RESPONSES: Record<string, DemoResponse> = {
  kushtia: {
    state: "draft",
    on: "2026-11-28",
    // No indicator value yet: the entry page's current quarter stays the officer's to fill (tests/e2e rely on it).
    answers: { needs: ["A second desludging truck for the northern wards"], help: ["digital_finance"], plan: 2022 },
  },
  jhikargacha: {
    state: "accepted",
    on: "2026-10-22",
    answers: {
      needs: ["Land for a co-composting site", "A vacuum truck small enough for the lanes of the old town", "Start-up loans for two more women-led emptying enterprises"],
      help: ["womens_entrepreneurship", "digital_finance"],
      blocks: "The transfer of land for the co-composting site has waited for the district administration's approval since July.",
      plan: 2023,
    },
  },
  chandpur: {
    state: "accepted",
    on: "2026-10-27",
    answers: {
      needs: ["Training for sanitation workers on PPE", "Mobile-money payment of emptying fees in every ward"],
      help: ["gesi"],
      blocks: "Protective equipment wears out within months and its replacement is not yet a line of the annual budget.",
      plan: 2022,
    },
  },
  dhulikhel: {
    state: "accepted",
    on: "2026-11-03",
    answers: { needs: ["A faecal sludge treatment plant shared with Banepa", "The sanitation by-law passed by the municipal assembly"], help: ["governance"], blocks: "The draft by-law waits for the assembly's next session.", plan: 2024 },
  },
  sakhipur: {
    state: "accepted",
    on: "2026-11-05",
    answers: { needs: ["Safe emptying for the households around the bazaar"], help: ["service_delivery"], plan: false },
  },
  chuadanga: {
    state: "accepted",
    on: "2026-11-09",
    answers: {
      needs: ["An approved FSM plan", "A sanitation focal person with a written mandate", "Records of every emptying job"],
      help: ["governance", "service_delivery"],
      blocks: "The action plan reviewed with Kushtia still needs the council's approval.",
      plan: false,
    },
  },
  lakshmipur: {
    state: "submitted",
    on: "2026-11-18",
    answers: {
      needs: ["Covered drying beds at the treatment plant before the monsoon", "Training for sanitation workers on PPE"],
      help: ["service_delivery", "engagement_bcc"],
      blocks: "Heavy rain floods the open drying beds; the covered ones need a budget the council has not yet approved.",
      plan: 2025,
    },
  },
  magura: {
    state: "submitted",
    on: "2026-11-20",
    answers: { needs: ["A hotline for emptying requests", "Public toilets with facilities for women at the bus terminal"], help: ["gesi", "engagement_bcc"], plan: false },
  },
  madaripur: {
    state: "submitted",
    on: "2026-11-24",
    answers: { needs: ["Digital payment of desludging fees"], help: ["digital_finance"], blocks: "Operators are not yet registered with a mobile-money provider.", plan: 2025 },
  },
  godawari: {
    state: "returned",
    on: "2026-11-26",
    answers: { needs: ["सबै वडामा वडा सरसफाइ समिति", "निजी सेवा प्रदायकसँग लेदो सफाइ सेवा सम्झौता"], help: ["governance", "engagement_bcc"], blocks: "वडा समितिहरूको कार्यविधि नगर सभाबाट पारित हुन बाँकी छ।", plan: false },
  },
  satkhira: {
    state: "submitted",
    on: "2026-11-30",
    answers: {
      needs: ["Raised toilets for flood-prone and saline wards", "A second emptying operator for the southern wards"],
      help: ["service_delivery", "gesi"],
      other: "Climate-resilient sanitation",
      blocks: "Tidal flooding damages pits and septic tanks every season.",
      plan: 2024,
    },
  },
  meherpur: {
    state: "draft",
    on: "2026-11-25",
    answers: { needs: ["পরিশোধনাগার পরিচালনার জন্য প্রশিক্ষিত কর্মী", "শোধনাগারে মাসিক নিরাপত্তা মহড়া"], blocks: "শোধনাগারের অনুমোদিত পদগুলোতে এখনো নিয়োগ হয়নি।" },
    draftValues: ["SD-3", "SD-5"],
  },
  gopalganj: {
    state: "draft",
    on: "2026-11-21",
    answers: { needs: ["A desludging truck of the paurashava's own"], help: ["service_delivery"] },
    draftValues: ["SD-2"],
  },
  madhupur: {
    state: "draft",
    on: "2026-11-15",
    answers: { needs: ["Land for a co-composting site"] },
  },
  changunarayan: {
    state: "draft",
    on: "2026-11-29",
    answers: { needs: ["A transfer station for sludge from the hill wards"], help: ["service_delivery"], plan: false },
    draftValues: ["GOV-4", "SD-2", "BCC-1"],
  },
};

/** Godawari's review: a comment on the whole and one on an indicator question, whose value came back too. */
export const DEMO_RETURN = {
  city: "godawari",
  whole: "Thank you for answering early. Please check the sludge figure against the treatment plant's logbook and submit again.",
  indicator: "SD-2",
  comment: "Please confirm this share from the treatment plant's logbook: the plant was closed for repairs for three weeks in November.",
};

const EXPLANATION = "Checked against the ward records and the desludging logbook.";

/** A fixed number in [0, 1) for a text, so the demo values are the same on every run. */
function unitHash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) / 4294967296;
}

/** The quarter's value: last quarter's, a small step towards the target. */
function nextValue(indicator: Indicator, base: number, key: string): number {
  const r = unitHash(key);
  const unit = UNIT_RANGES[indicator.unit];
  const better = indicator.direction === "higher_is_better" ? 1 : -1;
  const gap = indicator.target - base;
  let value = unit.integer ? base + (r > 0.6 && gap * better > 0 ? better : 0) : base + gap * 0.08 * r + (r - 0.5);
  const range = hardRange(indicator);
  value = Math.min(range.max, Math.max(range.min, value));
  return unit.integer ? Math.round(value) : Math.round(value * 10) / 10;
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoQuestionnaires(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: questionnaires.id }).from(questionnaires).where(eq(questionnaires.isDemo, true)).limit(1);
    if (existing) return;
    const staff = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ["admin@demo.cwis", "reviewer@demo.cwis"]));
    const admin = staff.find((u) => u.email === "admin@demo.cwis");
    const reviewer = staff.find((u) => u.email === "reviewer@demo.cwis");
    if (!admin || !reviewer) return;

    const componentRows = await tx.select().from(components).orderBy(asc(components.sortOrder));
    const quarterly = (
      await tx
        .select({ indicator: indicators })
        .from(indicators)
        .innerJoin(components, eq(components.id, indicators.componentId))
        .where(and(eq(indicators.frequency, "quarterly"), eq(indicators.active, true)))
        .orderBy(asc(components.sortOrder), asc(indicators.sortOrder))
    ).map((r) => r.indicator);
    const cityRows = await tx.select({ id: cities.id, slug: cities.slug, population: cities.population }).from(cities).where(eq(cities.isDemo, true)).orderBy(asc(cities.id));
    if (quarterly.length === 0 || cityRows.length === 0) return;

    // The questionnaire: a draft with its questions, then published (a published version never changes).
    const [questionnaire] = await tx.insert(questionnaires).values({ createdBy: admin.id, isDemo: true }).returning({ id: questionnaires.id });
    if (!questionnaire) throw new Error("demo questionnaire not inserted");
    const [version] = await tx
      .insert(questionnaireVersions)
      .values({ questionnaireId: questionnaire.id, number: 1, title: DEMO_QUESTIONNAIRE_TITLE, description: DESCRIPTION, sections: SECTIONS, createdBy: admin.id, createdAt: PUBLISHED_AT, updatedAt: PUBLISHED_AT })
      .returning({ id: questionnaireVersions.id });
    if (!version) throw new Error("demo questionnaire version not inserted");
    const options = componentRows.map((c) => ({ value: c.code, label: { en: c.nameEn, bn: c.nameBn, ne: c.nameNe } }));
    const questionRows: NewQuestion[] = [
      ...quarterly.map((i) => ({
        key: indicatorQuestionKey(i.code),
        sectionKey: "progress",
        type: "indicator" as const,
        label: { en: i.nameEn, bn: i.nameBn, ne: i.nameNe },
        help: NO_HELP,
        required: true,
        config: { type: "indicator" as const, indicatorCode: i.code },
        indicatorId: i.id,
      })),
      ...needsQuestions(options),
    ].map((q, index) => ({ ...q, versionId: version.id, position: index + 1 }));
    const stored = await tx.insert(questions).values(questionRows).returning({ id: questions.id, key: questions.key });
    const questionId = new Map(stored.map((q) => [q.key, q.id]));
    const qid = (key: string) => {
      const id = questionId.get(key);
      if (id === undefined) throw new Error(`demo question ${key} missing`);
      return id;
    };
    await tx.update(questionnaireVersions).set({ status: "published", publishedAt: PUBLISHED_AT, publishedBy: admin.id, revision: 2, updatedAt: PUBLISHED_AT }).where(eq(questionnaireVersions.id, version.id));

    const period = DEMO_ROUND_PERIOD;
    const [round] = await tx
      .insert(rounds)
      .values({
        versionId: version.id,
        title: { en: `${period} quarterly reporting`, bn: `${period} ত্রৈমাসিক প্রতিবেদন`, ne: `${period} त्रैमासिक प्रतिवेदन` },
        period,
        target: { kind: "all" },
        opensOn: OPENS_ON,
        dueOn: DUE_ON,
        status: "open",
        revision: 2,
        createdBy: admin.id,
        isDemo: true,
        createdAt: PUBLISHED_AT,
        updatedAt: OPENED_AT,
        openedAt: OPENED_AT,
      })
      .returning({ id: rounds.id });
    if (!round) throw new Error("demo round not inserted");

    // What the indicator answers start from: the cities' values of the quarter before, and their
    // last validated values (what a save compares with, server/values/save.ts).
    const valuePeriod = indicatorPeriodOf(period);
    const cityIds = cityRows.map((c) => c.id);
    const indicatorIds = quarterly.map((i) => i.id);
    const history = await tx
      .select({ cityId: indicatorValues.cityId, indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.value, validatedValue: indicatorValues.validatedValue })
      .from(indicatorValues)
      .where(and(inArray(indicatorValues.cityId, cityIds), inArray(indicatorValues.indicatorId, indicatorIds), lt(indicatorValues.period, valuePeriod)))
      .orderBy(asc(indicatorValues.period));
    const lastQuarter = addQuarters(valuePeriod, -1);
    const before = new Map<string, number>();
    const validated = new Map<string, { period: string; value: number }>();
    for (const h of history) {
      const k = `${h.cityId}:${h.indicatorId}`;
      if (h.period === lastQuarter) before.set(k, h.value);
      if (h.validatedValue !== null) validated.set(k, { period: h.period, value: h.validatedValue });
    }
    // A city that already has values for the quarter (entered before this seed ran) keeps them: its response has not started.
    const taken = new Set((await tx.selectDistinct({ cityId: indicatorValues.cityId }).from(indicatorValues).where(and(inArray(indicatorValues.cityId, cityIds), inArray(indicatorValues.indicatorId, indicatorIds), eq(indicatorValues.period, valuePeriod)))).map((r) => r.cityId));
    const officers = await tx.select({ id: users.id, cityId: users.cityId }).from(users).where(and(eq(users.role, "officer"), eq(users.isDemo, true), isNotNull(users.cityId)));
    const officerOf = new Map(officers.map((o) => [o.cityId, o.id]));

    const plan = cityRows.map((city) => ({ city, demo: taken.has(city.id) ? undefined : DEMO_RESPONSES[city.slug] }));
    const made = await tx
      .insert(responses)
      .values(
        plan.map(({ city, demo }) => {
          const officer = officerOf.get(city.id) ?? null;
          if (!demo) return { roundId: round.id, cityId: city.id, versionId: version.id, status: "not_started" as const, createdAt: OPENED_AT, updatedAt: OPENED_AT };
          const saved = at(demo.on);
          const reviewed = at(addDays(demo.on, REVIEW_AFTER_DAYS), 9);
          const submitted = demo.state !== "draft";
          const review = demo.state === "accepted" || demo.state === "returned";
          return {
            roundId: round.id,
            cityId: city.id,
            versionId: version.id,
            status: demo.state,
            version: demo.state === "draft" ? 2 : review ? 4 : 3,
            cycle: submitted ? 1 : 0,
            createdAt: OPENED_AT,
            updatedAt: review ? reviewed : saved,
            updatedBy: officer,
            submittedAt: submitted ? saved : null,
            submittedBy: submitted ? officer : null,
            reviewedAt: review ? reviewed : null,
            reviewedBy: review ? reviewer.id : null,
          };
        }),
      )
      .returning({ id: responses.id, cityId: responses.cityId });
    const responseOf = new Map(made.map((r) => [r.cityId, r.id]));

    const answerRows: (typeof answers.$inferInsert)[] = [];
    const valueRows: (typeof indicatorValues.$inferInsert)[] = [];
    const accepted: number[] = [];
    for (const { city, demo } of plan) {
      const responseId = responseOf.get(city.id);
      if (!demo || responseId === undefined) continue;
      const officer = officerOf.get(city.id) ?? null;
      const saved = at(demo.on);
      const reviewed = at(addDays(demo.on, REVIEW_AFTER_DAYS), 9);
      const answer = (key: string, value: AnswerValue) => answerRows.push({ responseId, questionId: qid(key), value, updatedAt: saved, updatedBy: officer });
      const a = demo.answers;
      a.needs.slice(0, 3).forEach((text, i) => answer(`need_${i + 1}`, { kind: "text", value: text }));
      if (a.help || a.other) answer("mentor_help", { kind: "choices", values: options.map((o) => o.value).filter((v) => a.help?.includes(v)), other: a.other ?? null });
      if (a.blocks) answer("blocks", { kind: "text", value: a.blocks });
      if (a.plan !== undefined) answer("has_plan", { kind: "boolean", value: a.plan !== false });
      if (typeof a.plan === "number") answer("plan_year", { kind: "number", value: a.plan });

      if (demo.state === "accepted") accepted.push(city.id);
      const codes = demo.state === "draft" ? new Set(demo.draftValues ?? []) : null;
      for (const indicator of quarterly) {
        if (codes && !codes.has(indicator.code)) continue;
        const k = `${city.id}:${indicator.id}`;
        const previous = validated.get(k) ?? null;
        const value = nextValue(indicator, before.get(k) ?? previous?.value ?? indicator.target / 2, `${city.slug}:${indicator.code}`);
        const flags = flagsFor({ indicator, population: city.population, value, previous });
        const returned = demo.state === "returned" && indicator.code === DEMO_RETURN.indicator;
        const status: ValueStatus = demo.state === "draft" ? "draft" : demo.state === "accepted" ? "validated" : returned ? "returned" : "submitted";
        const review = status === "validated" || status === "returned";
        valueRows.push({
          cityId: city.id,
          indicatorId: indicator.id,
          period: valuePeriod,
          value,
          note: "",
          status,
          version: status === "draft" ? 1 : review ? 3 : 2,
          enteredBy: officer,
          enteredAt: saved,
          explanation: flags.length ? EXPLANATION : "",
          flags,
          previousValue: previous?.value ?? null,
          previousPeriod: previous?.period ?? null,
          submittedBy: status === "draft" ? null : officer,
          submittedAt: status === "draft" ? null : saved,
          reviewedBy: review ? reviewer.id : null,
          reviewedAt: review ? reviewed : null,
          reviewComment: returned ? DEMO_RETURN.comment : null,
          validatedValue: status === "validated" ? value : null,
          validatedAt: status === "validated" ? reviewed : null,
          isDemo: true,
        });
      }

      if (demo.state === "returned") {
        await tx.insert(responseComments).values([
          { responseId, questionId: null, cycle: 1, body: DEMO_RETURN.whole, authorId: reviewer.id, createdAt: reviewed },
          { responseId, questionId: qid(indicatorQuestionKey(DEMO_RETURN.indicator)), cycle: 1, body: DEMO_RETURN.comment, authorId: reviewer.id, createdAt: reviewed },
        ]);
      }
    }
    if (answerRows.length) await tx.insert(answers).values(answerRows);
    if (valueRows.length) await tx.insert(indicatorValues).values(valueRows);
    // Accepted answers validated their values: those cities' scores are now as of this quarter.
    for (const cityId of accepted) await refreshCityScores(tx, cityId);
  });
}
