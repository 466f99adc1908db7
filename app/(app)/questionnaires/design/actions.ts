"use server";

import { invalidate } from "@/server/invalidate";
import { z } from "zod";
import { action } from "@/server/action";
import { createQuestionnaire, editVersion, newQuestionnaireSchema, publishVersion, saveVersionDraft } from "@/server/questionnaires/design";

// The designer's actions (reviewers and admins); each server function checks the permission
// again and audits its change in the same transaction.

const refresh = () => invalidate.questionnaires();

const id = z.coerce.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).positive({ error: "validation.invalid" });

/** "New questionnaire": version 1 as a draft, opened in the editor. */
export const createQuestionnaireAction = action({
  permission: "questionnaires.design",
  schema: newQuestionnaireSchema,
  read: (formData) => ({ title: { en: formData.get("title_en") ?? "", bn: formData.get("title_bn") ?? "", ne: formData.get("title_ne") ?? "" } }),
  echo: ["title_en", "title_bn", "title_ne"],
  run: async ({ db, actor, input }) => createQuestionnaire(db, input, actor),
  invalidate: refresh,
  redirectTo: (created) => `/questionnaires/design/${created.versionId}?created=1`,
});

// The editor sends the whole draft as one JSON field; a draft of 200 questions in three languages
// stays well below this.
const DRAFT_JSON_MAX = 2_000_000;

const saveSchema = z.object({
  versionId: id,
  revision: id,
  draft: z.unknown(),
});

function parseJson(text: FormDataEntryValue | null): unknown {
  if (typeof text !== "string" || text.length > DRAFT_JSON_MAX) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The editor's save: the draft is checked as a whole (every problem at once, with its path, as
 * field errors), then replaces the stored draft; returns the new revision.
 */
export const saveDraftAction = action({
  permission: "questionnaires.design",
  schema: saveSchema,
  read: (formData) => ({ versionId: formData.get("versionId"), revision: formData.get("revision"), draft: parseJson(formData.get("draft")) }),
  run: async ({ db, actor, input }) => saveVersionDraft(db, { versionId: input.versionId, revision: input.revision, draft: input.draft }, actor),
  invalidate: refresh,
});

const versionSchema = z.object({ versionId: id, revision: id.optional() });

/** Publishes a draft; from then on it never changes. */
export const publishVersionAction = action({
  permission: "questionnaires.design",
  schema: versionSchema,
  read: (formData) => ({ versionId: formData.get("versionId"), revision: formData.get("revision") || undefined }),
  run: async ({ db, actor, input }) => {
    await publishVersion(db, input, actor);
    return input.versionId;
  },
  invalidate: refresh,
  redirectTo: (versionId) => `/questionnaires/design/${versionId}?published=1`,
});

/** "Edit" on a published version: its questionnaire's draft (made now as version n + 1 when there is none). */
export const editVersionAction = action({
  permission: "questionnaires.design",
  schema: versionSchema,
  run: async ({ db, actor, input }) => editVersion(db, input.versionId, actor),
  invalidate: refresh,
  redirectTo: (result) => `/questionnaires/design/${result.versionId}${result.created ? "?newVersion=1" : ""}`,
});
