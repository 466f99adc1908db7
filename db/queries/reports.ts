import { aliasedTable, and, asc, desc, eq, inArray, isNull, ne, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { answers, cities, questions, recommendationNeeds, reportComments, reportRecommendations, reports, reportVersions, resources, responses, rounds, users, type Report, type ReportComment, type ReportVersion } from "../schema";
import type { CommentAnswer, ReportStatus, Role } from "@/lib/domain";
import type { ReportSnapshot, RecommendationView } from "@/lib/reports/types";

/** A version with its report and what the access rules and headings need of the city and round. */
export async function reportVersionContext(db: Database, versionId: number) {
  const [row] = await db
    .select({
      version: reportVersions,
      report: reports,
      city: { id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, mentorCityId: cities.mentorCityId },
      round: { id: rounds.id, title: rounds.title, period: rounds.period },
      authorName: users.name,
    })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .leftJoin(cities, eq(cities.id, reports.cityId))
    .leftJoin(rounds, eq(rounds.id, reports.roundId))
    .leftJoin(users, eq(users.id, reportVersions.createdBy))
    .where(eq(reportVersions.id, versionId));
  return row ?? null;
}
export type ReportVersionContext = NonNullable<Awaited<ReturnType<typeof reportVersionContext>>>;

/** Every version of a report, newest first (for the version list and "superseded"). */
export async function versionsOfReport(db: Database, reportId: number) {
  return db
    .select({ id: reportVersions.id, number: reportVersions.number, status: reportVersions.status, changeNote: reportVersions.changeNote, finalizedAt: reportVersions.finalizedAt, updatedAt: reportVersions.updatedAt })
    .from(reportVersions)
    .where(eq(reportVersions.reportId, reportId))
    .orderBy(desc(reportVersions.number));
}

/** The newest final version of a report (the one the public sees), or null. */
export async function latestFinalVersionId(db: Database, reportId: number): Promise<number | null> {
  const [row] = await db.select({ id: reportVersions.id }).from(reportVersions).where(and(eq(reportVersions.reportId, reportId), eq(reportVersions.status, "final"))).orderBy(desc(reportVersions.number)).limit(1);
  return row?.id ?? null;
}

export async function finalVersionByNumber(db: Database, reportId: number, number: number): Promise<number | null> {
  const [row] = await db.select({ id: reportVersions.id }).from(reportVersions).where(and(eq(reportVersions.reportId, reportId), eq(reportVersions.number, number), eq(reportVersions.status, "final")));
  return row?.id ?? null;
}

export interface NewReportRow {
  kind: Report["kind"];
  cityId: number | null;
  year: number | null;
  roundId: number | null;
  scopeCityIds: number[] | null;
  language: string;
  title: string;
}

/** A report and its first version, a draft. */
export async function insertReport(tx: Database, input: NewReportRow, actorId: number): Promise<{ report: Report; version: ReportVersion }> {
  const [report] = await tx.insert(reports).values({ ...input, createdBy: actorId }).returning();
  if (!report) throw new Error("report insert returned no row");
  const [version] = await tx.insert(reportVersions).values({ reportId: report.id, number: 1, createdBy: actorId, updatedBy: actorId }).returning();
  if (!version) throw new Error("report version insert returned no row");
  return { report, version };
}

/** The next version of a report whose newest is final: its text and recommendations to start from. */
export async function insertNextVersion(tx: Database, from: ReportVersion, changeNote: string, actorId: number): Promise<ReportVersion> {
  const [version] = await tx
    .insert(reportVersions)
    .values({ reportId: from.reportId, number: from.number + 1, written: from.written, changeNote, createdBy: actorId, updatedBy: actorId })
    .returning();
  if (!version) throw new Error("report version insert returned no row");
  const recommendations = await recommendationsOf(tx, from.id);
  await replaceRecommendations(tx, version.id, recommendations.map((r) => ({ body: r.body, needs: r.needIds })));
  return version;
}

/** A version's row, locked, with the city facts the workflow and the access rules need. */
export async function lockReportVersions(tx: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      row: reportVersions,
      report: reports,
      mentorCityId: cities.mentorCityId,
      // Opening comments still without the author's answer: a version goes to validation without any.
      unanswered: sql<number>`(select count(*) from ${reportComments} c where c.version_id = ${reportVersions.id} and c.parent_id is null and c.answer is null)`.mapWith(Number),
    })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .leftJoin(cities, eq(cities.id, reports.cityId))
    .where(inArray(reportVersions.id, [...ids]))
    .for("update", { of: reportVersions });
}

export async function lockReportVersion(tx: Database, id: number) {
  const [row] = await lockReportVersions(tx, [id]);
  return row ?? null;
}

