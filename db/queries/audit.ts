import { and, desc, eq, gte, ilike, inArray, lt, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { containsPattern } from "./like";
import { auditLog, users } from "../schema";

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
  actor?: string;
  from?: string;
  to?: string;
}

/** The audit log, newest first. `actor` matches names or emails; `from`/`to` are dates (YYYY-MM-DD, inclusive). */
export async function listAudit(db: Database, params: AuditFilters & { limit: number; offset: number }) {
  const actorPattern = params.actor ? containsPattern(params.actor) : null;
  const where = and(
    params.entity ? eq(auditLog.entity, params.entity) : undefined,
    params.entityId ? eq(auditLog.entityId, params.entityId) : undefined,
    params.action ? eq(auditLog.action, params.action) : undefined,
    actorPattern ? or(ilike(users.name, actorPattern), ilike(users.email, actorPattern)) : undefined,
    params.from ? gte(auditLog.createdAt, new Date(`${params.from}T00:00:00Z`)) : undefined,
    params.to ? lt(auditLog.createdAt, new Date(new Date(`${params.to}T00:00:00Z`).getTime() + 86_400_000)) : undefined,
  );
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      actorName: users.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(params.limit)
    .offset(params.offset);
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The kinds of records and actions that appear in the log, for the filter pickers. */
export async function auditFacets(db: Database) {
  const rows = await db.selectDistinct({ entity: auditLog.entity, action: auditLog.action }).from(auditLog).orderBy(auditLog.entity, auditLog.action);
  return { entities: [...new Set(rows.map((r) => r.entity))], actions: rows.map((r) => r.action) };
}

/** Audit entries of several records of one kind (e.g. every period of one indicator), newest first. */
export async function auditForEntities(db: Database, entity: string, entityIds: (string | number)[]) {
  if (entityIds.length === 0) return [];
  return db
    .select({ id: auditLog.id, action: auditLog.action, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after, createdAt: auditLog.createdAt, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, entity), inArray(auditLog.entityId, entityIds.map(String))))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(500);
}
