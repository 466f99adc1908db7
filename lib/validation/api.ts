import { z } from "zod";
import { COUNTRIES, PROGRAMME_ROLES } from "@/lib/domain";
import { parsePeriod } from "@/lib/periods";

/**
 * Query strings of the JSON API. Unlike the pages' filters (which drop a bad value, since it came
 * from a URL a person may have typed), the API refuses it with 422 so an integration learns of
 * its mistake instead of silently getting unfiltered data.
 */
export const API_PER_PAGE_MAX = 100;
export const API_PER_PAGE_DEFAULT = 25;
/** Largest JSON body a write accepts: 5000 rows of values with short notes fit. */
export const API_MAX_JSON_BYTES = 2_000_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "validation.tooLong" })
    .optional()
    .transform((text) => text || undefined);

export const cityListQuerySchema = z.object({
  country: z.enum(COUNTRIES, { error: "validation.api.country" }).optional(),
  role: z.enum(PROGRAMME_ROLES, { error: "validation.api.role" }).optional(),
  q: optionalText(100),
  page: z.coerce.number({ error: "validation.api.page" }).int({ error: "validation.api.page" }).min(1, { error: "validation.api.page" }).max(100_000, { error: "validation.api.page" }).default(1),
  per_page: z.coerce
    .number({ error: "validation.api.perPage" })
    .int({ error: "validation.api.perPage" })
    .min(1, { error: "validation.api.perPage" })
    .max(API_PER_PAGE_MAX, { error: "validation.api.perPage" })
    .default(API_PER_PAGE_DEFAULT),
});

/** A well-formed quarter; reading a future one is allowed (it simply has no values). */
const periodParam = z
  .string()
  .trim()
  .refine((period) => parsePeriod(period) !== null, { error: "validation.period" })
  .optional();

export const valuesQuerySchema = z
  .object({ period: periodParam, from: periodParam, to: periodParam })
  .refine((q) => !(q.period && (q.from || q.to)), { path: ["period"], error: "validation.api.periodOrRange" })
  .refine((q) => !(q.from && q.to && q.from > q.to), { path: ["from"], error: "validation.api.periodOrder" })
  // One quarter is the range from it to itself.
  .transform((q) => ({ from: q.period ?? q.from, to: q.period ?? q.to }));

export type CityListQuery = z.infer<typeof cityListQuerySchema>;
export type ValuesQuery = z.infer<typeof valuesQuerySchema>;
