import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { cities, cityProblemFiles, cityProblemUpdates, cityProblems, committees, components, events, files, users, type CityProblem } from "../schema";
import { ACTIVE_PROBLEM_STATUSES, type ProblemStatus } from "@/lib/domain";
import type { ProblemFilters } from "@/lib/validation/problems";

export type NewProblemRow = typeof cityProblems.$inferInsert;

/** A new problem with its first history line (who logged or reported it), in the caller's transaction. */
export async function insertProblem(tx: Database, row: NewProblemRow, note: string, authorId: number | null): Promise<CityProblem> {
  const [problem] = await tx.insert(cityProblems).values(row).returning();
  if (!problem) throw new Error("problem insert returned nothing");
  await tx.insert(cityProblemUpdates).values({ problemId: problem.id, fromStatus: null, toStatus: problem.status, note, authorId });
  return problem;
}

export type ProblemFacts = Pick<NewProblemRow, "title" | "description" | "componentId" | "place" | "latitude" | "longitude" | "severity" | "committeeId" | "eventId">;

/** Changes a problem's facts if it is still at `version` (null: someone changed it meanwhile, or it is gone). */
export async function updateProblemFacts(tx: Database, id: number, version: number, facts: ProblemFacts): Promise<CityProblem | null> {
  const [row] = await tx
    .update(cityProblems)
    .set({ ...facts, version: sql`${cityProblems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(cityProblems.id, id), eq(cityProblems.version, version)))
    .returning();
  return row ?? null;
}

/** Problems of a move batch, locked, with their city's slug (for notices and the page to revalidate). */
export async function lockProblems(tx: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ problem: cityProblems, citySlug: cities.slug })
    .from(cityProblems)
    .innerJoin(cities, eq(cities.id, cityProblems.cityId))
    .where(inArray(cityProblems.id, [...ids]))
    .for("update", { of: cityProblems });
}

/** A status move and its history line, in the workflow's transaction. */
export async function moveProblemRow(tx: Database, id: number, from: ProblemStatus, to: ProblemStatus, note: string, authorId: number): Promise<CityProblem> {
  const [row] = await tx
    .update(cityProblems)
    .set({ status: to, version: sql`${cityProblems.version} + 1`, updatedAt: new Date() })
    .where(eq(cityProblems.id, id))
    .returning();
  if (!row) throw new Error(`problem ${id} vanished under its lock`);
  await tx.insert(cityProblemUpdates).values({ problemId: id, fromStatus: from, toStatus: to, note, authorId });
  return row;
}

export interface ProblemListOptions {
  /** Residents' reports still waiting for moderation are listed only for the city's own people. */
  includeReported: boolean;
}

function listWhere(cityId: number, filters: ProblemFilters, options: ProblemListOptions): SQL | undefined {
  const status =
    filters.status === "active"
      ? inArray(cityProblems.status, [...ACTIVE_PROBLEM_STATUSES])
      : filters.status
        ? eq(cityProblems.status, filters.status)
        : undefined;
  return and(
    eq(cityProblems.cityId, cityId),
    options.includeReported ? undefined : ne(cityProblems.status, "reported"),
    status,
    filters.component ? eq(cityProblems.componentId, filters.component) : undefined,
    filters.severity ? eq(cityProblems.severity, filters.severity) : undefined,
    filters.committee ? eq(cityProblems.committeeId, filters.committee) : undefined,
  );
}

/** A page of a city's log, most recently changed first, with the total for the pager. */
export async function listProblems(db: Database, cityId: number, filters: ProblemFilters, options: ProblemListOptions, page: { limit: number; offset: number }) {
  const rows = await db
    .select({
      id: cityProblems.id,
      title: cityProblems.title,
      status: cityProblems.status,
      severity: cityProblems.severity,
      source: cityProblems.source,
      place: cityProblems.place,
      updatedAt: cityProblems.updatedAt,
      componentCode: components.code,
      componentNameEn: components.nameEn,
      componentNameBn: components.nameBn,
      componentNameNe: components.nameNe,
      committeeName: committees.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(cityProblems)
    .leftJoin(components, eq(components.id, cityProblems.componentId))
    .leftJoin(committees, eq(committees.id, cityProblems.committeeId))
    .where(listWhere(cityId, filters, options))
    .orderBy(desc(cityProblems.updatedAt), desc(cityProblems.id))
    .limit(page.limit)
    .offset(page.offset);
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

export type ProblemListRow = Awaited<ReturnType<typeof listProblems>>["rows"][number];

/** How many residents' reports wait for the city's officer. */
export async function reportedProblemCount(db: Database, cityId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(cityProblems).where(and(eq(cityProblems.cityId, cityId), eq(cityProblems.status, "reported")));
  return row?.n ?? 0;
}

/** One problem with the names its page shows. */
export async function problemDetail(db: Database, id: number) {
  const [row] = await db
    .select({
      problem: cityProblems,
      city: { id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe },
      component: { code: components.code, nameEn: components.nameEn, nameBn: components.nameBn, nameNe: components.nameNe },
      committeeName: committees.name,
      eventTitle: events.title,
      createdByName: users.name,
    })
    .from(cityProblems)
    .innerJoin(cities, eq(cities.id, cityProblems.cityId))
    .leftJoin(components, eq(components.id, cityProblems.componentId))
    .leftJoin(committees, eq(committees.id, cityProblems.committeeId))
    .leftJoin(events, eq(events.id, cityProblems.eventId))
    .leftJoin(users, eq(users.id, cityProblems.createdBy))
    .where(eq(cityProblems.id, id));
  return row ?? null;
}

/** The problem's history, oldest first, with who wrote each line. */
export async function problemHistory(db: Database, problemId: number) {
  return db
    .select({ id: cityProblemUpdates.id, fromStatus: cityProblemUpdates.fromStatus, toStatus: cityProblemUpdates.toStatus, note: cityProblemUpdates.note, createdAt: cityProblemUpdates.createdAt, authorName: users.name })
    .from(cityProblemUpdates)
    .leftJoin(users, eq(users.id, cityProblemUpdates.authorId))
    .where(eq(cityProblemUpdates.problemId, problemId))
    .orderBy(asc(cityProblemUpdates.createdAt), asc(cityProblemUpdates.id));
}

export async function insertProblemFile(tx: Database, row: typeof cityProblemFiles.$inferInsert) {
  const [file] = await tx.insert(cityProblemFiles).values(row).returning({ id: cityProblemFiles.id });
  if (!file) throw new Error("problem file insert returned nothing");
  return file;
}

/** The evidence of a problem, with what a download needs. */
export async function problemFiles(db: Database, problemId: number) {
  return db
    .select({ id: cityProblemFiles.id, fileId: cityProblemFiles.fileId, fileName: cityProblemFiles.fileName, mimeType: files.mimeType, size: files.size, createdAt: cityProblemFiles.createdAt, addedByName: users.name })
    .from(cityProblemFiles)
    .innerJoin(files, eq(files.id, cityProblemFiles.fileId))
    .leftJoin(users, eq(users.id, cityProblemFiles.addedBy))
    .where(eq(cityProblemFiles.problemId, problemId))
    .orderBy(asc(cityProblemFiles.createdAt), asc(cityProblemFiles.id));
}

/**
 * The public city page's counts: per CWIS component (null: not yet said), the problems being
 * worked on and those resolved. Residents' reports count only once accepted; rejected and closed
 * ones not at all. One grouped query.
 */
export async function publicProblemCounts(db: Database, cityId: number) {
  return db
    .select({
      componentCode: components.code,
      componentNameEn: components.nameEn,
      componentNameBn: components.nameBn,
      componentNameNe: components.nameNe,
      open: sql<number>`count(*) filter (where ${inArray(cityProblems.status, [...ACTIVE_PROBLEM_STATUSES])})`.mapWith(Number),
      resolved: sql<number>`count(*) filter (where ${eq(cityProblems.status, "resolved")})`.mapWith(Number),
    })
    .from(cityProblems)
    .leftJoin(components, eq(components.id, cityProblems.componentId))
    .where(and(eq(cityProblems.cityId, cityId), inArray(cityProblems.status, [...ACTIVE_PROBLEM_STATUSES, "resolved"])))
    .groupBy(components.id)
    .orderBy(sql`${components.sortOrder} nulls last`);
}

/** The title of a problem, for notices. */
export async function problemNoticeFacts(db: Database, id: number) {
  const [row] = await db.select({ title: cityProblems.title, slug: cities.slug }).from(cityProblems).innerJoin(cities, eq(cities.id, cityProblems.cityId)).where(eq(cityProblems.id, id));
  return row ?? null;
}

/** The city a problem belongs to (an action's scope), or null. */
export async function problemCity(db: Database, id: number): Promise<{ cityId: number; slug: string } | null> {
  const [row] = await db.select({ cityId: cityProblems.cityId, slug: cities.slug }).from(cityProblems).innerJoin(cities, eq(cities.id, cityProblems.cityId)).where(eq(cityProblems.id, id));
  return row ?? null;
}

/** Whether the event was hosted by the city. */
export async function eventOfCity(db: Database, eventId: number, cityId: number): Promise<boolean> {
  const [row] = await db.select({ id: events.id }).from(events).where(and(eq(events.id, eventId), eq(events.hostCityId, cityId)));
  return Boolean(row);
}

export async function componentExists(db: Database, componentId: number): Promise<boolean> {
  const [row] = await db.select({ id: components.id }).from(components).where(eq(components.id, componentId));
  return Boolean(row);
}

/** The city's events a problem may come out of (its scenario workshops first), newest first. */
export async function problemEventOptions(db: Database, cityId: number) {
  return db
    .select({ id: events.id, title: events.title, type: events.type, startsAt: events.startsAt })
    .from(events)
    .where(and(eq(events.hostCityId, cityId), ne(events.status, "cancelled")))
    .orderBy(sql`${events.type} = 'scenario_workshop' desc`, desc(events.startsAt))
    .limit(100);
}
