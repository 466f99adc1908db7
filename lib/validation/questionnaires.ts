import { z } from "zod";
import { plainText } from "./fields";
import { COUNTRIES, PROGRAMME_ROLES, QUESTION_TYPES } from "@/lib/domain";
import type { QuestionConfig } from "@/lib/questionnaires/types";
import { ANSWER_TEXT_MAX } from "@/lib/questionnaires/answers";

/**
 * The designer's input: a whole draft version (title, description, sections, questions in order)
 * as one JSON document, checked here before anything is stored. Every problem is reported at once,
 * with its path (`questions.3.config.options.0.value`), so the designer can mark each field.
 */

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

const text = plainText;

/** English is required (the fallback); Bangla and Nepali may be left empty and then show the English. */
const localized = (max: number, required: boolean) =>
  z.object({
    en: required ? text(max).min(1, { error: "validation.required" }) : text(max),
    bn: text(max),
    ne: text(max),
  });

const key = z.string({ error: "validation.invalid" }).regex(KEY, { error: "validation.questionnaire.key" });

const option = z.object({ value: key, label: localized(200, true) });
const options = z.array(option).min(1, { error: "validation.questionnaire.optionsNeeded" }).max(50, { error: "validation.questionnaire.tooManyOptions" });
const decimals = z.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).min(0, { error: "validation.invalid" }).max(6, { error: "validation.invalid" });
const finite = z.number({ error: "validation.number" }).finite({ error: "validation.number" });

export const questionConfigSchema: z.ZodType<QuestionConfig> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("number"), unit: text(40), min: finite.nullable(), max: finite.nullable(), decimals }),
  z.object({ type: z.literal("percent"), decimals }),
  z.object({ type: z.literal("yes_no") }),
  z.object({ type: z.literal("single_choice"), options }),
  z.object({ type: z.literal("multiple_choice"), options, allowOther: z.boolean(), maxChoices: z.number().int().min(1).max(50).nullable() }),
  z.object({ type: z.literal("short_text"), maxLength: z.number().int().min(1).max(200) }),
  z.object({ type: z.literal("long_text"), maxLength: z.number().int().min(1).max(ANSWER_TEXT_MAX) }),
  z.object({ type: z.literal("date") }),
  z.object({ type: z.literal("file") }),
  z.object({ type: z.literal("indicator"), indicatorCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9._-]{1,20}$/, { error: "validation.indicatorUnknown" }) }),
]);

export const questionDraftSchema = z.object({
  key,
  sectionKey: key,
  type: z.enum(QUESTION_TYPES, { error: "validation.invalid" }),
  label: localized(500, true),
  help: localized(1000, false),
  required: z.boolean(),
  // A text question whose answers are the city's needs (reports link recommendations to them).
  isNeed: z.boolean().default(false),
  config: questionConfigSchema,
  showWhen: z.object({ question: key, equals: z.string().max(40) }).nullable(),
});

export const QUESTIONS_MAX = 200;
export const SECTIONS_MAX = 20;

