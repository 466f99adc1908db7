import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { cities, components, eventComponents, eventMaterials, eventTrainers, events, registrations, resources, users, type Event, type EventStatus } from "../schema";
import { writeAudit } from "./audit";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { fieldRefusal, OverlapWarning, type TrainerOverlap } from "@/lib/events/errors";
import type { EventFilters, EventInput, MaterialInput } from "@/lib/validation/events";

const hostCity = alias(cities, "host_city");
const pairMentor = alias(cities, "pair_mentor");
const pairMentee = alias(cities, "pair_mentee");

/** The event's calendar date in its venue's zone. */
const localStartDate = sql`(${events.startsAt} at time zone ${events.timeZone})::date`;
const localEndDate = sql`(${events.endsAt} at time zone ${events.timeZone})::date`;

const registeredCount = sql<number>`(select count(*) from ${registrations} r where r.event_id = ${events.id} and r.status = 'registered')`.mapWith(Number);
const waitlistedCount = sql<number>`(select count(*) from ${registrations} r where r.event_id = ${events.id} and r.status = 'waitlisted')`.mapWith(Number);
const attendedCount = sql<number>`(select count(*) from ${registrations} r where r.event_id = ${events.id} and r.status <> 'withdrawn' and r.attended)`.mapWith(Number);

function filtersWhere(filters: EventFilters): SQL | undefined {
  return and(
    filters.city
      ? sql`exists (select 1 from ${cities} c where c.slug = ${filters.city} and c.id in (${events.hostCityId}, coalesce(${events.pairMentorCityId}, 0), coalesce(${events.pairMenteeCityId}, 0)))`
      : undefined,
    filters.type ? eq(events.type, filters.type) : undefined,
    filters.component
      ? sql`exists (select 1 from ${eventComponents} ec join ${components} co on co.id = ec.component_id where ec.event_id = ${events.id} and co.code = ${filters.component})`
      : undefined,
    filters.trainer ? sql`exists (select 1 from ${eventTrainers} et where et.event_id = ${events.id} and et.user_id = ${filters.trainer})` : undefined,
    // An event is in the range when any of its days is.
    filters.from ? sql`${localEndDate} >= ${filters.from}::date` : undefined,
    filters.to ? sql`${localStartDate} <= ${filters.to}::date` : undefined,
  );
}

/** The host city's slug and names, for every query that joins `hostCity`. */
const hostColumns = { hostSlug: hostCity.slug, hostNameEn: hostCity.nameEn, hostNameBn: hostCity.nameBn, hostNameNe: hostCity.nameNe };

const listColumns = {
  id: events.id,
  uid: events.uid,
  title: events.title,
  type: events.type,
  status: events.status,
  timeZone: events.timeZone,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  venue: events.venue,
  onlineUrl: events.onlineUrl,
  capacity: events.capacity,
  registrationDeadline: events.registrationDeadline,
  description: events.description,
  ...hostColumns,
  registered: registeredCount,
  waitlisted: waitlistedCount,
};

export type EventListRow = Awaited<ReturnType<typeof listEvents>>["rows"][number];

/**
 * Upcoming events (not over yet, cancelled ones left out) soonest first, or past ones newest
 * first. `now` is a parameter so tests can fix it.
 */
