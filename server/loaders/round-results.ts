import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { answeredCount, choiceCounts, numberSummaries, questionsOfVersion, roundForResults, textAnswers, type CityFilter } from "@/db/queries/round-results";
import { localizedName, type Locale } from "@/lib/i18n/config";
import { indicatorPeriodOf } from "@/lib/questionnaires/rules";
import { localize } from "@/lib/questionnaires/view";
import type { QuestionType } from "@/lib/domain";

/** How many texts each question lists on the page; the export has them all. */
export const TEXTS_PER_QUESTION = 50;

export interface QuestionResult {
  key: string;
  label: string;
  type: QuestionType;
  choices: { value: string; label: string; n: number }[];
  numbers: { n: number; min: number; median: number; max: number } | null;
  texts: { city: string; text: string }[];
  moreTexts: number;
}

/**
 * A round's results per question, in the reader's language: what the city reports draw their
 * "needs" from. Four aggregate queries whatever the number of cities; null: no such round.
 */
export const loadRoundResults = cache(async (roundId: number, filter: CityFilter, locale: Locale) => {
  const db = await getDb();
  const round = await roundForResults(db, roundId);
  if (!round) return null;
  const [questions, counts, numbers, texts, answered] = await Promise.all([
    questionsOfVersion(db, round.versionId),
    choiceCounts(db, roundId, filter),
    numberSummaries(db, { id: roundId, versionId: round.versionId, indicatorPeriod: indicatorPeriodOf(round.period) }, filter),
    textAnswers(db, roundId, filter, TEXTS_PER_QUESTION),
    answeredCount(db, roundId, filter),
  ]);
  const sections = round.sections.map((section) => ({
    key: section.key,
    title: localize(section.title, locale),
    questions: questions
      .filter((q) => q.sectionKey === section.key)
      .map((q): QuestionResult => {
        const config = q.config;
        const options = config.type === "single_choice" || config.type === "multiple_choice" ? config.options.map((o) => ({ value: o.value, label: localize(o.label, locale) })) : config.type === "yes_no" ? [{ value: "yes", label: "yes" }, { value: "no", label: "no" }] : [];
        const mine = texts.filter((t) => t.questionId === q.id);
        return {
          key: q.key,
          label: localize(q.label, locale),
          type: q.type,
          choices: options.map((o) => ({ ...o, n: counts.find((c) => c.questionId === q.id && c.choice === o.value)?.n ?? 0 })),
          numbers: numbers.find((n) => n.questionId === q.id) ?? null,
          texts: mine.map((t) => ({ city: localizedName(t, locale), text: t.value.kind === "text" ? t.value.value : t.value.kind === "choices" ? (t.value.other ?? "") : "" })),
          moreTexts: Math.max(0, (mine[0]?.total ?? 0) - mine.length),
        };
      }),
  }));
  return { round: { id: round.id, title: localize(round.title, locale), period: round.period, status: round.status, version: round.versionNumber }, sections, answered };
});
