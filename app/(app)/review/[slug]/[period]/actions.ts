"use server";

import { z } from "zod";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { reviewValues } from "@/server/values/workflow";
import type { ActionResult } from "@/lib/action-result";
import { messageKeyOf } from "@/lib/i18n/messages";
import { AppError, RowErrorsError } from "@/lib/errors";
import { periodSchema, reviewDecisionSchema, type ReviewDecision } from "@/lib/validation/values";
import { getCityBySlug } from "@/db/queries/cities";
import { reviewSheet } from "@/db/queries/review";

const targetSchema = z.object({
  slug: z.string({ error: "validation.invalid" }).trim().min(1, { error: "validation.invalid" }).max(100, { error: "validation.invalid" }),
  period: periodSchema,
});

export type ReviewResult = ActionResult<{ validated: number; returned: number }>;

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** Decisions the page refused, keyed `<valueId>.<field>`; nothing was written. */
class DecisionsRefused extends Error {
  constructor(
    readonly messageKey: string,
    readonly fieldErrors: Record<string, string[]>,
  ) {
    super(messageKey);
  }
}

const review = action({
  permission: "values.review",
  schema: targetSchema,
  read: (formData) => ({ slug: formData.get("slug"), period: formData.get("period") }),
  run: async ({ db, actor, input, formData }) => {
    const city = await getCityBySlug(db, input.slug);
    if (!city) throw new AppError("not_found");
    // Only values of this city and quarter that wait for review may be decided from this page.
    const waiting = new Set((await reviewSheet(db, city.id, input.period)).map((row) => row.id));

    const fieldErrors: Record<string, string[]> = {};
    const addError = (id: string | number, field: string, key: string) => (fieldErrors[`${id}.${field}`] ??= []).push(key);
    const decisions: ReviewDecision[] = [];
    for (const [name, raw] of formData.entries()) {
      if (!name.startsWith("decision.") || typeof raw !== "string" || raw === "") continue;
      const id = name.slice("decision.".length);
      const parsed = reviewDecisionSchema.safeParse({ valueId: id, decision: raw, comment: text(formData, `comment.${id}`) });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) addError(id, issue.path[0] === "comment" ? "comment" : "decision", messageKeyOf(issue));
      } else if (!waiting.has(parsed.data.valueId)) {
        addError(id, "decision", "values.notSubmitted");
      } else {
        decisions.push(parsed.data);
      }
    }
    if (Object.keys(fieldErrors).length > 0) throw new DecisionsRefused("validation.checkFields", fieldErrors);
    if (decisions.length === 0) throw new AppError("invalid", "review.noDecisions");

    try {
      return { ...(await reviewValues(db, decisions, actor)), slug: city.slug, period: input.period };
    } catch (error) {
      // Someone else reviewed some of these meanwhile: nothing was written; say which.
      if (error instanceof RowErrorsError) {
        for (const row of error.rows) addError(decisions[row.row - 1]?.valueId ?? "_form", "decision", row.messageKey);
        throw new DecisionsRefused(error.messageKey, fieldErrors);
      }
      throw error;
    }
  },
  invalidate: ({ slug, period }) => invalidate.cityValues(slug, period),
  mapError: (error) => (error instanceof DecisionsRefused ? { ok: false, error: error.messageKey, fieldErrors: error.fieldErrors } : undefined),
});

/**
 * Applies the reviewer's decisions (`decision.<valueId>` = validate | return, `comment.<valueId>`)
 * for one city and quarter, all or nothing. Field errors are keyed `<valueId>.<field>`.
 */
export async function reviewAction(previous: ReviewResult | null, formData: FormData): Promise<ReviewResult> {
  const result = await review(previous, formData);
  return result.ok ? { ok: true, data: { validated: result.data.validated, returned: result.data.returned } } : result;
}
