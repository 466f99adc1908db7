import { can, canForCity, type Actor } from "@/lib/permissions";

/** Admins edit, cancel and run every event; a trainer only the events they run. */
export function canEditEvent(actor: Actor | null, trainerIds: readonly number[]): boolean {
  if (!actor || !can(actor.role, "events.manage")) return false;
  return actor.role === "admin" || trainerIds.includes(actor.id);
}

/** A trainer who schedules an event runs it: they are added to its trainers if they left themself out. */
export function trainersOfNewEvent(actor: Actor, trainerIds: readonly number[]): number[] {
  return actor.role === "trainer" && !trainerIds.includes(actor.id) ? [...trainerIds, actor.id] : [...trainerIds];
}

/** Editing an event, a trainer stays among its trainers (else they would lock themself out); admins need not. */
export function keepsEditorAmongTrainers(actor: Actor, trainerIds: readonly number[]): boolean {
  return actor.role === "admin" || trainerIds.includes(actor.id);
}

/**
 * Whose registrations of an event the actor may see: every participant (trainers and admins),
 * their own city's participants (officers), or none (partners, reviewers, the public).
 */
export function registrationScope(actor: Actor | null): { kind: "all" } | { kind: "city"; cityId: number } | null {
  if (!actor) return null;
  if (can(actor.role, "events.manage")) return { kind: "all" };
  if (actor.role === "officer" && actor.cityId !== null && can(actor.role, "events.register")) return { kind: "city", cityId: actor.cityId };
  return null;
}

/**
 * A participant's email and phone: admins, the event's own trainers and the officer of the
 * participant's city. Other trainers see who registered, not how to reach them.
 */
export function canSeeParticipantContact(actor: Actor | null, trainerIds: readonly number[], participantCityId: number): boolean {
  if (!actor) return false;
  if (canEditEvent(actor, trainerIds)) return true;
  return actor.role === "officer" && actor.cityId === participantCityId;
}

/** Officers register into their own city's quota only; trainers and admins register anyone. */
export function canRegisterParticipant(actor: Actor | null, participantCityId: number): boolean {
  return actor !== null && canForCity(actor, "events.register", participantCityId);
}

/** Past the registration deadline only the people running events may still add participants. */
export function canRegisterLate(actor: Actor | null): boolean {
  return actor !== null && can(actor.role, "events.manage");
}

/** A registration is withdrawn by whoever runs the event or by the officer of the participant's city. */
export function canWithdrawRegistration(actor: Actor | null, trainerIds: readonly number[], participantCityId: number): boolean {
  if (!actor) return false;
  return canEditEvent(actor, trainerIds) || (actor.role === "officer" && canForCity(actor, "events.register", participantCityId));
}
