import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { eventFormOptions, getEventDetail, listEvents, listEventsInMonth, listEventTrainers, listMaterials, listResourceOptions, type EventDetail } from "@/db/queries/events";
import { participationStats } from "@/db/queries/event-stats";
import { listRegistrations, type RegistrationRow } from "@/db/queries/registrations";
import type { EventFilters, StatsFilters } from "@/lib/validation/events";

/** An event with its host, pair, components and trainers, or null. The page, its metadata, the edit page and the stats focus share one query. */
export const loadEvent = cache(async (id: number): Promise<EventDetail | null> => getEventDetail(await getDb(), id));

/** Cities, components, trainers and pairs for the event form and the list filters. */
export const loadEventFormOptions = cache(async () => eventFormOptions(await getDb()));

export const loadEventTrainers = cache(async () => listEventTrainers(await getDb()));

export const loadEventList = cache(async (filters: EventFilters, when: "upcoming" | "past", now: Date, page: { limit: number; offset: number }) =>
  listEvents(await getDb(), filters, { when, now, limit: page.limit, offset: page.offset }),
);

export const loadEventsInMonth = cache(async (filters: EventFilters, month: { first: string; next: string }, now: Date) => listEventsInMonth(await getDb(), filters, month, now));

export const loadMaterials = cache(async (eventId: number) => listMaterials(await getDb(), eventId));

/** Library resources an event's editor may attach as materials. */
export const loadResourceOptions = cache(async () => listResourceOptions(await getDb()));

/**
 * Registrations with contact details. There is no "no scope": the page decides whose it may show
 * (lib/permissions registrationScope) and does not call this when the answer is nobody's.
 */
export const loadRegistrations = cache(async (eventId: number, scope: { kind: "all" } | { kind: "city"; cityId: number }): Promise<RegistrationRow[]> =>
  listRegistrations(await getDb(), eventId, scope.kind === "city" ? { cityId: scope.cityId } : {}),
);

export const loadParticipationStats = cache(async (filters: StatsFilters) => participationStats(await getDb(), filters));

// What the event components render, named here so components depend on the loader, not on SQL.
export type EventFormOptionRows = Awaited<ReturnType<typeof loadEventFormOptions>>;
export type MonthEvent = Awaited<ReturnType<typeof loadEventsInMonth>>[number];
export type { EventListRow } from "@/db/queries/events";
