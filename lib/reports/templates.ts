import type { ReportKind } from "@/lib/domain";

/**
 * What each section of a report holds: data read from the database (generated: its facts are the
 * snapshot's), or the author's markdown (written). `recommendations` is written text plus the
 * report's list of recommendations and the needs table.
 */
export const GENERATED_SECTIONS = ["profile", "scores", "indicators", "comparison", "events", "resources", "round", "cities", "needs"] as const;
export type GeneratedSection = (typeof GENERATED_SECTIONS)[number];

export const WRITTEN_SECTIONS = ["summary", "context", "findings", "recommendations"] as const;
export type WrittenSection = (typeof WRITTEN_SECTIONS)[number];

export type SectionKey = GeneratedSection | WrittenSection;

export interface TemplateSection {
  key: SectionKey;
  kind: "generated" | "written";
}

const written = (key: WrittenSection): TemplateSection => ({ key, kind: "written" });
const generated = (key: GeneratedSection): TemplateSection => ({ key, kind: "generated" });

/**
 * The sections of each kind, in order. Titles come from messages (reports.section.<key>) in the
 * report's own language, so a Bangla report prints Bangla headings whoever opens it.
 */
export const REPORT_TEMPLATES: Record<ReportKind, readonly TemplateSection[]> = {
  city_profile: [written("summary"), generated("profile"), generated("scores"), generated("indicators"), generated("comparison"), generated("events"), generated("resources"), written("findings"), generated("needs"), written("recommendations")],
  round_report: [written("summary"), generated("round"), generated("scores"), generated("indicators"), generated("needs"), written("findings"), written("recommendations")],
  synthesis: [written("summary"), written("context"), generated("round"), generated("cities"), generated("needs"), written("findings"), written("recommendations")],
};

export function templateOf(kind: ReportKind): readonly TemplateSection[] {
  return REPORT_TEMPLATES[kind];
}

/** Whether `key` is a section of `kind` (comments and written text name one). */
export function isSectionOf(kind: ReportKind, key: string): key is SectionKey {
  return REPORT_TEMPLATES[kind].some((section) => section.key === key);
}

export function isWrittenSectionOf(kind: ReportKind, key: string): key is WrittenSection {
  return REPORT_TEMPLATES[kind].some((section) => section.key === key && section.kind === "written");
}

/** The most recommendations a version may have; each at most this long. */
export const MAX_RECOMMENDATIONS = 40;
export const RECOMMENDATION_MAX = 1000;
export const COMMENT_MAX = 4000;
/** Longest written section (characters of markdown). */
export const MARKDOWN_MAX = 20_000;
export const TITLE_MAX = 200;
export const CHANGE_NOTE_MAX = 2000;
