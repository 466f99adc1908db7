import { and, asc, count, desc, eq, inArray, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { components, indicators, questionnaireVersions, questionnaires, questions, type Indicator, type NewQuestion, type Question, type QuestionnaireVersion } from "../schema";
import type { LocalizedText } from "@/lib/domain";
import type { QuestionnaireSection } from "@/lib/questionnaires/types";

/*
 * Questionnaires, their versions and questions: the designer's reads and writes, and the one read
 * the answering side shares (versionWithQuestions). A published version is never written here
 * (server/questionnaires/design.ts checks, and the database trigger of migration 0008 refuses).
 */

/** What an indicator question shows of its indicator: names, unit and hard range (null: the unit's own bound). */
export interface QuestionIndicator {
  id: number;
  code: string;
  unit: Indicator["unit"];
  nameEn: string;
  nameBn: string;
  nameNe: string;
  hardMin: number | null;
  hardMax: number | null;
}

export type QuestionWithIndicator = Question & { indicator: QuestionIndicator | null };

export interface VersionWithQuestions {
  version: QuestionnaireVersion;
  questions: QuestionWithIndicator[];
}

/**
 * One version with its questions in order (position), each indicator question with its framework
 * indicator; null for an unknown id. Drafts and published versions alike: the caller decides who
 * may read which.
 */
export async function versionWithQuestions(db: Database, versionId: number): Promise<VersionWithQuestions | null> {
  const [version] = await db.select().from(questionnaireVersions).where(eq(questionnaireVersions.id, versionId));
  if (!version) return null;
  const rows = await questionsWithIndicators(db, versionId);
  return { version, questions: rows.map(({ question, indicator }) => ({ ...question, indicator })) };
}

/**
 * A version's questions in order, each with its framework indicator (id, code, unit, names, hard
 * range) or null: what the designer, the preview and the answering form read.
 */
export async function questionsWithIndicators(db: Database, versionId: number) {
  return db
    .select({
      question: questions,
      indicator: { id: indicators.id, code: indicators.code, unit: indicators.unit, nameEn: indicators.nameEn, nameBn: indicators.nameBn, nameNe: indicators.nameNe, hardMin: indicators.hardMin, hardMax: indicators.hardMax },
    })
    .from(questions)
    .leftJoin(indicators, eq(indicators.id, questions.indicatorId))
    .where(eq(questions.versionId, versionId))
    .orderBy(asc(questions.position), asc(questions.id));
}

/** Every published version, newest questionnaire first, for the round form's select. */
export async function publishedVersionsForRounds(db: Database): Promise<{ id: number; questionnaireId: number; number: number; title: LocalizedText }[]> {
  return db
    .select({ id: questionnaireVersions.id, questionnaireId: questionnaireVersions.questionnaireId, number: questionnaireVersions.number, title: questionnaireVersions.title })
    .from(questionnaireVersions)
    .where(eq(questionnaireVersions.status, "published"))
    .orderBy(desc(questionnaireVersions.questionnaireId), desc(questionnaireVersions.number));
}

export interface DesignListRow {
  questionnaireId: number;
  /** The latest version (the draft being written, or the last published one). */
  versionId: number;
  number: number;
  status: QuestionnaireVersion["status"];
  title: LocalizedText;
  questionCount: number;
  updatedAt: Date;
  /** The newest published version's number, null while none is. */
  publishedNumber: number | null;
}

const latest = alias(questionnaireVersions, "latest_version");

/** The designer's list: each questionnaire by its latest version, most recently changed first. */
export async function listQuestionnairesForDesign(db: Database, params: { limit: number; offset: number }): Promise<{ rows: DesignListRow[]; total: number }> {
  const newest = sql`(select max(v.number) from ${questionnaireVersions} v where v.questionnaire_id = ${questionnaires.id})`;
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        questionnaireId: questionnaires.id,
        versionId: latest.id,
        number: latest.number,
        status: latest.status,
        title: latest.title,
        updatedAt: latest.updatedAt,
        questionCount: sql<number>`(select count(*) from ${questions} qq where qq.version_id = ${latest.id})`.mapWith(Number),
        publishedNumber: sql<number | null>`(select max(p.number) from ${questionnaireVersions} p where p.questionnaire_id = ${questionnaires.id} and p.status = 'published')`.mapWith((v) => (v === null ? null : Number(v))),
      })
      .from(questionnaires)
      .innerJoin(latest, and(eq(latest.questionnaireId, questionnaires.id), eq(latest.number, newest)))
      .orderBy(desc(latest.updatedAt), desc(questionnaires.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ total: count() }).from(questionnaires),
  ]);
  return { rows, total: totalRow?.total ?? 0 };
}

