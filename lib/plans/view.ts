import type { ActionStatus } from "@/lib/domain";

/** An action as the plan's views (list, board, timeline) show it: plain data, owner already named. */
export interface PlanActionView {
  id: number;
  goalId: number;
  title: string;
  /** The committee's, the user's or the organisation's name. */
  owner: string;
  ownerKind: "committee" | "user" | "organisation";
  /** ISO days. */
  startsOn: string;
  dueOn: string;
  status: ActionStatus;
  statusReason: string;
  progress: number;
  overdue: boolean;
  budgetPlanned: number | null;
  budgetSpent: number | null;
  problems: { id: number; title: string }[];
  /** The workshop (or other event) and the committee decision it came from. */
  eventId: number | null;
  decisionId: number | null;
  version: number;
}

/** Statuses whose actions no longer run: they are never overdue. */
export const FINISHED_ACTION_STATUSES: readonly ActionStatus[] = ["done", "dropped"];

/** An action is overdue when its due day has passed (in the city's calendar) and it is not finished. */
export function isOverdue(action: { dueOn: string; status: ActionStatus }, today: string): boolean {
  return action.dueOn < today && !FINISHED_ACTION_STATUSES.includes(action.status);
}
