import { and, asc, desc, eq, gte, ilike, lt, or, sql } from "drizzle-orm";
import { alias, type PgSelect } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { containsPattern } from "./like";
import { apiTokens, auditLog, cities, cityProblems, committeeMembers, committees, events, indicatorValues, indicators, meetings, registrations, reportVersions, reports, resources, users, valueImports } from "../schema";
import { dayRangeInZone } from "@/lib/time";

// The person who made a change (users also appear as the record a change is about).
const actors = alias(users, "audit_actor");

export interface AuditInput {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction that makes the change, so the change and its record commit together. */
export async function writeAudit(tx: Database, entry: AuditInput): Promise<void> {
  await writeAuditRows(tx, [entry]);
}

// Rows per insert: a 5,000-row import stays far below the driver's parameter limit.
const AUDIT_CHUNK = 1000;

/** Many audit rows in as few statements as possible; same transaction rule as writeAudit. */
export async function writeAuditRows(tx: Database, entries: readonly AuditInput[]): Promise<void> {
  for (let start = 0; start < entries.length; start += AUDIT_CHUNK) {
    await tx.insert(auditLog).values(
      entries.slice(start, start + AUDIT_CHUNK).map((entry) => ({ actorId: entry.actorId, action: entry.action, entity: entry.entity, entityId: String(entry.entityId), before: entry.before ?? null, after: entry.after ?? null })),
    );
  }
}

export interface AuditFilters {
  entity?: string;
  entityId?: string;
  action?: string;
  /** Matches the actor's name or email. */
  actor?: string;
  /** Records of one city: its values, profile, events it hosts, resources, registrations, users, imports. */
  cityId?: number;
  /** Changes of one indicator and its values. */
  indicatorId?: number;
  /** Calendar days (YYYY-MM-DD, inclusive) on the reader's clock. */
  from?: string;
  to?: string;
  /** The zone `from`/`to` are read in (lib/time.ts); UTC without one. */
  timeZone?: string;
}

// A record's id as an integer, so each join below is a primary-key lookup; ids that are not plain
// integers (none today) simply match nothing.
const entityIdInt = sql<number>`(case when ${auditLog.entityId} ~ '^[0-9]{1,9}$' then ${auditLog.entityId}::int end)`;

const valueRecord = alias(indicatorValues, "audit_value");
const valueIndicator = alias(indicators, "audit_indicator");
const eventRecord = alias(events, "audit_event");
const resourceRecord = alias(resources, "audit_resource");
const userRecord = alias(users, "audit_user");
const registrationRecord = alias(registrations, "audit_registration");
const registrationEvent = alias(events, "audit_registration_event");
const tokenRecord = alias(apiTokens, "audit_token");
const importRecord = alias(valueImports, "audit_import");
const recordCity = alias(cities, "audit_city");
const problemRecord = alias(cityProblems, "audit_problem");
const committeeRecord = alias(committees, "audit_committee");
const memberRecord = alias(committeeMembers, "audit_member");
const memberCommittee = alias(committees, "audit_member_committee");
const meetingRecord = alias(meetings, "audit_meeting");
const meetingCommittee = alias(committees, "audit_meeting_committee");
const reportVersionRecord = alias(reportVersions, "audit_report_version");
const versionReport = alias(reports, "audit_version_report");

// A value's indicator, or the indicator itself (its ranges are audited as "indicator").
const recordIndicatorId = sql<number | null>`coalesce(${valueRecord.indicatorId}, case when ${auditLog.entity} = 'indicator' then ${entityIdInt} end)`;

const recordCityId = sql<number | null>`coalesce(${valueRecord.cityId}, ${registrationRecord.cityId}, ${resourceRecord.cityId}, ${eventRecord.hostCityId}, ${importRecord.cityId}, ${userRecord.cityId}, ${problemRecord.cityId}, ${committeeRecord.cityId}, ${memberCommittee.cityId}, ${meetingCommittee.cityId}, ${versionReport.cityId}, case when ${auditLog.entity} = 'city' then ${entityIdInt} end)`;

/** What names a record, whichever kind it is; deleted records fall back to what their audit row kept. */
const recordColumns = {
  cityNameEn: recordCity.nameEn,
  cityNameBn: recordCity.nameBn,
  cityNameNe: recordCity.nameNe,
  indicatorCode: valueIndicator.code,
  indicatorNameEn: valueIndicator.nameEn,
  indicatorNameBn: valueIndicator.nameBn,
  indicatorNameNe: valueIndicator.nameNe,
  period: valueRecord.period,
  title: sql<string | null>`coalesce(${eventRecord.title}, ${resourceRecord.title}, ${userRecord.name}, ${registrationRecord.name}, ${tokenRecord.name}, ${importRecord.fileName}, ${problemRecord.title}, ${committeeRecord.name}, ${memberRecord.name}, ${versionReport.title}, ${auditLog.after} ->> 'title', ${auditLog.before} ->> 'title', ${auditLog.after} ->> 'name', ${auditLog.before} ->> 'name')`,
  eventTitle: registrationEvent.title,
};

/**
 * The audit log, newest first, each record named: one query. Its first part filters and pages the
 * log, joining only what the filters need, with the total on the rows; then the page's 50 rows
 * are joined by primary key with every kind of record they may name.
 */
export async function listAudit(db: Database, params: AuditFilters & { limit: number; offset: number }) {
  const actorPattern = params.actor ? containsPattern(params.actor) : null;
  const { start, end } = dayRangeInZone({ from: params.from, to: params.to }, params.timeZone ?? "UTC");
  const byRecord = params.cityId !== undefined || params.indicatorId !== undefined;
  let filtered = db
    .select({ id: auditLog.id, total: sql<number>`count(*) over ()`.mapWith(Number).as("total") })
    .from(auditLog)
    .$dynamic();
  if (actorPattern) filtered = filtered.leftJoin(actors, eq(actors.id, auditLog.actorId));
  if (byRecord) filtered = withRecordJoins(filtered);
  const page = db.$with("audit_page").as(
    filtered
      .where(
        and(
          params.entity ? eq(auditLog.entity, params.entity) : undefined,
          params.entityId ? eq(auditLog.entityId, params.entityId) : undefined,
          params.action ? eq(auditLog.action, params.action) : undefined,
          actorPattern ? or(ilike(actors.name, actorPattern), ilike(actors.email, actorPattern)) : undefined,
          params.cityId !== undefined ? sql`${recordCityId} = ${params.cityId}` : undefined,
          params.indicatorId !== undefined ? sql`${recordIndicatorId} = ${params.indicatorId}` : undefined,
          start ? gte(auditLog.createdAt, start) : undefined,
          end ? lt(auditLog.createdAt, end) : undefined,
        ),
      )
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(params.limit)
      .offset(params.offset),
  );
  const named = db
    .with(page)
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      actorName: actors.name,
      ...recordColumns,
      total: page.total,
    })
    .from(page)
    .innerJoin(auditLog, eq(auditLog.id, page.id))
    .leftJoin(actors, eq(actors.id, auditLog.actorId))
    .$dynamic();
  const rows = await withRecordJoins(named)
    .leftJoin(valueIndicator, sql`${valueIndicator.id} = ${recordIndicatorId}`)
    .leftJoin(registrationEvent, eq(registrationEvent.id, registrationRecord.eventId))
    .leftJoin(tokenRecord, and(eq(auditLog.entity, "api_token"), eq(tokenRecord.id, entityIdInt)))
    .leftJoin(recordCity, sql`${recordCity.id} = ${recordCityId}`)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id));
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The records a row can be about, each a primary-key lookup (what recordCityId and recordIndicatorId read). */
function withRecordJoins<Q extends PgSelect>(query: Q) {
  return query
    .leftJoin(valueRecord, and(eq(auditLog.entity, "indicator_value"), eq(valueRecord.id, entityIdInt)))
    .leftJoin(eventRecord, and(eq(auditLog.entity, "event"), eq(eventRecord.id, entityIdInt)))
    .leftJoin(resourceRecord, and(eq(auditLog.entity, "resource"), eq(resourceRecord.id, entityIdInt)))
    .leftJoin(userRecord, and(eq(auditLog.entity, "user"), eq(userRecord.id, entityIdInt)))
    .leftJoin(registrationRecord, and(eq(auditLog.entity, "registration"), eq(registrationRecord.id, entityIdInt)))
    .leftJoin(importRecord, and(eq(auditLog.entity, "value_import"), eq(importRecord.id, entityIdInt)))
    .leftJoin(problemRecord, and(eq(auditLog.entity, "city_problem"), eq(problemRecord.id, entityIdInt)))
    .leftJoin(committeeRecord, and(eq(auditLog.entity, "committee"), eq(committeeRecord.id, entityIdInt)))
    .leftJoin(memberRecord, and(eq(auditLog.entity, "committee_member"), eq(memberRecord.id, entityIdInt)))
    .leftJoin(memberCommittee, eq(memberCommittee.id, memberRecord.committeeId))
    .leftJoin(meetingRecord, and(eq(auditLog.entity, "meeting"), eq(meetingRecord.id, entityIdInt)))
    .leftJoin(meetingCommittee, eq(meetingCommittee.id, meetingRecord.committeeId))
    .leftJoin(reportVersionRecord, and(eq(auditLog.entity, "report_version"), eq(reportVersionRecord.id, entityIdInt)))
    .leftJoin(versionReport, eq(versionReport.id, reportVersionRecord.reportId));
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>["rows"][number];

/** The kinds of records and actions that appear in the log, and the cities and indicators, for the filter pickers. */
export async function auditFacets(db: Database) {
  const [rows, cityRows, indicatorRows] = await Promise.all([
    db.selectDistinct({ entity: auditLog.entity, action: auditLog.action }).from(auditLog).orderBy(auditLog.entity, auditLog.action),
    db.select({ id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe }).from(cities).orderBy(asc(cities.nameEn)),
    db.select({ id: indicators.id, code: indicators.code, nameEn: indicators.nameEn, nameBn: indicators.nameBn, nameNe: indicators.nameNe }).from(indicators).orderBy(asc(indicators.code)),
  ]);
  return { entities: [...new Set(rows.map((r) => r.entity))], actions: rows.map((r) => r.action), cities: cityRows, indicators: indicatorRows };
}

/**
 * Every recorded change of one indicator's values in one city, newest first, with the quarter it
 * belongs to and who made it: one query. The before/after views are what valueAuditView kept
 * (value, note, evidence link, status, version, validated value, review comment, …).
 */
export async function valueTrail(db: Database, cityId: number, indicatorId: number, limit = 500) {
  return db
    .select({ id: auditLog.id, action: auditLog.action, entityId: auditLog.entityId, period: indicatorValues.period, before: auditLog.before, after: auditLog.after, createdAt: auditLog.createdAt, actorName: users.name })
    .from(auditLog)
    .innerJoin(indicatorValues, and(eq(auditLog.entity, "indicator_value"), sql`${auditLog.entityId} = ${indicatorValues.id}::text`))
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(indicatorValues.cityId, cityId), eq(indicatorValues.indicatorId, indicatorId)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}

export type ValueTrailRow = Awaited<ReturnType<typeof valueTrail>>[number];
