import { and, asc, count, desc, eq, gte, inArray, lte, ne, notInArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { cities, events, notifications, questionnaireVersions, resources, responses, rounds, users, type Round } from "../schema";
import { writeAudit } from "./audit";
import { AppError } from "@/lib/errors";
import { isTimeZone } from "@/lib/time";
import type { Country, LocalizedText, ProgrammeRole, ResponseStatus, RoundStatus } from "@/lib/domain";
import type { RoundTarget } from "@/lib/questionnaires/types";

/*
 * Reporting rounds: the form's choices, the round's own row and status moves, the responses an
 * opening makes, and the aggregates the round page shows. Every read of a round's cities is one
 * grouped or paged query, so the page costs the same for 30 cities as for 5,000.
 */

// ---------------------------------------------------------------------------------------------
// The new-round form

/** Published questionnaire versions, newest first: the only ones a round may ask. */
export async function publishedVersionOptions(db: Database) {
  return db
    .select({ id: questionnaireVersions.id, questionnaireId: questionnaireVersions.questionnaireId, number: questionnaireVersions.number, title: questionnaireVersions.title, publishedAt: questionnaireVersions.publishedAt })
    .from(questionnaireVersions)
    .where(eq(questionnaireVersions.status, "published"))
    .orderBy(desc(questionnaireVersions.publishedAt), desc(questionnaireVersions.id));
}

/** Everything the new-round form offers: versions, cities, events that are not cancelled, published resources. */
export async function roundFormOptions(db: Database, now: Date) {
  // Events from a quarter ago on: an orientation is held shortly before or during a round.
  const since = new Date(now.getTime() - 92 * 86_400_000);
  const [versions, cityRows, eventRows, resourceRows] = await Promise.all([
    publishedVersionOptions(db),
    db.select({ id: cities.id, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country, programmeRole: cities.programmeRole }).from(cities).orderBy(asc(cities.nameEn)),
    db
      .select({ id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone })
      .from(events)
      .where(and(ne(events.status, "cancelled"), gte(events.startsAt, since)))
      .orderBy(asc(events.startsAt))
      .limit(300),
    db.select({ id: resources.id, title: resources.title }).from(resources).where(eq(resources.status, "published")).orderBy(desc(resources.publishedAt), desc(resources.id)).limit(300),
  ]);
  return { versions, cities: cityRows, events: eventRows, resources: resourceRows };
}

export type RoundFormOptions = Awaited<ReturnType<typeof roundFormOptions>>;

/** What the database knows of the records a new round names, so the form's checks can report all at once. */
export interface RoundRefs {
  /** The version when it is published (null: unknown or a draft). */
  version: { id: number; title: LocalizedText } | null;
  eventExists: boolean;
  resourcePublished: boolean;
  knownCityIds: ReadonlySet<number>;
}

export async function roundRefs(db: Database, ids: { versionId: number | null; eventId: number | null; resourceId: number | null; cityIds: readonly number[] }): Promise<RoundRefs> {
  const none = Promise.resolve([]);
  const [versionRows, eventRows, resourceRows, cityRows] = await Promise.all([
    ids.versionId === null ? none : db.select({ id: questionnaireVersions.id, title: questionnaireVersions.title }).from(questionnaireVersions).where(and(eq(questionnaireVersions.id, ids.versionId), eq(questionnaireVersions.status, "published"))),
    ids.eventId === null ? none : db.select({ id: events.id }).from(events).where(eq(events.id, ids.eventId)),
    ids.resourceId === null ? none : db.select({ id: resources.id }).from(resources).where(and(eq(resources.id, ids.resourceId), eq(resources.status, "published"))),
    ids.cityIds.length === 0 ? Promise.resolve([] as { id: number }[]) : db.select({ id: cities.id }).from(cities).where(inArray(cities.id, [...ids.cityIds])),
  ]);
  return { version: versionRows[0] ?? null, eventExists: eventRows.length > 0, resourcePublished: resourceRows.length > 0, knownCityIds: new Set(cityRows.map((r) => r.id)) };
}

export interface NewRoundInput {
  versionId: number;
  title: LocalizedText;
  period: string;
  target: RoundTarget;
  opensOn: string;
  dueOn: string;
  orientationEventId: number | null;
  guideResourceId: number | null;
}

export function roundAuditView(round: Pick<Round, "versionId" | "title" | "period" | "target" | "opensOn" | "dueOn" | "orientationEventId" | "guideResourceId" | "status" | "revision">) {
  return { versionId: round.versionId, title: round.title, period: round.period, target: round.target, opensOn: round.opensOn, dueOn: round.dueOn, orientationEventId: round.orientationEventId, guideResourceId: round.guideResourceId, status: round.status, revision: round.revision };
}

/** Stores a new round, scheduled, with its audit row (call inside the transaction). */
export async function insertRound(tx: Database, input: NewRoundInput, actorId: number): Promise<Round> {
  const [row] = await tx
    .insert(rounds)
    .values({ ...input, status: "scheduled", createdBy: actorId })
    .returning();
  if (!row) throw new AppError("unexpected");
  await writeAudit(tx, { actorId, action: "round.create", entity: "round", entityId: row.id, after: roundAuditView(row) });
  return row;
}

// ---------------------------------------------------------------------------------------------
// Which cities a round asks

/** The cities a target names, as a condition on `cities` (a list keeps only cities that exist). */
export function targetCondition(target: RoundTarget): SQL {
  switch (target.kind) {
    case "all":
      return sql`true`;
    case "country":
      return target.countries.length ? inArray(cities.country, target.countries) : sql`false`;
    case "programme_role":
      return target.roles.length ? inArray(cities.programmeRole, target.roles) : sql`false`;
    case "list":
      return target.cityIds.length ? inArray(cities.id, target.cityIds) : sql`false`;
  }
}

/** How many cities the target names today (a scheduled round's page). */
export async function countTargetCities(db: Database, target: RoundTarget): Promise<number> {
  const [row] = await db.select({ n: count() }).from(cities).where(targetCondition(target));
  return row?.n ?? 0;
}

// Rows per insert: 3 parameters a row stays far below the drivers' limits.
const RESPONSE_CHUNK = 2000;

/**
 * Makes one not-started response per city the target names at this moment, answering the round's
 * version. Returns how many; a city already holding one (none, for a round just opened) is left.
 */
export async function materializeResponses(tx: Database, round: Pick<Round, "id" | "versionId" | "target">): Promise<number> {
  const ids = (await tx.select({ id: cities.id }).from(cities).where(targetCondition(round.target)).orderBy(asc(cities.id))).map((r) => r.id);
  let made = 0;
  for (let start = 0; start < ids.length; start += RESPONSE_CHUNK) {
    const rows = await tx
      .insert(responses)
      .values(ids.slice(start, start + RESPONSE_CHUNK).map((cityId) => ({ roundId: round.id, cityId, versionId: round.versionId, status: "not_started" as const })))
      .onConflictDoNothing({ target: [responses.roundId, responses.cityId] })
      .returning({ id: responses.id });
    made += rows.length;
  }
  return made;
}

/**
 * The active officers of a round's cities, one row per officer and response (a city without an
 * officer has none): whom an opening, a reopening or a reminder tells.
 */
export async function officersOfResponses(tx: Database, roundId: number, options: { responseIds?: readonly number[] } = {}) {
  return tx
    .select({ responseId: responses.id, cityId: responses.cityId, country: cities.country, userId: users.id })
    .from(responses)
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .innerJoin(users, and(eq(users.cityId, responses.cityId), eq(users.role, "officer"), eq(users.disabled, false)))
    .where(and(eq(responses.roundId, roundId), options.responseIds ? inArray(responses.id, [...options.responseIds]) : undefined))
    .orderBy(asc(responses.id), asc(users.id));
}

// ---------------------------------------------------------------------------------------------
// Status moves (server/questionnaires/rounds.ts gives them to the workflow)

const lockColumns = { id: rounds.id, status: rounds.status, revision: rounds.revision, versionId: rounds.versionId, title: rounds.title, target: rounds.target, dueOn: rounds.dueOn, createdBy: rounds.createdBy, openedAt: rounds.openedAt, closedAt: rounds.closedAt };

export type LockedRound = { id: number; status: RoundStatus; revision: number; versionId: number; title: LocalizedText; target: RoundTarget; dueOn: string; createdBy: number | null; openedAt: Date | null; closedAt: Date | null };

export async function lockRoundsById(tx: Database, ids: readonly number[]): Promise<LockedRound[]> {
  if (ids.length === 0) return [];
  return tx.select(lockColumns).from(rounds).where(inArray(rounds.id, [...ids])).for("update");
}

/** Stores a round's new status (revision + 1) and when it opened or closed. */
export async function moveRound(tx: Database, id: number, to: RoundStatus, now: Date): Promise<LockedRound> {
  const [row] = await tx
    .update(rounds)
    .set({ status: to, revision: sql`${rounds.revision} + 1`, updatedAt: now, ...(to === "open" ? { openedAt: now } : {}), ...(to === "closed" ? { closedAt: now } : {}) })
    .where(eq(rounds.id, id))
    .returning(lockColumns);
  if (!row) throw new AppError("not_found");
  return row;
}

// ---------------------------------------------------------------------------------------------
// Reopening one city

/** A response of the round, locked, with what a reopening needs. */
export async function lockResponseOfRound(tx: Database, roundId: number, responseId: number) {
  const [row] = await tx
    .select({ id: responses.id, cityId: responses.cityId, status: responses.status, reopenedUntil: responses.reopenedUntil, country: cities.country, roundStatus: rounds.status, title: rounds.title })
    .from(responses)
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(and(eq(responses.id, responseId), eq(responses.roundId, roundId)))
    .for("update", { of: responses });
  return row ?? null;
}

export async function setReopenedUntil(tx: Database, input: { responseId: number; until: string; before: string | null; actorId: number; now: Date }): Promise<void> {
  await tx.update(responses).set({ reopenedUntil: input.until, updatedAt: input.now, updatedBy: input.actorId }).where(eq(responses.id, input.responseId));
  await writeAudit(tx, { actorId: input.actorId, action: "round.reopen_city", entity: "response", entityId: input.responseId, before: { reopenedUntil: input.before }, after: { reopenedUntil: input.until } });
}

// ---------------------------------------------------------------------------------------------
// Reminders

/** Open rounds due between two days (inclusive): the ones a reminder may be due for. */
export async function openRoundsDueBetween(db: Database, from: string, to: string) {
  return db
    .select({ id: rounds.id, title: rounds.title, dueOn: rounds.dueOn, openedAt: rounds.openedAt })
    .from(rounds)
    .where(and(eq(rounds.status, "open"), gte(rounds.dueOn, from), lte(rounds.dueOn, to)))
    .orderBy(asc(rounds.id));
}

const IN_HAND: ResponseStatus[] = ["submitted", "accepted"];

/**
 * The round's responses still owed (not submitted or accepted) in these countries, locked so a
 * second worker skips them while this one reminds.
 */
export async function lockOwedResponses(tx: Database, roundId: number, countries: readonly Country[]): Promise<{ id: number; cityId: number; country: Country }[]> {
  if (countries.length === 0) return [];
  return tx
    .select({ id: responses.id, cityId: responses.cityId, country: cities.country })
    .from(responses)
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(and(eq(responses.roundId, roundId), notInArray(responses.status, IN_HAND), inArray(cities.country, [...countries])))
    .orderBy(asc(responses.id))
    .for("update", { of: responses, skipLocked: true });
}

/**
 * Which (user, response) pairs were already told a notice of `kind` stored under `entity`, for these
 * users (the notifications index is by user): `${userId}:${responseId}`.
 */
export async function noticesAlreadySent(db: Database, kind: string, entity: string, userIds: readonly number[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: notifications.userId, entityIds: notifications.entityIds })
    .from(notifications)
    .where(and(inArray(notifications.userId, [...userIds]), eq(notifications.kind, kind), eq(notifications.entity, entity)));
  return new Set(rows.flatMap((r) => r.entityIds.map((id) => `${r.userId}:${id}`)));
}

