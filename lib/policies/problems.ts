import { canForCity, type Actor } from "@/lib/permissions";

/** Logging, editing and moving a city's problems: its officer, reviewers, admins. */
export function canWriteProblems(actor: Actor | null, cityId: number): boolean {
  return actor !== null && canForCity(actor, "problems.write", cityId);
}

/**
 * Residents' reports waiting for moderation, and who sent them (name, phone): the city's own
 * people only — its officers and approver — and admins. Nothing of a report is public, or shown to
 * other cities, partners or reviewers, until the officer accepts it; the reporter, never.
 */
export function canSeeResidentDetails(actor: Actor | null, cityId: number): boolean {
  if (!actor) return false;
  if (actor.role === "admin") return true;
  return (actor.role === "officer" || actor.role === "approver") && actor.cityId === cityId;
}
