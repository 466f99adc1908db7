"use server";

import { z } from "zod";
import { actionWith } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { AnswerConflictError, AnswerProblemsError, saveAnswers } from "@/server/questionnaires/answer";
import { reviewResponse } from "@/server/questionnaires/review";
import { responseCityId } from "@/db/queries/responses";
import type { Database } from "@/db/client";
import type { ActionResult } from "@/lib/action-result";
import type { ResponseStatus } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { readAnswerForm } from "@/lib/questionnaires/form";

/** Problems come back by question key, with what their messages name; a conflict says who saved and when. */
export interface AnswerFormExtras {
  fieldVars?: Record<string, Record<string, string | number>>;
  conflict?: { by: string | null; at: string };
}

export type AnswerFormResult = ActionResult<{ status: ResponseStatus; version: number; savedAt: string }> & AnswerFormExtras;

const id = z.coerce.number({ error: "validation.invalid" }).int().positive({ error: "validation.invalid" });

const saveSchema = z.object({
  id,
  version: z.coerce.number({ error: "validation.invalid" }).int().min(1, { error: "validation.invalid" }),
  intent: z.enum(["save", "submit"], { error: "validation.invalid" }),
});

/** The response's own city, looked up by id: an officer's form edited to name another city's response is refused. */
async function scope({ db, input }: { db: Database; input: { id: number } }) {
  const cityId = await responseCityId(db, input.id);
  if (cityId === null) throw new AppError("not_found");
  return { cityId };
}

function problemsResult(error: unknown): (AnswerFormResult & { ok: false }) | undefined {
  if (error instanceof AnswerProblemsError) {
    const fieldErrors: Record<string, string[]> = {};
    const fieldVars: Record<string, Record<string, string | number>> = {};
    for (const [key, problem] of Object.entries(error.problems)) {
      fieldErrors[key] = [problem.messageKey];
      if (problem.params) fieldVars[key] = problem.params;
    }
    return { ok: false, error: error.messageKey, fieldErrors, fieldVars };
  }
  if (error instanceof AnswerConflictError) return { ok: false, error: error.messageKey, conflict: { by: error.updatedBy, at: error.updatedAt.toISOString() } };
  return undefined;
}

/** Saves the officer's answers as a draft, or saves and submits them (the button pressed says which). */
export const saveAnswersAction = actionWith<number, typeof saveSchema, { status: ResponseStatus; version: number; savedAt: string }, { cityId: number }, AnswerFormExtras>({
  permission: "responses.answer",
  schema: saveSchema,
  read: (formData, responseId) => ({ id: responseId, version: formData.get("version"), intent: formData.get("intent") ?? "save" }),
  scope,
  run: async ({ db, actor, input, formData }) => {
    const saved = await saveAnswers(db, actor, { responseId: input.id, version: input.version, sent: readAnswerForm(formData), submit: input.intent === "submit" });
    return { ...saved, savedAt: new Date().toISOString() };
  },
  invalidate: () => invalidate.questionnaires(),
  mapError: problemsResult,
});

const reviewSchema = z.object({
  id,
  version: z.coerce.number({ error: "validation.invalid" }).int().min(1, { error: "validation.invalid" }),
  decision: z.enum(["accept", "return"], { error: "responses.chooseDecision" }),
  comment: z.string().trim().max(2000, { error: "validation.tooLong" }),
});

const COMMENT_MAX = 2000;

/** A reviewer accepts or returns a submitted response; comments on single questions are fields `c.<key>`. */
export const reviewResponseAction = actionWith<number, typeof reviewSchema, { status: "accepted" | "returned" }, undefined, AnswerFormExtras>({
  permission: "responses.review",
  schema: reviewSchema,
  read: (formData, responseId) => ({ id: responseId, version: formData.get("version"), decision: formData.get("decision") ?? undefined, comment: formData.get("comment") ?? "" }),
  run: async ({ db, actor, input, formData }) => {
    const questionComments = new Map<string, string>();
    for (const [name, value] of formData) {
      if (!name.startsWith("c.") || typeof value !== "string" || value.trim() === "") continue;
      if (value.length > COMMENT_MAX) throw new AnswerProblemsError({ [name.slice(2)]: { messageKey: "validation.tooLong" } });
      questionComments.set(name.slice(2), value);
    }
    return reviewResponse(db, actor, { responseId: input.id, version: input.version, decision: input.decision, comment: input.comment, questionComments });
  },
  invalidate: () => invalidate.questionnaires(),
  mapError: problemsResult,
});