/** The newest version of a report, locked (a new version starts from it). */
export async function lockNewestVersion(tx: Database, reportId: number): Promise<ReportVersion | null> {
  const [row] = await tx.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(desc(reportVersions.number)).limit(1).for("update");
  return row ?? null;
}

/** Stores a move: the status, version + 1, and what the target status sets. */
export async function moveReportVersion(tx: Database, id: number, set: { status: ReportStatus; returnReason?: string | null; validatedAt?: Date | null; validatedBy?: number | null; finalizedAt?: Date; finalizedBy?: number; snapshot?: ReportSnapshot }, actorId: number): Promise<ReportVersion> {
  const [row] = await tx
    .update(reportVersions)
    .set({ ...set, updatedBy: actorId, updatedAt: sql`now()`, version: sql`${reportVersions.version} + 1` })
    .where(eq(reportVersions.id, id))
    .returning();
  if (!row) throw new Error("report version vanished under its lock");
  return row;
}

/** Saves a draft's text (the caller checked status and version under the lock). */
export async function updateDraft(tx: Database, version: ReportVersion, set: { title: string; written: Record<string, string>; changeNote: string }, actorId: number): Promise<ReportVersion> {
  await tx.update(reports).set({ title: set.title }).where(eq(reports.id, version.reportId));
  const [row] = await tx
    .update(reportVersions)
    .set({ written: set.written, changeNote: set.changeNote, updatedBy: actorId, updatedAt: sql`now()`, version: sql`${reportVersions.version} + 1` })
    .where(eq(reportVersions.id, version.id))
    .returning();
  if (!row) throw new Error("report version vanished under its lock");
  return row;
}

export async function recommendationsOf(db: Database, versionId: number): Promise<RecommendationView[]> {
  const rows = await db
    .select({ id: reportRecommendations.id, position: reportRecommendations.position, body: reportRecommendations.body, answerId: recommendationNeeds.answerId })
    .from(reportRecommendations)
    .leftJoin(recommendationNeeds, eq(recommendationNeeds.recommendationId, reportRecommendations.id))
    .where(eq(reportRecommendations.versionId, versionId))
    .orderBy(asc(reportRecommendations.position), asc(recommendationNeeds.answerId));
  const byId = new Map<number, RecommendationView>();
  for (const row of rows) {
    const view = byId.get(row.id) ?? { id: row.id, position: row.position, body: row.body, needIds: [] };
    if (row.answerId !== null) view.needIds.push(row.answerId);
    byId.set(row.id, view);
  }
  return [...byId.values()];
}

/** Replaces a version's recommendations and the needs each reflects, in the given order. */
export async function replaceRecommendations(tx: Database, versionId: number, list: readonly { body: string; needs: readonly number[] }[]): Promise<void> {
  await tx.delete(reportRecommendations).where(eq(reportRecommendations.versionId, versionId));
  if (list.length === 0) return;
  const inserted = await tx
    .insert(reportRecommendations)
    .values(list.map((r, i) => ({ versionId, position: i + 1, body: r.body })))
    .returning({ id: reportRecommendations.id, position: reportRecommendations.position });
  const links = inserted.flatMap((row) => [...new Set(list[row.position - 1]?.needs ?? [])].map((answerId) => ({ recommendationId: row.id, answerId })));
  if (links.length) await tx.insert(recommendationNeeds).values(links);
}

// ---------------------------------------------------------------------------------------------
// Comments

export interface CommentView {
  id: number;
  sectionKey: string;
  parentId: number | null;
  body: string;
  authorId: number | null;
  authorName: string | null;
  authorRole: Role | null;
  createdAt: Date;
  answer: CommentAnswer | null;
  answerReason: string | null;
  answeredByName: string | null;
  resolvedAt: Date | null;
}

const answeredBy = aliasedTable(users, "answered_by_user");

export async function commentsOf(db: Database, versionId: number): Promise<CommentView[]> {
  return db
    .select({
      id: reportComments.id,
      sectionKey: reportComments.sectionKey,
      parentId: reportComments.parentId,
      body: reportComments.body,
      authorId: reportComments.authorId,
      authorName: users.name,
      authorRole: users.role,
      createdAt: reportComments.createdAt,
      answer: reportComments.answer,
      answerReason: reportComments.answerReason,
      answeredByName: answeredBy.name,
      resolvedAt: reportComments.resolvedAt,
    })
    .from(reportComments)
    .leftJoin(users, eq(users.id, reportComments.authorId))
    .leftJoin(answeredBy, eq(answeredBy.id, reportComments.answeredBy))
    .where(eq(reportComments.versionId, versionId))
    .orderBy(asc(reportComments.createdAt), asc(reportComments.id));
}

