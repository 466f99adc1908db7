import { and, asc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { cities, registrations, type Event, type Registration } from "../schema";
import { writeAudit } from "./audit";
import { lockEvent } from "./events";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { fieldRefusal } from "@/lib/events/errors";
import { nameKeyOf, type AttendanceInput, type RegistrationInput } from "@/lib/validation/events";

/** What the audit log keeps of a registration: never the participant's contact details. */
function auditView(row: Registration) {
  return { eventId: row.eventId, cityId: row.cityId, name: row.name, gender: row.gender, participantRole: row.participantRole, status: row.status, attended: row.attended };
}

/** When officers can no longer register: the deadline, or without one the end of the event. */
export function registrationClosesAt(event: { registrationDeadline: Date | null; endsAt: Date }): Date {
  return event.registrationDeadline ?? event.endsAt;
}

/** The id of the city a participant comes from; an unknown slug is refused on the field. */
export async function participantCityId(tx: Database, slug: string): Promise<number> {
  const [city] = await tx.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
  if (!city) throw fieldRefusal("city", "validation.city");
  return city.id;
}

/**
 * Registers a participant of `cityId` for the locked `event` (server/events/write.ts locks it and
 * decides who may), so two registrations for the last seat are decided one after the other: the
 * first gets the seat, the second goes to the waitlist. Refused: a cancelled or completed event,
 * after the deadline (unless `mayRegisterLate`), the same email or the same name in the same city
 * already registered or waitlisted.
 */
export async function insertRegistration(
  tx: Database,
  event: Event,
  cityId: number,
  input: RegistrationInput,
  options: { actorId: number; mayRegisterLate: boolean; now: Date },
): Promise<Registration> {
  const { actorId, now } = options;
  const eventId = event.id;
  const city = { id: cityId };
  if (event.status !== "scheduled") throw new AppError("invalid", event.status === "cancelled" ? "events.cancelledNoRegistration" : "events.completedNoRegistration");
  if (now.getTime() > registrationClosesAt(event).getTime() && !options.mayRegisterLate) throw new AppError("invalid", "events.registrationClosed");

  const nameKey = nameKeyOf(input.name);
  const [duplicate] = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        ne(registrations.status, "withdrawn"),
        or(and(eq(registrations.cityId, city.id), eq(registrations.nameKey, nameKey)), input.email ? eq(registrations.email, input.email) : undefined),
      ),
    )
    .limit(1);
  if (duplicate) throw new AppError("conflict", "events.duplicateRegistration");

  const [taken] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, "registered")));
  const status = (taken?.n ?? 0) < event.capacity ? "registered" : "waitlisted";
  try {
    const [row] = await tx
      .insert(registrations)
      .values({
        eventId,
        cityId: city.id,
        name: input.name,
        nameKey,
        position: input.position,
        organisation: input.organisation,
        participantRole: input.participantRole,
        gender: input.gender,
        email: input.email,
        phone: input.phone,
        status,
        registeredBy: actorId,
        registeredAt: now,
      })
      .returning();
    if (!row) throw new AppError("unexpected");
    await writeAudit(tx, { actorId, action: "registration.create", entity: "registration", entityId: row.id, after: auditView(row) });
    return row;
  } catch (error) {
    // The partial unique indexes back the check above when two requests race on different events' locks.
    if (isUniqueViolation(error)) throw new AppError("conflict", "events.duplicateRegistration");
    throw error;
  }
}

/**
 * A registration with its event locked, so its seat cannot change under the caller. `eventId`
 * (when given) must be its event: one event's withdraw button must not reach another's.
 */
export async function lockRegistration(tx: Database, registrationId: number, eventId?: number): Promise<{ event: Event; registration: Registration }> {
  const [found] = await tx.select({ eventId: registrations.eventId }).from(registrations).where(eq(registrations.id, registrationId));
  if (!found || (eventId !== undefined && found.eventId !== eventId)) throw new AppError("not_found");
  const event = await lockEvent(tx, found.eventId);
  const [registration] = await tx.select().from(registrations).where(eq(registrations.id, registrationId));
  if (!registration) throw new AppError("not_found");
  return { event, registration };
}

