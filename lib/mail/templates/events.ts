import type { MailBlock, MailContent } from "../layout";
import { link, type MailContext } from "./context";

export type EventMailKind = "registered" | "waitlisted" | "changed" | "cancelled" | "reminder";

export interface EventMailFacts {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  /** The meeting link, for those registered only. */
  onlineUrl: string | null;
  host: string;
}

const SUBJECT = {
  registered: "mail.event.registered.subject",
  waitlisted: "mail.event.waitlisted.subject",
  changed: "mail.event.changed.subject",
  cancelled: "mail.event.cancelled.subject",
  reminder: "mail.event.reminder.subject",
} as const;

const INTRO = {
  registered: "mail.event.registered.intro",
  waitlisted: "mail.event.waitlisted.intro",
  changed: "mail.event.changed.intro",
  cancelled: "mail.event.cancelled.intro",
  reminder: "mail.event.reminder.intro",
} as const;

/**
 * A participant's mail about an event: confirmation (with the event as a calendar file), waitlist,
 * change, cancellation, the reminder a day before. Times are in the venue's zone (the context's).
 */
export function eventMail(ctx: MailContext, kind: EventMailKind, facts: { participant: string; event: EventMailFacts }): MailContent {
  const { t, format } = ctx;
  const { event } = facts;
  const when = `${format.dateTime(event.startsAt, { zone: true })} – ${format.dateTime(event.endsAt)}`;
  const rows: [string, string][] = [
    [t("mail.event.when"), when],
    [t("mail.event.where"), [event.venue, event.host].filter(Boolean).join(", ")],
  ];
  if (event.onlineUrl && kind !== "cancelled" && kind !== "waitlisted") rows.push([t("mail.event.online"), event.onlineUrl]);
  const blocks: MailBlock[] = [
    { kind: "p", text: t("mail.event.greeting", { name: facts.participant }) },
    { kind: "p", text: t(INTRO[kind], { title: event.title }) },
    { kind: "facts", rows },
    ...(kind === "registered" || kind === "changed" ? [{ kind: "small" as const, text: t("mail.event.calendarFile") }] : []),
    { kind: "button", label: t("mail.event.open"), url: link(ctx, `/events/${event.id}`) },
  ];
  return {
    subject: t(SUBJECT[kind], { title: event.title }),
    preheader: when,
    blocks,
    footer: [{ kind: "small", text: t("mail.event.footer") }],
  };
}