export async function listEvents(db: Database, filters: EventFilters, options: { when: "upcoming" | "past"; now?: Date; limit: number; offset: number }) {
  const now = options.now ?? new Date();
  const when = options.when === "upcoming" ? and(gte(events.endsAt, now), ne(events.status, "cancelled")) : lt(events.endsAt, now);
  const rows = await db
    .select({ ...listColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(events)
    .innerJoin(hostCity, eq(hostCity.id, events.hostCityId))
    .where(and(when, filtersWhere(filters)))
    .orderBy(options.when === "upcoming" ? asc(events.startsAt) : desc(events.startsAt), asc(events.id))
    .limit(options.limit)
    .offset(options.offset);
  const codes = await componentCodesOf(db, rows.map((r) => r.id));
  return { rows: rows.map((row) => ({ ...row, components: codes.get(row.id) ?? [] })), total: rows[0]?.total ?? 0 };
}

async function componentCodesOf(db: Database, eventIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (eventIds.length === 0) return map;
  const rows = await db
    .select({ eventId: eventComponents.eventId, code: components.code })
    .from(eventComponents)
    .innerJoin(components, eq(components.id, eventComponents.componentId))
    .where(inArray(eventComponents.eventId, eventIds))
    .orderBy(asc(components.sortOrder));
  for (const row of rows) (map.get(row.eventId) ?? map.set(row.eventId, []).get(row.eventId))?.push(row.code);
  return map;
}

/**
 * Events of one month (by their local start date) for the calendar. Cancelled events drop out of
 * the future; in the past they stay, marked, as a record of what was planned.
 */
export async function listEventsInMonth(db: Database, filters: EventFilters, month: { first: string; next: string }, now = new Date()) {
  return db
    .select({
      id: events.id,
      title: events.title,
      type: events.type,
      status: events.status,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      localDate: sql<string>`to_char(${localStartDate}, 'YYYY-MM-DD')`,
      ...hostColumns,
    })
    .from(events)
    .innerJoin(hostCity, eq(hostCity.id, events.hostCityId))
    .where(
      and(
        sql`${localStartDate} >= ${month.first}::date`,
        sql`${localStartDate} < (${month.next} || '-01')::date`,
        or(ne(events.status, "cancelled"), lt(events.endsAt, now)),
        filtersWhere(filters),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(500);
}

/** Public events for the JSON API: any status, filtered by local date range and city. */
export async function listEventsForApi(db: Database, filters: EventFilters, page: { limit: number; offset: number }) {
  const rows = await db
    .select({
      ...listColumns,
      sequence: events.sequence,
      outcomes: events.outcomes,
      updatedAt: events.updatedAt,
      pairMentorSlug: pairMentor.slug,
      pairMentorNameEn: pairMentor.nameEn,
      pairMenteeSlug: pairMentee.slug,
      pairMenteeNameEn: pairMentee.nameEn,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(events)
    .innerJoin(hostCity, eq(hostCity.id, events.hostCityId))
    .leftJoin(pairMentor, eq(pairMentor.id, events.pairMentorCityId))
    .leftJoin(pairMentee, eq(pairMentee.id, events.pairMenteeCityId))
    .where(filtersWhere(filters))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(page.limit)
    .offset(page.offset);
  const ids = rows.map((r) => r.id);
  const [codes, trainers] = await Promise.all([componentCodesOf(db, ids), trainersOf(db, ids)]);
  return { rows: rows.map((row) => ({ ...row, components: codes.get(row.id) ?? [], trainers: trainers.get(row.id) ?? [] })), total: rows[0]?.total ?? 0 };
}

/** Every event for the iCalendar feed: from a year back on, any status (cancellations must reach calendars). */
export async function listEventsForCalendar(db: Database, options: { city?: string; since: Date; limit?: number }) {
  return db
    .select({
      id: events.id,
      uid: events.uid,
      sequence: events.sequence,
      title: events.title,
      type: events.type,
      description: events.description,
      status: events.status,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      venue: events.venue,
      createdAt: events.createdAt,
      updatedAt: events.updatedAt,
      hostNameEn: hostCity.nameEn,
    })
    .from(events)
    .innerJoin(hostCity, eq(hostCity.id, events.hostCityId))
    .where(and(gte(events.endsAt, options.since), filtersWhere({ city: options.city })))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(options.limit ?? 2000);
}

async function trainersOf(db: Database, eventIds: number[]): Promise<Map<number, { id: number; name: string }[]>> {
  const map = new Map<number, { id: number; name: string }[]>();
  if (eventIds.length === 0) return map;
  const rows = await db
    .select({ eventId: eventTrainers.eventId, id: users.id, name: users.name })
    .from(eventTrainers)
    .innerJoin(users, eq(users.id, eventTrainers.userId))
    .where(inArray(eventTrainers.eventId, eventIds))
    .orderBy(asc(users.name));
  for (const row of rows) (map.get(row.eventId) ?? map.set(row.eventId, []).get(row.eventId))?.push({ id: row.id, name: row.name });
  return map;
}

export async function eventTrainerIds(db: Database, eventId: number): Promise<number[]> {
  const rows = await db.select({ userId: eventTrainers.userId }).from(eventTrainers).where(eq(eventTrainers.eventId, eventId));
  return rows.map((r) => r.userId);
}

/** One event with its cities, components, trainers and seat counts; null when it does not exist. */
export async function getEventDetail(db: Database, eventId: number) {
  const [row] = await db
    .select({
      event: events,
      ...hostColumns,
      pairMentorSlug: pairMentor.slug,
      pairMentorNameEn: pairMentor.nameEn,
      pairMentorNameBn: pairMentor.nameBn,
      pairMentorNameNe: pairMentor.nameNe,
      pairMenteeSlug: pairMentee.slug,
      pairMenteeNameEn: pairMentee.nameEn,
      pairMenteeNameBn: pairMentee.nameBn,
      pairMenteeNameNe: pairMentee.nameNe,
      registered: registeredCount,
      waitlisted: waitlistedCount,
      attended: attendedCount,
    })
    .from(events)
    .innerJoin(hostCity, eq(hostCity.id, events.hostCityId))
    .leftJoin(pairMentor, eq(pairMentor.id, events.pairMentorCityId))
    .leftJoin(pairMentee, eq(pairMentee.id, events.pairMenteeCityId))
    .where(eq(events.id, eventId));
  if (!row) return null;
  const [componentRows, trainers] = await Promise.all([
    db
      .select({ code: components.code, nameEn: components.nameEn, nameBn: components.nameBn, nameNe: components.nameNe })
      .from(eventComponents)
      .innerJoin(components, eq(components.id, eventComponents.componentId))
      .where(eq(eventComponents.eventId, eventId))
      .orderBy(asc(components.sortOrder)),
    trainersOf(db, [eventId]),
  ]);
  const pair =
    row.pairMentorSlug && row.pairMenteeSlug
      ? {
          mentor: { slug: row.pairMentorSlug, nameEn: row.pairMentorNameEn ?? "", nameBn: row.pairMentorNameBn ?? "", nameNe: row.pairMentorNameNe ?? "" },
          mentee: { slug: row.pairMenteeSlug, nameEn: row.pairMenteeNameEn ?? "", nameBn: row.pairMenteeNameBn ?? "", nameNe: row.pairMenteeNameNe ?? "" },
        }
      : null;
  return {
    event: row.event,
    host: { slug: row.hostSlug, nameEn: row.hostNameEn, nameBn: row.hostNameBn, nameNe: row.hostNameNe },
    pair,
    components: componentRows,
    trainers: trainers.get(eventId) ?? [],
    counts: { registered: row.registered, waitlisted: row.waitlisted, attended: row.attended },
  };
}

export type EventDetail = NonNullable<Awaited<ReturnType<typeof getEventDetail>>>;

/** Choices for the event form and the list filters. */
export async function eventFormOptions(db: Database) {
  const mentor = alias(cities, "mentor");
  const [cityRows, componentRows, trainerRows, pairRows] = await Promise.all([
    db.select({ id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, country: cities.country }).from(cities).orderBy(asc(cities.nameEn)),
    db.select({ id: components.id, code: components.code, nameEn: components.nameEn, nameBn: components.nameBn, nameNe: components.nameNe }).from(components).orderBy(asc(components.sortOrder)),
    db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(and(inArray(users.role, ["trainer", "admin"]), eq(users.disabled, false)))
      .orderBy(asc(users.name)),
    db
      .select({
        menteeSlug: cities.slug,
        menteeNameEn: cities.nameEn,
        menteeNameBn: cities.nameBn,
        menteeNameNe: cities.nameNe,
        mentorNameEn: mentor.nameEn,
        mentorNameBn: mentor.nameBn,
        mentorNameNe: mentor.nameNe,
      })
      .from(cities)
      .innerJoin(mentor, eq(mentor.id, cities.mentorCityId))
      .orderBy(asc(mentor.nameEn), asc(cities.nameEn)),
  ]);
  return { cities: cityRows, components: componentRows, trainers: trainerRows, pairs: pairRows };
}

/** People who run at least one event, for the trainer filter (public: names only). */
export async function listEventTrainers(db: Database) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(eventTrainers)
    .innerJoin(users, eq(users.id, eventTrainers.userId))
    .orderBy(asc(users.name), asc(users.id));
}

/** Other events, not cancelled, that a trainer of this one runs at an overlapping time. */
export async function findTrainerOverlaps(db: Database, trainerIds: number[], startsAt: Date, endsAt: Date, excludeEventId?: number): Promise<TrainerOverlap[]> {
  if (trainerIds.length === 0) return [];
  return db
    .select({ eventId: events.id, title: events.title, trainerName: users.name, startsAt: events.startsAt, endsAt: events.endsAt, timeZone: events.timeZone })
    .from(events)
    .innerJoin(eventTrainers, eq(eventTrainers.eventId, events.id))
    .innerJoin(users, eq(users.id, eventTrainers.userId))
    .where(
      and(
        inArray(eventTrainers.userId, trainerIds),
        ne(events.status, "cancelled"),
        lt(events.startsAt, endsAt),
        gt(events.endsAt, startsAt),
        excludeEventId === undefined ? undefined : ne(events.id, excludeEventId),
      ),
    )
    .orderBy(asc(events.startsAt), asc(users.name));
}

interface ResolvedRefs {
  hostCityId: number;
  pairMentorCityId: number | null;
  pairMenteeCityId: number | null;
  componentIds: number[];
}

/** Turns slugs and codes into ids, refusing unknown ones field by field. */
async function resolveRefs(tx: Database, input: EventInput): Promise<ResolvedRefs> {
  const [host] = await tx.select({ id: cities.id }).from(cities).where(eq(cities.slug, input.hostCity));
  if (!host) throw fieldRefusal("hostCity", "validation.events.hostCityUnknown");
  let pairMentorCityId: number | null = null;
  let pairMenteeCityId: number | null = null;
  if (input.pairMentee) {
    const [mentee] = await tx.select({ id: cities.id, mentorCityId: cities.mentorCityId }).from(cities).where(eq(cities.slug, input.pairMentee));
    if (!mentee || mentee.mentorCityId === null) throw fieldRefusal("pairMentee", "validation.events.pairUnknown");
    pairMenteeCityId = mentee.id;
    pairMentorCityId = mentee.mentorCityId;
  }
  const codes = input.components;
  const componentRows = codes.length ? await tx.select({ id: components.id, code: components.code }).from(components).where(inArray(components.code, codes)) : [];
  if (componentRows.length !== codes.length) throw fieldRefusal("components", "validation.events.componentUnknown");
  const trainerRows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, input.trainers), inArray(users.role, ["trainer", "admin"]), eq(users.disabled, false)));
  if (trainerRows.length !== input.trainers.length) throw fieldRefusal("trainers", "validation.events.trainerUnknown");
  return { hostCityId: host.id, pairMentorCityId, pairMenteeCityId, componentIds: componentRows.map((c) => c.id) };
}

/** What the audit log keeps of an event. */
function auditView(event: Event, extra: { components?: string[]; trainers?: number[] } = {}) {
  return {
    title: event.title,
    type: event.type,
    status: event.status,
    hostCityId: event.hostCityId,
    pairMenteeCityId: event.pairMenteeCityId,
    timeZone: event.timeZone,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    registrationDeadline: event.registrationDeadline?.toISOString() ?? null,
    venue: event.venue,
    onlineUrl: event.onlineUrl,
    capacity: event.capacity,
    sequence: event.sequence,
    ...extra,
  };
}

function eventValues(input: EventInput, refs: ResolvedRefs) {
  return {
    title: input.title,
    type: input.type,
    description: input.description,
    hostCityId: refs.hostCityId,
    pairMentorCityId: refs.pairMentorCityId,
    pairMenteeCityId: refs.pairMenteeCityId,
    timeZone: input.timeZone,
    startsAt: input.startsAtUtc,
    endsAt: input.endsAtUtc,
    venue: input.venue,
    onlineUrl: input.onlineUrl,
    capacity: input.capacity,
    registrationDeadline: input.registrationDeadlineUtc,
  };
}

async function replaceLinks(tx: Database, eventId: number, componentIds: number[], trainerIds: number[]) {
  await tx.delete(eventComponents).where(eq(eventComponents.eventId, eventId));
  await tx.delete(eventTrainers).where(eq(eventTrainers.eventId, eventId));
  if (componentIds.length) await tx.insert(eventComponents).values(componentIds.map((componentId) => ({ eventId, componentId })));
  await tx.insert(eventTrainers).values(trainerIds.map((userId) => ({ eventId, userId })));
}

// Writes below are called by server/events/write.ts, which decides who may (lib/policies/events);
// those that change an event take it locked (lockEvent) in the caller's transaction.

/**
 * Schedules an event run by `trainerIds`. Refuses unknown cities, components and trainers; when a
 * trainer is already booked at that time, throws OverlapWarning unless the input confirms the overlap.
 */
export async function insertEvent(db: Database, input: EventInput, trainerIds: number[], actorId: number): Promise<Event> {
  return db.transaction(async (tx) => {
    const refs = await resolveRefs(tx, { ...input, trainers: trainerIds });
    if (!input.confirmOverlap) {
      const overlaps = await findTrainerOverlaps(tx, trainerIds, input.startsAtUtc, input.endsAtUtc);
      if (overlaps.length) throw new OverlapWarning(overlaps);
    }
    const [event] = await tx
      .insert(events)
      .values({ ...eventValues(input, refs), createdBy: actorId })
      .returning();
    if (!event) throw new AppError("unexpected");
    await replaceLinks(tx, event.id, refs.componentIds, trainerIds);
    await writeAudit(tx, { actorId, action: "event.create", entity: "event", entityId: event.id, after: auditView(event, { components: input.components, trainers: trainerIds }) });
    return event;
  });
}

/** Locks the event row for the rest of the transaction, so seat counts cannot change under us. */
export async function lockEvent(tx: Database, eventId: number): Promise<Event> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
  if (!event) throw new AppError("not_found");
  return event;
}

/** The waitlisted registrations that fit in the free seats, oldest registration first. */
export async function waitlistedToPromote(tx: Database, event: Pick<Event, "id" | "capacity">): Promise<number[]> {
  const [taken] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(registrations)
    .where(and(eq(registrations.eventId, event.id), eq(registrations.status, "registered")));
  const free = event.capacity - (taken?.n ?? 0);
  if (free <= 0) return [];
  const waiting = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, event.id), eq(registrations.status, "waitlisted")))
    .orderBy(asc(registrations.registeredAt), asc(registrations.id))
    .limit(free);
  return waiting.map((w) => w.id);
}

