import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "../client";
import { cities, components, indicatorValues, indicators, lenses, type ProgrammeRole } from "../schema";
import { storedScores } from "./scores";
import { lensScores } from "@/lib/scoring";

/** More bars than this per group stop being readable on a phone. */
export const MAX_COMPARE = 6;

export type CompareView = "component" | "lens";

export interface CompareCity {
  id: number;
  slug: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  programmeRole: ProgrammeRole;
  mentorCityId: number | null;
}

/** Every city with its mentor, by English name: the picker, the mentor groups and slug look-ups. */
export async function compareCityOptions(db: Database): Promise<CompareCity[]> {
  return db
    .select({ id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, programmeRole: cities.programmeRole, mentorCityId: cities.mentorCityId })
    .from(cities)
    .orderBy(asc(cities.nameEn));
}

export interface CompareSelection {
  cities: CompareCity[];
  /** The mentor whose group is shown (asked for with `mentor=` or the default), if any. */
  mentor: CompareCity | null;
  /** Known cities asked for beyond the first MAX_COMPARE, left out. */
  dropped: CompareCity[];
  /** How many distinct known cities were asked for (before truncation). */
  requested: number;
  /** Slugs that name no city (or no mentor city, for `mentor=`), ignored. */
  unknown: string[];
}

/**
 * Turns the request's slugs into at most MAX_COMPARE cities, in the order asked. Nothing asked:
 * the group of `mentorSlug`, else of the first mentor city by name (a mentor and its mentees).
 */
export function selectCities(all: readonly CompareCity[], slugs: readonly string[], mentorSlug?: string): CompareSelection {
  const bySlug = new Map(all.map((city) => [city.slug, city]));
  const unknown: string[] = [];
  const picked: CompareCity[] = [];
  for (const slug of new Set(slugs)) {
    const city = bySlug.get(slug);
    if (city) picked.push(city);
    else unknown.push(slug);
  }
  let mentor: CompareCity | null = null;
  if (picked.length === 0) {
    const asked = mentorSlug ? bySlug.get(mentorSlug) : undefined;
    if (mentorSlug && asked?.programmeRole !== "mentor") unknown.push(mentorSlug);
    mentor = asked?.programmeRole === "mentor" ? asked : (all.find((city) => city.programmeRole === "mentor") ?? null);
    if (mentor) {
      const mentorId = mentor.id;
      picked.push(mentor, ...all.filter((city) => city.mentorCityId === mentorId));
    }
  }
  return { cities: picked.slice(0, MAX_COMPARE), mentor, dropped: picked.slice(MAX_COMPARE), requested: picked.length, unknown };
}

export interface ScoreGroup {
  key: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
}

/** Scores (0–100, null: no data) of cities on six groups, in group order. */
export interface ScoreMatrix {
  groups: ScoreGroup[];
  scores: Map<number, (number | null)[]>;
  /** The quarter each city's scores are as of (component view; null without data or for lenses). */
  asOf: Map<number, string | null>;
}

/** Latest stored component scores (the derived table) of the cities, one query for all of them. */
export async function componentMatrix(db: Database, cityIds: readonly number[]): Promise<ScoreMatrix> {
  const [componentRows, rows] = await Promise.all([
    db.select({ id: components.id, code: components.code, nameEn: components.nameEn, nameBn: components.nameBn, nameNe: components.nameNe }).from(components).orderBy(asc(components.sortOrder)),
    storedScores(db, [...cityIds]),
  ]);
  const scores = new Map<number, (number | null)[]>();
  const asOf = new Map<number, string | null>();
  for (const cityId of cityIds) {
    const own = rows.filter((row) => row.cityId === cityId);
    scores.set(cityId, componentRows.map((component) => own.find((row) => row.componentId === component.id)?.score ?? null));
    asOf.set(cityId, own[0]?.asOfPeriod ?? null);
  }
  return { groups: componentRows.map(({ code, nameEn, nameBn, nameNe }) => ({ key: code, nameEn, nameBn, nameNe })), scores, asOf };
}

/**
 * Lens scores of the cities from each city's latest validated value per indicator: one
 * DISTINCT ON (city, indicator) query for all cities, then lib/scoring.
 */
