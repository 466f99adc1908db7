import { and, asc, count, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { cities, type Country, type ProgrammeRole } from "../schema";

const mentor = alias(cities, "mentor");

const listColumns = {
  id: cities.id,
  slug: cities.slug,
  nameEn: cities.nameEn,
  nameBn: cities.nameBn,
  nameNe: cities.nameNe,
  country: cities.country,
  region: cities.region,
  kind: cities.kind,
  population: cities.population,
  programmeRole: cities.programmeRole,
  mentorSlug: mentor.slug,
  mentorNameEn: mentor.nameEn,
  mentorNameBn: mentor.nameBn,
  mentorNameNe: mentor.nameNe,
};

export interface CityFilters {
  country?: Country;
  role?: ProgrammeRole;
  q?: string;
}

function cityFilter(filters: CityFilters): SQL | undefined {
  const pattern = filters.q ? `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    filters.country ? eq(cities.country, filters.country) : undefined,
    filters.role ? eq(cities.programmeRole, filters.role) : undefined,
    pattern ? or(ilike(cities.nameEn, pattern), ilike(cities.nameBn, pattern), ilike(cities.nameNe, pattern), ilike(cities.slug, pattern)) : undefined,
  );
}

const roleOrder = sql`case ${cities.programmeRole} when 'mentor' then 0 when 'mentee' then 1 else 2 end`;

export async function listCities(db: Database, filters: CityFilters, page: { limit: number; offset: number }) {
  const rows = await db
    .select({ ...listColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(cities)
    .leftJoin(mentor, eq(mentor.id, cities.mentorCityId))
    .where(cityFilter(filters))
    .orderBy(roleOrder, asc(cities.country), asc(cities.nameEn))
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Every city's id and name, for pickers (admin user form). */
export async function listCityOptions(db: Database) {
  return db.select({ id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe }).from(cities).orderBy(asc(cities.nameEn));
}

export async function getCityBySlug(db: Database, slug: string) {
  const [row] = await db
    .select({ ...listColumns, latitude: cities.latitude, longitude: cities.longitude, joinedOn: cities.joinedOn })
    .from(cities)
    .leftJoin(mentor, eq(mentor.id, cities.mentorCityId))
    .where(eq(cities.slug, slug));
  return row ?? null;
}

export async function listMentees(db: Database, mentorCityId: number) {
  return db
    .select({ slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country })
    .from(cities)
    .where(eq(cities.mentorCityId, mentorCityId))
    .orderBy(asc(cities.nameEn));
}

/** Number of cities per country and programme role, for summaries. */
export async function countCitiesByRole(db: Database) {
  return db
    .select({ country: cities.country, programmeRole: cities.programmeRole, n: count() })
    .from(cities)
    .groupBy(cities.country, cities.programmeRole);
}

/** The demo banner shows while any demo city is in the database. */
export async function hasDemoData(db: Database): Promise<boolean> {
  const rows = await db.select({ id: cities.id }).from(cities).where(eq(cities.isDemo, true)).limit(1);
  return rows.length > 0;
}