/**
 * Edits the locked event `before` (run by `currentTrainers`). The capacity cannot drop below the
 * seats already taken; a larger one moves the waitlist up. Calendars see the change through a
 * higher SEQUENCE. A larger capacity frees seats: the caller moves the waitlist up.
 */
export async function updateEventRow(tx: Database, before: Event, currentTrainers: number[], input: EventInput, actorId: number): Promise<Event> {
  const eventId = before.id;
  const refs = await resolveRefs(tx, input);
  const [taken] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, "registered")));
  if (input.capacity < (taken?.n ?? 0)) throw fieldRefusal("capacity", "validation.events.capacityBelowRegistrations");
  if (!input.confirmOverlap && before.status !== "cancelled") {
    const overlaps = await findTrainerOverlaps(tx, input.trainers, input.startsAtUtc, input.endsAtUtc, eventId);
    if (overlaps.length) throw new OverlapWarning(overlaps);
  }
  const [after] = await tx
    .update(events)
    .set({ ...eventValues(input, refs), sequence: before.sequence + 1, updatedAt: sql`now()` })
    .where(eq(events.id, eventId))
    .returning();
  if (!after) throw new AppError("unexpected");
  await replaceLinks(tx, eventId, refs.componentIds, input.trainers);
  await writeAudit(tx, { actorId, action: "event.update", entity: "event", entityId: eventId, before: auditView(before, { trainers: currentTrainers }), after: auditView(after, { components: input.components, trainers: input.trainers }) });
  return after;
}