export async function insertComment(tx: Database, input: { versionId: number; sectionKey: string; parentId: number | null; body: string; authorId: number }): Promise<ReportComment> {
  const [row] = await tx.insert(reportComments).values(input).returning();
  if (!row) throw new Error("comment insert returned no row");
  return row;
}

export async function lockComment(tx: Database, commentId: number): Promise<ReportComment | null> {
  const [row] = await tx.select().from(reportComments).where(eq(reportComments.id, commentId)).for("update");
  return row ?? null;
}

export async function setCommentAnswer(tx: Database, commentId: number, answer: { answer: CommentAnswer; reason: string | null }, actorId: number): Promise<ReportComment> {
  const [row] = await tx.update(reportComments).set({ answer: answer.answer, answerReason: answer.reason, answeredBy: actorId, answeredAt: sql`now()` }).where(eq(reportComments.id, commentId)).returning();
  if (!row) throw new Error("comment vanished under its lock");
  return row;
}

export async function setCommentResolved(tx: Database, commentId: number, resolved: boolean, actorId: number): Promise<ReportComment> {
  const [row] = await tx
    .update(reportComments)
    .set(resolved ? { resolvedAt: sql`now()`, resolvedBy: actorId } : { resolvedAt: null, resolvedBy: null })
    .where(eq(reportComments.id, commentId))
    .returning();
  if (!row) throw new Error("comment vanished under its lock");
  return row;
}