export async function lensMatrix(db: Database, cityIds: readonly number[]): Promise<ScoreMatrix> {
  const ids = [...cityIds];
  const [lensRows, indicatorRows, latest] = await Promise.all([
    db.select({ code: lenses.code, nameEn: lenses.nameEn, nameBn: lenses.nameBn, nameNe: lenses.nameNe }).from(lenses).orderBy(asc(lenses.sortOrder)),
    db
      .select({ id: indicators.id, componentId: indicators.componentId, unit: indicators.unit, direction: indicators.direction, target: indicators.target, worst: indicators.worst, lensCode: indicators.lensCode })
      .from(indicators)
      .where(eq(indicators.active, true)),
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectDistinctOn([indicatorValues.cityId, indicatorValues.indicatorId], { cityId: indicatorValues.cityId, indicatorId: indicatorValues.indicatorId, value: indicatorValues.validatedValue })
          .from(indicatorValues)
          .where(and(inArray(indicatorValues.cityId, ids), isNotNull(indicatorValues.validatedValue)))
          .orderBy(indicatorValues.cityId, indicatorValues.indicatorId, desc(indicatorValues.period)),
  ]);
  const lensCodes = lensRows.map((lens) => lens.code);
  const values = new Map<number, Map<number, number>>(ids.map((id) => [id, new Map()]));
  for (const row of latest) {
    if (row.value !== null) values.get(row.cityId)?.set(row.indicatorId, row.value);
  }
  const scores = new Map<number, (number | null)[]>();
  const asOf = new Map<number, string | null>();
  for (const id of ids) {
    scores.set(id, lensScores(lensCodes, indicatorRows, values.get(id) ?? new Map()).map((lens) => lens.score));
    asOf.set(id, null);
  }
  return { groups: lensRows.map(({ code, nameEn, nameBn, nameNe }) => ({ key: code, nameEn, nameBn, nameNe })), scores, asOf };
}

export interface MenteeGap {
  mentee: CompareCity;
  mentor: CompareCity;
  /** Mentee score − mentor score per group; null when either has no score. */
  gaps: (number | null)[];
}

/** The gap of each selected mentee to its mentor, for mentees whose mentor is known. */
export function menteeGaps(selected: readonly CompareCity[], mentors: ReadonlyMap<number, CompareCity>, matrix: ScoreMatrix): MenteeGap[] {
  return selected.flatMap((mentee) => {
    const mentor = mentee.mentorCityId === null ? undefined : mentors.get(mentee.mentorCityId);
    const own = matrix.scores.get(mentee.id);
    const theirs = mentor ? matrix.scores.get(mentor.id) : undefined;
    if (!mentor || !own || !theirs) return [];
    const gaps = own.map((score, i) => {
      const other = theirs[i] ?? null;
      return score === null || other === null ? null : score - other;
    });
    return [{ mentee, mentor, gaps }];
  });
}

export interface Comparison extends CompareSelection {
  view: CompareView;
  matrix: ScoreMatrix;
  gaps: MenteeGap[];
}

/**
 * Everything the compare page shows: the selected cities, their scores by component (stored) or
 * by lens (computed), and each selected mentee's gap to its mentor, whose scores are fetched in
 * the same queries even when the mentor itself is not selected.
 */
export async function loadComparison(db: Database, request: { slugs: readonly string[]; mentor?: string; view: CompareView }, all?: readonly CompareCity[]): Promise<Comparison> {
  const options = all ?? (await compareCityOptions(db));
  const selection = selectCities(options, request.slugs, request.mentor);
  const byId = new Map(options.map((city) => [city.id, city]));
  const mentors = new Map<number, CompareCity>();
  for (const city of selection.cities) {
    const mentor = city.mentorCityId === null ? undefined : byId.get(city.mentorCityId);
    if (mentor) mentors.set(mentor.id, mentor);
  }
  const ids = [...new Set([...selection.cities.map((city) => city.id), ...mentors.keys()])];
  const matrix = request.view === "lens" ? await lensMatrix(db, ids) : await componentMatrix(db, ids);
  return { ...selection, view: request.view, matrix, gaps: menteeGaps(selection.cities, mentors, matrix) };
}
