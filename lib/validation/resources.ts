import { z } from "zod";
import { RESOURCE_LANGUAGES, RESOURCE_STATUSES, RESOURCE_TYPES } from "@/lib/domain";
import { hasControlCharacters, withoutControlCharacters } from "./events";

export { RESOURCE_LANGUAGES, RESOURCE_TYPES };
export const RESOURCE_SORTS = ["relevance", "newest", "downloads"] as const;
export type ResourceSort = (typeof RESOURCE_SORTS)[number];

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 2000;
export const AUTHOR_MAX = 200;
export const URL_MAX = 1000;
export const SEARCH_MAX = 200;
const CODE_MAX = 40;

const CONTROL_KEY = "resources.validation.controlChars";
const text = (max: number, multiline = false) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .max(max, { error: "validation.tooLong" })
    .refine((v) => !hasControlCharacters(v, multiline), { error: CONTROL_KEY });

const httpUrl = z
  .string({ error: "validation.url" })
  .trim()
  .max(URL_MAX, { error: "validation.tooLong" })
  .refine((url) => {
    if (!/^https?:\/\/[^\s]+$/i.test(url) || hasControlCharacters(url)) return false;
    try {
      const parsed = new URL(url);
      return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
    } catch {
      return false;
    }
  }, { error: "validation.url" });

const latestYear = () => new Date().getUTCFullYear() + 1;

const year = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? null : v),
  z.coerce
    .number({ error: "validation.number" })
    .int({ error: "resources.validation.year" })
    .min(1900, { error: "resources.validation.year" })
    .refine((y) => y <= latestYear(), { error: "resources.validation.year" })
    .nullable(),
);

// Codes and slugs are plain ASCII: anything else cannot match a row, and a NUL would fail the query.
const CODE_PATTERN = /^[A-Za-z0-9_.-]+$/;
const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,59}$/;
const codes = z.array(z.string().trim().min(1).max(CODE_MAX).regex(CODE_PATTERN, { error: "validation.invalid" })).max(20, { error: "validation.tooMany" }).default([]).transform((list) => [...new Set(list)]);

/** Descriptive fields of a resource, shared by the upload form, the edit form and the API. */
export const resourceMetadataSchema = z.object({
  title: text(TITLE_MAX).min(3, { error: "resources.validation.title" }),
  summary: text(SUMMARY_MAX, true).default(""),
  type: z.enum(RESOURCE_TYPES, { error: "resources.validation.type" }),
  language: z.enum(RESOURCE_LANGUAGES, { error: "resources.validation.language" }),
  components: codes,
  lenses: codes,
  // A city slug, or empty for none.
  city: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().trim().toLowerCase().regex(SLUG_PATTERN, { error: "resources.validation.city" }).nullable()),
  author: text(AUTHOR_MAX).default(""),
  year,
});

/** A new resource: the metadata plus either a file (checked separately, by content) or a link. */
export const resourceCreateSchema = resourceMetadataSchema
  .extend({
    source: z.enum(["file", "link"], { error: "resources.validation.source" }),
    externalUrl: z.preprocess((v) => (v === "" || v === undefined ? null : v), httpUrl.nullable()),
    // Only reviewers and admins may publish at once; others' choice is ignored (they start as draft).
    publish: z.preprocess((v) => v === "on" || v === "true" || v === true || v === "1", z.boolean()),
  })
  .refine((input) => input.source !== "link" || input.externalUrl !== null, { path: ["externalUrl"], error: "validation.url" });

export type ResourceMetadataInput = z.infer<typeof resourceMetadataSchema>;
export type ResourceCreateInput = z.infer<typeof resourceCreateSchema>;

/** Metadata of an existing link resource may change its link too. */
export const resourceUpdateSchema = resourceMetadataSchema.extend({
  externalUrl: z.preprocess((v) => (v === "" || v === undefined ? null : v), httpUrl.nullable()).optional(),
});
export type ResourceUpdateInput = z.infer<typeof resourceUpdateSchema>;

