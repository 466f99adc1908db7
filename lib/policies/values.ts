import { can, canForCity, type Actor } from "@/lib/permissions";

/**
 * Drafts, submissions and returned values of a city are visible to its own officer, to reviewers
 * and to admins. Everyone else (partners, trainers, the public) sees validated values only.
 */
export function canSeeUnvalidatedValues(actor: Actor | null, cityId: number): boolean {
  if (!actor) return false;
  // The city's local government reads everything of its own city (it validates the city's reports).
  const ownApprover = actor.role === "approver" && actor.cityId === cityId;
  return ownApprover || canWriteValuesFor(actor, cityId) || can(actor.role, "values.review");
}

/** Whether `actor` may enter values for this city: its own officer, or an admin. */
export function canWriteValuesFor(actor: Actor | null, cityId: number): boolean {
  return actor !== null && canForCity(actor, "values.write", cityId);
}

/**
 * What `actor` may export as CSV (lib/csv.ts): `cityId` asked for (undefined: every city) →
 * the cities they get and whether only validated values. Holders of data.export see every city;
 * of them, those who may not see unvalidated values (partners) get validated figures only, as on
 * the city pages and in the JSON API. An officer exports their own city, in full. Null: refused.
 */
export function valueExportScope(actor: Actor, cityId: number | undefined): { cityId: number | undefined; validatedOnly: boolean } | null {
  if (can(actor.role, "data.export")) {
    return { cityId, validatedOnly: cityId === undefined ? !can(actor.role, "values.review") : !canSeeUnvalidatedValues(actor, cityId) };
  }
  const own = actor.cityId;
  if (own === null || !canWriteValuesFor(actor, own)) return null;
  if (cityId !== undefined && cityId !== own) return null;
  return { cityId: own, validatedOnly: false };
}

/**
 * Four eyes: nobody validates a value they entered (last saved) or submitted, admins included.
 * Returning it is still allowed — asking for a correction needs no second person.
 */
export function needsAnotherReviewer(actor: Actor | null, value: { enteredBy: number | null; submittedBy: number | null }): boolean {
  return actor !== null && (value.enteredBy === actor.id || value.submittedBy === actor.id);
}

/**
 * A library resource may prove a value only for its own city: an officer cannot attach another
 * city's file (or one with no city) as evidence. `resource` undefined: no such resource.
 */
export function canUseAsEvidence(resource: { cityId: number | null } | undefined, cityId: number): boolean {
  return resource !== undefined && resource.cityId === cityId;
}
