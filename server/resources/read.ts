import "server-only";
import type { Database } from "@/db/client";
import * as queries from "@/db/queries/resources";
import type { ResourceDetail, ResourceFilters } from "@/db/queries/resources";
import type { Actor } from "@/lib/permissions";
import { canSeeResource, resourceVisibility } from "@/lib/policies/resources";

/*
 * Every read that can return a draft goes through here with the viewer: the rule of who sees
 * which draft is lib/policies/resources, the queries only apply the filter it gives.
 */

/** The resource if `viewer` may see it; a draft they may not see is reported as missing. */
export async function getVisibleResource(db: Database, id: number, viewer: Actor | null): Promise<ResourceDetail | null> {
  const resource = await queries.getResource(db, id);
  return resource && canSeeResource(viewer, resource) ? resource : null;
}

/** One page of the resources `viewer` may see, filtered and sorted. */
export function listResources(db: Database, viewer: Actor | null, filters: ResourceFilters, page: { limit: number; offset: number }) {
  return queries.listResources(db, resourceVisibility(viewer), filters, page);
}

/** Years that resources `viewer` may see carry, newest first. */
export function resourceYears(db: Database, viewer: Actor | null): Promise<number[]> {
  return queries.resourceYears(db, resourceVisibility(viewer));
}

/** Resources `viewer` may see sharing a component with `id`. */
export function relatedResources(db: Database, id: number, viewer: Actor | null, limit = 5) {
  return queries.relatedResources(db, id, resourceVisibility(viewer), limit);
}
