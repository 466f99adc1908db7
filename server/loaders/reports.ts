import "server-only";
import { cache } from "react";
import { getDb, type Database } from "@/db/client";
import { commentsOf, finalReportsOfCity, finalVersionByNumber, latestFinalVersionId, listReports, recommendationsOf, reportVersionContext, roundsForReports, unreflectedNeeds, versionsOfReport, type CommentView, type ReportListFilters, type ReportReader } from "@/db/queries/reports";
import type { ReportKind, ReportStatus } from "@/lib/domain";
import { isLocale, type Locale } from "@/lib/i18n/config";
import type { Actor } from "@/lib/permissions";
import { canCommentOnReport, canReadReport, canResolveComment, canWriteReport, type ReportAccess } from "@/lib/policies/reports";
import { templateOf, type TemplateSection } from "@/lib/reports/templates";
import type { RecommendationView, ReportSnapshot } from "@/lib/reports/types";
import { allowedMoves } from "@/lib/workflow/types";
import { REPORT_WORKFLOW } from "@/lib/workflow/reports";
import { buildReportSnapshot } from "@/server/reports/data";

export interface ReportView {
  reportId: number;
  versionId: number;
  number: number;
  status: ReportStatus;
  version: number;
  kind: ReportKind;
  title: string;
  language: Locale;
  city: { slug: string; nameEn: string; nameBn: string; nameNe: string } | null;
  cityId: number | null;
  roundId: number | null;
  year: number | null;
  sections: readonly TemplateSection[];
  snapshot: ReportSnapshot;
  written: Record<string, string>;
  changeNote: string;
  returnReason: string | null;
  recommendations: RecommendationView[];
  finalizedAt: Date | null;
  updatedAt: Date;
  authorName: string | null;
  /** A later final version exists: this one is kept for the record. */
  superseded: boolean;
  versions: Awaited<ReturnType<typeof versionsOfReport>>;
  access: ReportAccess;
}

/**
 * One version of a report as its pages show it: null when it does not exist or the reader may not
 * see it (the page answers 404 either way). `printPass`: the PDF printer's checked pass for it. A final version shows its frozen snapshot; any other
 * is filled from the data as it is now.
 */
export const loadReportVersion = cache(async (versionId: number, actor: Actor | null, printPass = false): Promise<ReportView | null> => reportView(await getDb(), versionId, actor, printPass));

/** The same on a given database (the tests print a version's PDF from it). */
export async function reportView(db: Database, versionId: number, actor: Actor | null, printPass = false): Promise<ReportView | null> {
  const context = await reportVersionContext(db, versionId);
  if (!context) return null;
  const { version, report } = context;
  const access: ReportAccess = { cityId: report.cityId, mentorCityId: context.city?.mentorCityId ?? null, status: version.status };
  // A print pass (server/reports/pdf.ts) was signed for this version by a route that checked its reader.
  if (!printPass && !canReadReport(actor, access)) return null;
  const [versions, snapshot, recommendations] = await Promise.all([
    versionsOfReport(db, report.id),
    version.snapshot ? Promise.resolve(version.snapshot) : buildReportSnapshot(db, report),
    version.snapshot?.recommendations ? Promise.resolve(version.snapshot.recommendations) : recommendationsOf(db, version.id),
  ]);
  const superseded = version.status === "final" && versions.some((v) => v.status === "final" && v.number > version.number);
  return {
    reportId: report.id,
    versionId: version.id,
    number: version.number,
    status: version.status,
    version: version.version,
    kind: report.kind,
    title: report.title,
    language: isLocale(report.language) ? report.language : "en",
    city: context.city ? { slug: context.city.slug, nameEn: context.city.nameEn, nameBn: context.city.nameBn, nameNe: context.city.nameNe } : null,
    cityId: report.cityId,
    roundId: report.roundId,
    year: report.year,
    sections: templateOf(report.kind),
    snapshot,
    written: version.written,
    changeNote: version.changeNote,
    returnReason: version.returnReason,
    recommendations,
    finalizedAt: version.finalizedAt,
    updatedAt: version.updatedAt,
    authorName: context.authorName,
    superseded,
    versions: versions.filter((v) => canReadReport(actor, { ...access, status: v.status })),
    access,
  };
}

/** What the reader may do on the page: moves, comments, answers, edits. */
export function reportAbilities(view: ReportView, actor: Actor | null) {
  return {
    moves: actor ? allowedMoves(REPORT_WORKFLOW, actor, view.status, view.cityId).map((t) => ({ to: t.to, needsComment: t.requires?.includes("comment") ?? false })) : [],
    canEdit: view.status === "draft" && canWriteReport(actor, view.access),
    canComment: canCommentOnReport(actor, view.access),
    canAnswer: view.status !== "final" && canWriteReport(actor, view.access),
    canRevise: view.status === "final" && !view.superseded && canWriteReport(actor, view.access) && view.versions[0]?.number === view.number,
    canResolve: (comment: Pick<CommentView, "authorId">) => canResolveComment(actor, view.access, comment),
  };
}

export const loadReportComments = cache(async (versionId: number) => commentsOf(await getDb(), versionId));

/** The public address's version: the newest final one, or a given final number. */
export const loadPublicVersionId = cache(async (reportId: number, number?: number) => {
  const db = await getDb();
  return number === undefined ? latestFinalVersionId(db, reportId) : finalVersionByNumber(db, reportId, number);
});

export const loadReportList = cache(async (reader: ReportReader | null, filters: ReportListFilters, page: { limit: number; offset: number }) => listReports(await getDb(), reader, filters, page));

export const loadRoundsForReports = cache(async () => roundsForReports(await getDb()));

export const loadUnreflectedNeeds = cache(async (page: { limit: number; offset: number }) => unreflectedNeeds(await getDb(), page));

export const loadFinalReportsOfCity = cache(async (cityId: number) => finalReportsOfCity(await getDb(), cityId));
