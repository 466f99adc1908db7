"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePermission, requireUser } from "@/server/authz";
import { echoValues, runAction, type ActionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { INTL_LOCALE } from "@/lib/i18n/config";
import { getI18n } from "@/server/i18n";
import { canEditEvent } from "@/lib/permissions";
import { OverlapWarning } from "@/lib/events/errors";
import { eventTimeFormat } from "@/lib/events/time";
import type { EventFormState, OverlapView } from "@/lib/validation/event-form";
import { attendanceSchema, boundId, eventFormSchema, eventStatusChangeSchema, materialSchema, outcomesSchema, registrationSchema } from "@/lib/validation/events";
import { getDb } from "@/db/client";
import { addMaterial, createEvent, eventTrainerIds, removeMaterial, saveOutcomes, setEventStatus, updateEvent } from "@/db/queries/events";
import { markAttendance, registerParticipant, withdrawRegistration } from "@/db/queries/registrations";


const EVENT_FIELDS = ["title", "type", "description", "hostCity", "pairMentee", "timeZone", "startsAt", "endsAt", "registrationDeadline", "venue", "onlineUrl", "capacity"] as const;

function eventRaw(formData: FormData) {
  return { ...Object.fromEntries(formData), components: formData.getAll("components"), trainers: formData.getAll("trainers") };
}

function eventEcho(formData: FormData): Record<string, string> {
  return { ...echoValues(formData, EVENT_FIELDS), components: formData.getAll("components").join(","), trainers: formData.getAll("trainers").join(",") };
}

/**
 * Creates (eventId null) or edits an event. A trainer's double booking comes back as a warning
 * with the clashing events; the form then offers a checkbox to save anyway.
 */
export async function saveEventAction(eventId: number | null, _previous: EventFormState, formData: FormData): Promise<EventFormState> {
  let overlaps: OverlapView[] | undefined;
  const result = await runAction(async () => {
    const actor = await requirePermission("events.manage");
    const id = eventId === null ? null : boundId(eventId);
    const input = eventFormSchema.parse(eventRaw(formData));
    const db = await getDb();
    try {
      const event = id === null ? await createEvent(db, input, actor) : await updateEvent(db, id, input, actor);
      return event.id;
    } catch (error) {
      if (error instanceof OverlapWarning) {
        const { locale } = await getI18n();
        overlaps = error.overlaps.map((o) => ({ eventId: o.eventId, title: o.title, trainerName: o.trainerName, when: `${eventTimeFormat(INTL_LOCALE[locale], o.timeZone).range(o.startsAt, o.endsAt)} (${o.timeZone})` }));
      }
      throw error;
    }
  }, eventEcho(formData));
  if (result.ok) {
    revalidatePath("/events", "layout");
    redirect(`/events/${result.data}`);
  }
  return { ...result, overlaps };
}

export async function setEventStatusAction(eventId: number, _previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requirePermission("events.manage");
    const { status } = eventStatusChangeSchema.parse(Object.fromEntries(formData));
    await setEventStatus(await getDb(), boundId(eventId), status, actor);
    return undefined;
  });
  if (result.ok) revalidatePath("/events", "layout");
  return result;
}

/**
 * Officers, trainers and admins. An officer is checked against their own city here; which city
 * a participant may be registered into (or withdrawn from) is checked again by the query.
 */
async function requireRegistrar() {
  const user = await requireUser();
  return requirePermission("events.register", { cityId: user.role === "officer" ? user.cityId : null });
}

/** Registers a participant. The city comes from the form; the query checks an officer's own city. */
export async function registerAction(eventId: number, _previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const fields = ["name", "position", "organisation", "city", "participantRole", "gender", "email", "phone"] as const;
  const result = await runAction(async () => {
    const actor = await requireRegistrar();
    const input = registrationSchema.parse(Object.fromEntries(formData));
    await registerParticipant(await getDb(), boundId(eventId), input, actor);
    return undefined;
  }, echoValues(formData, fields));
  if (result.ok) revalidatePath(`/events/${eventId}`);
  return result;
}

export async function withdrawAction(eventId: number, _previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requireRegistrar();
    const id = boundId(Number(formData.get("registrationId")));
    await withdrawRegistration(await getDb(), id, actor, { eventId: boundId(eventId) });
    return undefined;
  });
  if (result.ok) revalidatePath(`/events/${eventId}`);
  return result;
}

export async function attendanceAction(eventId: number, _previous: ActionResult<number> | null, formData: FormData): Promise<ActionResult<number>> {
  const result = await runAction(async () => {
    const actor = await requirePermission("events.manage");
    const input = attendanceSchema.parse({ listed: formData.getAll("listed"), attended: formData.getAll("attended") });
    return markAttendance(await getDb(), boundId(eventId), input, actor);
  });
  if (result.ok) revalidatePath("/events", "layout");
  return result;
}

export async function outcomesAction(eventId: number, _previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requirePermission("events.manage");
    const { outcomes } = outcomesSchema.parse(Object.fromEntries(formData));
    await saveOutcomes(await getDb(), boundId(eventId), outcomes, actor);
    return undefined;
  }, echoValues(formData, ["outcomes"]));
  if (result.ok) revalidatePath(`/events/${eventId}`);
  return result;
}

export async function addMaterialAction(eventId: number, _previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requirePermission("events.manage");
    const input = materialSchema.parse(Object.fromEntries(formData));
    await addMaterial(await getDb(), boundId(eventId), input, actor);
    return undefined;
  }, echoValues(formData, ["url", "title", "resourceId"]));
  if (result.ok) revalidatePath(`/events/${eventId}`);
  return result;
}

export async function removeMaterialAction(eventId: number, _previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requirePermission("events.manage");
    const db = await getDb();
    const event = boundId(eventId);
    if (!canEditEvent(actor, await eventTrainerIds(db, event))) throw new AppError("forbidden");
    await removeMaterial(db, event, boundId(Number(formData.get("materialId"))), actor);
    return undefined;
  });
  if (result.ok) revalidatePath(`/events/${eventId}`);
  return result;
}
