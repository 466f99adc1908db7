import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { countEventMaterials, eventsUsingResource, listFileVersions, resourceFormOptions, type ResourceDetail, type ResourceFilters } from "@/db/queries/resources";
import { getVisibleResource, listResources, relatedResources, resourceYears } from "@/server/resources/read";
import type { CurrentUser } from "@/server/authz";

// Drafts are visible to their uploader, reviewers and admins only: every read that can return one
// takes the viewer (the request's cached getCurrentUser(), so the page and its metadata share one entry).

/** The resource if `viewer` may see it, else null (a hidden draft is "not found"). */
export const loadResource = cache(async (id: number, viewer: CurrentUser | null): Promise<ResourceDetail | null> => getVisibleResource(await getDb(), id, viewer));

export const loadResourceList = cache(async (viewer: CurrentUser | null, filters: ResourceFilters, page: { limit: number; offset: number }) => listResources(await getDb(), viewer, filters, page));

export const loadResourceYears = cache(async (viewer: CurrentUser | null) => resourceYears(await getDb(), viewer));

export const loadRelatedResources = cache(async (id: number, viewer: CurrentUser | null) => relatedResources(await getDb(), id, viewer));

/** Components, lenses and cities for the resource forms and filters. */
export const loadResourceFormOptions = cache(async () => resourceFormOptions(await getDb()));

export const loadEventsUsingResource = cache(async (id: number) => eventsUsingResource(await getDb(), id));

/** Earlier files of a resource; the page calls it only for "resources.versions". */
export const loadFileVersions = cache(async (id: number) => listFileVersions(await getDb(), id));

export const loadEventMaterialCount = cache(async (id: number) => countEventMaterials(await getDb(), id));

// What the resource components render, named here so components depend on the loader, not on SQL.
export type ResourceFormOptionRows = Awaited<ReturnType<typeof loadResourceFormOptions>>;
export type { ResourceListRow } from "@/db/queries/resources";
