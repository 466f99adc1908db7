import { and, asc, count, eq, ilike, inArray, max, ne, notInArray, or, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { cities, cityComponentScores, components, lenses, type ProgrammeRole } from "../schema";
import { containsPattern } from "./like";
import { scoresAsOf } from "./scores";

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

const compareColumns = { id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, programmeRole: cities.programmeRole, mentorCityId: cities.mentorCityId };

/**
 * The only cities a request can select, by English name: the asked slugs; when none of them is
 * known, the group of `mentorSlug` (or of the first mentor city by name), its mentor first. Never
 * the whole city list, however many cities there are.
 */
export async function compareCandidates(db: Database, slugs: readonly string[], mentorSlug?: string): Promise<CompareCity[]> {
  const asked = slugs.length ? await db.select(compareColumns).from(cities).where(inArray(cities.slug, [...new Set(slugs)])).orderBy(asc(cities.nameEn)) : [];
  if (asked.length) return asked;
  const firstMentor = (slug?: string) =>
    db
      .select(compareColumns)
      .from(cities)
      .where(and(eq(cities.programmeRole, "mentor"), slug ? eq(cities.slug, slug) : undefined))
      .orderBy(asc(cities.nameEn), asc(cities.id))
      .limit(1);
  let [mentor] = mentorSlug ? await firstMentor(mentorSlug) : [];
  if (!mentor) [mentor] = await firstMentor();
  if (!mentor) return [];
  const mentees = await db.select(compareColumns).from(cities).where(and(eq(cities.mentorCityId, mentor.id), ne(cities.id, mentor.id))).orderBy(asc(cities.nameEn));
  return [mentor, ...mentees];
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
  /**
   * The quarter each city's data is from: its newest validated value up to the comparison's
   * quarter (null without data). Where it is older than that quarter, the page says so.
   */
  asOf: Map<number, string | null>;
}

/**
 * Scores of the cities by component or by lens as of `period` (each city's latest validated
 * values up to it): the derived tables, and the value history only for cities with newer data.
 */
async function matrixAsOf(db: Database, cityIds: readonly number[], view: CompareView, period: string | null): Promise<ScoreMatrix> {
  const [componentRows, lensRows, byCity] = await Promise.all([
    view === "component" ? db.select({ id: components.id, code: components.code, nameEn: components.nameEn, nameBn: components.nameBn, nameNe: components.nameNe }).from(components).orderBy(asc(components.sortOrder)) : [],
    view === "lens" ? db.select({ code: lenses.code, nameEn: lenses.nameEn, nameBn: lenses.nameBn, nameNe: lenses.nameNe }).from(lenses).orderBy(asc(lenses.sortOrder)) : [],
    scoresAsOf(db, cityIds, period),
  ]);
  const groupRows = view === "lens" ? lensRows : componentRows;
  const groups: ScoreGroup[] = groupRows.map(({ code, nameEn, nameBn, nameNe }) => ({ key: code, nameEn, nameBn, nameNe }));
  const scores = new Map<number, (number | null)[]>();
  const asOf = new Map<number, string | null>();
  for (const cityId of cityIds) {
    const own = byCity.get(cityId);
    scores.set(cityId, view === "lens" ? lensRows.map((l) => own?.lenses.get(l.code) ?? null) : componentRows.map((c) => own?.components.get(c.id) ?? null));
    asOf.set(cityId, own?.dataPeriod ?? null);
  }
  return { groups, scores, asOf };
}

/** The newest stored quarter of the cities: what a comparison without a stated quarter is as of. */
async function newestStoredPeriod(db: Database, cityIds: readonly number[]): Promise<string | null> {
  if (cityIds.length === 0) return null;
  const [row] = await db.select({ period: max(cityComponentScores.asOfPeriod) }).from(cityComponentScores).where(inArray(cityComponentScores.cityId, [...cityIds]));
  return row?.period ?? null;
}

export interface MenteeGap {
  mentee: CompareCity;
  mentor: CompareCity;
  /** Mentee score − mentor score per group; null when either has no score. */
  gaps: (number | null)[];
}

/** The gap of each selected mentee to its mentor, for mentees whose mentor is known. */
function menteeGaps(selected: readonly CompareCity[], mentors: ReadonlyMap<number, CompareCity>, matrix: ScoreMatrix): MenteeGap[] {
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
  /**
   * The one quarter every city (and mentor) is compared as of: the asked one, else the newest
   * quarter any of them has validated data for; null when none has any.
   */
  period: string | null;
  matrix: ScoreMatrix;
  gaps: MenteeGap[];
}

/**
 * Everything the compare page shows: the selected cities, their scores by component or by lens
 * as of ONE quarter (`period`, else the newest any of them has), and each selected mentee's gap to
 * its mentor as of the same quarter, whose scores are fetched in the same queries even when the
 * mentor itself is not selected.
 */
export async function loadComparison(db: Database, request: { slugs: readonly string[]; mentor?: string; view: CompareView; period?: string }): Promise<Comparison> {
  const candidates = await compareCandidates(db, request.slugs, request.mentor);
  const selection = selectCities(candidates, request.slugs, request.mentor);
  const byId = new Map(candidates.map((city) => [city.id, city]));
  const unknownMentors = [...new Set(selection.cities.flatMap((city) => (city.mentorCityId !== null && !byId.has(city.mentorCityId) ? [city.mentorCityId] : [])))];
  if (unknownMentors.length) {
    for (const city of await db.select(compareColumns).from(cities).where(inArray(cities.id, unknownMentors))) byId.set(city.id, city);
  }
  const mentors = new Map<number, CompareCity>();
  for (const city of selection.cities) {
    const mentor = city.mentorCityId === null ? undefined : byId.get(city.mentorCityId);
    if (mentor) mentors.set(mentor.id, mentor);
  }
  const ids = [...new Set([...selection.cities.map((city) => city.id), ...mentors.keys()])];
  const period = request.period ?? (await newestStoredPeriod(db, ids));
  const matrix = await matrixAsOf(db, ids, request.view, period);
  return { ...selection, view: request.view, period, matrix, gaps: menteeGaps(selection.cities, mentors, matrix) };
}

/** Mentor groups per page of the picker; more are a "next groups" button away. */
export const PICKER_GROUPS = 12;
/** Search results per page of the picker. */
export const PICKER_RESULTS = 20;

type NameLocale = "en" | "bn" | "ne";
const nameColumn = (locale: NameLocale) => (locale === "bn" ? cities.nameBn : locale === "ne" ? cities.nameNe : cities.nameEn);

export interface PickerGroup {
  mentor: CompareCity;
  /** Its mentees, by name in the reader's language. */
  mentees: CompareCity[];
}

/**
 * One page of mentor groups for the picker (mentors by name in the reader's language, each with
 * its mentees) and how many mentors there are: two queries, whatever the number of cities.
 */
export async function pickerGroups(db: Database, options: { locale: NameLocale; limit: number; offset: number }): Promise<{ groups: PickerGroup[]; total: number }> {
  const name = nameColumn(options.locale);
  const [[counted], mentors] = await Promise.all([
    db.select({ n: count() }).from(cities).where(eq(cities.programmeRole, "mentor")),
    db.select(compareColumns).from(cities).where(eq(cities.programmeRole, "mentor")).orderBy(asc(name), asc(cities.id)).limit(options.limit).offset(options.offset),
  ]);
  const ids = mentors.map((m) => m.id);
  const mentees = ids.length ? await db.select(compareColumns).from(cities).where(and(inArray(cities.mentorCityId, ids), notInArray(cities.id, ids))).orderBy(asc(name), asc(cities.id)) : [];
  return { groups: mentors.map((mentor) => ({ mentor, mentees: mentees.filter((c) => c.mentorCityId === mentor.id) })), total: counted?.n ?? 0 };
}

/**
 * Cities whose name (in any language) or slug contains `q`, by name in the reader's language, one
 * page at a time; an empty `q` lists every city. `exclude` leaves out those already chosen.
 */
export async function searchCompareCities(db: Database, options: { q: string; locale: NameLocale; limit: number; offset: number; exclude?: readonly number[] }): Promise<{ rows: CompareCity[]; total: number }> {
  const pattern = options.q ? containsPattern(options.q) : null;
  const where: SQL | undefined = and(
    pattern ? or(ilike(cities.nameEn, pattern), ilike(cities.nameBn, pattern), ilike(cities.nameNe, pattern), ilike(cities.slug, pattern)) : undefined,
    options.exclude?.length ? notInArray(cities.id, [...options.exclude]) : undefined,
  );
  const [[counted], rows] = await Promise.all([
    db.select({ n: count() }).from(cities).where(where),
    db.select(compareColumns).from(cities).where(where).orderBy(asc(nameColumn(options.locale)), asc(cities.id)).limit(options.limit).offset(options.offset),
  ]);
  return { rows, total: counted?.n ?? 0 };
}
