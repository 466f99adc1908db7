import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { countCitiesByRole, getCityBySlug, getCityRef, hasDemoData, listCities, listCityOptions, listMentees, listMentorOptions, type CityFilters, type CityListOptions } from "@/db/queries/cities";
import { latestValues, valueHistory } from "@/db/queries/indicator-values";
import { componentMediansAsOf, validatedHistory } from "@/db/queries/progress";
import { cityScoresAt, storedScores } from "@/db/queries/scores";

// Request-cached reads for pages about cities. Who may see drafts is decided by the page
// (lib/permissions) and handed in as `includeUnvalidated`; these functions never widen it.

export type City = NonNullable<Awaited<ReturnType<typeof getCityBySlug>>>;
export type Mentee = Awaited<ReturnType<typeof listMentees>>[number];

/** A city by slug, or null. The page, its metadata and its widgets (a mentee's mentor too) share one query. */
export const loadCity = cache(async (slug: string): Promise<City | null> => getCityBySlug(await getDb(), slug));

export const loadCityRef = cache(async (cityId: number) => getCityRef(await getDb(), cityId));

export const loadMentees = cache(async (cityId: number): Promise<Mentee[]> => listMentees(await getDb(), cityId));

export const loadCityOptions = cache(async () => listCityOptions(await getDb()));

export const loadMentorOptions = cache(async () => listMentorOptions(await getDb()));

/** Cities per country and programme role (landing page, dashboard and explore totals). */
export const loadCityCounts = cache(async () => countCitiesByRole(await getDb()));

export const loadHasDemoData = cache(async () => hasDemoData(await getDb()));

/** One page of the cities list with each listed city's stored component scores. */
export const loadCityList = cache(async (filters: CityFilters, page: { limit: number; offset: number }, options: CityListOptions = {}) => {
  const db = await getDb();
  const list = await listCities(db, filters, page, options);
  const scores = await storedScores(db, list.rows.map((r) => r.id));
  return { ...list, scores };
});

/** The city's latest component scores and index, from validated values. */
export const loadCityScores = cache(async (cityId: number) => cityScoresAt(await getDb(), cityId));

/** Validated values of the city (and its mentor's, when given) for the progress charts. */
export const loadValidatedHistory = cache(async (cityId: number, mentorId: number | null) => validatedHistory(await getDb(), mentorId === null ? [cityId] : [cityId, mentorId]));

/** The programme median of each component as of one quarter (each city's latest validated values up to it). */
export const loadComponentMediansAsOf = cache(async (period: string) => componentMediansAsOf(await getDb(), period));

/** Latest value per indicator; drafts only when the page has decided the viewer may see them. */
export const loadLatestValues = cache(async (cityId: number, includeUnvalidated: boolean) => latestValues(await getDb(), cityId, { includeUnvalidated }));

/** One indicator's quarters in one city (every change of them: server/loaders/audit.ts loadValueTrail). */
export const loadValueHistory = cache(async (cityId: number, indicatorId: number, includeUnvalidated: boolean) => {
  const history = await valueHistory(await getDb(), cityId, indicatorId, { includeUnvalidated });
  return { history };
});
