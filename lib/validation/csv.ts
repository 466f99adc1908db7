import { z } from "zod";
import { VALUE_STATUSES } from "@/lib/domain";
import { parsePeriod } from "@/lib/periods";
import { periodSchema } from "./values";

/** An empty query parameter (`?city=`) means "not given", as a form with a blank choice sends it. */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const slugParam = z.preprocess(blankToUndefined, z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,80}$/, { error: "validation.city" }).optional());

/** Any well-formed quarter: filtering by one that has no values yet is allowed (it finds none). */
const periodParam = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((period) => parsePeriod(period) !== null, { error: "validation.period" })
    .optional(),
);

/** `GET /api/v1/values.csv` filters. Unknown parameters are ignored; a bad value is a 422. */
export const valueExportQuerySchema = z
  .object({
    city: slugParam,
    component: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().regex(/^[a-z0-9_]{1,40}$/, { error: "validation.component" }).optional()),
    from: periodParam,
    to: periodParam,
    status: z.preprocess(blankToUndefined, z.enum(VALUE_STATUSES, { error: "validation.valueStatus" }).optional()),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { path: ["from"], error: "validation.periodOrder" });

export type ValueExportQuery = z.infer<typeof valueExportQuerySchema>;

/** `GET /api/v1/values/template.csv`: a city and a reportable quarter, both required. */
export const valueTemplateQuerySchema = z.object({
  city: z.string({ error: "validation.city" }).trim().toLowerCase().regex(/^[a-z0-9-]{1,80}$/, { error: "validation.city" }),
  period: z.string({ error: "validation.period" }).trim().toUpperCase().pipe(periodSchema),
});

export type ValueTemplateQuery = z.infer<typeof valueTemplateQuerySchema>;
