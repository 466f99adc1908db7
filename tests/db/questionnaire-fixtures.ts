import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { indicators, questionnaireVersions, questionnaires, questions, responses, rounds, type NewQuestion } from "@/db/schema";
import type { SentField } from "@/lib/questionnaires/form";
import { seededCityId } from "./support";

export const text = (value: string): SentField => ({ values: [value], file: null });
// An indicator answer with its explanation: a value far from the city's last validated one needs one to be submitted.
export const explained = (value: string, version?: number): SentField => ({ values: [value], file: null, explanation: "Checked against the treatment plant's logbook.", ...(version !== undefined ? { version } : {}) });
export const ticks = (values: string[], other?: string): SentField => ({ values, file: null, ...(other !== undefined ? { other } : {}) });
const L = (en: string, bn = "") => ({ en, bn, ne: "" });

// No demo value exists after 2026-Q3, and each test's round asks a quarter of its own (the tests share one database).
let nextQuarter = 0;
const quarterAfterDemo = () => {
  const index = nextQuarter++;
  return `${2027 + Math.floor(index / 4)}-Q${(index % 4) + 1}`;
};

/** A published questionnaire (one indicator question, a yes/no with a follow-up shown on "yes", choices, text) and an open round for two cities. */
export async function openRound(db: Database, options: { dueOn?: string; status?: "open" | "closed" } = {}) {
  const period = quarterAfterDemo();
  const [questionnaire] = await db.insert(questionnaires).values({}).returning();
  const [version] = await db.insert(questionnaireVersions).values({ questionnaireId: questionnaire!.id, number: 1, title: L("Quarterly progress", "ত্রৈমাসিক অগ্রগতি"), description: L(""), sections: [{ key: "main", title: L("Main") }] }).returning();
  const [sd2] = await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, "SD-2"));
  const rows: NewQuestion[] = [
    { versionId: version!.id, key: "sd2", sectionKey: "main", position: 1, type: "indicator", label: L("Sludge delivered to treatment"), help: L(""), required: true, config: { type: "indicator", indicatorCode: "SD-2" }, indicatorId: sd2!.id },
    { versionId: version!.id, key: "has_plan", sectionKey: "main", position: 2, type: "yes_no", label: L("Has an FSM plan?", "এফএসএম পরিকল্পনা আছে?"), help: L(""), required: true, config: { type: "yes_no" } },
    { versionId: version!.id, key: "plan_year", sectionKey: "main", position: 3, type: "number", label: L("Year approved"), help: L(""), required: true, config: { type: "number", unit: "", min: 2000, max: 2100, decimals: 0 }, showWhen: { question: "has_plan", equals: "yes" } },
    { versionId: version!.id, key: "needs", sectionKey: "main", position: 4, type: "multiple_choice", label: L("Help wanted on"), help: L(""), required: false, config: { type: "multiple_choice", options: [{ value: "finance", label: L("Finance") }, { value: "fstp", label: L("Treatment plant") }], allowOther: true, maxChoices: null } },
    { versionId: version!.id, key: "blocks", sectionKey: "main", position: 5, type: "long_text", label: L("What blocks progress"), help: L(""), required: false, config: { type: "long_text", maxLength: 100 } },
    { versionId: version!.id, key: "photo", sectionKey: "main", position: 6, type: "file", label: L("A photo of the treatment plant"), help: L(""), required: false, config: { type: "file" } },
  ];
  await db.insert(questions).values(rows);
  await db.update(questionnaireVersions).set({ status: "published", publishedAt: new Date() }).where(eq(questionnaireVersions.id, version!.id));
  const [round] = await db
    .insert(rounds)
    .values({ versionId: version!.id, title: L(`${period} reporting`), period, target: { kind: "all" }, opensOn: "2026-10-01", dueOn: options.dueOn ?? "2099-12-31", status: options.status ?? "open" })
    .returning();
  const kushtia = await seededCityId(db, "kushtia");
  const mahalaxmi = await seededCityId(db, "mahalaxmi");
  const made = await db.insert(responses).values([kushtia, mahalaxmi].map((cityId) => ({ roundId: round!.id, cityId, versionId: version!.id }))).returning();
  return { period, round: round!, version: version!, kushtia: made.find((r) => r.cityId === kushtia)!, mahalaxmi: made.find((r) => r.cityId === mahalaxmi)!, sd2: sd2!.id, kushtiaId: kushtia };
}

