import { and, asc, count, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { containsPattern } from "./like";
import { cities, type Country, type ProgrammeRole } from "../schema";
import { writeAudit } from "./audit";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { CityAdminInput, CityProfileInput, CitySort } from "@/lib/validation/cities";

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
  const pattern = filters.q ? containsPattern(filters.q) : null;
  return and(
    filters.country ? eq(cities.country, filters.country) : undefined,
    filters.role ? eq(cities.programmeRole, filters.role) : undefined,
    pattern ? or(ilike(cities.nameEn, pattern), ilike(cities.nameBn, pattern), ilike(cities.nameNe, pattern), ilike(cities.slug, pattern)) : undefined,
  );
}

const roleOrder = sql`case ${cities.programmeRole} when 'mentor' then 0 when 'mentee' then 1 else 2 end`;

// Summaries read from the derived score table, never from the value history.
const cwisIndexSql = sql<number | null>`(select avg(s.score) from city_component_scores s where s.city_id = ${cities.id})`.mapWith((v) => (v === null ? null : Number(v)));
const coverageSql = sql<number | null>`(
  select sum(s.coverage * ic.n) / nullif(sum(ic.n), 0)
  from city_component_scores s
  join (select component_id, count(*) as n from indicators where active group by component_id) ic on ic.component_id = s.component_id
  where s.city_id = ${cities.id})`.mapWith((v) => (v === null ? null : Number(v)));
const asOfSql = sql<string | null>`(select max(s.as_of_period) from city_component_scores s where s.city_id = ${cities.id})`;


function sortExpression(sort: CitySort, locale: "en" | "bn" | "ne"): SQL {
  const name = locale === "bn" ? cities.nameBn : locale === "ne" ? cities.nameNe : cities.nameEn;
  const mentorName = locale === "bn" ? mentor.nameBn : locale === "ne" ? mentor.nameNe : mentor.nameEn;
  if (sort.startsWith("component:")) {
    const componentId = Number(sort.slice("component:".length));
    return sql`(select s.score from city_component_scores s where s.city_id = ${cities.id} and s.component_id = ${componentId})`;
  }
  switch (sort) {
    case "country":
      return sql`${cities.country}`;
    case "kind":
      return sql`${cities.kind}`;
    case "role":
      return roleOrder;
    case "mentor":
      return sql`${mentorName}`;
    case "population":
      return sql`${cities.population}`;
    case "index":
      return cwisIndexSql;
    case "coverage":
      return coverageSql;
    default:
      return sql`${name}`;
  }
}

export interface CityListOptions {
  sort?: CitySort;
  direction?: "asc" | "desc";
  locale?: "en" | "bn" | "ne";
}

/** Cities with their mentor and latest CWIS index and data coverage, filtered, sorted and paged. */
export async function listCities(db: Database, filters: CityFilters, page: { limit: number; offset: number }, options: CityListOptions = {}) {
  const direction = options.direction === "desc" ? sql`desc` : sql`asc`;
  const primary = options.sort ? sql`${sortExpression(options.sort, options.locale ?? "en")} ${direction} nulls last` : roleOrder;
  const rows = await db
    .select({ ...listColumns, cwisIndex: cwisIndexSql, coverage: coverageSql, asOfPeriod: asOfSql, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(cities)
    .leftJoin(mentor, eq(mentor.id, cities.mentorCityId))
    .where(cityFilter(filters))
    .orderBy(primary, roleOrder, asc(cities.country), asc(cities.nameEn))
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

function cityAuditView(row: typeof cities.$inferSelect) {
  const { createdAt: _created, updatedAt: _updated, ...rest } = row;
  return rest;
}

/** Officers (own city) and admins: names, region, population, coordinates. */
export async function updateCityProfile(db: Database, cityId: number, input: CityProfileInput, actorId: number) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(cities).where(eq(cities.id, cityId)).for("update");
    if (!before) throw new AppError("not_found");
    const [after] = await tx.update(cities).set({ ...input, updatedAt: sql`now()` }).where(eq(cities.id, cityId)).returning();
    if (!after) throw new AppError("not_found");
    await writeAudit(tx, { actorId, action: "city.update", entity: "city", entityId: cityId, before: cityAuditView(before), after: cityAuditView(after) });
    return after;
  });
}

/**
 * Checks the mentor pairing: only mentees have a mentor, it must be a mentor city, and a city
 * cannot mentor itself. Returns the mentor's id.
 */
async function resolveMentor(tx: Database, input: Pick<CityAdminInput, "slug" | "programmeRole" | "mentorSlug">): Promise<number | null> {
  if (input.programmeRole !== "mentee") {
    if (input.mentorSlug) throw new AppError("invalid", "cities.onlyMenteesHaveMentor");
    return null;
  }
  if (!input.mentorSlug) throw new AppError("invalid", "cities.menteeNeedsMentor");
  if (input.mentorSlug === input.slug) throw new AppError("invalid", "cities.cannotMentorItself");
  const [mentorRow] = await tx.select({ id: cities.id, role: cities.programmeRole }).from(cities).where(eq(cities.slug, input.mentorSlug));
  if (!mentorRow) throw new AppError("invalid", "cities.mentorUnknown");
  if (mentorRow.role !== "mentor") throw new AppError("invalid", "cities.mentorMustBeMentor");
  return mentorRow.id;
}

function adminColumns(input: CityAdminInput, mentorCityId: number | null) {
  const { mentorSlug: _mentorSlug, ...rest } = input;
  return { ...rest, mentorCityId };
}

export async function createCity(db: Database, input: CityAdminInput, actorId: number) {
  try {
    return await db.transaction(async (tx) => {
      const mentorCityId = await resolveMentor(tx, input);
      const [row] = await tx.insert(cities).values(adminColumns(input, mentorCityId)).returning();
      if (!row) throw new AppError("unexpected");
      await writeAudit(tx, { actorId, action: "city.create", entity: "city", entityId: row.id, after: cityAuditView(row) });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "cities.slugTaken");
    throw error;
  }
}

/** Admins: every field, including programme role and mentor. */
export async function updateCityAdmin(db: Database, cityId: number, input: CityAdminInput, actorId: number) {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(cities).where(eq(cities.id, cityId)).for("update");
      if (!before) throw new AppError("not_found");
      const mentorCityId = await resolveMentor(tx, input);
      if (before.programmeRole === "mentor" && input.programmeRole !== "mentor") {
        const [mentees] = await tx.select({ n: count() }).from(cities).where(eq(cities.mentorCityId, cityId));
        if ((mentees?.n ?? 0) > 0) throw new AppError("invalid", "cities.stillHasMentees");
      }
      const [after] = await tx.update(cities).set({ ...adminColumns(input, mentorCityId), updatedAt: sql`now()` }).where(eq(cities.id, cityId)).returning();
      if (!after) throw new AppError("not_found");
      await writeAudit(tx, { actorId, action: "city.update", entity: "city", entityId: cityId, before: cityAuditView(before), after: cityAuditView(after) });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "cities.slugTaken");
    throw error;
  }
}

/** Mentor cities, for the mentor picker. */
export async function listMentorOptions(db: Database) {
  return db.select({ slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe }).from(cities).where(eq(cities.programmeRole, "mentor")).orderBy(asc(cities.nameEn));
}

/** A city's slug and names by id (a user's own city on the profile page), or null. */
export async function getCityRef(db: Database, cityId: number) {
  const [row] = await db.select({ slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country }).from(cities).where(eq(cities.id, cityId));
  return row ?? null;
}