export interface VersionListRow {
  id: number;
  number: number;
  status: QuestionnaireVersion["status"];
  updatedAt: Date;
  publishedAt: Date | null;
  questionCount: number;
}

/** Every version of a questionnaire, newest first. */
export async function versionsOfQuestionnaire(db: Database, questionnaireId: number): Promise<VersionListRow[]> {
  return db
    .select({
      id: questionnaireVersions.id,
      number: questionnaireVersions.number,
      status: questionnaireVersions.status,
      updatedAt: questionnaireVersions.updatedAt,
      publishedAt: questionnaireVersions.publishedAt,
      questionCount: count(questions.id),
    })
    .from(questionnaireVersions)
    .leftJoin(questions, eq(questions.versionId, questionnaireVersions.id))
    .where(eq(questionnaireVersions.questionnaireId, questionnaireId))
    .groupBy(questionnaireVersions.id)
    .orderBy(desc(questionnaireVersions.number));
}

/** The framework's active indicators, in framework order, for the indicator question's select. */
export async function indicatorChoices(db: Database): Promise<Pick<Indicator, "id" | "code" | "nameEn" | "nameBn" | "nameNe" | "unit">[]> {
  return db
    .select({ id: indicators.id, code: indicators.code, nameEn: indicators.nameEn, nameBn: indicators.nameBn, nameNe: indicators.nameNe, unit: indicators.unit })
    .from(indicators)
    .innerJoin(components, eq(components.id, indicators.componentId))
    .where(eq(indicators.active, true))
    .orderBy(asc(components.sortOrder), asc(indicators.sortOrder), asc(indicators.code));
}

