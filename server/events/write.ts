import "server-only";
import type { Database } from "@/db/client";
import type { Event, EventStatus, Registration } from "@/db/schema";
import { changeEventStatus, deleteMaterial, eventTrainerIds, insertEvent, insertMaterial, lockEvent, updateEventRow, writeOutcomes } from "@/db/queries/events";
import { insertRegistration, lockRegistration, markWithdrawn, participantCityId, writeAttendance } from "@/db/queries/registrations";
import { AppError } from "@/lib/errors";
import { fieldRefusal } from "@/lib/events/errors";
import type { Actor } from "@/lib/permissions";
import { canEditEvent, canRegisterLate, canRegisterParticipant, canWithdrawRegistration, keepsEditorAmongTrainers, trainersOfNewEvent } from "@/lib/policies/events";
import type { AttendanceInput, EventInput, MaterialInput, RegistrationInput } from "@/lib/validation/events";

/*
 * Event writes as the actor. Each locks the event, asks lib/policies/events whether the actor may
 * (against the trainers read in the same transaction), and runs the query steps there, so the
 * answer cannot change between the check and the write.
 */

/** Locks the event and refuses anyone who does not run it (admins run every event). */
async function lockForEditor(tx: Database, eventId: number, actor: Actor): Promise<{ event: Event; trainerIds: number[] }> {
  const event = await lockEvent(tx, eventId);
  const trainerIds = await eventTrainerIds(tx, eventId);
  if (!canEditEvent(actor, trainerIds)) throw new AppError("forbidden");
  return { event, trainerIds };
}

/**
 * Schedules an event (a trainer who leaves themself out runs it anyway). Refuses unknown cities,
 * components and trainers; a trainer's double booking is an OverlapWarning unless confirmed.
 */
export async function createEvent(db: Database, input: EventInput, actor: Actor): Promise<Event> {
  const trainerIds = trainersOfNewEvent(actor, input.trainers);
  if (!canEditEvent(actor, trainerIds)) throw new AppError("forbidden");
  return insertEvent(db, input, trainerIds, actor.id);
}

/** Edits an event: admins any, trainers only the ones they run, and they stay among its trainers. */
export async function updateEvent(db: Database, eventId: number, input: EventInput, actor: Actor): Promise<Event> {
  return db.transaction(async (tx) => {
    const { event, trainerIds } = await lockForEditor(tx, eventId, actor);
    if (!keepsEditorAmongTrainers(actor, input.trainers)) throw fieldRefusal("trainers", "validation.events.keepYourself");
    return updateEventRow(tx, event, trainerIds, input, actor.id);
  });
}

/** Cancels, completes or reopens an event (only one that has started can be completed). */
export async function setEventStatus(db: Database, eventId: number, status: EventStatus, actor: Actor, now = new Date()): Promise<Event> {
  return db.transaction(async (tx) => changeEventStatus(tx, (await lockForEditor(tx, eventId, actor)).event, status, actor.id, now));
}

/** Records what came out of the event (free text, public). */
export async function saveOutcomes(db: Database, eventId: number, outcomes: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => writeOutcomes(tx, (await lockForEditor(tx, eventId, actor)).event, outcomes, actor.id));
}

/** Adds a published library resource or a link to the event's materials. */
export async function addMaterial(db: Database, eventId: number, input: MaterialInput, actor: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    await lockForEditor(tx, eventId, actor);
    return insertMaterial(tx, eventId, input, actor.id);
  });
}

export async function removeMaterial(db: Database, eventId: number, materialId: number, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await lockForEditor(tx, eventId, actor);
    await deleteMaterial(tx, eventId, materialId, actor.id);
  });
}

/**
 * Registers a participant. Officers register into their own city only; past the deadline only
 * those who run events may still add someone.
 */
export async function registerParticipant(db: Database, eventId: number, input: RegistrationInput, actor: Actor, now = new Date()): Promise<Registration> {
  return db.transaction(async (tx) => {
    const cityId = await participantCityId(tx, input.city);
    if (!canRegisterParticipant(actor, cityId)) throw new AppError("forbidden", "events.otherCityRefused");
    const event = await lockEvent(tx, eventId);
    return insertRegistration(tx, event, cityId, input, { actorId: actor.id, mayRegisterLate: canRegisterLate(actor), now });
  });
}

/** Withdraws a registration: whoever runs the event, or the officer of the participant's city. */
export async function withdrawRegistration(db: Database, registrationId: number, actor: Actor, options: { eventId?: number; now?: Date } = {}): Promise<{ promoted: number[] }> {
  return db.transaction(async (tx) => {
    const { event, registration } = await lockRegistration(tx, registrationId, options.eventId);
    if (!canWithdrawRegistration(actor, await eventTrainerIds(tx, event.id), registration.cityId)) throw new AppError("forbidden");
    return markWithdrawn(tx, event, registration, actor.id, options.now ?? new Date());
  });
}

/** Marks who attended (the event's trainers and admins), once it has started. */
export async function markAttendance(db: Database, eventId: number, input: AttendanceInput, actor: Actor, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => writeAttendance(tx, (await lockForEditor(tx, eventId, actor)).event, input, actor.id, now));
}
