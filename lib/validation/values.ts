import { z } from "zod";
import { PERIOD_PATTERN, parsePeriod, periodOfDate } from "@/lib/periods";
import { UNIT_RANGES } from "@/lib/units";
import type { Indicator } from "@/db/schema";

export const NOTE_MAX = 1000;
export const URL_MAX = 500;

/** A reporting quarter that exists: well-formed, not before 2000, not after the current quarter. */
export function isReportablePeriod(period: string, now = new Date()): boolean {
  return parsePeriod(period) !== null && period <= periodOfDate(now);
}

export const periodSchema = z
  .string({ error: "validation.period" })
  .trim()
  .regex(PERIOD_PATTERN, { error: "validation.period" })
  .refine((period) => isReportablePeriod(period), { error: "validation.periodUnknown" });

const evidenceUrl = z
  .string()
  .trim()
  .max(URL_MAX, { error: "validation.tooLong" })
  .refine((url) => url === "" || /^https?:\/\/[^\s]+$/i.test(url), { error: "validation.url" })
  .transform((url) => url || null);

/** One value as the API, the CSV import and the data-entry form send it. */
export const valueEntrySchema = z.object({
  indicator: z.string({ error: "validation.indicatorUnknown" }).trim().min(1, { error: "validation.indicatorUnknown" }).max(20, { error: "validation.indicatorUnknown" }),
  period: periodSchema,
  value: z.number({ error: "validation.number" }).finite({ error: "validation.number" }),
  note: z.string().max(NOTE_MAX, { error: "validation.tooLong" }).default(""),
  evidenceUrl: evidenceUrl.optional().default(""),
  // The version the editor started from; 0 means "I expect no value yet". Omit to overwrite.
  version: z.number().int().min(0).optional(),
});

export const valueEntriesSchema = z.array(valueEntrySchema).min(1, { error: "validation.noValues" }).max(5000, { error: "validation.tooMany" });

export type ValueEntry = z.infer<typeof valueEntrySchema>;

/**
 * The checks that need the indicator: the unit's range and whole numbers, and annual indicators
 * only in Q4. Returns a message key, or null when the value is acceptable.
 */
export function checkValueForIndicator(indicator: Pick<Indicator, "unit" | "frequency">, period: string, value: number): string | null {
  const range = UNIT_RANGES[indicator.unit];
  if (indicator.frequency === "annual" && !period.endsWith("-Q4")) return "validation.annualQ4";
  if (value < range.min || (range.max !== null && value > range.max)) return `validation.range.${indicator.unit}`;
  if (range.integer && !Number.isInteger(value)) return indicator.unit === "boolean" ? "validation.range.boolean" : "validation.wholeNumber";
  return null;
}

export const reviewDecisionSchema = z
  .object({
    valueId: z.coerce.number().int().positive(),
    decision: z.enum(["validate", "return"], { error: "validation.decision" }),
    comment: z.string().trim().max(NOTE_MAX, { error: "validation.tooLong" }).default(""),
  })
  .refine((d) => d.decision === "validate" || d.comment.length > 0, { path: ["comment"], error: "validation.returnNeedsComment" });

export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;