/** The events of a status change, locked, with what the workflow and its rules read. */
export async function lockEventsForStatus(tx: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: events.id, status: events.status, sequence: events.sequence, startsAt: events.startsAt, hostCityId: events.hostCityId, createdBy: events.createdBy })
    .from(events)
    .where(inArray(events.id, [...ids]))
    .for("update");
}

/**
 * Stores an event's new status. Nothing is deleted: a cancelled event keeps its registrations and
 * stays in the feed marked CANCELLED; calendars see the change through a higher SEQUENCE.
 */
export async function moveEventStatus(tx: Database, id: number, to: EventStatus) {
  const [row] = await tx
    .update(events)
    .set({ status: to, sequence: sql`${events.sequence} + 1`, updatedAt: sql`now()` })
    .where(eq(events.id, id))
    .returning({ id: events.id, status: events.status, sequence: events.sequence, startsAt: events.startsAt, hostCityId: events.hostCityId, createdBy: events.createdBy });
  if (!row) throw new AppError("not_found");
  return row;
}

/** Records what came out of the locked event `before` (free text, public). */
export async function writeOutcomes(tx: Database, before: Event, outcomes: string, actorId: number): Promise<void> {
  if (before.outcomes === outcomes) return;
  await tx.update(events).set({ outcomes, updatedAt: sql`now()` }).where(eq(events.id, before.id));
  await writeAudit(tx, { actorId, action: "event.outcomes", entity: "event", entityId: before.id, before: { outcomes: before.outcomes }, after: { outcomes } });
}

