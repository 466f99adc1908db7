import "server-only";
import type { Database } from "@/db/client";
import type { Event } from "@/db/schema";
import { getCityRef } from "@/db/queries/cities";
import { registrationsToTell } from "@/db/queries/registrations";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/messages";
import { env } from "@/lib/env";
import { buildCalendar, icsEventOf } from "@/lib/events/ics";
import { eventMail, type EventMailKind } from "@/lib/mail/templates/events";
import { isMailbox } from "@/lib/mail/address";
import { isTimeZone } from "@/lib/time";
import type { NoticeKind } from "@/lib/domain";
import { usersNotifiedOf } from "@/db/queries/notifications";
import { scheduledEventsStarting } from "@/db/queries/events";
import { notifyUsers } from "@/server/mail/notify";
import { queueMail, type MailToQueue } from "@/server/mail/queue";

/**
 * Participants are not users: they have no language setting. They read the language of their
 * city's country (Bangla in Bangladesh, Nepali in Nepal), as the programme's own material does.
 */
const PARTICIPANT_LOCALE: Record<string, Locale> = { BD: "bn", NP: "ne" };

const NOTICE_OF: Record<EventMailKind, NoticeKind> = {
  registered: "event.registered",
  waitlisted: "event.registered",
  changed: "event.changed",
  cancelled: "event.cancelled",
  reminder: "event.reminder",
};

/** The event as a calendar file, in the reader's language (the title and description are the event's own). */
function calendarFile(event: Event, hostName: string, locale: Locale): { filename: string; contentType: string; content: string } {
  const t = translator(locale);
  const ics = buildCalendar([icsEventOf(event, { hostName, origin: env().appUrl, typeName: t(`events.types.${event.type}`), localTimeLabel: t("events.ics.localTime") })], t("events.ics.name"));
  return { filename: `event-${event.id}.ics`, contentType: "text/calendar; charset=utf-8", content: ics };
}

export interface TellOptions {
  /** Only these registrations (a new one, the ones moved up from the waitlist); default: all in the statuses. */
  registrationIds?: readonly number[];
  /** The person acting is not told what they did themselves. */
  actorId: number | null;
  /** A key that lets each mail go once (the reminder). */
  dedupe?: (registrationId: number) => string;
}

/**
 * Tells an event's participants (those who gave an email) and the officers who registered them,
 * in the caller's transaction. Registered participants get the event as a calendar file when it
 * is booked or changed; a cancellation's file has STATUS:CANCELLED with a higher SEQUENCE, so
 * calendars that imported it drop it.
 */
export async function tellParticipants(tx: Database, event: Event, kind: EventMailKind, options: TellOptions): Promise<number> {
  const statuses = kind === "waitlisted" ? (["waitlisted"] as const) : kind === "reminder" ? (["registered"] as const) : kind === "registered" ? (["registered"] as const) : (["registered", "waitlisted"] as const);
  const rows = await registrationsToTell(tx, event.id, { statuses, ids: options.registrationIds });
  if (rows.length === 0) return 0;
  const host = await getCityRef(tx, event.hostCityId);
  const zone = isTimeZone(event.timeZone) ? event.timeZone : undefined;
  const mails: MailToQueue[] = [];
  for (const row of rows) {
    if (!row.email || !isMailbox(row.email)) continue;
    const locale = PARTICIPANT_LOCALE[row.country] ?? "en";
    const hostName = host ? { en: host.nameEn, bn: host.nameBn, ne: host.nameNe }[locale] : "";
    const withFile = row.status === "registered" && (kind === "registered" || kind === "changed" || kind === "cancelled");
    mails.push({
      kind: `event.${kind}`,
      to: { address: row.email, name: row.name },
      locale,
      ...(zone ? { timeZone: zone } : {}),
      content: (ctx) => eventMail(ctx, kind, { participant: row.name, event: { id: event.id, title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, venue: event.venue, onlineUrl: row.status === "registered" ? event.onlineUrl : null, host: hostName } }),
      ...(withFile ? { attachments: [calendarFile(event, hostName, locale)] } : {}),
      ...(options.dedupe ? { dedupeKey: options.dedupe(row.id) } : {}),
    });
  }
  await queueMail(tx, mails);
  const already = kind === "reminder" ? await usersNotifiedOf(tx, NOTICE_OF[kind], "event", event.id) : new Set<number>();
  const officers = [...new Set(rows.map((r) => r.registeredBy).filter((id): id is number => id !== null && id !== options.actorId && !already.has(id)))];
  if (officers.length) {
    await notifyUsers(tx, [{ kind: NOTICE_OF[kind], userIds: officers, params: { subject: event.title, count: rows.length, at: event.startsAt.toISOString() }, path: `/events/${event.id}`, entity: "event", entityIds: [event.id] }]);
  }
  return mails.length;
}

/** Whether an edit changed what a participant must know (when, where, how to join, what). */
export function changedForParticipants(before: Event, after: Event): boolean {
  return before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime() || before.venue !== after.venue || before.onlineUrl !== after.onlineUrl || before.title !== after.title;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The reminder a day before: every scheduled event starting within the next 24 hours, once per
 * participant and start time (a moved event is reminded of again), once per officer.
 */
export async function queueEventReminders(db: Database, now: Date): Promise<number> {
  let queued = 0;
  for (const event of await scheduledEventsStarting(db, now, new Date(now.getTime() + DAY_MS))) {
    queued += await db.transaction((tx) => tellParticipants(tx, event, "reminder", { actorId: null, dedupe: (registrationId) => `event.reminder:${registrationId}:${event.startsAt.getTime()}` }));
  }
  return queued;
}