// ---------------------------------------------------------------------------------------------
// Reading rounds

/** Rounds newest first, a page at a time, with each one's counts from its responses. */
export async function listRounds(db: Database, page: { limit: number; offset: number }) {
  const rows = await db
    .select({
      id: rounds.id,
      title: rounds.title,
      period: rounds.period,
      status: rounds.status,
      target: rounds.target,
      opensOn: rounds.opensOn,
      dueOn: rounds.dueOn,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(rounds)
    .orderBy(desc(rounds.createdAt), desc(rounds.id))
    .limit(page.limit)
    .offset(page.offset);
  const ids = rows.map((r) => r.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .select({
            roundId: responses.roundId,
            asked: count(),
            submitted: sql<number>`count(*) filter (where ${responses.status} in ('submitted', 'accepted'))`.mapWith(Number),
            accepted: sql<number>`count(*) filter (where ${responses.status} = 'accepted')`.mapWith(Number),
          })
          .from(responses)
          .where(inArray(responses.roundId, ids))
          .groupBy(responses.roundId);
  const byRound = new Map(counts.map((c) => [c.roundId, c]));
  return {
    rows: rows.map(({ total: _total, ...r }) => ({ ...r, asked: byRound.get(r.id)?.asked ?? 0, submitted: byRound.get(r.id)?.submitted ?? 0, accepted: byRound.get(r.id)?.accepted ?? 0 })),
    // Past the last page the window count is missing: counted apart so the pager still shows.
    total: rows[0]?.total ?? (page.offset > 0 ? ((await db.select({ n: count() }).from(rounds))[0]?.n ?? 0) : 0),
  };
}

export type RoundListRow = Awaited<ReturnType<typeof listRounds>>["rows"][number];

/** One round with its version, orientation event and guide (null: no such round). */
export async function getRoundDetail(db: Database, id: number) {
  const [row] = await db
    .select({
      round: rounds,
      version: { id: questionnaireVersions.id, questionnaireId: questionnaireVersions.questionnaireId, number: questionnaireVersions.number, title: questionnaireVersions.title },
      event: { id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone },
      resource: { id: resources.id, title: resources.title, status: resources.status },
    })
    .from(rounds)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, rounds.versionId))
    .leftJoin(events, eq(events.id, rounds.orientationEventId))
    .leftJoin(resources, eq(resources.id, rounds.guideResourceId))
    .where(eq(rounds.id, id));
  return row ?? null;
}

export type RoundDetail = NonNullable<Awaited<ReturnType<typeof getRoundDetail>>>;

/** The round page's filters: the asked cities' country and programme role. */
export interface RoundCityFilters {
  country?: Country;
  role?: ProgrammeRole;
}

function cityFilter(roundId: number, filters: RoundCityFilters): SQL | undefined {
  return and(eq(responses.roundId, roundId), filters.country ? eq(cities.country, filters.country) : undefined, filters.role ? eq(cities.programmeRole, filters.role) : undefined);
}

/** Responses by country and status (a handful of rows whatever the number of cities). */
export async function roundStatusCounts(db: Database, roundId: number, filters: RoundCityFilters): Promise<{ country: Country; status: ResponseStatus; n: number }[]> {
  return db
    .select({ country: cities.country, status: responses.status, n: count() })
    .from(responses)
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(cityFilter(roundId, filters))
    .groupBy(cities.country, responses.status);
}

/** Still owed and past the deadline: the countries whose day is after the deadline (their zone). */
function overdueCondition(pastDueCountries: readonly Country[]): SQL {
  if (pastDueCountries.length === 0) return sql`false`;
  return and(notInArray(responses.status, IN_HAND), inArray(cities.country, [...pastDueCountries])) ?? sql`false`;
}

/** A page of the round's cities with their response, by name; `overdueOnly` keeps those owed past the deadline. */
export async function roundCityPage(db: Database, roundId: number, filters: RoundCityFilters, options: { overdueOnly: boolean; pastDueCountries: readonly Country[]; limit: number; offset: number }) {
  const rows = await db
    .select({
      responseId: responses.id,
      status: responses.status,
      updatedAt: responses.updatedAt,
      submittedAt: responses.submittedAt,
      reopenedUntil: responses.reopenedUntil,
      cityId: cities.id,
      slug: cities.slug,
      nameEn: cities.nameEn,
      nameBn: cities.nameBn,
      nameNe: cities.nameNe,
      country: cities.country,
      programmeRole: cities.programmeRole,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(responses)
    .innerJoin(cities, eq(cities.id, responses.cityId))
    .where(and(cityFilter(roundId, filters), options.overdueOnly ? overdueCondition(options.pastDueCountries) : undefined))
    .orderBy(asc(cities.nameEn), asc(cities.id))
    .limit(options.limit)
    .offset(options.offset);
  return { rows: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export type RoundCityRow = Awaited<ReturnType<typeof roundCityPage>>["rows"][number];

/**
 * Submissions per day on the reader's clock: the day each response now in hand (submitted or
 * accepted) was last submitted, and the day each accepted one was accepted. Two grouped queries.
 */
export async function roundSubmissionDays(db: Database, roundId: number, filters: RoundCityFilters, timeZone: string): Promise<{ submitted: { day: string; n: number }[]; accepted: { day: string; n: number }[] }> {
  // The zone is one of the programme's (checked), written into the SQL so select and group by are one expression.
  if (!isTimeZone(timeZone)) throw new AppError("invalid");
  const zone = sql.raw(`'${timeZone}'`);
  const submittedDay = sql<string>`to_char(${responses.submittedAt} at time zone ${zone}, 'YYYY-MM-DD')`;
  const acceptedDay = sql<string>`to_char(${responses.reviewedAt} at time zone ${zone}, 'YYYY-MM-DD')`;
  const [submitted, accepted] = await Promise.all([
    db
      .select({ day: submittedDay, n: count() })
      .from(responses)
      .innerJoin(cities, eq(cities.id, responses.cityId))
      .where(and(cityFilter(roundId, filters), inArray(responses.status, IN_HAND), sql`${responses.submittedAt} is not null`))
      .groupBy(submittedDay)
      .orderBy(submittedDay),
    db
      .select({ day: acceptedDay, n: count() })
      .from(responses)
      .innerJoin(cities, eq(cities.id, responses.cityId))
      .where(and(cityFilter(roundId, filters), eq(responses.status, "accepted"), sql`${responses.reviewedAt} is not null`))
      .groupBy(acceptedDay)
      .orderBy(acceptedDay),
  ]);
  return { submitted, accepted };
}
