import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { cities, components, eventComponents, events, registrations } from "../schema";
import type { StatsFilters } from "@/lib/validation/events";

/**
 * Participation statistics: registrations that hold a seat ("registered"), those waiting, and
 * those marked as attended, for events that were not cancelled. Withdrawn registrations count
 * nowhere. Only counts leave this file, never a participant.
 */
const registered = sql<number>`count(*) filter (where ${registrations.status} = 'registered')`.mapWith(Number);
const waitlisted = sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')`.mapWith(Number);
const attended = sql<number>`count(*) filter (where ${registrations.attended} is true)`.mapWith(Number);
const counts = { registered, waitlisted, attended };

export interface Counts {
  registered: number;
  waitlisted: number;
  attended: number;
}

const localStartDate = sql`(${events.startsAt} at time zone ${events.timeZone})::date`;
const quarterOf = sql<string>`to_char(${localStartDate}, 'YYYY"-Q"Q')`;

function where(filters: StatsFilters): SQL | undefined {
  return and(
    ne(events.status, "cancelled"),
    ne(registrations.status, "withdrawn"),
    filters.event ? eq(events.id, filters.event) : undefined,
    filters.city ? sql`${registrations.cityId} = (select c.id from ${cities} c where c.slug = ${filters.city})` : undefined,
    filters.component
      ? sql`exists (select 1 from ${eventComponents} ec join ${components} co on co.id = ec.component_id where ec.event_id = ${events.id} and co.code = ${filters.component})`
      : undefined,
    filters.from ? sql`${localStartDate} >= ${filters.from}::date` : undefined,
    filters.to ? sql`${localStartDate} <= ${filters.to}::date` : undefined,
  );
}

export async function participationStats(db: Database, filters: StatsFilters) {
  const filter = where(filters);
  const joined = <T extends Parameters<Database["select"]>[0] & object>(columns: T) => db.select(columns).from(registrations).innerJoin(events, eq(events.id, registrations.eventId));

  const [totals, byGender, byRole, byCity, byQuarter, byEvent, byComponent] = await Promise.all([
    joined({ ...counts, events: sql<number>`count(distinct ${events.id})`.mapWith(Number) }).where(filter),
    joined({ gender: registrations.gender, ...counts }).where(filter).groupBy(registrations.gender).orderBy(registrations.gender),
    joined({ participantRole: registrations.participantRole, ...counts }).where(filter).groupBy(registrations.participantRole).orderBy(registrations.participantRole),
    joined({ slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe, ...counts })
      .innerJoin(cities, eq(cities.id, registrations.cityId))
      .where(filter)
      .groupBy(cities.id)
      .orderBy(desc(attended), asc(cities.nameEn))
      .limit(100),
    joined({ quarter: quarterOf, ...counts }).where(filter).groupBy(quarterOf).orderBy(quarterOf),
    joined({ id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone, ...counts })
      .where(filter)
      .groupBy(events.id)
      .orderBy(desc(events.startsAt), asc(events.id))
      .limit(200),
    joined({ code: components.code, nameEn: components.nameEn, nameBn: components.nameBn, nameNe: components.nameNe, ...counts })
      .innerJoin(eventComponents, eq(eventComponents.eventId, events.id))
      .innerJoin(components, eq(components.id, eventComponents.componentId))
      .where(filter)
      .groupBy(components.id)
      .orderBy(asc(components.sortOrder)),
  ]);
  const total = totals[0] ?? { registered: 0, waitlisted: 0, attended: 0, events: 0 };
  return {
    totals: total,
    byGender,
    byRole,
    byCity,
    byQuarter,
    byEvent,
    byComponent,
  };
}

export type ParticipationStats = Awaited<ReturnType<typeof participationStats>>;
