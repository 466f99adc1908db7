/**
 * Bench data for reporting rounds (issue 14): N cities, the bench admin, a published
 * questionnaire version of 30 questions in three sections (5 indicator questions bound to
 * quarterly framework indicators, numbers, percents, yes/no, choices, texts, three show-when
 * rules), an open round for 2026-Q4 asking every city, and one response per city in a realistic
 * spread of statuses with its answers and the indicator values its indicator questions answer
 * (value status matching the response's).
 *
 * Every answer is made by the app's own parser (lib/questionnaires/answers.ts parseAnswer) from
 * what an officer would type, and hidden questions (show-when) stay unanswered, so the rows are
 * the ones the answering form would have stored. Bulk inserts: one statement per few thousand
 * rows (a JSON document unpacked by jsonb_to_recordset).
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { cities, indicators, questionnaireVersions, questionnaires, questions, rounds, type NewQuestion } from "@/db/schema";
import { createUser } from "@/db/queries/users";
import { createUserWithPasswordSchema } from "@/lib/validation/users";
import { versionDraftSchema, type QuestionDraft } from "@/lib/validation/questionnaires";
import { parseAnswer, visibleKeys, type RawAnswer } from "@/lib/questionnaires/answers";
import { indicatorPeriodOf } from "@/lib/questionnaires/rules";
import type { AnswerValue } from "@/lib/questionnaires/types";
import type { ResponseStatus } from "@/lib/domain";
import { BENCH_ADMIN, cityRow, rowsOf } from "./generate";

export const ROUNDS_PERIOD = "2026-Q4";

/** Share of responses in each status (cumulative thresholds over a per-city random number). */
const STATUS_SPREAD: [ResponseStatus, number][] = [
  ["not_started", 0.08],
  ["draft", 0.2],
  ["returned", 0.24],
  ["submitted", 0.58],
  ["accepted", 1],
];

const CHUNK = 4000;
const DAY = 86_400_000;

/** A small seeded generator (mulberry32): the same data on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ctx {
  rnd: () => number;
  country: "BD" | "NP";
  population: number;
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
const between = (rnd: () => number, lo: number, hi: number) => lo + rnd() * (hi - lo);
const whole = (rnd: () => number, lo: number, hi: number) => String(Math.round(between(rnd, lo, hi)));
const oneDecimal = (rnd: () => number, lo: number, hi: number) => between(rnd, lo, hi).toFixed(1);
const l = (en: string, bn: string, ne: string) => ({ en, bn, ne });
const opt = (value: string, en: string) => ({ value, label: { en, bn: "", ne: "" } });

/** Ticks each option with probability p (at least one), and now and then an "other" text. */
function ticks(ctx: Ctx, values: readonly string[], p: number, others: readonly string[] | null): RawAnswer {
  const chosen = values.filter(() => ctx.rnd() < p);
  if (chosen.length === 0) chosen.push(pick(ctx.rnd, values));
  const other = others && ctx.rnd() < 0.15 ? pick(ctx.rnd, others) : undefined;
  return other ? { choices: chosen, other } : { choices: chosen };
}

const SENTENCES_EN = [
  "The second vacuum truck was out of service for six weeks while we waited for spare parts.",
  "Demand for emptying rises sharply before the monsoon and the waiting time grows to over a week.",
  "Private operators still discharge sludge into drains in two wards; the council has issued warnings.",
  "Ward councillors helped us reach households in the low-income settlements near the river.",
  "The treatment plant runs below capacity because many septic tanks are never emptied.",
  "We trained twelve new sanitation workers and provided boots, gloves and masks to all of them.",
  "Mobile payments have made it easier for households to pay the emptying fee on time.",
  "The budget for operation and maintenance was released late, which delayed repairs.",
  "School sanitation clubs organised a rally and a poster competition on safe emptying.",
  "Complaints about overflowing tanks fell after we published the hotline number on the trucks.",
];
const SENTENCES_BN = [
  "বর্ষার আগে পিট খালির চাহিদা অনেক বেড়ে যায়।",
  "ওয়ার্ড কাউন্সিলররা নিম্ন আয়ের বসতিতে পৌঁছাতে সাহায্য করেছেন।",
  "দ্বিতীয় ভ্যাকুয়াম ট্রাকটি ছয় সপ্তাহ অচল ছিল।",
  "মোবাইল পেমেন্টে পরিবারগুলোর ফি দেওয়া সহজ হয়েছে।",
];
const SENTENCES_NE = [
  "मनसुनअघि खाल्डो खाली गर्ने माग धेरै बढ्छ।",
  "वडा अध्यक्षहरूले न्यून आय भएका बस्तीमा पुग्न सहयोग गर्नुभयो।",
  "दोस्रो भ्याकुम ट्रक छ हप्तासम्म बिग्रिएको थियो।",
  "मोबाइल भुक्तानीले घरधुरीलाई शुल्क तिर्न सजिलो बनाएको छ।",
];

