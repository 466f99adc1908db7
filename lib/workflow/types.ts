import type { Role } from "@/lib/domain";
import { canForCity, type Actor, type Permission } from "@/lib/permissions";

/** What a move needs besides the permission. */
export type Requirement = "comment";

/**
 * Who hears of a move: every reviewer, the officers or the approvers (local government) of the
 * row's city, or the person who made the row (never the actor themselves).
 */
export type Audience = "reviewers" | "cityOfficers" | "cityApprovers" | "owner";

/** One allowed move of a status-bearing entity. */
export interface Transition<S extends string> {
  from: S;
  to: S;
  permission: Permission;
  /** The audit action written for the move, e.g. `value.submit`. */
  action: string;
  requires?: readonly Requirement[];
  notify?: readonly Audience[];
}

export interface Workflow<S extends string> {
  /** The audit log's entity name. */
  entity: string;
  statuses: readonly S[];
  transitions: readonly Transition<S>[];
  /** The message for a move the table does not hold, by target status. */
  refusedKey: (to: S) => string;
}

export type TransitionCheck<S extends string> = { ok: true; transition: Transition<S> } | { ok: false; field: "status" | "comment"; messageKey: string };

export function findTransition<S extends string>(workflow: Workflow<S>, from: S, to: S): Transition<S> | undefined {
  return workflow.transitions.find((t) => t.from === from && t.to === to);
}

/**
 * Whether `actor` may move a row of `cityId` from `from` to `to` with what they provided. Officers
 * hold city-scoped permissions for their own city only (lib/permissions canForCity).
 */
export function checkTransition<S extends string>(workflow: Workflow<S>, actor: Actor, move: { from: S; to: S; cityId: number | null; comment?: string | null }): TransitionCheck<S> {
  const transition = findTransition(workflow, move.from, move.to);
  if (!transition) return { ok: false, field: "status", messageKey: workflow.refusedKey(move.to) };
  if (!canForCity(actor, transition.permission, move.cityId)) return { ok: false, field: "status", messageKey: "errors.forbidden" };
  if (transition.requires?.includes("comment") && !move.comment?.trim()) return { ok: false, field: "comment", messageKey: "workflow.commentRequired" };
  return { ok: true, transition };
}

/** The moves `actor` may make from `from` (for a page that offers only those buttons). */
export function allowedMoves<S extends string>(workflow: Workflow<S>, actor: Actor, from: S, cityId: number | null): Transition<S>[] {
  return workflow.transitions.filter((t) => t.from === from && canForCity(actor, t.permission, cityId));
}

/** Who is told of a move: a role (within a city, or everywhere) or one person. */
export type NoticeRecipient = { role: Role; cityId: number | null } | { userId: number };

/**
 * Something someone must be told, recorded by the move that caused it. One notice covers every
 * row of a batch with the same recipient, kind and city (a submitted quarter is one notice, not
 * 32); `cityId` is the city the rows belong to.
 */
export interface Notice {
  kind: string;
  recipient: NoticeRecipient;
  entity: string;
  entityIds: number[];
  cityId: number | null;
  /** The comments the moves carried (a return's reasons), each once. */
  comments: string[];
}

export interface MovedRow {
  id: number;
  cityId: number | null;
  ownerId: number | null;
}

/** The notices a batch of moves causes, grouped by recipient and kind. */
export function noticesFor<S extends string>(workflow: Workflow<S>, actor: Actor, moved: readonly { transition: Transition<S>; row: MovedRow; comment?: string | null }[]): Notice[] {
  const byKey = new Map<string, Notice>();
  const add = (kind: string, recipient: NoticeRecipient, row: MovedRow, comment: string | null | undefined) => {
    const key = `${kind}|${JSON.stringify(recipient)}|${row.cityId}`;
    const notice = byKey.get(key) ?? { kind, recipient, entity: workflow.entity, entityIds: [], cityId: row.cityId, comments: [] };
    notice.entityIds.push(row.id);
    if (comment && !notice.comments.includes(comment)) notice.comments.push(comment);
    byKey.set(key, notice);
  };
  for (const { transition, row, comment } of moved) {
    for (const audience of transition.notify ?? []) {
      if (audience === "reviewers") add(transition.action, { role: "reviewer", cityId: null }, row, comment);
      else if (audience === "cityOfficers" && row.cityId !== null) add(transition.action, { role: "officer", cityId: row.cityId }, row, comment);
      else if (audience === "cityApprovers" && row.cityId !== null) add(transition.action, { role: "approver", cityId: row.cityId }, row, comment);
      else if (audience === "owner" && row.ownerId !== null && row.ownerId !== actor.id) add(transition.action, { userId: row.ownerId }, row, comment);
    }
  }
  return [...byKey.values()];
}
