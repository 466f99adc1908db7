import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { auditFacets, listAudit, valueTrail, type AuditFilters } from "@/db/queries/audit";

/** One page of the audit log. The page checks "audit.read" before calling. */
export const loadAuditPage = cache(async (filters: AuditFilters, page: { limit: number; offset: number }) => listAudit(await getDb(), { ...filters, ...page }));

/** The entities and actions that occur in the log, and the cities and indicators, for the filter selects. */
export const loadAuditFacets = cache(async () => auditFacets(await getDb()));

/** Every change of one indicator's values in one city. The page decides the reader may see drafts before calling. */
export const loadValueTrail = cache(async (cityId: number, indicatorId: number) => valueTrail(await getDb(), cityId, indicatorId));
