import { ROLES, type Role } from "@/lib/domain";

export { ROLES };

const everyone = ["officer", "reviewer", "trainer", "partner", "admin"] as const;

/**
 * Which roles hold each permission. This table is the one place that answers "who may do what";
 * lib/authz.ts enforces it on the server and adds the officer's city scope.
 */
export const PERMISSIONS = {
  "app.view": everyone,
  "cities.read": everyone,
  "framework.read": everyone,
  "cities.edit": ["officer", "admin"],
  "cities.create": ["admin"],
  "cities.pairs": ["admin"],
  "values.write": ["officer", "admin"],
  "values.submit": ["officer", "admin"],
  "values.review": ["reviewer", "admin"],
  "data.export": ["partner", "reviewer", "admin"],
  "events.manage": ["trainer", "admin"],
  "events.register": ["officer", "trainer", "admin"],
  "resources.create": ["officer", "reviewer", "trainer", "admin"],
  "resources.publish": ["reviewer", "admin"],
  "resources.delete": ["admin"],
  // Files a resource carried before they were replaced.
  "resources.versions": ["admin"],
  "users.manage": ["admin"],
  "audit.read": ["admin"],
  "framework.edit": ["admin"],
  "tokens.manage": everyone,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Permissions that officers hold only for their own city. Every other role that holds them
 * holds them for every city.
 */
export const CITY_SCOPED: ReadonlySet<Permission> = new Set<Permission>(["cities.edit", "values.write", "values.submit", "events.register", "resources.create"]);

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export interface Actor {
  id: number;
  role: Role;
  cityId: number | null;
}

/** Whether `actor` may use `permission` on `cityId` (or, without a city, at all). */
export function canForCity(actor: Actor, permission: Permission, cityId?: number | null): boolean {
  if (!can(actor.role, permission)) return false;
  if (actor.role !== "officer" || !CITY_SCOPED.has(permission)) return true;
  // An officer without a city, or acting on a city that is not theirs, is refused.
  return actor.cityId !== null && cityId !== undefined && cityId !== null && actor.cityId === cityId;
}

/**
 * Drafts, submissions and returned values of a city are visible to its own officer, to reviewers
 * and to admins. Everyone else (partners, trainers, the public) sees validated values only.
 */
export function canSeeUnvalidatedValues(actor: Actor | null, cityId: number): boolean {
  if (!actor) return false;
  return canForCity(actor, "values.write", cityId) || can(actor.role, "values.review");
}

// Events

/** Admins edit, cancel and run every event; a trainer only the events they run. */
export function canEditEvent(actor: Actor | null, trainerIds: readonly number[]): boolean {
  if (!actor || !can(actor.role, "events.manage")) return false;
  return actor.role === "admin" || trainerIds.includes(actor.id);
}

/**
 * Whose registrations of an event the actor may see: every participant (trainers and admins),
 * their own city's participants (officers), or none (partners, reviewers, the public).
 */
export function registrationScope(actor: Actor | null): { kind: "all" } | { kind: "city"; cityId: number } | null {
  if (!actor) return null;
  if (can(actor.role, "events.manage")) return { kind: "all" };
  if (actor.role === "officer" && actor.cityId !== null && can(actor.role, "events.register")) return { kind: "city", cityId: actor.cityId };
  return null;
}

/**
 * A participant's email and phone: admins, the event's own trainers and the officer of the
 * participant's city. Other trainers see who registered, not how to reach them.
 */
export function canSeeParticipantContact(actor: Actor | null, trainerIds: readonly number[], participantCityId: number): boolean {
  if (!actor) return false;
  if (canEditEvent(actor, trainerIds)) return true;
  return actor.role === "officer" && actor.cityId === participantCityId;
}

/** Officers register into their own city's quota only; trainers and admins register anyone. */
export function canRegisterParticipant(actor: Actor | null, participantCityId: number): boolean {
  return actor !== null && canForCity(actor, "events.register", participantCityId);
}

/** Past the registration deadline only the people running events may still add participants. */
export function canRegisterLate(actor: Actor | null): boolean {
  return actor !== null && can(actor.role, "events.manage");
}

/** A registration is withdrawn by whoever runs the event or by the officer of the participant's city. */
export function canWithdrawRegistration(actor: Actor | null, trainerIds: readonly number[], participantCityId: number): boolean {
  if (!actor) return false;
  return canEditEvent(actor, trainerIds) || (actor.role === "officer" && canForCity(actor, "events.register", participantCityId));
}

// Resources

/** What the resource helpers need to know of a resource. */
export interface ResourceAccessInfo {
  status: "draft" | "published";
  createdBy: number | null;
  cityId: number | null;
}

/**
 * A draft is seen only by its uploader and by those who publish (reviewers, admins); a published
 * resource by everyone, signed out too.
 */
export function canSeeResource(actor: Actor | null, resource: ResourceAccessInfo): boolean {
  if (resource.status === "published") return true;
  if (!actor) return false;
  return can(actor.role, "resources.publish") || (resource.createdBy !== null && resource.createdBy === actor.id);
}

/** Whether `actor` sees every draft (list and search include them all), not just their own. */
export function seesAllResourceDrafts(actor: Actor | null): boolean {
  return actor !== null && can(actor.role, "resources.publish");
}

/**
 * Reviewers and admins edit any resource (metadata, file). Other uploaders (officers, trainers)
 * edit their own while it is a draft — once published, a change would skip review — and an
 * officer only while the resource belongs to their city.
 */
export function canEditResource(actor: Actor | null, resource: ResourceAccessInfo): boolean {
  if (!actor) return false;
  if (can(actor.role, "resources.publish")) return true;
  if (resource.status !== "draft" || resource.createdBy !== actor.id) return false;
  if (actor.role === "officer") return canForCity(actor, "resources.create", resource.cityId);
  return can(actor.role, "resources.create");
}

/** Whether `actor` may create a resource for `cityId` (null: no city). Officers: their own city only. */
export function canCreateResourceFor(actor: Actor | null, cityId: number | null): boolean {
  if (!actor || !can(actor.role, "resources.create")) return false;
  if (actor.role === "officer") return canForCity(actor, "resources.create", cityId);
  return true;
}

/** New resources of those who may not publish always start as drafts. */
export function initialResourceStatus(actor: Actor, publishRequested: boolean): "draft" | "published" {
  return publishRequested && can(actor.role, "resources.publish") ? "published" : "draft";
}
