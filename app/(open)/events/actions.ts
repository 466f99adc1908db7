"use server";

import { z } from "zod";
import { actionWith } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { getI18n } from "@/server/i18n";
import { addMaterial, createEvent, markAttendance, registerParticipant, removeMaterial, saveOutcomes, setEventStatus, updateEvent, withdrawRegistration } from "@/server/events/write";
import type { ActionResult } from "@/lib/action-result";
import { INTL_LOCALE } from "@/lib/i18n/config";
import { OverlapWarning } from "@/lib/events/errors";
import { eventTimeFormat } from "@/lib/events/time";
import type { EventFormState, OverlapView } from "@/lib/validation/event-form";
import { attendanceSchema, boundId, eventFormSchema, eventStatusChangeSchema, materialSchema, outcomesSchema, registrationSchema } from "@/lib/validation/events";

/*
 * Who may change which event (its trainers, admins) and register whom (an officer: their own
 * city) is decided per row by server/events/write.ts with lib/policies/events; the builder checks
 * the role's permission first.
 */

const EVENT_FIELDS = ["title", "type", "description", "hostCity", "pairMentee", "timeZone", "startsAt", "endsAt", "registrationDeadline", "venue", "onlineUrl", "capacity"] as const;

/**
 * The event id bound on the page comes back from the browser: it is checked like any input (in
 * `read`, after the permission). The form itself is parsed by its own schema in `run`, so field
 * errors keep the form's field names.
 */
const bound = z.object({ eventId: z.number() }).loose();
const fieldsOf = (formData: FormData) => Object.fromEntries(formData);
const withEvent = (raw: (formData: FormData) => Record<string, unknown>) => (formData: FormData, eventId: number) => ({ ...raw(formData), eventId: boundId(eventId) });

/** Creates (eventId null) or edits an event, then opens its page. */
export const saveEventAction = actionWith({
  permission: "events.manage",
  schema: z.object({ eventId: z.number().nullable() }).loose(),
  read: (formData, eventId: number | null) => ({ ...Object.fromEntries(formData), components: formData.getAll("components"), trainers: formData.getAll("trainers"), eventId: eventId === null ? null : boundId(eventId) }),
  run: async ({ db, actor, input: raw }) => {
    const input = eventFormSchema.parse(raw);
    return (raw.eventId === null ? await createEvent(db, input, actor) : await updateEvent(db, raw.eventId, input, actor)).id;
  },
  invalidate: () => invalidate.events(),
  redirectTo: (id) => `/events/${id}`,
  echo: EVENT_FIELDS,
  echoMulti: ["components", "trainers"],
  // A trainer's double booking comes back as a warning with the clashing events; the form then
  // offers a checkbox to save anyway.
  mapError: async (error): Promise<(ActionResult<number> & { overlaps?: OverlapView[] }) | undefined> => {
    if (!(error instanceof OverlapWarning)) return undefined;
    const { locale } = await getI18n();
    const overlaps = error.overlaps.map((o) => ({ eventId: o.eventId, title: o.title, trainerName: o.trainerName, when: `${eventTimeFormat(INTL_LOCALE[locale], o.timeZone).range(o.startsAt, o.endsAt)} (${o.timeZone})` }));
    return { ok: false, error: error.messageKey, overlaps };
  },
});

export const setEventStatusAction = actionWith({
  permission: "events.manage",
  schema: bound,
  read: withEvent(fieldsOf),
  run: async ({ db, actor, input }) => {
    await setEventStatus(db, input.eventId, eventStatusChangeSchema.parse(input).status, actor);
    return undefined;
  },
  invalidate: () => invalidate.events(),
});

/*
 * Officers, trainers and admins. An officer is checked against their own city here (the scope);
 * which city a participant may be registered into or withdrawn from is checked per row again.
 */
const registrarScope = async ({ actor }: { actor: { role: string; cityId: number | null } }) => ({ cityId: actor.role === "officer" ? actor.cityId : null });

const REGISTRATION_FIELDS = ["name", "position", "organisation", "city", "participantRole", "gender", "email", "phone"] as const;

/** Registers a participant. The city comes from the form; an officer may register their own city's only. */
export const registerAction = actionWith({
  permission: "events.register",
  schema: bound,
  read: withEvent(fieldsOf),
  scope: registrarScope,
  run: async ({ db, actor, input }) => {
    await registerParticipant(db, input.eventId, registrationSchema.parse(input), actor);
    return undefined;
  },
  invalidate: (_data, { input }) => invalidate.events(input.eventId),
  echo: REGISTRATION_FIELDS,
});

export const withdrawAction = actionWith({
  permission: "events.register",
  schema: bound,
  read: withEvent((formData) => ({ registrationId: boundId(Number(formData.get("registrationId"))) })),
  scope: registrarScope,
  run: async ({ db, actor, input }) => {
    await withdrawRegistration(db, z.number().parse(input.registrationId), actor, { eventId: input.eventId });
    return undefined;
  },
  invalidate: (_data, { input }) => invalidate.events(input.eventId),
});

export const attendanceAction = actionWith({
  permission: "events.manage",
  schema: bound,
  read: withEvent((formData) => ({ listed: formData.getAll("listed"), attended: formData.getAll("attended") })),
  run: async ({ db, actor, input }) => markAttendance(db, input.eventId, attendanceSchema.parse(input), actor),
  invalidate: () => invalidate.events(),
});

export const outcomesAction = actionWith({
  permission: "events.manage",
  schema: bound,
  read: withEvent(fieldsOf),
  run: async ({ db, actor, input }) => {
    await saveOutcomes(db, input.eventId, outcomesSchema.parse(input).outcomes, actor);
    return undefined;
  },
  invalidate: (_data, { input }) => invalidate.events(input.eventId),
  echo: ["outcomes"],
});

export const addMaterialAction = actionWith({
  permission: "events.manage",
  schema: bound,
  read: withEvent(fieldsOf),
  run: async ({ db, actor, input }) => {
    await addMaterial(db, input.eventId, materialSchema.parse(input), actor);
    return undefined;
  },
  invalidate: (_data, { input }) => invalidate.events(input.eventId),
  echo: ["url", "title", "resourceId"],
});

export const removeMaterialAction = actionWith({
  permission: "events.manage",
  schema: bound,
  read: withEvent((formData) => ({ materialId: boundId(Number(formData.get("materialId"))) })),
  run: async ({ db, actor, input }) => {
    await removeMaterial(db, input.eventId, z.number().parse(input.materialId), actor);
    return undefined;
  },
  invalidate: (_data, { input }) => invalidate.events(input.eventId),
});
