/** The events section of the OpenAPI document (GET /api/v1/events, /api/v1/events.ics). */
import { EVENT_STATUSES, EVENT_TIME_ZONES, EVENT_TYPES } from "@/lib/domain";
import { anyAuth, error, json, nullable, optionalAuth, publicReadErrors, ref, type Schema } from "./openapi-parts";

const dateQuery = (name: string, description: string) => ({ name, in: "query", required: false, schema: { type: "string", format: "date" }, description });
const cityQuery = { name: "city", in: "query", required: false, schema: { type: "string", examples: ["kushtia"] }, description: "A city's slug: events it hosts or whose mentor–mentee pair includes it. An unknown slug is a 422." };
const eventIdParam = { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const wallClock = { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$", description: "Wall-clock time in the event's `timeZone`." };

export const eventSchemas: Record<string, Schema> = {
  Event: {
    type: "object",
    required: ["id", "uid", "sequence", "title", "type", "status", "description", "url", "hostCity", "pair", "components", "trainers", "timeZone", "startsAt", "endsAt", "localStart", "localEnd", "registrationDeadline", "venue", "online", "onlineUrl", "capacity", "registered", "waitlisted", "outcomes", "updatedAt"],
    description: "A capacity-building event. Never carries participants: only seat counts.",
    properties: {
      id: { type: "integer" },
      uid: { type: "string", format: "uuid", description: "Stable across edits; the iCalendar UID." },
      sequence: { type: "integer", description: "iCalendar SEQUENCE: grows with every change calendars must pick up." },
      title: { type: "string" },
      type: { enum: EVENT_TYPES },
      status: { enum: EVENT_STATUSES, description: "Cancelled events are kept, never deleted." },
      description: { type: "string" },
      url: { type: "string", description: "Path of the event's page." },
      hostCity: ref("CityRef"),
      pair: nullable({ type: "object", required: ["mentor", "mentee"], properties: { mentor: ref("CityRef"), mentee: ref("CityRef") }, description: "The mentor–mentee pair the event serves." }),
      components: { type: "array", items: { type: "string" }, description: "CWIS component codes." },
      trainers: { type: "array", items: { type: "string" }, description: "Names of the people running it." },
      timeZone: { enum: [...EVENT_TIME_ZONES], description: "The venue's IANA time zone." },
      startsAt: { type: "string", format: "date-time", description: "UTC." },
      endsAt: { type: "string", format: "date-time", description: "UTC." },
      localStart: wallClock,
      localEnd: wallClock,
      registrationDeadline: nullable({ type: "string", format: "date-time", description: "UTC. Without one, officers may register until the event ends." }),
      venue: { type: "string" },
      online: { type: "boolean", description: "Whether the event has an online link." },
      onlineUrl: nullable({ type: "string", format: "uri", description: "Only for signed-in callers; null for the public." }),
      capacity: { type: "integer", minimum: 1 },
      registered: { type: "integer", description: "Seats taken." },
      waitlisted: { type: "integer" },
      outcomes: { type: "string", description: "What came out of the event, written by its trainers." },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
};

export const eventPaths: Record<string, Record<string, unknown>> = {
  "/api/v1/events": {
    get: {
      operationId: "listEvents",
      summary: "Capacity-building events",
      description: "All events (any status), soonest first. `from`/`to` are dates in the venue's time zone, inclusive: an event is included when any of its days is in the range. Public; no participant data.",
      tags: ["events"],
      security: optionalAuth,
      parameters: [
        dateQuery("from", "First day, inclusive (YYYY-MM-DD)."),
        dateQuery("to", "Last day, inclusive (YYYY-MM-DD)."),
        cityQuery,
        { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
        { name: "per_page", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 25 } },
      ],
      responses: {
        "200": json(
          { type: "object", required: ["events", "page", "perPage", "total"], properties: { events: { type: "array", items: ref("Event") }, page: { type: "integer" }, perPage: { type: "integer" }, total: { type: "integer" } } },
          "One page of events.",
        ),
        ...publicReadErrors,
      },
    },
  },
  "/api/v1/events.ics": {
    get: {
      operationId: "eventsCalendar",
      summary: "iCalendar feed of events",
      description:
        "RFC 5545 calendar of every event that ended less than a year ago or is still to come. Times are UTC (`DTSTART:20261121T041500Z`); " +
        "UID is the event's `uid` and stays the same across edits; SEQUENCE grows with each change; cancelled events stay in the feed with " +
        "`STATUS:CANCELLED` so subscribed calendars remove them. Subscribe to it in Google Calendar or Outlook by URL. Public.",
      tags: ["events"],
      security: optionalAuth,
      parameters: [cityQuery],
      responses: {
        "200": { description: "The calendar.", content: { "text/calendar": { schema: { type: "string" } } } },
        ...publicReadErrors,
      },
    },
  },
  "/api/v1/events/{id}/ics": {
    get: {
      operationId: "eventCalendarFile",
      summary: "One event as an iCalendar file",
      description: "The event's page offers it as \"Add to calendar\". Same UID and SEQUENCE as the feed, so a later download updates the calendar entry. Public: no meeting link.",
      tags: ["events"],
      security: optionalAuth,
      parameters: [eventIdParam],
      responses: { "200": { description: "The calendar file.", content: { "text/calendar": { schema: { type: "string" } } } }, "401": publicReadErrors["401"], "404": error("No such event.") },
    },
  },
  "/api/v1/events/{id}/registrations": {
    get: {
      operationId: "eventRegistrations",
      summary: "An event's registrations and attendance (CSV or XLSX)",
      description: "Every registration with position, organisation, city, role, gender, email, phone, status and attendance, headed in the caller's language. For the event's trainers and admins only: it carries contact details.",
      tags: ["events"],
      security: anyAuth,
      parameters: [eventIdParam, { name: "format", in: "query", required: false, schema: { enum: ["csv", "xlsx"], default: "csv" } }],
      responses: {
        "200": { description: "The file.", content: { "text/csv": { schema: { type: "string" } }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } },
        "401": error("Not signed in."),
        "403": error("The caller does not run this event."),
        "404": error("No such event."),
        "422": error("`format` is neither csv nor xlsx."),
      },
    },
  },
};
