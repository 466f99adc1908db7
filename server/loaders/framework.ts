import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { getFramework, getIndicatorByCode } from "@/db/queries/framework";

/**
 * The components, indicators and lenses. A city page's widgets, the dashboard summary and the
 * landing page all read it: one query set per request. Callers must not mutate the result.
 */
export const loadFramework = cache(async () => getFramework(await getDb()));

export const loadIndicator = cache(async (code: string) => getIndicatorByCode(await getDb(), code));
