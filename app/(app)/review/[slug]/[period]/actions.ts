"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requirePermission } from "@/server/authz";
import { runAction, type ActionResult } from "@/lib/action-result";
import { messageKeyOf } from "@/lib/i18n/messages";
import { AppError, RowErrorsError } from "@/lib/errors";
import { periodSchema, reviewDecisionSchema, type ReviewDecision } from "@/lib/validation/values";
import { getDb } from "@/db/client";
import { getCityBySlug } from "@/db/queries/cities";
import { reviewSheet, reviewValues } from "@/db/queries/indicator-values";

const targetSchema = z.object({
  slug: z.string({ error: "validation.invalid" }).trim().min(1, { error: "validation.invalid" }).max(100, { error: "validation.invalid" }),
  period: periodSchema,
});

export type ReviewResult = ActionResult<{ validated: number; returned: number }>;

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * Applies the reviewer's decisions (`decision.<valueId>` = validate | return, `comment.<valueId>`)
 * for one city and quarter, all or nothing. Field errors are keyed `<valueId>.<field>`.
 */
export async function reviewAction(_previous: ReviewResult | null, formData: FormData): Promise<ReviewResult> {
  try {
    const actor = await requirePermission("values.review");
    const { slug, period } = targetSchema.parse({ slug: formData.get("slug"), period: formData.get("period") });
    const db = await getDb();
    const city = await getCityBySlug(db, slug);
    if (!city) throw new AppError("not_found");
    // Only values of this city and quarter that wait for review may be decided from this page.
    const waiting = new Set((await reviewSheet(db, city.id, period)).map((row) => row.id));

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
    if (Object.keys(fieldErrors).length > 0) return { ok: false, error: "validation.checkFields", fieldErrors };
    if (decisions.length === 0) return { ok: false, error: "review.noDecisions" };

    let result: { validated: number; returned: number };
    try {
      result = await reviewValues(db, decisions, actor.id);
    } catch (error) {
      // Someone else reviewed some of these meanwhile: nothing was written; say which.
      if (error instanceof RowErrorsError) {
        for (const row of error.rows) addError(decisions[row.row - 1]?.valueId ?? "_form", "decision", row.messageKey);
        return { ok: false, error: error.messageKey, fieldErrors };
      }
      throw error;
    }
    revalidatePath("/review");
    revalidatePath(`/review/${city.slug}/${period}`);
    revalidatePath(`/cities/${city.slug}`);
    revalidatePath(`/cities/${city.slug}/values/${period}`);
    revalidatePath("/dashboard");
    return { ok: true, data: result };
  } catch (error) {
    unstable_rethrow(error);
    // Permission, validation and unexpected errors: the common handling (no raw messages).
    return runAction(() => Promise.reject(error));
  }
}
