"use server";

import { z } from "zod";
import { MARKDOWN_MAX, markdownProblem, renderMarkdown } from "@/lib/markdown";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { commentVersionId, reportCityId, reportVersionContext } from "@/db/queries/reports";
import type { Database } from "@/db/client";
import { AppError, RowErrorsError } from "@/lib/errors";
import { reportPath } from "@/lib/reports/paths";
import { answerSchema, commentSchema, moveSchema, newReportSchema, newVersionSchema, resolveSchema, saveDraftSchema } from "@/lib/validation/reports";
import { createReport, saveDraft, startNextVersion } from "@/server/reports/write";
import { addComment, answerComment, resolveComment } from "@/server/reports/comments";
import { moveReport } from "@/server/reports/workflow";

/** The city a version belongs to, looked up by id: a form edited to name another city's report is refused. */
async function versionScope({ db, input }: { db: Database; input: { versionId: number } }) {
  const context = await reportVersionContext(db, input.versionId);
  if (!context) throw new AppError("not_found");
  return { cityId: context.report.cityId };
}

const rowErrors = (error: unknown) => {
  if (error instanceof RowErrorsError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const row of error.rows) fieldErrors[row.field] = [row.messageKey];
    return { ok: false as const, error: "validation.checkFields", fieldErrors };
  }
  return undefined;
};

export const createReportAction = action({
  permission: "reports.write",
  schema: newReportSchema,
  read: (formData) => ({ ...Object.fromEntries(formData), cities: formData.getAll("cities") }),
  scope: async ({ input }) => ({ cityId: input.kind === "synthesis" ? null : input.city }),
  run: ({ db, actor, input }) => createReport(db, actor, input),
  invalidate: () => invalidate.reports(),
  redirectTo: (data) => reportPath(data.versionId),
  echo: ["kind", "language", "title", "city", "year", "round"],
  mapError: rowErrors,
});

/** The editor sends the whole draft as one JSON document (sections and recommendations). */
export const saveDraftAction = action({
  permission: "reports.write",
  schema: saveDraftSchema,
  read: (formData) => {
    const raw = formData.get("draft");
    try {
      return typeof raw === "string" ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  },
  scope: versionScope,
  run: ({ db, actor, input }) => saveDraft(db, actor, input),
  invalidate: () => invalidate.reports(),
});

const workflowRefusal = (result: Awaited<ReturnType<typeof moveReport>>) => {
  const refusal = result.rowErrors[0];
  if (refusal) throw new AppError(refusal.field === "comment" ? "invalid" : "conflict", refusal.messageKey);
  if (result.conflicts.length) throw new AppError("conflict", "reports.staleMove");
};

export const moveReportAction = action({
  permission: "reports.read",
  schema: moveSchema,
  scope: versionScope,
  run: async ({ db, actor, input }) => {
    const result = await moveReport(db, actor, { id: input.versionId, to: input.to, version: input.version, comment: input.comment });
    workflowRefusal(result);
    return { status: input.to };
  },
  invalidate: () => invalidate.reports(),
  echo: ["comment"],
});

export const commentAction = action({
  permission: "reports.comment",
  schema: commentSchema,
  run: ({ db, actor, input }) => addComment(db, actor, input),
  invalidate: () => invalidate.reports(),
  echo: ["body"],
});

export const answerCommentAction = action({
  permission: "reports.write",
  schema: answerSchema,
  scope: async ({ db, input }) => {
    const versionId = await commentVersion(db, input.comment);
    return versionScope({ db, input: { versionId } });
  },
  run: ({ db, actor, input }) => answerComment(db, actor, input),
  invalidate: () => invalidate.reports(),
  echo: ["answer", "reason"],
});

export const resolveCommentAction = action({
  permission: "reports.comment",
  schema: resolveSchema,
  run: ({ db, actor, input }) => resolveComment(db, actor, { comment: input.comment, resolved: input.resolved === "yes" }),
  invalidate: () => invalidate.reports(),
});

export const newVersionAction = action({
  permission: "reports.write",
  schema: newVersionSchema,
  scope: async ({ db, input }) => ({ cityId: await reportCity(db, input.report) }),
  run: ({ db, actor, input }) => startNextVersion(db, actor, { reportId: input.report, changeNote: input.changeNote }),
  invalidate: () => invalidate.reports(),
  redirectTo: (data) => reportPath(data.versionId),
  echo: ["changeNote"],
});

async function commentVersion(db: Database, commentId: number): Promise<number> {
  const versionId = await commentVersionId(db, commentId);
  if (versionId === null) throw new AppError("not_found");
  return versionId;
}

async function reportCity(db: Database, reportId: number): Promise<number | null> {
  const found = await reportCityId(db, reportId);
  if (!found) throw new AppError("not_found");
  return found.cityId;
}

const previewSchema = z.object({ source: z.string({ error: "validation.invalid" }).max(MARKDOWN_MAX * 2, { error: "validation.markdown.tooLong" }) });

/** The preview of a section: the same sanitized HTML the report will show, or why it would be refused. */
export const previewMarkdownAction = action({
  permission: "reports.write",
  schema: previewSchema,
  // A preview stores nothing: any writer may render one, an officer as of their own city.
  scope: async ({ actor }) => ({ cityId: actor.cityId }),
  run: async ({ input }) => ({ html: renderMarkdown(input.source), problem: markdownProblem(input.source) }),
});