function paragraph(ctx: Ctx, sentences: number): string {
  // About a third of the long answers are written in the city's own language.
  const bank = ctx.rnd() < 0.33 ? (ctx.country === "BD" ? SENTENCES_BN : SENTENCES_NE) : SENTENCES_EN;
  return Array.from({ length: sentences }, () => pick(ctx.rnd, bank)).join(" ");
}

interface Spec {
  draft: QuestionDraft;
  /** What an officer types; null leaves the question unanswered. Indicator questions: the value. */
  answer: (ctx: Ctx) => RawAnswer | null;
}

function q(key: string, sectionKey: string, label: { en: string; bn: string; ne: string }, config: QuestionDraft["config"], answer: Spec["answer"], extra: { required?: boolean; isNeed?: boolean; showWhen?: { question: string; equals: string } } = {}): Spec {
  return {
    draft: { key, sectionKey, type: config.type, label, help: { en: "", bn: "", ne: "" }, required: extra.required ?? false, isNeed: extra.isNeed ?? false, config, showWhen: extra.showWhen ?? null },
    answer,
  };
}

const text = (t: string): RawAnswer => ({ text: t });

/** The 30 questions: 5 indicator questions, 7 numbers, 4 percents, 3 yes/no, 3 single and 4 multiple choices, 2 short and 2 long texts. */
const SPECS: Spec[] = [
  // Service delivery
  q("ind_sd2", "service", l("Faecal sludge delivered to treatment (%)", "শোধনাগারে পৌঁছানো মল-কাদা (%)", "प्रशोधनमा पुगेको मलजन्य लेदो (%)"), { type: "indicator", indicatorCode: "SD-2" }, (c) => text(oneDecimal(c.rnd, 20, 95)), { required: true }),
  q("ind_sd3", "service", l("Emptying jobs done mechanically (%)", "যান্ত্রিকভাবে খালি করার কাজ (%)", "यान्त्रिक रूपमा खाली गरिएका काम (%)"), { type: "indicator", indicatorCode: "SD-3" }, (c) => text(oneDecimal(c.rnd, 30, 100)), { required: true }),
  q("ind_sd4", "service", l("Median days from request to service", "অনুরোধ থেকে সেবা পর্যন্ত মধ্য দিন", "अनुरोधदेखि सेवासम्मका मध्य दिन"), { type: "indicator", indicatorCode: "SD-4" }, (c) => text(oneDecimal(c.rnd, 1, 9)), { required: true }),
  q("trucks", "service", l("Vacuum trucks in service", "চালু ভ্যাকুয়াম ট্রাক", "सञ्चालनमा रहेका भ्याकुम ट्रक"), { type: "number", unit: "trucks", min: 0, max: 100, decimals: 0 }, (c) => text(whole(c.rnd, 0, 2 + c.population / 40_000)), { required: true }),
  q("emptying_jobs", "service", l("Emptying jobs this quarter", "এই ত্রৈমাসিকে খালি করার কাজ", "यस त्रैमासमा खाली गर्ने काम"), { type: "number", unit: "jobs", min: 0, max: null, decimals: 0 }, (c) => text(whole(c.rnd, 10, c.population / 250)), { required: true }),
  q("has_fstp", "service", l("Does the city run a faecal sludge treatment plant?", "শহরে কি মল-কাদা শোধনাগার চালু আছে?", "सहरमा मलजन्य लेदो प्रशोधन केन्द्र सञ्चालनमा छ?"), { type: "yes_no" }, (c) => text(c.rnd() < 0.6 ? "yes" : "no"), { required: true }),
  q("fstp_capacity", "service", l("Plant capacity (m³ a day)", "শোধনাগারের ক্ষমতা (দিনে ঘনমিটার)", "प्रशोधन क्षमता (प्रतिदिन घनमिटर)"), { type: "number", unit: "m³/day", min: 0, max: 5000, decimals: 1 }, (c) => text(oneDecimal(c.rnd, 10, 250)), { required: true, showWhen: { question: "has_fstp", equals: "yes" } }),
  q("fstp_use", "service", l("Plant capacity used (%)", "ব্যবহৃত ক্ষমতা (%)", "प्रयोग भएको क्षमता (%)"), { type: "percent", decimals: 1 }, (c) => text(oneDecimal(c.rnd, 15, 100)), { showWhen: { question: "has_fstp", equals: "yes" } }),
  q("scheduled_emptying", "service", l("Is scheduled emptying offered?", "নির্ধারিত সময়ে খালি করার সেবা আছে?", "तोकिएको समयमा खाली गर्ने सेवा छ?"), { type: "yes_no" }, (c) => text(c.rnd() < 0.35 ? "yes" : "no")),
  q("emptying_fee", "service", l("Fee for one emptying (local currency)", "একবার খালি করার ফি (স্থানীয় মুদ্রা)", "एक पटक खाली गर्ने शुल्क (स्थानीय मुद्रा)"), { type: "number", unit: "BDT/NPR", min: 0, max: 100_000, decimals: 0 }, (c) => text(whole(c.rnd, c.country === "BD" ? 1500 : 2500, c.country === "BD" ? 5000 : 9000))),
  q("provider", "service", l("Who provides the emptying service?", "খালি করার সেবা কে দেয়?", "खाली गर्ने सेवा कसले दिन्छ?"), { type: "single_choice", options: [opt("municipality", "The municipality"), opt("private", "Private operators"), opt("ngo", "An NGO"), opt("mixed", "A mix of these")] }, (c) => ({ choices: [pick(c.rnd, ["municipality", "municipality", "private", "ngo", "mixed", "mixed"])] }), { required: true }),
  q("worker_safety", "service", l("Which protections do sanitation workers have?", "স্যানিটেশন কর্মীদের কী কী সুরক্ষা আছে?", "सरसफाइ कामदारसँग कुन कुन सुरक्षा छ?"), { type: "multiple_choice", options: [opt("ppe", "Protective equipment"), opt("training", "Safety training"), opt("insurance", "Health insurance"), opt("vaccination", "Vaccination"), opt("contract", "A written contract")], allowOther: true, maxChoices: null }, (c) => ticks(c, ["ppe", "training", "insurance", "vaccination", "contract"], 0.45, ["Weekly health check-up", "Changing room at the depot", "Hepatitis B vaccination planned"])),
  q("service_challenges", "service", l("What held the service back this quarter?", "এই ত্রৈমাসিকে সেবায় কী বাধা ছিল?", "यस त्रैमासमा सेवामा के बाधा भयो?"), { type: "long_text", maxLength: 3000 }, (c) => (c.rnd() < 0.7 ? text(paragraph(c, 2 + Math.floor(c.rnd() * 4))) : null)),
  // Finance and inclusion
  q("ind_df1", "finance", l("Emptying payments made digitally (%)", "ডিজিটালভাবে পরিশোধিত ফি (%)", "डिजिटल रूपमा तिरिएको शुल्क (%)"), { type: "indicator", indicatorCode: "DF-1" }, (c) => text(oneDecimal(c.rnd, 0, 70)), { required: true }),
  q("budget_line", "finance", l("Is there a dedicated FSM budget line?", "মল-কাদা ব্যবস্থাপনার জন্য আলাদা বাজেট আছে?", "मलजन्य लेदो व्यवस्थापनका लागि छुट्टै बजेट छ?"), { type: "yes_no" }, (c) => text(c.rnd() < 0.5 ? "yes" : "no"), { required: true }),
  q("budget_share", "finance", l("Share of the municipal budget (%)", "পৌর বাজেটের অংশ (%)", "नगर बजेटको हिस्सा (%)"), { type: "percent", decimals: 1 }, (c) => text(oneDecimal(c.rnd, 0.2, 4)), { required: true, showWhen: { question: "budget_line", equals: "yes" } }),
  q("fee_collection", "finance", l("Sanitation fees collected (% of billed)", "আদায়কৃত স্যানিটেশন ফি (বিলের %)", "उठेको सरसफाइ शुल्क (बिलको %)"), { type: "percent", decimals: 1 }, (c) => text(oneDecimal(c.rnd, 20, 98))),
  q("payment_channels", "finance", l("How can households pay?", "পরিবারগুলো কীভাবে পরিশোধ করতে পারে?", "घरधुरीले कसरी भुक्तानी गर्न सक्छन्?"), { type: "multiple_choice", options: [opt("cash", "Cash at the office"), opt("mobile", "Mobile money (bKash, eSewa, Khalti)"), opt("bank", "Bank transfer"), opt("portal", "Municipal online portal")], allowOther: true, maxChoices: null }, (c) => ticks(c, ["cash", "mobile", "bank", "portal"], 0.5, ["Collected by the ward office", "Paid to the operator on site"])),
  q("women_trained", "finance", l("Women trained as sanitation entrepreneurs", "স্যানিটেশন উদ্যোক্তা হিসেবে প্রশিক্ষিত নারী", "सरसफाइ उद्यमीका रूपमा तालिम पाएका महिला"), { type: "number", unit: "people", min: 0, max: 10_000, decimals: 0 }, (c) => text(whole(c.rnd, 0, 40))),
  q("women_committee", "finance", l("Women in the sanitation committee (%)", "স্যানিটেশন কমিটিতে নারী (%)", "सरसफाइ समितिमा महिला (%)"), { type: "percent", decimals: 0 }, (c) => text(whole(c.rnd, 10, 55))),
  q("inclusion", "finance", l("Which groups does the service reach on purpose?", "সেবা কোন কোন গোষ্ঠীর কাছে বিশেষভাবে পৌঁছায়?", "सेवा कुन कुन समूहसम्म विशेष रूपमा पुग्छ?"), { type: "multiple_choice", options: [opt("low_income", "Low-income households"), opt("disabled", "People with disabilities"), opt("elderly", "Elderly people"), opt("women_headed", "Women-headed households"), opt("informal", "Informal settlements")], allowOther: false, maxChoices: 3 }, (c) => {
    const picked = ticks(c, ["low_income", "disabled", "elderly", "women_headed", "informal"], 0.3, null);
    return "choices" in picked ? { choices: picked.choices.slice(0, 3) } : picked;
  }),
  q("low_income_priority", "finance", l("Are low-income wards served first?", "নিম্ন আয়ের ওয়ার্ড কি আগে সেবা পায়?", "न्यून आय भएका वडाले पहिले सेवा पाउँछन्?"), { type: "single_choice", options: [opt("all", "Yes, in every ward"), opt("some", "In some wards"), opt("none", "Not yet")] }, (c) => ({ choices: [pick(c.rnd, ["all", "some", "some", "none"])] })),
  q("finance_notes", "finance", l("Anything else about finance", "অর্থায়ন নিয়ে আর কিছু", "वित्तबारे अरू केही"), { type: "short_text", maxLength: 200 }, (c) => (c.rnd() < 0.4 ? text(pick(c.rnd, ["Budget released late", "New tariff approved in October", "Donor grant ends next year", "Collection improved after the ward campaign"])) : null)),
  // Community engagement
  q("ind_bcc2", "community", l("Households reached by campaigns (%)", "প্রচারণায় পৌঁছানো পরিবার (%)", "अभियानले पुगेका घरधुरी (%)"), { type: "indicator", indicatorCode: "BCC-2" }, (c) => text(oneDecimal(c.rnd, 10, 85)), { required: true }),
  q("ward_meetings", "community", l("Ward sanitation meetings held", "ওয়ার্ড স্যানিটেশন সভা", "वडा सरसफाइ बैठक"), { type: "number", unit: "meetings", min: 0, max: 500, decimals: 0 }, (c) => text(whole(c.rnd, 0, 30))),
  q("campaign_channels", "community", l("How did campaigns reach people?", "প্রচারণা কীভাবে মানুষের কাছে পৌঁছেছে?", "अभियान मानिससम्म कसरी पुग्यो?"), { type: "multiple_choice", options: [opt("door", "Door to door"), opt("radio", "Local radio"), opt("social", "Social media"), opt("schools", "Schools"), opt("miking", "Loudspeaker announcements")], allowOther: true, maxChoices: null }, (c) => ticks(c, ["door", "radio", "social", "schools", "miking"], 0.45, ["Religious leaders", "Street drama", "Women's groups"])),
  q("complaints", "community", l("Sanitation complaints received", "প্রাপ্ত স্যানিটেশন অভিযোগ", "प्राप्त सरसफाइ गुनासो"), { type: "number", unit: "complaints", min: 0, max: null, decimals: 0 }, (c) => text(whole(c.rnd, 0, 300))),
  q("complaint_channel", "community", l("Main way people complain", "অভিযোগের প্রধান উপায়", "गुनासो गर्ने मुख्य तरिका"), { type: "single_choice", options: [opt("hotline", "Hotline"), opt("app", "Mobile app"), opt("office", "In person at the office"), opt("none", "No system yet")] }, (c) => ({ choices: [pick(c.rnd, ["hotline", "hotline", "app", "office", "office", "none"])] })),
  q("success_story", "community", l("A success story from this quarter", "এই ত্রৈমাসিকের একটি সাফল্যের গল্প", "यस त्रैमासको एउटा सफलताको कथा"), { type: "long_text", maxLength: 3000 }, (c) => (c.rnd() < 0.55 ? text(paragraph(c, 1 + Math.floor(c.rnd() * 4))) : null)),
  q("contact", "community", l("Contact person for this report", "এই প্রতিবেদনের যোগাযোগ ব্যক্তি", "यस प्रतिवेदनका सम्पर्क व्यक्ति"), { type: "short_text", maxLength: 120 }, (c) => text(`${pick(c.rnd, c.country === "BD" ? ["Rahima Khatun", "Abdul Karim", "Nasrin Akter", "Md. Shafiqul Islam"] : ["Sita Shrestha", "Ram Bahadur Thapa", "Gita Adhikari", "Bikash Karki"])}, ${pick(c.rnd, ["sanitation officer", "FSM focal person", "executive engineer"])}`), { required: true }),
];

