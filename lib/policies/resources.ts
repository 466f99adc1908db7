import { can, canForCity, type Actor } from "@/lib/permissions";

/** What the resource rules need to know of a resource. */
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

/** The same rule as canSeeResource, as the filter a list query applies (db/queries/resources visibleTo). */
export function resourceVisibility(actor: Actor | null): { allDrafts: boolean; ownerId: number | null } {
  return { allDrafts: seesAllResourceDrafts(actor), ownerId: actor?.id ?? null };
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

/** Deleting a resource (its files and versions go too) is for admins. */
export function canDeleteResource(actor: Actor | null): boolean {
  return actor !== null && can(actor.role, "resources.delete");
}
