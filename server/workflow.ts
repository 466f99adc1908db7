import "server-only";
import type { Database } from "@/db/client";
import { writeAuditRows, type AuditInput } from "@/db/queries/audit";
import type { RowError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { deliverNotices } from "@/server/mail/notify";
import { checkTransition, findTransition, noticesFor, type Notice, type Transition, type TransitionCheck, type Workflow } from "@/lib/workflow/types";

/** A locked row as the workflow needs to see it; an entity's adapter adds its own columns. */
export interface WorkflowRow<S extends string> {
  id: number;
  status: S;
  version: number;
  /** The city the row belongs to, for officers' city scope and for notices (null: none). */
  cityId: number | null;
  /** Who made the row, told of some moves (null: unknown). */
  ownerId: number | null;
}

/**
 * What one status-bearing entity gives the workflow: how to lock its rows, how a move is stored
 * (status, version + 1, and what the move sets besides), what the audit log keeps of a row, and
 * what must follow a batch in the same transaction. The SQL lives in db/queries/<area>.ts.
 */
export interface WorkflowAdapter<S extends string, R extends WorkflowRow<S>> {
  workflow: Workflow<S>;
  /** One query: every row of the batch, `for update`. */
  lock: (tx: Database, ids: number[]) => Promise<R[]>;
  apply: (tx: Database, row: R, move: { to: S; comment: string | null; transition: Transition<S>; actor: Actor }) => Promise<R>;
  auditView: (row: R) => unknown;
  /**
   * A rule of the row itself the table cannot hold (an event not yet started cannot be completed;
   * nobody validates a value they entered): the refusal's message key, or null.
   */
  refuse?: (row: R, to: S, actor: Actor) => string | null;
  afterBatch?: (tx: Database, moved: readonly { before: R; after: R; transition: Transition<S> }[]) => Promise<void>;
}

export interface Move<S extends string> {
  id: number;
  to: S;
  /** The version the caller saw; a different stored one is a conflict. Omit to move whatever is stored. */
  version?: number;
  comment?: string | null;
}

export interface TransitionConflict {
  /** The move's position in the batch, from 1. */
  row: number;
  id: number;
  currentStatus: string;
  currentVersion: number;
}

export interface TransitionResult<S extends string, R> {
  moved: { id: number; from: S; to: S; version: number; after: R }[];
  /** Rows already in the target status, left alone (only with `skipUnchanged`). */
  skipped: number[];
  /** Rows count from 1 in the order of `moves`; fields are `id`, `status`, `comment`. */
  rowErrors: RowError[];
  conflicts: TransitionConflict[];
  /** What was told to whom: already notifications and outbox rows, in this transaction. */
  notices: Notice[];
}

export interface TransitionOptions<R> {
  /** A row already in its target status is reported in `skipped` instead of refused. */
  skipUnchanged?: boolean;
  /** Runs on the locked rows before any check; may throw (an entity's visibility rule). */
  onLocked?: (rows: R[]) => void;
  /**
   * The moves follow from one the actor was already allowed (a withdrawal frees a seat, the
   * waitlist moves up): the table must still hold them, the actor's permission is not asked.
   */
  asConsequence?: boolean;
}

/**
 * Moves rows of one entity to new statuses in one transaction: one lock query, every move checked
 * against the entity's table and the actor's permission (city scope included) and version, then
 * each applied with its audit row. All or nothing: with any row error or conflict nothing is
 * written and the result says which rows and why. This is the only place that audits a status
 * change.
 */
export async function transition<S extends string, R extends WorkflowRow<S>>(db: Database, actor: Actor, adapter: WorkflowAdapter<S, R>, moves: readonly Move<S>[], options: TransitionOptions<R> = {}): Promise<TransitionResult<S, R>> {
  return db.transaction(async (tx) => {
    const empty: TransitionResult<S, R> = { moved: [], skipped: [], rowErrors: [], conflicts: [], notices: [] };
    if (moves.length === 0) return empty;
    const rows = await adapter.lock(tx, [...new Set(moves.map((m) => m.id))]);
    options.onLocked?.(rows);
    const byId = new Map(rows.map((r) => [r.id, r]));

    const rowErrors: RowError[] = [];
    const conflicts: TransitionConflict[] = [];
    const skipped: number[] = [];
    const planned: { row: R; move: Move<S>; transition: Transition<S> }[] = [];
    const seen = new Set<number>();
    moves.forEach((move, index) => {
      const position = index + 1;
      const row = byId.get(move.id);
      if (!row) return rowErrors.push({ row: position, field: "id", messageKey: "errors.not_found" });
      if (seen.has(move.id)) return rowErrors.push({ row: position, field: "id", messageKey: "validation.duplicateRow" });
      seen.add(move.id);
      if (move.version !== undefined && move.version !== row.version) return conflicts.push({ row: position, id: row.id, currentStatus: row.status, currentVersion: row.version });
      if (options.skipUnchanged && row.status === move.to) return skipped.push(row.id);
      const check = options.asConsequence ? consequenceCheck(adapter.workflow, row.status, move.to) : checkTransition(adapter.workflow, actor, { from: row.status, to: move.to, cityId: row.cityId, comment: move.comment });
      if (!check.ok) return rowErrors.push({ row: position, field: check.field, messageKey: check.messageKey });
      const refusal = adapter.refuse?.(row, move.to, actor);
      if (refusal) return rowErrors.push({ row: position, field: "status", messageKey: refusal });
      planned.push({ row, move, transition: check.transition });
    });
    if (rowErrors.length || conflicts.length) return { ...empty, rowErrors, conflicts };

    const moved: TransitionResult<S, R>["moved"] = [];
    const done: { before: R; after: R; transition: Transition<S> }[] = [];
    const comments: (string | null)[] = [];
    const audits: AuditInput[] = [];
    for (const { row, move, transition } of planned) {
      const after = await adapter.apply(tx, row, { to: move.to, comment: move.comment?.trim() || null, transition, actor });
      audits.push({ actorId: actor.id, action: transition.action, entity: adapter.workflow.entity, entityId: row.id, before: adapter.auditView(row), after: adapter.auditView(after) });
      moved.push({ id: row.id, from: row.status, to: move.to, version: after.version, after });
      done.push({ before: row, after, transition });
      comments.push(move.comment?.trim() || null);
    }
    await writeAuditRows(tx, audits);
    await adapter.afterBatch?.(tx, done);
    const notices = noticesFor(adapter.workflow, actor, done.map(({ after, transition }, i) => ({ transition, row: { id: after.id, cityId: after.cityId, ownerId: after.ownerId }, comment: comments[i] })));
    // The notices become notifications and mail in this transaction: none for a move that rolls back.
    await deliverNotices(tx, notices);
    return { moved, skipped, rowErrors: [], conflicts: [], notices };
  });
}

function consequenceCheck<S extends string>(workflow: Workflow<S>, from: S, to: S): TransitionCheck<S> {
  const found = findTransition(workflow, from, to);
  return found ? { ok: true, transition: found } : { ok: false, field: "status", messageKey: workflow.refusedKey(to) };
}
