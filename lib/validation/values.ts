import { z } from "zod";
import { PERIOD_PATTERN, parsePeriod, periodOfDate } from "@/lib/periods";
import { parseDecimal } from "@/lib/numbers";
import { checkHardRange, type PlausibilityIndicator } from "@/lib/plausibility";
import type { Indicator } from "@/db/schema";

export const NOTE_MAX = 1000;
export const URL_MAX = 500;
export const EXPLANATION_MAX = 1000;

/** A reporting quarter that exists: well-formed, not before 2000, not after the current quarter. */
export function isReportablePeriod(period: string, now = new Date()): boolean {
  return parsePeriod(period) !== null && period <= periodOfDate(now);
}

/** A quarter: one message for one bad period (a malformed one is not also "not open"). */
export const periodSchema = z
  .string({ error: "validation.period" })
  .trim()
  .superRefine((period, ctx) => {
    if (!PERIOD_PATTERN.test(period)) ctx.addIssue({ code: "custom", message: "validation.period" });
    else if (!isReportablePeriod(period)) ctx.addIssue({ code: "custom", message: "validation.periodUnknown" });
  });

// Missing evidence is null, never "" (issue 12): one shape in the database and every API answer.
const evidenceUrl = z
  .string({ error: "validation.url" })
  .trim()
  .max(URL_MAX, { error: "validation.tooLong" })
  .refine((url) => url === "" || /^https?:\/\/[^\s]+$/i.test(url), { error: "validation.url" })
  .nullish()
  .transform((url) => url || null);

/**
 * A value: a JSON number, or text in the one number format (lib/numbers.ts: local digits, no
 * hexadecimal, exponents or Infinity). Range checks need the indicator and come later.
 */
const decimalValue = z.union([z.number({ error: "validation.number" }), z.string({ error: "validation.number" })], { error: "validation.number" }).transform((raw, ctx) => {
  if (typeof raw === "number") {
    if (Number.isFinite(raw)) return raw;
    ctx.addIssue({ code: "custom", message: "validation.number" });
    return z.NEVER;
  }
  const parsed = parseDecimal(raw);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: "custom", message: parsed.messageKey });
  return z.NEVER;
});

/**
 * One value as the API, the CSV import and the data-entry form send it. `explanation` and
 * `evidenceResourceId` left out keep what is stored (a CSV file without those columns does not
 * erase them); sent, they replace it (null or "" clears).
 */
export const valueEntrySchema = z.object({
  indicator: z.string({ error: "validation.indicatorUnknown" }).trim().min(1, { error: "validation.indicatorUnknown" }).max(20, { error: "validation.indicatorUnknown" }),
  period: periodSchema,
  value: decimalValue,
  note: z.string({ error: "validation.invalid" }).max(NOTE_MAX, { error: "validation.tooLong" }).default(""),
  evidenceUrl,
  // Why an unusual value is right (needed to submit a flagged one).
  explanation: z.string({ error: "validation.invalid" }).trim().max(EXPLANATION_MAX, { error: "validation.tooLong" }).optional(),
  // A library resource of the same city that proves the value (checked where the city is known).
  evidenceResourceId: z.number({ error: "validation.evidenceResource" }).int({ error: "validation.evidenceResource" }).positive({ error: "validation.evidenceResource" }).nullable().optional(),
  // The version the editor started from; 0 means "I expect no value yet". Omitted: see the caller
  // (the API refuses to overwrite a stored value without it unless told to).
  version: z.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).min(0, { error: "validation.invalid" }).optional(),
});

export const VALUE_ROWS_MAX = 5000;

export const valueEntriesSchema = z.array(valueEntrySchema).min(1, { error: "validation.noValues" }).max(VALUE_ROWS_MAX, { error: "validation.tooMany" });

export type ValueEntry = z.infer<typeof valueEntrySchema>;

/** One refused part of a value: the field it concerns, the message, and what the message names. */
export interface ValueProblem {
  field: "period" | "value";
  messageKey: string;
  params?: Record<string, string | number>;
}

/**
 * The checks that need the indicator: annual indicators only in Q4, the hard range (the
 * indicator's own or the unit's, lib/plausibility.ts) and whole numbers. Every problem, in that
 * order; empty when the value is acceptable.
 */
export function checkValueForIndicator(indicator: Pick<Indicator, "frequency"> & Pick<PlausibilityIndicator, "unit" | "hardMin" | "hardMax">, period: string, value: number): ValueProblem[] {
  const problems: ValueProblem[] = [];
  if (indicator.frequency === "annual" && !period.endsWith("-Q4")) problems.push({ field: "period", messageKey: "validation.annualQ4" });
  for (const problem of checkHardRange(indicator, value)) problems.push({ field: "value", ...problem });
  return problems;
}

/** The city's own window: not before its earliest quarter (lib/periods earliestPeriodFor). */
export function checkPeriodForCity(period: string, earliest: string): ValueProblem | null {
  return period < earliest ? { field: "period", messageKey: "validation.periodTooEarly", params: { earliest } } : null;
}

export const reviewDecisionSchema = z
  .object({
    valueId: z.coerce.number().int().positive(),
    decision: z.enum(["validate", "return"], { error: "validation.decision" }),
    comment: z.string().trim().max(NOTE_MAX, { error: "validation.tooLong" }).default(""),
  })
  .refine((d) => d.decision === "validate" || d.comment.length > 0, { path: ["comment"], error: "validation.returnNeedsComment" });

export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/**
 * The API PUT's query: `?overwrite=true` lets rows without a `version` replace stored values;
 * without it such a row is a conflict (409).
 */
export const valueWriteQuerySchema = z.object({
  overwrite: z.enum(["true", "false"], { error: "validation.invalid" }).optional().transform((v) => v === "true"),
});