/** Registrations of a status change, locked (their event is locked first by the caller). */
export async function lockRegistrationsForStatus(tx: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: registrations.id, eventId: registrations.eventId, status: registrations.status, cityId: registrations.cityId, registeredBy: registrations.registeredBy })
    .from(registrations)
    .where(inArray(registrations.id, [...ids]))
    .for("update");
}

/** Stores a registration's new status; a withdrawn one keeps its row, stamped, for the record. */
export async function moveRegistrationStatus(tx: Database, id: number, to: Registration["status"], now: Date) {
  const [row] = await tx
    .update(registrations)
    .set({ status: to, withdrawnAt: to === "withdrawn" ? now : null })
    .where(eq(registrations.id, id))
    .returning({ id: registrations.id, eventId: registrations.eventId, status: registrations.status, cityId: registrations.cityId, registeredBy: registrations.registeredBy });
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Marks who attended the locked `event`, once it has started: ticked registrations attended, the
 * other listed ones not.
 */
export async function writeAttendance(tx: Database, event: Event, input: AttendanceInput, actorId: number, now: Date): Promise<number> {
  const eventId = event.id;
  if (event.status === "cancelled") throw new AppError("invalid", "events.cancelledNoAttendance");
  if (event.startsAt.getTime() > now.getTime()) throw new AppError("invalid", "events.attendanceBeforeStart");
  if (input.listed.length === 0) return 0;
  const rows = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), inArray(registrations.id, input.listed), ne(registrations.status, "withdrawn")));
  if (rows.length !== new Set(input.listed).size) throw new AppError("invalid", "events.attendanceUnknown");
  const attended = new Set(input.attended);
  let changed = 0;
  for (const row of rows) {
    const value = attended.has(row.id);
    if (row.attended === value) continue;
    const [after] = await tx.update(registrations).set({ attended: value }).where(eq(registrations.id, row.id)).returning();
    if (!after) throw new AppError("unexpected");
    await writeAudit(tx, { actorId, action: "registration.attendance", entity: "registration", entityId: row.id, before: { attended: row.attended }, after: { attended: value } });
    changed++;
  }
  return changed;
}

/**
 * The event's registrations, seat holders first, then the waitlist in order, then withdrawals.
 * `cityId` limits them to one city (an officer's view). Contact details are in the rows: the
 * page decides per row whether the reader may see them.
 */
export async function listRegistrations(db: Database, eventId: number, scope: { cityId?: number } = {}) {
  return db
    .select({
      id: registrations.id,
      cityId: registrations.cityId,
      citySlug: cities.slug,
      cityNameEn: cities.nameEn,
      cityNameBn: cities.nameBn,
      cityNameNe: cities.nameNe,
      name: registrations.name,
      position: registrations.position,
      organisation: registrations.organisation,
      participantRole: registrations.participantRole,
      gender: registrations.gender,
      email: registrations.email,
      phone: registrations.phone,
      status: registrations.status,
      attended: registrations.attended,
      registeredAt: registrations.registeredAt,
    })
    .from(registrations)
    .innerJoin(cities, eq(cities.id, registrations.cityId))
    .where(and(eq(registrations.eventId, eventId), scope.cityId === undefined ? undefined : eq(registrations.cityId, scope.cityId)))
    .orderBy(sql`case ${registrations.status} when 'registered' then 0 when 'waitlisted' then 1 else 2 end`, asc(registrations.registeredAt), asc(registrations.id))
    .limit(5000);
}

export type RegistrationRow = Awaited<ReturnType<typeof listRegistrations>>[number];

/**
 * Whom to tell about an event: its registrations (all, or `ids`) in the given statuses, with the
 * participant's country (their language in mail) and who registered them.
 */
export async function registrationsToTell(db: Database, eventId: number, options: { statuses: readonly Registration["status"][]; ids?: readonly number[] }) {
  if (options.ids && options.ids.length === 0) return [];
  return db
    .select({ id: registrations.id, name: registrations.name, email: registrations.email, status: registrations.status, country: cities.country, registeredBy: registrations.registeredBy })
    .from(registrations)
    .innerJoin(cities, eq(cities.id, registrations.cityId))
    .where(and(eq(registrations.eventId, eventId), inArray(registrations.status, [...options.statuses]), options.ids ? inArray(registrations.id, [...options.ids]) : undefined))
    .orderBy(asc(registrations.id));
}
