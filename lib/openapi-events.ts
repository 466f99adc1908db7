/** The events section of the OpenAPI document (GET /api/v1/events, /api/v1/events.ics). */
import { EVENT_STATUSES, EVENT_TIME_ZONES, EVENT_TYPES } from "@/lib/domain";
import { json, nullable, optionalAuth, publicReadErrors, ref, type Schema } from "./openapi-parts";

const dateQuery = (name: string, description: string) => ({ name, in: "query", required: false, schema: { type: "string", format: "date" }, description });
const cityQuery = { name: "city", in: "query", required: false, schema: { type: "string", examples: ["kushtia"] }, description: "A city's slug: events it hosts or whose mentor–mentee pair includes it. An unknown slug is a 422." };
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
};