export const versionDraftSchema = z
  .object({
    title: localized(200, true),
    description: localized(2000, false),
    sections: z.array(z.object({ key, title: localized(200, true) })).min(1, { error: "validation.questionnaire.sectionNeeded" }).max(SECTIONS_MAX, { error: "validation.questionnaire.tooManySections" }),
    questions: z.array(questionDraftSchema).max(QUESTIONS_MAX, { error: "validation.questionnaire.tooManyQuestions" }),
  })
  .superRefine((draft, ctx) => {
    const sections = new Set<string>();
    draft.sections.forEach((section, i) => {
      if (sections.has(section.key)) ctx.addIssue({ code: "custom", path: ["sections", i, "key"], message: "validation.questionnaire.duplicateKey" });
      sections.add(section.key);
    });
    const earlier = new Map<string, (typeof draft.questions)[number]>();
    draft.questions.forEach((question, i) => {
      const at = (...path: (string | number)[]) => ["questions", i, ...path];
      if (earlier.has(question.key)) ctx.addIssue({ code: "custom", path: at("key"), message: "validation.questionnaire.duplicateKey" });
      if (!sections.has(question.sectionKey)) ctx.addIssue({ code: "custom", path: at("sectionKey"), message: "validation.questionnaire.unknownSection" });
      if (question.config.type !== question.type) ctx.addIssue({ code: "custom", path: at("config"), message: "validation.invalid" });
      const config = question.config;
      if (config.type === "number" && config.min !== null && config.max !== null && config.min > config.max) ctx.addIssue({ code: "custom", path: at("config", "max"), message: "validation.questionnaire.minAboveMax" });
      if (config.type === "single_choice" || config.type === "multiple_choice") {
        const values = new Set<string>();
        config.options.forEach((o, j) => {
          if (values.has(o.value)) ctx.addIssue({ code: "custom", path: at("config", "options", j, "value"), message: "validation.questionnaire.duplicateKey" });
          values.add(o.value);
        });
      }
      if (question.isNeed && question.type !== "short_text" && question.type !== "long_text") ctx.addIssue({ code: "custom", path: at("isNeed"), message: "validation.questionnaire.needTextOnly" });
      if (question.showWhen) {
        // Only an earlier question with answers to compare: yes/no or a choice.
        const source = earlier.get(question.showWhen.question);
        const equals = question.showWhen.equals;
        const fits =
          source !== undefined &&
          (source.config.type === "yes_no" ? equals === "yes" || equals === "no" : source.config.type === "single_choice" || source.config.type === "multiple_choice" ? source.config.options.some((o) => o.value === equals) : false);
        if (!fits) ctx.addIssue({ code: "custom", path: at("showWhen"), message: "validation.questionnaire.showWhen" });
      }
      earlier.set(question.key, question);
    });
  });

export type VersionDraft = z.infer<typeof versionDraftSchema>;
export type QuestionDraft = z.infer<typeof questionDraftSchema>;

/** A quarter (`2026-Q4`) or a year (`2026`). */
export const roundPeriodSchema = z.string().trim().regex(/^(20[0-9]{2})(-Q[1-4])?$/, { error: "validation.round.period" });

export const roundTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("country"), countries: z.array(z.enum(COUNTRIES)).min(1, { error: "validation.round.targetEmpty" }) }),
  z.object({ kind: z.literal("programme_role"), roles: z.array(z.enum(PROGRAMME_ROLES)).min(1, { error: "validation.round.targetEmpty" }) }),
  z.object({ kind: z.literal("list"), cityIds: z.array(z.number().int().positive()).min(1, { error: "validation.round.targetEmpty" }).max(10_000) }),
]);

/** A round's answers through the API: which cities, which language, a page of rows after a cursor. */
export const responsesQuerySchema = z.object({
  format: z.enum(["json", "csv", "xlsx"], { error: "validation.invalid" }).default("json"),
  lang: z.enum(["en", "bn", "ne"], { error: "validation.invalid" }).optional(),
  country: z.enum(COUNTRIES, { error: "validation.invalid" }).optional(),
  programme_role: z.enum(PROGRAMME_ROLES, { error: "validation.invalid" }).optional(),
  // The last response of the previous page (its `next`).
  after: z.coerce.number({ error: "validation.invalid" }).int().min(0, { error: "validation.invalid" }).max(2_147_483_647, { error: "validation.invalid" }).optional(),
  // Cities' responses per page (each one row per question answered).
  per_page: z.coerce.number({ error: "validation.invalid" }).int().min(1, { error: "validation.invalid" }).max(200, { error: "validation.invalid" }).default(50),
});

/**
 * One answer in a PUT: text, a number, yes/no as a boolean, the options ticked (with an "other"
 * text), or for an indicator question its value with the version read and an explanation. null
 * clears the answer.
 */
const apiAnswer = z.union([
  z.null(),
  z.boolean(),
  z.number().finite(),
  z.string().max(ANSWER_TEXT_MAX, { error: "validation.tooLong" }),
  z.array(z.string().max(200)).max(50),
  z.object({ choices: z.array(z.string().max(200)).max(50), other: z.string().max(200).optional() }),
  z.object({ value: z.union([z.number().finite(), z.string().max(64)]), version: z.number().int().min(0).optional(), explanation: z.string().max(1000).optional() }),
]);

export const answersBodySchema = z.object({
  version: z.number({ error: "validation.invalid" }).int().min(1, { error: "validation.invalid" }),
  submit: z.boolean().default(false),
  answers: z.record(z.string().regex(KEY, { error: "validation.questionnaire.key" }), apiAnswer).refine((a) => Object.keys(a).length <= 400, { error: "validation.tooMany" }),
});

export type AnswersBody = z.infer<typeof answersBodySchema>;