/** Form fields as the schemas expect them: multi-valued fields become arrays. */
export function resourceFormFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && key !== "components" && key !== "lenses") fields[key] = value;
  fields.components = form.getAll("components").filter((v): v is string => typeof v === "string");
  fields.lenses = form.getAll("lenses").filter((v): v is string => typeof v === "string");
  return fields;
}

const optionalSearch = z
  .string()
  .trim()
  .max(SEARCH_MAX, { error: "validation.tooLong" })
  .optional()
  // A search is never refused for a stray control character; PostgreSQL would refuse a NUL.
  .transform((q) => (q ? withoutControlCharacters(q).trim() : "") || undefined);

/**
 * The list's filters as the JSON API reads them: a bad value is a 422 naming the parameter, so an
 * integration learns of its mistake.
 */
export const resourceQuerySchema = z.object({
  q: optionalSearch,
  type: z.enum(RESOURCE_TYPES, { error: "resources.validation.type" }).optional(),
  lang: z.enum(RESOURCE_LANGUAGES, { error: "resources.validation.language" }).optional(),
  component: z.string().trim().min(1).max(CODE_MAX).regex(CODE_PATTERN, { error: "resources.validation.component" }).optional(),
  lens: z.string().trim().min(1).max(CODE_MAX).regex(CODE_PATTERN, { error: "resources.validation.lens" }).optional(),
  city: z.string().trim().min(1).max(60).regex(SLUG_PATTERN, { error: "resources.validation.city" }).optional(),
  year: z.coerce.number({ error: "resources.validation.year" }).int({ error: "resources.validation.year" }).min(1900, { error: "resources.validation.year" }).max(2100, { error: "resources.validation.year" }).optional(),
  sort: z.enum(RESOURCE_SORTS, { error: "resources.validation.sort" }).optional(),
  page: z.coerce.number({ error: "validation.api.page" }).int({ error: "validation.api.page" }).min(1, { error: "validation.api.page" }).max(100_000, { error: "validation.api.page" }).default(1),
  per_page: z.coerce.number({ error: "validation.api.perPage" }).int({ error: "validation.api.perPage" }).min(1, { error: "validation.api.perPage" }).max(100, { error: "validation.api.perPage" }).default(25),
});
export type ResourceQuery = z.infer<typeof resourceQuerySchema>;

/** The same filters on the /resources page, where a bad value from a typed URL is just dropped. */
export const resourcePageFiltersSchema = z.object({
  q: optionalSearch.catch(undefined),
  type: z.enum(RESOURCE_TYPES).optional().catch(undefined),
  lang: z.enum(RESOURCE_LANGUAGES).optional().catch(undefined),
  component: z.string().trim().max(CODE_MAX).regex(CODE_PATTERN).optional().catch(undefined).transform((v) => v || undefined),
  lens: z.string().trim().max(CODE_MAX).regex(CODE_PATTERN).optional().catch(undefined).transform((v) => v || undefined),
  city: z.string().trim().max(60).regex(SLUG_PATTERN).optional().catch(undefined).transform((v) => v || undefined),
  year: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  sort: z.enum(RESOURCE_SORTS).optional().catch(undefined),
});
export type ResourcePageFilters = z.infer<typeof resourcePageFiltersSchema>;

/** A resource (or version) id from a URL; anything but a positive 32-bit integer is simply not found. */
export { routeId as resourceIdParam } from "./fields";

/** The message key a form page was sent back with (`?error=`), if it is one of ours. */
export function formErrorKey(raw: string | string[] | undefined, isKey: (key: string) => boolean): string | undefined {
  const key = Array.isArray(raw) ? raw[0] : raw;
  return key && /^(resources|validation|errors)\.[\w.]+$/.test(key) && isKey(key) ? key : undefined;
}

/** Publish or take back: the status a server action was bound to, checked like any input. */
export const resourceStatusSchema = z.enum(RESOURCE_STATUSES, { error: "validation.invalid" });
