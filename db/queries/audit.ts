import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
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
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export async function listAudit(db: Database, params: { entity?: string; entityId?: string; limit: number; offset: number }) {
  const where = and(params.entity ? eq(auditLog.entity, params.entity) : undefined, params.entityId ? eq(auditLog.entityId, params.entityId) : undefined);
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
