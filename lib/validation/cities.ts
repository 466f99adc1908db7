import { z } from "zod";
import { CITY_KINDS, COUNTRIES, PROGRAMME_ROLES } from "@/lib/domain";
import { optionalNumber } from "./fields";

export const CITY_SORTS = ["name", "country", "kind", "role", "mentor", "population", "index", "coverage"] as const;
export type CitySort = (typeof CITY_SORTS)[number] | `component:${number}`;

/** Query-string filters of the cities list. Unknown values are dropped, not errors: they come from URLs. */
export const cityFiltersSchema = z.object({
  country: z.enum(COUNTRIES).optional().catch(undefined),
  role: z.enum(PROGRAMME_ROLES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined).transform((q) => q || undefined),
  sort: z
    .string()
    .refine((s): s is CitySort => (CITY_SORTS as readonly string[]).includes(s) || /^component:\d{1,6}$/.test(s))
    .optional()
    .catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});


/** Profile fields an officer may edit for their own city (admins too, for any city). */
export const cityProfileSchema = z.object({
  nameEn: z.string().trim().min(2, { error: "validation.nameTooShort" }).max(120, { error: "validation.tooLong" }),
  nameBn: z.string().trim().min(2, { error: "validation.nameTooShort" }).max(120, { error: "validation.tooLong" }),
  nameNe: z.string().trim().min(2, { error: "validation.nameTooShort" }).max(120, { error: "validation.tooLong" }),
  region: z.string().trim().min(2, { error: "validation.required" }).max(120, { error: "validation.tooLong" }),
  population: optionalNumber(z.number().int({ error: "validation.wholeNumber" }).positive({ error: "validation.population" }).max(50_000_000, { error: "validation.population" })),
  latitude: optionalNumber(z.number().min(-90, { error: "validation.latitude" }).max(90, { error: "validation.latitude" })),
  longitude: optionalNumber(z.number().min(-180, { error: "validation.longitude" }).max(180, { error: "validation.longitude" })),
});

/** Fields only administrators set: identity, programme role and the mentor pairing. */
export const cityAdminSchema = cityProfileSchema.extend({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,48}$/, { error: "validation.slug" }),
  country: z.enum(COUNTRIES, { error: "validation.country" }),
  kind: z.enum(CITY_KINDS, { error: "validation.kind" }),
  programmeRole: z.enum(PROGRAMME_ROLES, { error: "validation.programmeRole" }),
  mentorSlug: z.preprocess((v) => (v === "" ? null : v), z.string().nullable().default(null)),
  joinedOn: z.preprocess((v) => (v === "" ? null : v), z.iso.date({ error: "validation.date" }).nullable().default(null)),
});

export type CityProfileInput = z.infer<typeof cityProfileSchema>;
export type CityAdminInput = z.infer<typeof cityAdminSchema>;
