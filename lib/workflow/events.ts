import { EVENT_STATUSES, REGISTRATION_STATUSES, type EventStatus, type RegistrationStatus } from "@/lib/domain";
import type { Transition, Workflow } from "./types";

const EVENT_ACTION: Record<EventStatus, string> = { scheduled: "event.reopen", completed: "event.complete", cancelled: "event.cancel" };

/**
 * Events: whoever runs an event (lib/policies/events canEditEvent) cancels, completes or reopens
 * it; any status may follow any other. Completing one that has not started is refused by the
 * adapter (server/events/write.ts), which knows the time.
 */
export const EVENT_WORKFLOW = {
  entity: "event",
  statuses: EVENT_STATUSES,
  transitions: EVENT_STATUSES.flatMap((from) =>
    EVENT_STATUSES.filter((to) => to !== from).map((to): Transition<EventStatus> => ({ from, to, permission: "events.manage", action: EVENT_ACTION[to] })),
  ),
  // Every other pair is in the table, so a refused move asks for the status the event already has.
  refusedKey: () => "events.statusUnchanged",
} as const satisfies Workflow<EventStatus>;

/**
 * Registrations: withdrawn by whoever runs the event or the officer of the participant's city
 * (lib/policies/events canWithdrawRegistration); a waitlisted one is promoted when a seat frees,
 * as a consequence of the move that freed it. A withdrawn registration stays for the record.
 */
export const REGISTRATION_WORKFLOW = {
  entity: "registration",
  statuses: REGISTRATION_STATUSES,
  transitions: [
    { from: "registered", to: "withdrawn", permission: "events.register", action: "registration.withdraw" },
    { from: "waitlisted", to: "withdrawn", permission: "events.register", action: "registration.withdraw" },
    { from: "waitlisted", to: "registered", permission: "events.manage", action: "registration.promote" },
  ],
  refusedKey: (to) => (to === "withdrawn" ? "events.alreadyWithdrawn" : "workflow.notAllowed"),
} as const satisfies Workflow<RegistrationStatus>;
