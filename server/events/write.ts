import "server-only";
import type { Database } from "@/db/client";
import type { Event, EventStatus, Registration } from "@/db/schema";
import { deleteMaterial, eventTrainerIds, insertEvent, insertMaterial, lockEvent, lockEventsForStatus, moveEventStatus, updateEventRow, waitlistedToPromote, writeOutcomes } from "@/db/queries/events";
import { insertRegistration, lockRegistration, lockRegistrationsForStatus, moveRegistrationStatus, participantCityId, writeAttendance } from "@/db/queries/registrations";
import type { RegistrationStatus } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { fieldRefusal } from "@/lib/events/errors";
import type { Actor } from "@/lib/permissions";
import { canEditEvent, canRegisterLate, canRegisterParticipant, canWithdrawRegistration, keepsEditorAmongTrainers, trainersOfNewEvent } from "@/lib/policies/events";
import type { AttendanceInput, EventInput, MaterialInput, RegistrationInput } from "@/lib/validation/events";
import { EVENT_WORKFLOW, REGISTRATION_WORKFLOW } from "@/lib/workflow/events";
import { transition, type TransitionResult, type WorkflowAdapter, type WorkflowRow } from "@/server/workflow";
import { changedForParticipants, tellParticipants } from "./mail";

/*
 * Event writes as the actor. Each locks the event, asks lib/policies/events whether the actor may
 * (against the trainers read in the same transaction), and runs the query steps there, so the
 * answer cannot change between the check and the write.
 */

type LockedEvent = Awaited<ReturnType<typeof lockEventsForStatus>>[number];
type EventRow = LockedEvent & WorkflowRow<EventStatus>;
const asEventRow = (row: LockedEvent): EventRow => ({ ...row, version: row.sequence, cityId: row.hostCityId, ownerId: row.createdBy });

/** Event status moves; `now` decides whether the event has started (only then can it be completed). */
function eventWorkflow(now: Date): WorkflowAdapter<EventStatus, EventRow> {
  return {
    workflow: EVENT_WORKFLOW,
    lock: async (tx, ids) => (await lockEventsForStatus(tx, ids)).map(asEventRow),
    apply: async (tx, row, move) => asEventRow(await moveEventStatus(tx, row.id, move.to)),
    auditView: (row) => ({ status: row.status, sequence: row.sequence }),
    refuse: (row, to) => (to === "completed" && row.startsAt.getTime() > now.getTime() ? "events.notStartedYet" : null),
  };
}

type LockedRegistration = Awaited<ReturnType<typeof lockRegistrationsForStatus>>[number];
type RegistrationRow = LockedRegistration & WorkflowRow<RegistrationStatus>;
// Registrations carry no version: nobody edits one concurrently but under its event's lock.
const asRegistrationRow = (row: LockedRegistration): RegistrationRow => ({ ...row, version: 0, ownerId: row.registeredBy });

/** Registration moves within the locked `event`: after the event (or its cancellation) the list is the record of who came. */
function registrationWorkflow(event: Event, now: Date): WorkflowAdapter<RegistrationStatus, RegistrationRow> {
  return {
    workflow: REGISTRATION_WORKFLOW,
    lock: async (tx, ids) => (await lockRegistrationsForStatus(tx, ids)).map(asRegistrationRow),
    apply: async (tx, row, move) => asRegistrationRow(await moveRegistrationStatus(tx, row.id, move.to, now)),
    auditView: (row) => ({ eventId: row.eventId, cityId: row.cityId, status: row.status }),
    refuse: (_row, to) => (to === "withdrawn" && event.status !== "scheduled" ? "events.withdrawNotScheduled" : null),
  };
}

/** A refused move as the error the forms show. */
function throwRefusal<S extends string, R>(result: TransitionResult<S, R>): void {
  if (result.conflicts.length) throw new AppError("conflict", "workflow.conflict");
  const [problem] = result.rowErrors;
  if (problem) throw new AppError(problem.messageKey === "errors.forbidden" ? "forbidden" : "invalid", problem.messageKey);
}

/** Moves the waitlist of the locked `event` up into its free seats, as a consequence of the actor's move. */
async function promoteWaitlist(tx: Database, event: Event, actor: Actor, now: Date): Promise<number[]> {
  const ids = await waitlistedToPromote(tx, event);
  const result = await transition(tx, actor, registrationWorkflow(event, now), ids.map((id) => ({ id, to: "registered" as const })), { asConsequence: true });
  throwRefusal(result);
  const promoted = result.moved.map((m) => m.id);
  await tellParticipants(tx, event, "registered", { registrationIds: promoted, actorId: actor.id });
  return promoted;
}

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
    const after = await updateEventRow(tx, event, trainerIds, input, actor.id);
    if (changedForParticipants(event, after) && after.status === "scheduled") await tellParticipants(tx, after, "changed", { actorId: actor.id });
    if (after.capacity > event.capacity) await promoteWaitlist(tx, after, actor, new Date());
    return after;
  });
}

/** Cancels, completes or reopens an event (only one that has started can be completed). */
export async function setEventStatus(db: Database, eventId: number, status: EventStatus, actor: Actor, now = new Date()): Promise<Event> {
  return db.transaction(async (tx) => {
    const { event } = await lockForEditor(tx, eventId, actor);
    const result = await transition(tx, actor, eventWorkflow(now), [{ id: event.id, to: status }]);
    throwRefusal(result);
    const after = result.moved[0]?.after;
    if (!after) throw new AppError("unexpected");
    const moved = { ...event, status: after.status, sequence: after.sequence };
    if (status === "cancelled") await tellParticipants(tx, moved, "cancelled", { actorId: actor.id });
    return moved;
  });
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
    const registration = await insertRegistration(tx, event, cityId, input, { actorId: actor.id, mayRegisterLate: canRegisterLate(actor), now });
    await tellParticipants(tx, event, registration.status === "registered" ? "registered" : "waitlisted", { registrationIds: [registration.id], actorId: actor.id });
    return registration;
  });
}

/** Withdraws a registration: whoever runs the event, or the officer of the participant's city. */
export async function withdrawRegistration(db: Database, registrationId: number, actor: Actor, options: { eventId?: number; now?: Date } = {}): Promise<{ promoted: number[] }> {
  return db.transaction(async (tx) => {
    const { event, registration } = await lockRegistration(tx, registrationId, options.eventId);
    if (!canWithdrawRegistration(actor, await eventTrainerIds(tx, event.id), registration.cityId)) throw new AppError("forbidden");
    const now = options.now ?? new Date();
    const result = await transition(tx, actor, registrationWorkflow(event, now), [{ id: registration.id, to: "withdrawn" }]);
    throwRefusal(result);
    const promoted = registration.status === "registered" ? await promoteWaitlist(tx, event, actor, now) : [];
    return { promoted };
  });
}

/** Marks who attended (the event's trainers and admins), once it has started. */
export async function markAttendance(db: Database, eventId: number, input: AttendanceInput, actor: Actor, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => writeAttendance(tx, (await lockForEditor(tx, eventId, actor)).event, input, actor.id, now));
}
