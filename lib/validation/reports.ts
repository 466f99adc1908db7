import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";
import { COMMENT_ANSWERS, REPORT_KINDS, REPORT_STATUSES } from "@/lib/domain";
import { markdownProblem } from "@/lib/markdown";
import { optionalId, plainText, positiveId } from "./fields";
import { CHANGE_NOTE_MAX, COMMENT_MAX, MAX_RECOMMENDATIONS, RECOMMENDATION_MAX, TITLE_MAX } from "@/lib/reports/templates";

const text = plainText;
const id = positiveId;

/** A new report: what it is about and its language; the kind decides which of city, year and round it needs. */
export const newReportSchema = z
  .object({
    kind: z.enum(REPORT_KINDS, { error: "validation.invalid" }),
    language: z.enum(LOCALES, { error: "validation.invalid" }),
    title: text(TITLE_MAX).min(1, { error: "validation.required" }),
    city: optionalId,
    year: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).min(2000, { error: "validation.reports.year" }).max(2100, { error: "validation.reports.year" }).nullable()),
    round: optionalId,
    cities: z.array(id).max(5000, { error: "validation.invalid" }).default([]),
  })
  .superRefine((input, ctx) => {
    const need = (field: "city" | "year" | "round") => {
      if (input[field] === null) ctx.addIssue({ code: "custom", path: [field], message: "validation.required" });
    };
    if (input.kind === "city_profile") (need("city"), need("year"));
    if (input.kind === "round_report") (need("city"), need("round"));
    if (input.kind === "synthesis") need("round");
  });
export type NewReportInput = z.infer<typeof newReportSchema>;

/** A section's markdown: refused (not silently cleaned) when it holds HTML or a script link. */
export const markdownSchema = z.string({ error: "validation.invalid" }).superRefine((value, ctx) => {
  const problem = markdownProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Saving a draft: its title, every written section and the recommendations with their needs. */
export const saveDraftSchema = z.object({
  versionId: id,
  version: id,
  title: text(TITLE_MAX).min(1, { error: "validation.required" }),
  written: z.record(z.string(), markdownSchema),
  changeNote: text(CHANGE_NOTE_MAX).default(""),
  recommendations: z
    .array(z.object({ body: text(RECOMMENDATION_MAX).min(1, { error: "validation.required" }), needs: z.array(id).max(200, { error: "validation.invalid" }) }))
    .max(MAX_RECOMMENDATIONS, { error: "validation.reports.tooManyRecommendations" }),
});
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;

export const moveSchema = z.object({
  versionId: id,
  version: id,
  to: z.enum(REPORT_STATUSES, { error: "validation.invalid" }),
  comment: text(COMMENT_MAX).default(""),
});

export const commentSchema = z.object({
  versionId: id,
  section: z.string({ error: "validation.invalid" }).max(40, { error: "validation.invalid" }),
  parent: optionalId,
  body: text(COMMENT_MAX).min(1, { error: "validation.required" }),
});
export type CommentInput = z.infer<typeof commentSchema>;

export const answerSchema = z
  .object({
    comment: id,
    answer: z.enum(COMMENT_ANSWERS, { error: "validation.reports.answerNeeded" }),
    reason: text(COMMENT_MAX).default(""),
  })
  .superRefine((input, ctx) => {
    if (input.answer === "not_incorporated" && !input.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "validation.reports.reasonNeeded" });
  });

export const resolveSchema = z.object({ comment: id, resolved: z.enum(["yes", "no"], { error: "validation.invalid" }) });

export const newVersionSchema = z.object({ report: id, changeNote: text(CHANGE_NOTE_MAX).min(1, { error: "validation.reports.changeNoteNeeded" }) });
