import { RESPONSE_STATUSES, ROUND_STATUSES, type ResponseStatus, type RoundStatus } from "@/lib/domain";
import type { Workflow } from "./types";

/**
 * A city's answers to a round. Saving is not a move (a not-started or returned response becomes a
 * draft, or stays returned, when its officer saves: server/questionnaires/answer.ts); the officer
 * submits, a reviewer accepts or returns with a comment (on the whole or on single questions).
 * Whether the round still takes answers (open, not past its deadline, or reopened for the city)
 * is the adapter's rule, which knows the date.
 */
export const RESPONSE_WORKFLOW = {
  entity: "response",
  statuses: RESPONSE_STATUSES,
  transitions: [
    { from: "draft", to: "submitted", permission: "responses.answer", action: "response.submit", notify: ["reviewers"] },
    { from: "returned", to: "submitted", permission: "responses.answer", action: "response.submit", notify: ["reviewers"] },
    { from: "submitted", to: "accepted", permission: "responses.review", action: "response.accept", notify: ["cityOfficers"] },
    { from: "submitted", to: "returned", permission: "responses.review", action: "response.return", requires: ["comment"], notify: ["cityOfficers"] },
  ],
  refusedKey: (to) => (to === "submitted" ? "responses.notSubmittable" : "responses.notSubmitted"),
} as const satisfies Workflow<ResponseStatus>;

/**
 * Rounds: an admin opens a scheduled round (its cities' officers are told, by the adapter, which
 * knows them) and closes an open one. A closed round reopens only for single cities
 * (responses.reopenedUntil), never as a whole: its results may already be in a report.
 */
export const ROUND_WORKFLOW = {
  entity: "round",
  statuses: ROUND_STATUSES,
  transitions: [
    { from: "scheduled", to: "open", permission: "rounds.manage", action: "round.open" },
    { from: "open", to: "closed", permission: "rounds.manage", action: "round.close" },
  ],
  refusedKey: (to) => (to === "open" ? "rounds.notOpenable" : "rounds.notClosable"),
} as const satisfies Workflow<RoundStatus>;