// ---------------------------------------------------------------------------------------------
// Materials: a published resource from the library, or a link.

export interface EventMaterialView {
  id: number;
  kind: "resource" | "url";
  title: string;
  href: string;
}

/**
 * The event's materials. Library resources show only while published (the library may withdraw
 * one); their title and page come from the library.
 */
export async function listMaterials(db: Database, eventId: number) {
  const rows = await db
    .select({ id: eventMaterials.id, url: eventMaterials.url, title: eventMaterials.title, resourceId: eventMaterials.resourceId, resourceTitle: resources.title, resourceStatus: resources.status })
    .from(eventMaterials)
    .leftJoin(resources, eq(resources.id, eventMaterials.resourceId))
    .where(eq(eventMaterials.eventId, eventId))
    .orderBy(asc(eventMaterials.createdAt), asc(eventMaterials.id));
  return rows.flatMap((row): EventMaterialView[] => {
    if (row.resourceId !== null) {
      if (row.resourceStatus !== "published" || row.resourceTitle === null) return [];
      return [{ id: row.id, kind: "resource", title: row.resourceTitle, href: `/resources/${row.resourceId}` }];
    }
    return row.url ? [{ id: row.id, kind: "url", title: row.title || row.url, href: row.url }] : [];
  });
}

/** Published resources, newest first, for the material picker. */
export async function listResourceOptions(db: Database, limit = 300) {
  return db
    .select({ id: resources.id, title: resources.title })
    .from(resources)
    .where(eq(resources.status, "published"))
    .orderBy(desc(resources.publishedAt), desc(resources.id))
    .limit(limit);
}

