/**
 * The iCalendar feed. Times are written in UTC (DTSTART:20261121T041500Z), which every calendar
 * reads without a VTIMEZONE block; the venue's zone is named in the description. The UID is the
 * event's stored uid, so calendars update an event after an edit instead of adding a second one,
 * and SEQUENCE tells them which version is newer.
 */
import { createEvents, type EventAttributes } from "ics";
import { withoutControlCharacters } from "@/lib/validation/events";

export interface IcsEvent {
  uid: string;
  sequence: number;
  title: string;
  description: string;
  location: string;
  url: string;
  startsAt: Date;
  endsAt: Date;
  status: "scheduled" | "completed" | "cancelled";
  updatedAt: Date;
  createdAt: Date;
}

/**
 * The ics package escapes line feeds, commas and semicolons but passes a lone CR and other control
 * characters through, and lenient calendar readers end a line at a CR: an event written before
 * the forms refused them could add properties to everyone's calendar. Line breaks become LF (which
 * the package escapes), other controls a space.
 */
function icsText(text: string, multiline: boolean): string {
  const lines = text.replace(/\r\n?/g, "\n");
  return multiline ? lines.split("\n").map(withoutControlCharacters).join("\n") : withoutControlCharacters(lines);
}

const utc = (date: Date) => ({ value: date.getTime(), inputType: "utc" as const, outputType: "utc" as const });

function attributes(event: IcsEvent): EventAttributes {
  const start = utc(event.startsAt);
  const end = utc(event.endsAt);
  return {
    // A random uuid is already globally unique, so it is the UID as stored.
    uid: event.uid,
    sequence: event.sequence,
    title: icsText(event.title, false),
    description: icsText(event.description, true) || undefined,
    location: icsText(event.location, false) || undefined,
    url: event.url,
    start: start.value,
    startInputType: start.inputType,
    startOutputType: start.outputType,
    end: end.value,
    endInputType: end.inputType,
    endOutputType: end.outputType,
    status: event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    created: event.createdAt.getTime(),
    lastModified: event.updatedAt.getTime(),
  };
}

/** What the feed, the event page's file and the mail attachment say of an event, in one place. */
export function icsEventOf(
  event: { id: number; uid: string; sequence: number; title: string; type: string; description: string; timeZone: string; venue: string; startsAt: Date; endsAt: Date; status: IcsEvent["status"]; createdAt: Date; updatedAt: Date },
  context: { hostName: string; origin: string; typeName: string; localTimeLabel: string },
): IcsEvent {
  const url = `${context.origin}/events/${event.id}`;
  return {
    uid: event.uid,
    sequence: event.sequence,
    title: event.title,
    description: [context.typeName, event.description, `${context.localTimeLabel}: ${event.timeZone}`, url].filter(Boolean).join("\n\n"),
    location: [event.venue, context.hostName].filter(Boolean).join(", "),
    url,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    status: event.status,
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
  };
}

/** A whole VCALENDAR (CRLF line ends, folded lines) for the events given. */
export function buildCalendar(events: IcsEvent[], calendarName: string): string {
  const { error, value } = createEvents(events.map(attributes), { productId: "cwis-mentor-cities/events", calName: icsText(calendarName, false), method: "PUBLISH" });
  if (error || value === null) throw error ?? new Error("the ics package returned no calendar");
  return foldOctets(value);
}

const encoder = new TextEncoder();

/**
 * RFC 5545 limits content lines to 75 octets. The ics package folds at 75 characters, which a
 * Bangla or Nepali title (3 octets a letter) overruns; this refolds every line by octets, never
 * inside a character.
 */
export function foldOctets(ics: string): string {
  const unfolded = ics.split("\r\n").reduce<string[]>((lines, line) => {
    if ((line.startsWith(" ") || line.startsWith("\t")) && lines.length) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
    return lines;
  }, []);
  return unfolded
    .map((line) => {
      const parts: string[] = [];
      let current = "";
      let size = 0;
      // The first line may hold 75 octets; continuation lines 74 after their leading space.
      let limit = 75;
      for (const char of line) {
        const octets = encoder.encode(char).length;
        if (size + octets > limit) {
          parts.push(current);
          current = "";
          size = 0;
          limit = 74;
        }
        current += char;
        size += octets;
      }
      parts.push(current);
      return parts.join("\r\n ");
    })
    .join("\r\n");
}
