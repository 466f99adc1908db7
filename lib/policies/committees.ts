import { canForCity, type Actor } from "@/lib/permissions";

/** The city's own officer, or an admin: those who keep a city's committees, members and meetings. */
export function canWriteCommittees(actor: Actor | null, cityId: number): boolean {
  return actor !== null && canForCity(actor, "committees.write", cityId);
}

/**
 * Members' phone numbers and e-mail addresses are personal data: the city's officer and its
 * approver (the local government that works with the committee) see them, and admins; every other
 * reader — other cities, reviewers, trainers, partners — sees the committee without them.
 */
export function canSeeCommitteeContacts(actor: Actor | null, cityId: number): boolean {
  if (!actor) return false;
  if (actor.role === "admin") return true;
  return (actor.role === "officer" || actor.role === "approver") && actor.cityId !== null && actor.cityId === cityId;
}