export interface RoundsStats {
  cities: number;
  questions: number;
  roundId: number;
  versionId: number;
  statuses: Record<ResponseStatus, number>;
  answers: number;
  indicatorValues: number;
  /** Rows an export of the round holds: every answer plus every indicator value its indicator questions answer. */
  exportRows: number;
  ms: number;
}

/** INSERT … SELECT from one JSON document of rows: one parameter, whatever the number of rows. */
async function insertJson(db: Database, table: string, columns: string, types: string, rows: readonly object[], returning = ""): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = JSON.stringify(rows.slice(start, start + CHUNK));
    const result = await db.execute(sql`insert into ${sql.raw(table)} (${sql.raw(columns)}) select ${sql.raw(columns)} from jsonb_to_recordset(${chunk}::jsonb) as x(${sql.raw(types)}) ${sql.raw(returning)}`);
    out.push(...rowsOf(result));
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function generateRounds(db: Database, cityCount: number, log: (line: string) => void, now = new Date()): Promise<RoundsStats> {
  const started = performance.now();
  const nowMs = now.getTime();

  const cityRows: { id: number; country: "BD" | "NP"; population: number }[] = [];
  for (let start = 0; start < cityCount; start += 1000) {
    const chunk = Array.from({ length: Math.min(1000, cityCount - start) }, (_, k) => cityRow(start + k));
    cityRows.push(...(await db.insert(cities).values(chunk).returning({ id: cities.id, country: cities.country, population: cities.population })).map((r) => ({ id: r.id, country: r.country, population: r.population ?? 50_000 })));
  }
  const admin = await createUser(db, createUserWithPasswordSchema.parse({ email: BENCH_ADMIN.email, name: "Bench Admin", role: "admin", password: BENCH_ADMIN.password }), null);

  // The questionnaire: checked by the designer's own schema, stored as a draft, then published.
  const draft = versionDraftSchema.parse({
    title: l("Quarterly CWIS progress report", "ত্রৈমাসিক সিডব্লিউআইএস অগ্রগতি প্রতিবেদন", "त्रैमासिक सीडब्लूआईएस प्रगति प्रतिवेदन"),
    description: l("What the city did for citywide inclusive sanitation this quarter.", "এই ত্রৈমাসিকে শহর সবার জন্য স্যানিটেশনে কী করেছে।", "यस त्रैमासमा सहरले सबैका लागि सरसफाइमा के गर्‍यो।"),
    sections: [
      { key: "service", title: l("Service delivery", "সেবা প্রদান", "सेवा प्रवाह") },
      { key: "finance", title: l("Finance and inclusion", "অর্থায়ন ও অন্তর্ভুক্তি", "वित्त र समावेशिता") },
      { key: "community", title: l("Community engagement", "জনসম্পৃক্ততা", "सामुदायिक सहभागिता") },
    ],
    questions: SPECS.map((s) => s.draft),
  });
  const indicatorRows = await db.select({ id: indicators.id, code: indicators.code }).from(indicators);
  const indicatorId = (code: string) => {
    const row = indicatorRows.find((r) => r.code === code);
    if (!row) throw new Error(`indicator ${code} not seeded`);
    return row.id;
  };
  const [questionnaire] = await db.insert(questionnaires).values({ createdBy: admin.id }).returning({ id: questionnaires.id });
  if (!questionnaire) throw new Error("no questionnaire");
  const [version] = await db
    .insert(questionnaireVersions)
    .values({ questionnaireId: questionnaire.id, number: 1, status: "draft", title: draft.title, description: draft.description, sections: draft.sections, createdBy: admin.id })
    .returning({ id: questionnaireVersions.id });
  if (!version) throw new Error("no version");
  const questionValues: NewQuestion[] = draft.questions.map((d, position) => ({
    versionId: version.id,
    key: d.key,
    sectionKey: d.sectionKey,
    position,
    type: d.type,
    label: d.label,
    help: d.help,
    required: d.required,
    config: d.config,
    showWhen: d.showWhen,
    indicatorId: d.config.type === "indicator" ? indicatorId(d.config.indicatorCode) : null,
  }));
  const questionRows = await db.insert(questions).values(questionValues).returning({ id: questions.id, key: questions.key });
  const questionId = new Map(questionRows.map((r) => [r.key, r.id]));
  const publishedAt = new Date(nowMs - 30 * DAY);
  await db.update(questionnaireVersions).set({ status: "published", publishedAt, publishedBy: admin.id }).where(eq(questionnaireVersions.id, version.id));

  // Opened three weeks ago, due four days ago: the page has overdue cities and a chart of weeks.
  const opensMs = Date.parse(`${dayOf(nowMs - 21 * DAY)}T00:00:00Z`);
  const dueMs = Date.parse(`${dayOf(nowMs - 4 * DAY)}T00:00:00Z`);
  const [round] = await db
    .insert(rounds)
    .values({
      versionId: version.id,
      title: l(`Quarterly CWIS progress report — ${ROUNDS_PERIOD}`, `ত্রৈমাসিক সিডব্লিউআইএস অগ্রগতি প্রতিবেদন — ${ROUNDS_PERIOD}`, `त्रैमासिक सीडब्लूआईएस प्रगति प्रतिवेदन — ${ROUNDS_PERIOD}`),
      period: ROUNDS_PERIOD,
      target: { kind: "all" },
      opensOn: dayOf(opensMs),
      dueOn: dayOf(dueMs),
      status: "open",
      revision: 2,
      createdBy: admin.id,
      openedAt: new Date(opensMs + 8 * 3_600_000),
    })
    .returning({ id: rounds.id });
  if (!round) throw new Error("no round");

  // Responses: one per city; what each did and when.
  type Plan = { cityId: number; ctx: Ctx; status: ResponseStatus; submittedMs: number | null; reviewedMs: number | null; updatedMs: number };
  const statuses = Object.fromEntries(STATUS_SPREAD.map(([s]) => [s, 0])) as Record<ResponseStatus, number>;
  const openedMs = opensMs + 8 * 3_600_000;
  const plans: Plan[] = cityRows.map((city, i) => {
    const rnd = random(i * 7919 + 17);
    const u = rnd();
    const status = STATUS_SPREAD.find(([, upTo]) => u < upTo)?.[0] ?? "accepted";
    statuses[status]++;
    // Submissions crowd towards the deadline (the square root), a few come late.
    const submittedMs = status === "submitted" || status === "accepted" || status === "returned" ? Math.min(nowMs - 3_600_000, openedMs + Math.sqrt(rnd()) * (dueMs + 2 * DAY - openedMs)) : null;
    const reviewedMs = submittedMs !== null && (status === "accepted" || status === "returned") ? Math.min(nowMs - 60_000, submittedMs + between(rnd, 0.2, 5) * DAY) : null;
    const updatedMs = status === "not_started" ? openedMs : status === "draft" ? openedMs + rnd() * (nowMs - openedMs) : Math.max(submittedMs ?? 0, reviewedMs ?? 0);
    return { cityId: city.id, ctx: { rnd, country: city.country, population: city.population }, status, submittedMs, reviewedMs, updatedMs };
  });
  const responseRows = (await insertJson(
    db,
    "responses",
    "round_id, city_id, version_id, status, version, cycle, created_at, updated_at, updated_by, submitted_at, submitted_by, reviewed_at, reviewed_by",
    "round_id int, city_id int, version_id int, status response_status, version int, cycle int, created_at timestamptz, updated_at timestamptz, updated_by int, submitted_at timestamptz, submitted_by int, reviewed_at timestamptz, reviewed_by int",
    plans.map((p) => ({
      round_id: round.id,
      city_id: p.cityId,
      version_id: version.id,
      status: p.status,
      version: p.status === "not_started" ? 1 : 2 + Math.floor(p.ctx.rnd() * 5),
      cycle: p.submittedMs === null ? 0 : 1,
      created_at: iso(openedMs),
      updated_at: iso(p.updatedMs),
      updated_by: p.status === "not_started" ? null : p.reviewedMs !== null ? admin.id : null,
      submitted_at: p.submittedMs === null ? null : iso(p.submittedMs),
      submitted_by: null,
      reviewed_at: p.reviewedMs === null ? null : iso(p.reviewedMs),
      reviewed_by: p.reviewedMs === null ? null : admin.id,
    })),
    "returning id, city_id",
  )) as { id: number; city_id: number }[];
  const responseOfCity = new Map(responseRows.map((r) => [Number(r.city_id), Number(r.id)]));
  log(`  rounds: ${responseRows.length} responses (${Object.entries(statuses).map(([s, n]) => `${s} ${n}`).join(", ")})`);

  // Answers, made by the app's parser from what an officer types; indicator questions become values.
  const answerRows: { response_id: number; question_id: number; value: AnswerValue; updated_at: string }[] = [];
  const valueRows: object[] = [];
  const commentRows: object[] = [];
  const period = indicatorPeriodOf(ROUNDS_PERIOD);
  const parsedQuestions = draft.questions;
  for (const plan of plans) {
    if (plan.status === "not_started") continue;
    const responseId = responseOfCity.get(plan.cityId);
    if (responseId === undefined) throw new Error(`no response for city ${plan.cityId}`);
    const partial = plan.status === "draft";
    const given = new Map<string, AnswerValue | null>();
    const indicatorTyped = new Map<string, string>();
    for (const [i, spec] of SPECS.entries()) {
      const raw = spec.answer(plan.ctx);
      // A draft is about half done; the rest answered every question they were shown.
      if (raw === null || (partial && plan.ctx.rnd() > 0.55)) continue;
      const question = parsedQuestions[i];
      if (!question) continue;
      if (question.config.type === "indicator") {
        if ("text" in raw) indicatorTyped.set(question.key, raw.text);
        continue;
      }
      const parsed = parseAnswer(question, raw);
      if (!parsed.ok) throw new Error(`generated answer to ${question.key} refused: ${parsed.messageKey} (${JSON.stringify(raw)})`);
      given.set(question.key, parsed.value);
    }
    const shown = visibleKeys(parsedQuestions, given);
    const at = iso(plan.submittedMs ?? plan.updatedMs);
    for (const [key, value] of given) if (value && shown.has(key)) answerRows.push({ response_id: responseId, question_id: questionId.get(key) ?? 0, value, updated_at: at });
    const returnedKey = plan.status === "returned" ? pick(plan.ctx.rnd, [...indicatorTyped.keys()]) : undefined;
    for (const [key, typed] of indicatorTyped) {
      const code = draft.questions.find((d) => d.key === key)?.config;
      if (code?.type !== "indicator") continue;
      const value = Number(typed);
      const status = plan.status === "draft" ? "draft" : plan.status === "accepted" ? "validated" : key === returnedKey ? "returned" : "submitted";
      const validated = status === "validated";
      valueRows.push({
        city_id: plan.cityId,
        indicator_id: indicatorId(code.indicatorCode),
        period,
        value,
        status,
        version: partial ? 1 : 2,
        entered_at: iso(plan.submittedMs ?? plan.updatedMs),
        submitted_at: plan.submittedMs === null ? null : iso(plan.submittedMs),
        reviewed_by: status === "validated" || status === "returned" ? admin.id : null,
        reviewed_at: status === "validated" || status === "returned" ? iso(plan.reviewedMs ?? plan.updatedMs) : null,
        review_comment: status === "returned" ? "Please check this against the operator's log book." : null,
        validated_value: validated ? value : null,
        validated_at: validated ? iso(plan.reviewedMs ?? plan.updatedMs) : null,
      });
    }
    if (plan.status === "returned") commentRows.push({ response_id: responseId, question_id: returnedKey ? (questionId.get(returnedKey) ?? null) : null, cycle: 1, body: "Please check this against the operator's log book.", author_id: admin.id, created_at: iso(plan.reviewedMs ?? plan.updatedMs) });
  }
  await insertJson(db, "answers", "response_id, question_id, value, updated_at", "response_id int, question_id int, value jsonb, updated_at timestamptz", answerRows);
  await insertJson(
    db,
    "indicator_values",
    "city_id, indicator_id, period, value, status, version, entered_at, submitted_at, reviewed_by, reviewed_at, review_comment, validated_value, validated_at",
    "city_id int, indicator_id int, period text, value float8, status value_status, version int, entered_at timestamptz, submitted_at timestamptz, reviewed_by int, reviewed_at timestamptz, review_comment text, validated_value float8, validated_at timestamptz",
    valueRows,
  );
  await insertJson(db, "response_comments", "response_id, question_id, cycle, body, author_id, created_at", "response_id int, question_id int, cycle int, body text, author_id int, created_at timestamptz", commentRows);
  await db.execute(sql`analyze`);

  const exportRows = await countExportRows(db, round.id);
  const ms = performance.now() - started;
  log(`  rounds: ${answerRows.length} answers, ${valueRows.length} indicator values (${exportRows} export rows) in ${(ms / 1000).toFixed(1)} s`);
  return { cities: cityRows.length, questions: questionRows.length, roundId: round.id, versionId: version.id, statuses, answers: answerRows.length, indicatorValues: valueRows.length, exportRows, ms };
}

/**
 * What the database holds as the round's answers: its answer rows plus the indicator values its
 * indicator questions answer (the city's value for the round's period). An export writes one row
 * for each, so this is the row count its throughput is measured by.
 */
export async function countExportRows(db: Database, roundId: number): Promise<number> {
  const [row] = rowsOf<{ n: string | number }>(
    await db.execute(sql`
      select
        (select count(*) from answers a join responses r on r.id = a.response_id where r.round_id = ${roundId})
        + (select count(*) from responses r
             join rounds o on o.id = r.round_id
             join questions q on q.version_id = r.version_id and q.indicator_id is not null
             join indicator_values v on v.city_id = r.city_id and v.indicator_id = q.indicator_id
               and v.period = case when o.period ~ '^[0-9]{4}$' then o.period || '-Q4' else o.period end
           where r.round_id = ${roundId}) as n`),
  );
  return Number(row?.n ?? 0);
}
