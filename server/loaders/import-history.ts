import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { listImportRecords } from "@/db/queries/import-history";

/**
 * One page of the CSV import history, newest first: of one city, or of every city. Which the
 * reader may see is the page's decision (lib/policies/imports.ts).
 */
export const loadImportHistory = cache(async (cityId: number | undefined, limit: number, offset: number) => listImportRecords(await getDb(), { cityId, limit, offset }));
