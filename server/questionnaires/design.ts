import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { NewQuestion } from "@/db/schema";
import { writeAudit } from "@/db/queries/audit";
import {
  activeIndicatorIdsByCode,
  copyVersionAsDraft,
  draftAuditView,
  draftVersionOf,
  insertQuestionnaire,
  lockQuestionnaire,
  lockVersion,
  lockVersionsForPublish,
  markVersionPublished,
  replaceDraftContent,
} from "@/db/queries/questionnaires";
import type { QuestionnaireVersionStatus } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { LOCALES } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/messages";
import { can, type Actor } from "@/lib/permissions";
import { versionDraftSchema, type VersionDraft } from "@/lib/validation/questionnaires";
import { QUESTIONNAIRE_WORKFLOW } from "@/lib/workflow/questionnaire-versions";
import { transition, type WorkflowAdapter, type WorkflowRow } from "@/server/workflow";

/*
 * The questionnaire designer's writes (reviewers and admins). A draft version is edited as one
 * document: every save replaces its texts, sections and questions in one transaction, guarded by
 * the version's revision. Publishing goes through the workflow (lib/workflow/questionnaire-versions);
 * a published version never changes — here it is refused before any write, and the database's
 * trigger (migration 0008) refuses it too. "Edit" on a published version makes version n + 1.
 */

const DESIGN = "questionnaires.design" as const;

function mayDesign(actor: Actor): void {
  if (!can(actor.role, DESIGN)) throw new AppError("forbidden");
}

/** "New questionnaire": its title (English required). */
export const newQuestionnaireSchema = z.object({ title: versionDraftSchema.shape.title });
export type NewQuestionnaireInput = z.infer<typeof newQuestionnaireSchema>;

/** The section every new questionnaire starts with, named in the three languages. */
function defaultSection() {
  const title = Object.fromEntries(LOCALES.map((locale) => [locale, translator(locale)("questionnaire.design.defaultSection")])) as Record<(typeof LOCALES)[number], string>;
  return { key: "main", title };
}

/** A new questionnaire with version 1 as a draft (one section, no questions yet), audited. */
export async function createQuestionnaire(db: Database, input: NewQuestionnaireInput, actor: Actor): Promise<{ questionnaireId: number; versionId: number }> {
  mayDesign(actor);
  const { title } = newQuestionnaireSchema.parse(input);
  return db.transaction(async (tx) => {
    const created = await insertQuestionnaire(tx, { title, description: { en: "", bn: "", ne: "" }, sections: [defaultSection()], actorId: actor.id });
    await writeAudit(tx, { actorId: actor.id, action: "questionnaire.create", entity: "questionnaire", entityId: created.questionnaireId, after: { versionId: created.versionId, number: 1, title } });
    return created;
  });
}

/** The draft's indicator questions whose code names no active framework indicator, as issues with their paths. */
function indicatorCodesOf(draft: unknown): { index: number; code: string }[] {
  if (typeof draft !== "object" || draft === null || !("questions" in draft) || !Array.isArray(draft.questions)) return [];
  return draft.questions.flatMap((question: unknown, index: number) => {
    if (typeof question !== "object" || question === null || !("config" in question)) return [];
    const config = question.config;
    if (typeof config !== "object" || config === null || !("type" in config) || config.type !== "indicator" || !("indicatorCode" in config) || typeof config.indicatorCode !== "string") return [];
    const code = config.indicatorCode.trim().toUpperCase();
    return code ? [{ index, code }] : [];
  });
}

/**
 * Every problem of a draft at once: the schema's (lib/validation/questionnaires.ts) and, from the
 * database, indicator questions naming no active framework indicator. Throws one ZodError with
 * every issue and its path (`questions.3.config.indicatorCode`); returns the parsed draft and the
 * indicators' ids by code.
 */
async function checkDraft(db: Database, draft: unknown): Promise<{ draft: VersionDraft; indicatorIds: Map<string, number> }> {
  const parsed = versionDraftSchema.safeParse(draft);
  const codes = indicatorCodesOf(draft);
  const indicatorIds = await activeIndicatorIdsByCode(
    db,
    codes.map((c) => c.code),
  );
  const issues: z.core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
  for (const { index, code } of codes) {
    if (!indicatorIds.has(code)) issues.push({ code: "custom", path: ["questions", index, "config", "indicatorCode"], message: "validation.indicatorUnknown", input: code });
  }
  if (issues.length || !parsed.success) throw new z.ZodError(issues);
  return { draft: parsed.data, indicatorIds };
}

export interface DraftSave {
  versionId: number;
  /** The revision the editor loaded; a different stored one means someone saved in between. */
  revision: number;
  /** The whole draft as the editor sends it (checked here). */
  draft: unknown;
}

