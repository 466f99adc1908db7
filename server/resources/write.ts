import "server-only";
import type { Database } from "@/db/client";
import type { Resource } from "@/db/schema";
import { insertResource, lockResource, removeResource, replaceFileOf, resourceCityId, updateResourceFields, type LockedResource, type NewFile } from "@/db/queries/resources";
import { AppError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { canCreateResourceFor, canDeleteResource, canEditResource, canSeeResource, initialResourceStatus } from "@/lib/policies/resources";
import type { ResourceCreateInput, ResourceUpdateInput } from "@/lib/validation/resources";

/*
 * Resource writes as the actor: each finds and locks what it changes, asks lib/policies/resources
 * whether the actor may, and runs the query steps in the same transaction, so the answer cannot
 * change between the check and the write.
 */

/** The city a new resource is for, refused when the actor may not add one there (officers: their own). */
export async function cityForNewResource(db: Database, actor: Actor, citySlug: string | null): Promise<number | null> {
  const cityId = await resourceCityId(db, citySlug);
  if (!canCreateResourceFor(actor, cityId)) throw new AppError("forbidden", actor.role === "officer" ? "resources.officerOwnCity" : "errors.forbidden");
  return cityId;
}

/**
 * Adds a resource with a stored file or an external link. Officers add for their own city only;
 * only reviewers and admins may publish at once.
 */
export async function createResource(db: Database, input: ResourceCreateInput, file: NewFile | null, actor: Actor): Promise<{ id: number; status: Resource["status"]; fileId: number | null }> {
  if (!can(actor.role, "resources.create")) throw new AppError("forbidden");
  if (input.source === "file" && !file) throw new AppError("invalid", "resources.file.missing");
  return db.transaction(async (tx) => {
    const cityId = await cityForNewResource(tx, actor, input.city);
    return insertResource(tx, input, file, { cityId, status: initialResourceStatus(actor, input.publish), actorId: actor.id });
  });
}

/** Locks the resource and refuses an actor who may not edit it: "not found" when they may not even see it. */
async function lockForEdit(tx: Database, id: number, actor: Actor): Promise<LockedResource> {
  const current = await lockResource(tx, id);
  if (!canEditResource(actor, current)) throw new AppError(canSeeResource(actor, current) ? "forbidden" : "not_found");
  return current;
}

/** Edits the descriptive fields (and the link of a link resource). An officer cannot move it to another city. */
export async function updateResource(db: Database, id: number, input: ResourceUpdateInput, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockForEdit(tx, id, actor);
    const cityId = await resourceCityId(tx, input.city);
    if (cityId !== current.cityId && !canCreateResourceFor(actor, cityId)) throw new AppError("forbidden", "resources.officerOwnCity");
    await updateResourceFields(tx, current, input, cityId, actor.id);
  });
}

/** Puts a new file in place; the previous one stays as a version that admins can download. */
export async function replaceResourceFile(db: Database, id: number, file: NewFile, actor: Actor): Promise<{ versionId: number }> {
  return db.transaction(async (tx) => replaceFileOf(tx, await lockForEdit(tx, id, actor), file, actor.id));
}

/** Deletes a resource with its tags, versions, event links and unshared files. Admins only. */
export async function deleteResource(db: Database, id: number, actor: Actor): Promise<void> {
  if (!canDeleteResource(actor)) throw new AppError("forbidden");
  await db.transaction(async (tx) => removeResource(tx, await lockResource(tx, id), actor.id));
}
