import { z } from "zod";
import { COUNTRIES, PROGRAMME_ROLES } from "@/lib/domain";
import { parsePeriod } from "@/lib/periods";

export const DASHBOARD_SORTS = ["index", "name", "coverage"] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number] | `col:${number}`;

/** Query-string filters of the overview. They come from URLs: unknown values are dropped, not errors. */
export const dashboardFiltersSchema = z.object({
  country: z.enum(COUNTRIES).optional().catch(undefined),
  role: z.enum(PROGRAMME_ROLES).optional().catch(undefined),
  period: z
    .string()
    .refine((p) => parsePeriod(p) !== null)
    .optional()
    .catch(undefined),
  view: z.enum(["component", "lens"]).catch("component").default("component"),
  sort: z
    .string()
    .refine((s): s is DashboardSort => (DASHBOARD_SORTS as readonly string[]).includes(s) || /^col:\d{1,2}$/.test(s))
    .optional()
    .catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});

export type DashboardParams = z.infer<typeof dashboardFiltersSchema>;