/**
 * Saves a draft version as a whole, all or nothing: refused for a published version ("a published
 * version never changes; edit makes a new version"), for a stale revision, and with every field
 * problem at once (a ZodError). Returns the new revision.
 */
export async function saveVersionDraft(db: Database, input: DraftSave, actor: Actor): Promise<{ revision: number }> {
  mayDesign(actor);
  return db.transaction(async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    if (!version) throw new AppError("not_found");
    if (version.status !== "draft") throw new AppError("invalid", "questionnaire.design.publishedReadOnly");
    if (version.revision !== input.revision) throw new AppError("conflict", "questionnaire.design.stale");
    const { draft, indicatorIds } = await checkDraft(tx, input.draft);
    const rows: Omit<NewQuestion, "id" | "versionId">[] = draft.questions.map((q, i) => ({
      key: q.key,
      sectionKey: q.sectionKey,
      position: i + 1,
      type: q.type,
      label: q.label,
      help: q.help,
      required: q.required,
      isNeed: q.isNeed,
      config: q.config,
      showWhen: q.showWhen,
      indicatorId: q.config.type === "indicator" ? (indicatorIds.get(q.config.indicatorCode) ?? null) : null,
    }));
    const before = await draftAuditView(tx, version.id);
    const revision = await replaceDraftContent(tx, version.id, { title: draft.title, description: draft.description, sections: draft.sections, questions: rows });
    await writeAudit(tx, { actorId: actor.id, action: "questionnaire.save", entity: "questionnaire_version", entityId: version.id, before, after: await draftAuditView(tx, version.id) });
    return { revision };
  });
}

type LockedVersion = Awaited<ReturnType<typeof lockVersionsForPublish>>[number];
type VersionRow = LockedVersion & WorkflowRow<QuestionnaireVersionStatus>;

const asVersionRow = (row: LockedVersion): VersionRow => ({ ...row, version: row.revision, cityId: null, ownerId: row.createdBy });

/** How questionnaire versions move (draft → published), for server/workflow.ts transition(). */
export const questionnaireVersionWorkflow: WorkflowAdapter<QuestionnaireVersionStatus, VersionRow> = {
  workflow: QUESTIONNAIRE_WORKFLOW,
  lock: async (tx, ids) => (await lockVersionsForPublish(tx, ids)).map(asVersionRow),
  apply: async (tx, row, move) => {
    const stored = await markVersionPublished(tx, row.id, move.actor.id);
    return { ...row, status: stored.status, revision: stored.revision, version: stored.revision };
  },
  auditView: (row) => ({ questionnaireId: row.questionnaireId, number: row.number, status: row.status, revision: row.revision, questions: row.questionCount }),
  // A version without questions asks nothing; one whose indicator left the framework cannot be answered.
  refuse: (row, to) => {
    if (to !== "published") return null;
    if (row.questionCount === 0) return "questionnaire.design.publishEmpty";
    if (row.inactiveIndicators > 0) return "questionnaire.design.publishInactiveIndicator";
    return null;
  },
};

/** Publishes a draft (with the revision the page showed, when given: a stale click is a conflict). */
export async function publishVersion(db: Database, input: { versionId: number; revision?: number }, actor: Actor): Promise<void> {
  mayDesign(actor);
  const result = await transition(db, actor, questionnaireVersionWorkflow, [{ id: input.versionId, to: "published", version: input.revision }], {
    onLocked: ([row]) => {
      if (!row) throw new AppError("not_found");
    },
  });
  if (result.conflicts.length) throw new AppError("conflict", "questionnaire.design.stale");
  const [problem] = result.rowErrors;
  if (problem) throw new AppError(problem.messageKey === "errors.forbidden" ? "forbidden" : "invalid", problem.messageKey);
}

/**
 * "Edit" on a version: a draft opens as it is; a published one gives the questionnaire's draft —
 * the one already being written, or else version n + 1 made now as a copy of this one (same keys,
 * so answers line up across versions). The questionnaire's row lock makes two clicks one draft.
 */
export async function editVersion(db: Database, versionId: number, actor: Actor): Promise<{ versionId: number; created: boolean }> {
  mayDesign(actor);
  return db.transaction(async (tx) => {
    const found = await lockVersion(tx, versionId);
    if (!found) throw new AppError("not_found");
    if (found.status === "draft") return { versionId: found.id, created: false };
    await lockQuestionnaire(tx, found.questionnaireId);
    const existing = await draftVersionOf(tx, found.questionnaireId);
    if (existing) return { versionId: existing.id, created: false };
    const draft = await copyVersionAsDraft(tx, found, actor.id);
    await writeAudit(tx, { actorId: actor.id, action: "questionnaire.newVersion", entity: "questionnaire_version", entityId: draft.id, after: { questionnaireId: found.questionnaireId, number: draft.number, copiedFrom: found.number } });
    return { versionId: draft.id, created: true };
  });
}