/** Adds a material to the (locked) event. */
export async function insertMaterial(tx: Database, eventId: number, input: MaterialInput, actorId: number): Promise<number> {
  if (input.resourceId !== null) {
    const [resource] = await tx.select({ id: resources.id }).from(resources).where(and(eq(resources.id, input.resourceId), eq(resources.status, "published")));
    if (!resource) throw fieldRefusal("resourceId", "validation.events.resourceUnknown");
  }
  const [duplicate] = await tx
    .select({ id: eventMaterials.id })
    .from(eventMaterials)
    .where(and(eq(eventMaterials.eventId, eventId), input.resourceId !== null ? eq(eventMaterials.resourceId, input.resourceId) : eq(eventMaterials.url, input.url ?? "")));
  if (duplicate) throw fieldRefusal(input.resourceId !== null ? "resourceId" : "url", "validation.events.materialDuplicate");
  try {
    const [row] = await tx
      .insert(eventMaterials)
      .values({ eventId, resourceId: input.resourceId, url: input.url, title: input.resourceId !== null ? "" : input.title, addedBy: actorId })
      .returning({ id: eventMaterials.id });
    if (!row) throw new AppError("unexpected");
    await writeAudit(tx, { actorId, action: "event.material.add", entity: "event", entityId: eventId, after: { materialId: row.id, resourceId: input.resourceId, url: input.url, title: input.title } });
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldRefusal("url", "validation.events.materialDuplicate");
    throw error;
  }
}

/** Removes a material of the (locked) event. */
export async function deleteMaterial(tx: Database, eventId: number, materialId: number, actorId: number): Promise<void> {
  const [removed] = await tx
    .delete(eventMaterials)
    .where(and(eq(eventMaterials.id, materialId), eq(eventMaterials.eventId, eventId)))
    .returning();
  if (!removed) throw new AppError("not_found");
  await writeAudit(tx, { actorId, action: "event.material.remove", entity: "event", entityId: eventId, before: { materialId, resourceId: removed.resourceId, url: removed.url, title: removed.title } });
}

/** Scheduled events starting after `from` and at or before `to` (the reminders' window). */
export async function scheduledEventsStarting(db: Database, from: Date, to: Date): Promise<Event[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.status, "scheduled"), gt(events.startsAt, from), lte(events.startsAt, to)))
    .orderBy(asc(events.startsAt));
}
