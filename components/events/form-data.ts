import { type Event } from "@/db/schema";
import { EVENT_TIME_ZONES, EVENT_TYPES, GENDERS, PARTICIPANT_ROLES, type EventTimeZone } from "@/lib/domain";
import { localizedName, type Locale } from "@/lib/i18n/config";
import { pickMessages, type MessageKey, type Translate } from "@/lib/i18n/messages";
import { formatOffset, utcToWallClock, zoneOffsetMinutes } from "@/lib/events/time";
import type { EventFormOptionRows } from "@/server/loaders/events";
import type { Choice, EventFormOptions, EventFormValues } from "./EventForm";

export const EVENT_FORM_MESSAGES = [
  "events.form.title", "events.form.type", "events.form.description", "events.form.hostCity", "events.form.pair", "events.form.noPair", "events.form.components",
  "events.form.timeZone", "events.form.startsAt", "events.form.endsAt", "events.form.timeHint", "events.form.deadline", "events.form.deadlineHint", "events.form.venue",
  "events.form.venueHint", "events.form.onlineUrl", "events.form.capacity", "events.form.trainers", "events.overlap.intro", "events.overlap.confirm", "events.overlapWarning",
  "validation.events.title", "validation.events.type", "validation.events.componentUnknown", "validation.events.hostCity", "validation.events.hostCityUnknown",
  "validation.events.pairUnknown", "validation.events.timeZone", "validation.events.dateTime", "validation.events.endBeforeStart", "validation.events.deadlineAfterStart",
  "validation.events.venueOrLink", "validation.events.capacity", "validation.events.capacityBelowRegistrations", "validation.events.trainers",
  "validation.events.trainerUnknown", "validation.events.keepYourself", "validation.events.controlChars", "validation.checkFields", "validation.tooLong", "validation.number", "validation.wholeNumber",
  "validation.url", "validation.invalid", "common.saving", "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.unauthenticated",
] as const satisfies readonly MessageKey[];

export const REGISTRATION_MESSAGES = [
  "events.register.name", "events.register.city", "events.register.position", "events.register.organisation", "events.register.role", "events.register.gender",
  "events.register.email", "events.register.phone", "events.register.privacy", "events.register.submit", "events.register.done", "validation.events.participantRole",
  "validation.events.gender", "validation.events.phone", "events.otherCityRefused", "events.cancelledNoRegistration", "events.completedNoRegistration",
  "events.registrationClosed", "events.duplicateRegistration", "validation.checkFields", "validation.nameTooShort", "validation.tooLong", "validation.email",
  "validation.city", "validation.invalid", "validation.events.controlChars", "common.saving", "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.unauthenticated",
] as const satisfies readonly MessageKey[];

export const SMALL_FORM_MESSAGES = [
  "events.attendance.title", "events.attendance.save", "events.attendance.saved", "events.cancelledNoAttendance", "events.attendanceBeforeStart", "events.attendanceUnknown",
  "events.outcomes.label", "events.outcomes.save", "events.outcomes.saved", "events.materials.resource", "events.materials.noResource", "events.materials.url",
  "events.materials.linkTitle", "events.materials.add", "events.materials.added", "validation.events.materialOne", "validation.events.materialTitle",
  "validation.events.resourceUnknown", "validation.events.materialDuplicate", "events.statusUnchanged", "events.notStartedYet", "events.alreadyWithdrawn", "events.withdrawNotScheduled",
  "validation.checkFields", "validation.tooLong", "validation.url", "validation.invalid", "validation.events.controlChars", "common.saving", "errors.unexpected", "errors.forbidden",
  "errors.not_found", "errors.unauthenticated",
] as const satisfies readonly MessageKey[];

export function smallFormMessages(t: Translate) {
  return pickMessages(t, SMALL_FORM_MESSAGES) as Record<string, string>;
}

export function timeZoneLabel(t: Translate, timeZone: string): string {
  const name = timeZone === "Asia/Kathmandu" ? t("events.tz.kathmandu") : t("events.tz.dhaka");
  return `${name} (UTC${formatOffset(zoneOffsetMinutes(new Date(), timeZone))})`;
}

type Options = EventFormOptionRows;

/** The event form's choices in the reader's language. */
export function eventFormChoices(t: Translate, locale: Locale, options: Options): EventFormOptions {
  return {
    types: EVENT_TYPES.map((value) => ({ value, label: t(`events.types.${value}`) })),
    cities: options.cities.map((c) => ({ value: c.slug, label: localizedName(c, locale) })),
    pairs: options.pairs.map((p) => ({
      value: p.menteeSlug,
      label: `${localizedName({ nameEn: p.mentorNameEn, nameBn: p.mentorNameBn, nameNe: p.mentorNameNe }, locale)} → ${localizedName({ nameEn: p.menteeNameEn, nameBn: p.menteeNameBn, nameNe: p.menteeNameNe }, locale)}`,
    })),
    components: options.components.map((c) => ({ value: c.code, label: localizedName(c, locale) })),
    trainers: options.trainers.map((u) => ({ value: String(u.id), label: u.name })),
    timeZones: EVENT_TIME_ZONES.map((tz) => ({ value: tz, label: timeZoneLabel(t, tz) })),
  };
}

export const genderChoices = (t: Translate): Choice[] => GENDERS.map((value) => ({ value, label: t(`events.gender.${value}`) }));
export const roleChoices = (t: Translate): Choice[] => PARTICIPANT_ROLES.map((value) => ({ value, label: t(`events.role.${value}`) }));

/** A new event's form; its venue zone starts as the organiser's own (they can change it). */
export function emptyEventForm(trainerId: number | null, timeZone: EventTimeZone = "Asia/Dhaka"): EventFormValues {
  return {
    title: "",
    type: "training",
    description: "",
    hostCity: "",
    pairMentee: "",
    timeZone,
    startsAt: "",
    endsAt: "",
    registrationDeadline: "",
    venue: "",
    onlineUrl: "",
    capacity: "30",
    components: "",
    trainers: trainerId === null ? "" : String(trainerId),
  };
}

export function eventFormValues(event: Event, hostSlug: string, pairMenteeSlug: string | null, componentCodes: string[], trainerIds: number[]): EventFormValues {
  return {
    title: event.title,
    type: event.type,
    description: event.description,
    hostCity: hostSlug,
    pairMentee: pairMenteeSlug ?? "",
    timeZone: event.timeZone,
    startsAt: utcToWallClock(event.startsAt, event.timeZone),
    endsAt: utcToWallClock(event.endsAt, event.timeZone),
    registrationDeadline: event.registrationDeadline ? utcToWallClock(event.registrationDeadline, event.timeZone) : "",
    venue: event.venue,
    onlineUrl: event.onlineUrl ?? "",
    capacity: String(event.capacity),
    components: componentCodes.join(","),
    trainers: trainerIds.join(","),
  };
}