/** How many opening comments of a version have no answer from the author yet. */
export async function unansweredComments(db: Database, versionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(reportComments)
    .where(and(eq(reportComments.versionId, versionId), isNull(reportComments.parentId), isNull(reportComments.answer)));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Lists

/** Who is asking, as the list's visibility rule needs it (lib/policies/reports.ts canReadReport in SQL). */
export interface ReportReader {
  role: Role;
  cityId: number | null;
}

/**
 * The same rule as canReadReport, for a list: final is public; writers (reviewers, admins, the
 * city's officer) and the city's approver read every status; partners and the mentor's officers
 * read from consultation on. Keep the two in step (tests/db/reports.test.ts checks both).
 */
function readableBy(reader: ReportReader | null): SQL | undefined {
  const isFinal = eq(reportVersions.status, "final");
  if (!reader) return isFinal;
  if (reader.role === "admin" || reader.role === "reviewer") return undefined;
  const shared = ne(reportVersions.status, "draft");
  if (reader.role === "partner") return shared;
  if ((reader.role === "officer" || reader.role === "approver") && reader.cityId !== null) {
    const own = eq(reports.cityId, reader.cityId);
    return reader.role === "officer" ? or(isFinal, own, and(shared, eq(cities.mentorCityId, reader.cityId))) : or(isFinal, own);
  }
  return isFinal;
}

export interface ReportListFilters {
  cityId?: number;
  status?: ReportStatus;
}

/** Reports with their newest version the reader may see, newest first. */
export async function listReports(db: Database, reader: ReportReader | null, filters: ReportListFilters, page: { limit: number; offset: number }) {
  const newest = db
    .select({ reportId: reportVersions.reportId, newestNumber: sql<number>`max(${reportVersions.number})`.as("newest_number") })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .leftJoin(cities, eq(cities.id, reports.cityId))
    .where(readableBy(reader))
    .groupBy(reportVersions.reportId)
    .as("newest");
  const where = and(filters.cityId !== undefined ? eq(reports.cityId, filters.cityId) : undefined, filters.status ? eq(reportVersions.status, filters.status) : undefined);
  const base = db
    .select({
      reportId: reports.id,
      kind: reports.kind,
      title: reports.title,
      language: reports.language,
      year: reports.year,
      versionId: reportVersions.id,
      number: reportVersions.number,
      status: reportVersions.status,
      updatedAt: reportVersions.updatedAt,
      city: { slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe },
      roundTitle: rounds.title,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(newest)
    .innerJoin(reports, eq(reports.id, newest.reportId))
    .innerJoin(reportVersions, and(eq(reportVersions.reportId, newest.reportId), eq(reportVersions.number, newest.newestNumber)))
    .leftJoin(cities, eq(cities.id, reports.cityId))
    .leftJoin(rounds, eq(rounds.id, reports.roundId))
    .where(where)
    .orderBy(desc(reportVersions.updatedAt), desc(reports.id))
    .limit(page.limit)
    .offset(page.offset);
  const rows = await base;
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}
export type ReportListRow = Awaited<ReturnType<typeof listReports>>["rows"][number];

/** A city's final reports for its public page: each report's newest final version. */
export async function finalReportsOfCity(db: Database, cityId: number) {
  return db
    .selectDistinctOn([reports.id], { reportId: reports.id, kind: reports.kind, title: reports.title, language: reports.language, year: reports.year, number: reportVersions.number, finalizedAt: reportVersions.finalizedAt })
    .from(reports)
    .innerJoin(reportVersions, and(eq(reportVersions.reportId, reports.id), eq(reportVersions.status, "final")))
    .where(eq(reports.cityId, cityId))
    .orderBy(reports.id, desc(reportVersions.number));
}

// ---------------------------------------------------------------------------------------------
// Needs

/** Needs of submitted or accepted responses that no recommendation of any final version reflects. */
export async function unreflectedNeeds(db: Database, page: { limit: number; offset: number }) {
  const reflected = db
    .select({ one: sql`1` })
    .from(recommendationNeeds)
    .innerJoin(reportRecommendations, eq(reportRecommendations.id, recommendationNeeds.recommendationId))
    .innerJoin(reportVersions, eq(reportVersions.id, reportRecommendations.versionId))
    .where(and(eq(recommendationNeeds.answerId, answers.id), eq(reportVersions.status, "final")));
  const rows = await db
    .select({
      answerId: answers.id,
      value: answers.value,
      city: { slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe },
      round: { id: rounds.id, title: rounds.title, period: rounds.period },
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(answers)
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(and(eq(questions.isNeed, true), inArray(responses.status, ["submitted", "accepted"]), notExists(reflected)))
    .orderBy(desc(rounds.period), asc(cities.nameEn), asc(answers.id))
    .limit(page.limit)
    .offset(page.offset);
  return {
    rows: rows.map(({ total: _total, value, ...row }) => ({ ...row, text: value.kind === "text" ? value.value : "" })),
    total: rows[0]?.total ?? 0,
  };
}

/** Which of these answers are needs a report of this city (or a synthesis) may link. */
export async function needAnswerIds(db: Database, answerIds: readonly number[]): Promise<Set<number>> {
  if (answerIds.length === 0) return new Set();
  const rows = await db
    .select({ id: answers.id })
    .from(answers)
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .where(and(inArray(answers.id, [...answerIds]), eq(questions.isNeed, true)));
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------------------------------------
// The resource library's entry of a final report

export async function upsertReportResource(tx: Database, report: Report, entry: { title: string; summary: string; url: string; year: number | null; language: "bn" | "en" | "ne"; actorId: number | null }): Promise<number> {
  if (report.resourceId !== null) {
    const [row] = await tx.update(resources).set({ title: entry.title, summary: entry.summary, externalUrl: entry.url, year: entry.year, updatedAt: sql`now()` }).where(eq(resources.id, report.resourceId)).returning({ id: resources.id });
    if (row) return row.id;
  }
  const [row] = await tx
    .insert(resources)
    .values({ title: entry.title, summary: entry.summary, type: "report", language: entry.language, cityId: report.cityId, year: entry.year, status: "published", externalUrl: entry.url, createdBy: entry.actorId, publishedBy: entry.actorId, publishedAt: sql`now()`, author: "CWIS Mentor Cities" })
    .returning({ id: resources.id });
  if (!row) throw new Error("resource insert returned no row");
  await tx.update(reports).set({ resourceId: row.id }).where(eq(reports.id, report.id));
  return row.id;
}

/** Rounds a report may be about: open or closed ones (their answers are in). */
export async function roundsForReports(db: Database) {
  return db.select({ id: rounds.id, title: rounds.title, period: rounds.period }).from(rounds).where(ne(rounds.status, "scheduled")).orderBy(desc(rounds.period), desc(rounds.id)).limit(200);
}

/** Whether `cityId` was asked in the round (a round report needs its response). */
export async function cityInRound(db: Database, roundId: number, cityId: number): Promise<boolean> {
  const [row] = await db.select({ id: responses.id }).from(responses).where(and(eq(responses.roundId, roundId), eq(responses.cityId, cityId)));
  return row !== undefined;
}


/** A version's report title, for notices. */
export async function reportTitleOfVersion(db: Database, versionId: number): Promise<string | null> {
  const [row] = await db.select({ title: reports.title }).from(reportVersions).innerJoin(reports, eq(reports.id, reportVersions.reportId)).where(eq(reportVersions.id, versionId));
  return row?.title ?? null;
}

export async function commentVersionId(db: Database, commentId: number): Promise<number | null> {
  const [row] = await db.select({ versionId: reportComments.versionId }).from(reportComments).where(eq(reportComments.id, commentId));
  return row?.versionId ?? null;
}

export async function reportCityId(db: Database, reportId: number): Promise<{ cityId: number | null } | null> {
  const [row] = await db.select({ cityId: reports.cityId }).from(reports).where(eq(reports.id, reportId));
  return row ?? null;
}
