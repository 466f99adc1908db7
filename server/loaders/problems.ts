import "server-only";
import { cache } from "react";
import { getDb, type Database } from "@/db/client";
import { committeeOptions } from "@/db/queries/committees";
import { listProblems, problemDetail, problemEventOptions, problemFiles, problemHistory, publicProblemCounts, reportedProblemCount } from "@/db/queries/problems";
import type { ProblemStatus } from "@/lib/domain";
import type { Actor } from "@/lib/permissions";
import { canSeeResidentDetails, canWriteProblems } from "@/lib/policies/problems";
import type { ProblemFilters } from "@/lib/validation/problems";
import { allowedMoves } from "@/lib/workflow/types";
import { PROBLEM_WORKFLOW } from "@/lib/workflow/problems";

/** A page of the city's log; residents' reports waiting for moderation only for the city's own people. */
export const loadProblemList = cache(async (cityId: number, actor: Actor, filters: ProblemFilters, page: { limit: number; offset: number }) => {
  const db = await getDb();
  const own = canSeeResidentDetails(actor, cityId);
  const [list, waiting] = await Promise.all([listProblems(db, cityId, filters, { includeReported: own }, page), own ? reportedProblemCount(db, cityId) : Promise.resolve(0)]);
  return { ...list, waiting };
});

export type ProblemView = NonNullable<Awaited<ReturnType<typeof problemView>>>;

/**
 * One problem as its page shows it to `actor`, or null (not found, or a resident's report the
 * reader may not see yet). The reporter's name and phone leave the server only for the city's
 * own people.
 */
export async function problemView(db: Database, id: number, actor: Actor) {
  const found = await problemDetail(db, id);
  if (!found) return null;
  const own = canSeeResidentDetails(actor, found.problem.cityId);
  if (found.problem.status === "reported" && !own) return null;
  const [history, evidence] = await Promise.all([problemHistory(db, id), problemFiles(db, id)]);
  const { reporterName, reporterPhone, ...problem } = found.problem;
  return {
    ...found,
    problem,
    reporter: own && (reporterName || reporterPhone) ? { name: reporterName ?? "", phone: reporterPhone ?? "" } : null,
    history,
    evidence,
    moves: allowedMoves(PROBLEM_WORKFLOW, actor, found.problem.status, found.problem.cityId).map((t) => ({ to: t.to as ProblemStatus, needsNote: t.requires?.includes("comment") ?? false })),
    canEdit: found.problem.status !== "rejected" && canWriteProblems(actor, found.problem.cityId),
  };
}

export const loadProblem = cache(async (id: number, actor: Actor) => problemView(await getDb(), id, actor));

/** What the problem form offers: the city's committees and the events it hosted. */
export const loadProblemFormOptions = cache(async (cityId: number) => {
  const db = await getDb();
  const [committees, events] = await Promise.all([committeeOptions(db, cityId), problemEventOptions(db, cityId)]);
  return { committees, events };
});

export const loadPublicProblemCounts = cache(async (cityId: number) => publicProblemCounts(await getDb(), cityId));