/** The active indicators among `codes`, by code. */
export async function activeIndicatorIdsByCode(db: Database, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(and(inArray(indicators.code, [...new Set(codes)]), eq(indicators.active, true)));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** A new questionnaire and its version 1, a draft. */
export async function insertQuestionnaire(tx: Database, input: { title: LocalizedText; description: LocalizedText; sections: QuestionnaireSection[]; actorId: number }): Promise<{ questionnaireId: number; versionId: number }> {
  const [questionnaire] = await tx.insert(questionnaires).values({ createdBy: input.actorId }).returning({ id: questionnaires.id });
  if (!questionnaire) throw new Error("questionnaire insert returned nothing");
  const [version] = await tx
    .insert(questionnaireVersions)
    .values({ questionnaireId: questionnaire.id, number: 1, title: input.title, description: input.description, sections: input.sections, createdBy: input.actorId })
    .returning({ id: questionnaireVersions.id });
  if (!version) throw new Error("version insert returned nothing");
  return { questionnaireId: questionnaire.id, versionId: version.id };
}

/** One version, `for update`: saves, publishing and new versions of it wait for each other. */
export async function lockVersion(tx: Database, versionId: number): Promise<QuestionnaireVersion | null> {
  const [row] = await tx.select().from(questionnaireVersions).where(eq(questionnaireVersions.id, versionId)).for("update");
  return row ?? null;
}

/** A questionnaire, `for update`: two "edit" clicks on its published version make one draft. */
export async function lockQuestionnaire(tx: Database, questionnaireId: number): Promise<boolean> {
  const [row] = await tx.select({ id: questionnaires.id }).from(questionnaires).where(eq(questionnaires.id, questionnaireId)).for("update");
  return row !== undefined;
}

/** The questionnaire's draft version, if one is being written. */
export async function draftVersionOf(tx: Database, questionnaireId: number): Promise<{ id: number; number: number } | null> {
  const [row] = await tx
    .select({ id: questionnaireVersions.id, number: questionnaireVersions.number })
    .from(questionnaireVersions)
    .where(and(eq(questionnaireVersions.questionnaireId, questionnaireId), eq(questionnaireVersions.status, "draft")));
  return row ?? null;
}

/** What the audit log keeps of a saved draft: its texts and questions (without ids). */
export interface DraftContent {
  title: LocalizedText;
  description: LocalizedText;
  sections: QuestionnaireSection[];
  questions: Omit<NewQuestion, "id" | "versionId">[];
}

/**
 * Replaces a locked draft's texts, sections and questions (positions from 1 in the given order)
 * and moves its revision on; returns the new revision. The caller checked status and revision.
 */
export async function replaceDraftContent(tx: Database, versionId: number, content: DraftContent): Promise<number> {
  await tx.delete(questions).where(eq(questions.versionId, versionId));
  if (content.questions.length) await tx.insert(questions).values(content.questions.map((q, i) => ({ ...q, versionId, position: i + 1 })));
  const [row] = await tx
    .update(questionnaireVersions)
    .set({ title: content.title, description: content.description, sections: content.sections, revision: sql`${questionnaireVersions.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(questionnaireVersions.id, versionId), eq(questionnaireVersions.status, "draft")))
    .returning({ revision: questionnaireVersions.revision });
  if (!row) throw new Error("draft vanished under its lock");
  return row.revision;
}

/** A draft's questions as the audit log keeps them. */
export async function draftAuditView(tx: Database, versionId: number): Promise<DraftContent & { revision: number } | null> {
  const found = await versionWithQuestions(tx, versionId);
  if (!found) return null;
  const { version } = found;
  return {
    title: version.title,
    description: version.description,
    sections: version.sections,
    revision: version.revision,
    questions: found.questions.map((q) => ({ key: q.key, sectionKey: q.sectionKey, position: q.position, type: q.type, label: q.label, help: q.help, required: q.required, isNeed: q.isNeed, config: q.config, showWhen: q.showWhen, indicatorId: q.indicatorId })),
  };
}

/** Versions locked for publishing, with how many questions each has. */
export async function lockVersionsForPublish(tx: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: questionnaireVersions.id, questionnaireId: questionnaireVersions.questionnaireId, number: questionnaireVersions.number, status: questionnaireVersions.status, revision: questionnaireVersions.revision, createdBy: questionnaireVersions.createdBy })
    .from(questionnaireVersions)
    .where(inArray(questionnaireVersions.id, [...ids]))
    .for("update");
  const counts = await tx
    .select({ versionId: questions.versionId, n: count(), inactive: sql<number>`count(*) filter (where ${indicators.id} is not null and not ${indicators.active})`.mapWith(Number) })
    .from(questions)
    .leftJoin(indicators, eq(indicators.id, questions.indicatorId))
    .where(inArray(questions.versionId, [...ids]))
    .groupBy(questions.versionId);
  const byVersion = new Map(counts.map((c) => [c.versionId, c]));
  return rows.map((row) => ({ ...row, questionCount: byVersion.get(row.id)?.n ?? 0, inactiveIndicators: byVersion.get(row.id)?.inactive ?? 0 }));
}

/** Stores a publish: who and when, and the next revision. */
export async function markVersionPublished(tx: Database, id: number, actorId: number): Promise<{ id: number; status: QuestionnaireVersion["status"]; revision: number; publishedAt: Date | null }> {
  const [row] = await tx
    .update(questionnaireVersions)
    .set({ status: "published", publishedAt: new Date(), publishedBy: actorId, revision: sql`${questionnaireVersions.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(questionnaireVersions.id, id), eq(questionnaireVersions.status, "draft")))
    .returning({ id: questionnaireVersions.id, status: questionnaireVersions.status, revision: questionnaireVersions.revision, publishedAt: questionnaireVersions.publishedAt });
  if (!row) throw new Error("draft vanished under its lock");
  return row;
}

/**
 * Version n + 1 of `source`'s questionnaire as a draft copy of it: the same texts, sections and
 * questions (same keys, so answers line up across versions).
 */
export async function copyVersionAsDraft(tx: Database, source: QuestionnaireVersion, actorId: number): Promise<{ id: number; number: number }> {
  const [top] = await tx.select({ n: max(questionnaireVersions.number) }).from(questionnaireVersions).where(eq(questionnaireVersions.questionnaireId, source.questionnaireId));
  const number = (top?.n ?? 0) + 1;
  const [version] = await tx
    .insert(questionnaireVersions)
    .values({ questionnaireId: source.questionnaireId, number, title: source.title, description: source.description, sections: source.sections, createdBy: actorId })
    .returning({ id: questionnaireVersions.id, number: questionnaireVersions.number });
  if (!version) throw new Error("version insert returned nothing");
  const copied = await tx
    .select({ key: questions.key, sectionKey: questions.sectionKey, position: questions.position, type: questions.type, label: questions.label, help: questions.help, required: questions.required, isNeed: questions.isNeed, config: questions.config, showWhen: questions.showWhen, indicatorId: questions.indicatorId })
    .from(questions)
    .where(eq(questions.versionId, source.id))
    .orderBy(asc(questions.position), asc(questions.id));
  if (copied.length) await tx.insert(questions).values(copied.map((q) => ({ ...q, versionId: version.id })));
  return version;
}
