import { z } from "zod";
import { PROBLEM_SEVERITIES, PROBLEM_SOURCES, PROBLEM_STATUSES } from "@/lib/domain";
import { optionalId, optionalNumber, plainText, positiveId } from "./fields";

export const PROBLEM_TITLE_MAX = 160;
export const PROBLEM_DESCRIPTION_MAX = 5000;
export const PROBLEM_PLACE_MAX = 200;
export const PROBLEM_NOTE_MAX = 2000;
export const REPORTER_NAME_MAX = 120;

/** The sources staff log from; `resident` is the public form's alone. */
export const STAFF_PROBLEM_SOURCES = PROBLEM_SOURCES.filter((s) => s !== "resident");

const title = plainText(PROBLEM_TITLE_MAX).min(3, { error: "validation.problems.titleShort" });
const coordinates = {
  latitude: optionalNumber(z.number().min(-90, { error: "validation.latitude" }).max(90, { error: "validation.latitude" })),
  longitude: optionalNumber(z.number().min(-180, { error: "validation.longitude" }).max(180, { error: "validation.longitude" })),
};

const problemFields = z
  .object({
    title,
    description: plainText(PROBLEM_DESCRIPTION_MAX).default(""),
    component: optionalId,
    place: plainText(PROBLEM_PLACE_MAX).default(""),
    ...coordinates,
    severity: z.enum(PROBLEM_SEVERITIES, { error: "validation.invalid" }),
    committee: optionalId,
    event: optionalId,
  })
  .superRefine((input, ctx) => {
    if ((input.latitude === null) !== (input.longitude === null)) ctx.addIssue({ code: "custom", path: [input.latitude === null ? "latitude" : "longitude"], message: "validation.problems.coordinatesPair" });
  });

/** A problem an officer or reviewer logs; a resident's report comes through `publicProblemSchema`. */
export const newProblemSchema = z.intersection(problemFields, z.object({ source: z.enum(STAFF_PROBLEM_SOURCES, { error: "validation.invalid" }) }));
export type NewProblemInput = z.infer<typeof newProblemSchema>;

/** An edit of the problem's facts (not its status: that is a move), against the version seen. */
export const editProblemSchema = z.intersection(problemFields, z.object({ id: positiveId, version: positiveId }));
export type EditProblemInput = z.infer<typeof editProblemSchema>;

export const moveProblemSchema = z.object({
  id: positiveId,
  version: positiveId,
  to: z.enum(PROBLEM_STATUSES, { error: "validation.invalid" }),
  note: plainText(PROBLEM_NOTE_MAX).default(""),
});
export type MoveProblemInput = z.infer<typeof moveProblemSchema>;

const PHONE = /^\+?[0-9][0-9 ()-]{5,22}$/;

/**
 * A resident's report on the public city page: what and where, optionally who (never shown
 * publicly). `website` is the honeypot: hidden from people, so whatever fills it is a program.
 */
export const publicProblemSchema = z.object({
  city: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,48}$/, { error: "validation.invalid" }),
  title,
  description: plainText(2000).default(""),
  place: plainText(PROBLEM_PLACE_MAX).min(2, { error: "validation.problems.placeNeeded" }),
  name: plainText(REPORTER_NAME_MAX).default(""),
  phone: plainText(30)
    .default("")
    .refine((value) => value === "" || PHONE.test(value), { error: "validation.problems.phone" }),
  website: z.string().max(1000).optional(),
});
export type PublicProblemInput = z.infer<typeof publicProblemSchema>;

/** The log's filters, from the URL: unknown values are dropped, not errors. */
export const problemFiltersSchema = z.object({
  status: z.enum([...PROBLEM_STATUSES, "active"]).optional().catch(undefined),
  component: z.coerce.number().int().positive().optional().catch(undefined),
  severity: z.enum(PROBLEM_SEVERITIES).optional().catch(undefined),
  committee: z.coerce.number().int().positive().optional().catch(undefined),
});
export type ProblemFilters = z.infer<typeof problemFiltersSchema>;

/** `GET /api/v1/cities/{slug}/issues`: the log's filters and a page (unknown values are errors here: the API says why). */
export const problemsApiQuerySchema = z.object({
  status: z.enum([...PROBLEM_STATUSES, "active"], { error: "validation.invalid" }).optional(),
  severity: z.enum(PROBLEM_SEVERITIES, { error: "validation.invalid" }).optional(),
  page: z.coerce.number({ error: "validation.api.page" }).int({ error: "validation.api.page" }).min(1, { error: "validation.api.page" }).max(100_000, { error: "validation.api.page" }).default(1),
  per_page: z.coerce.number({ error: "validation.api.perPage" }).int({ error: "validation.api.perPage" }).min(1, { error: "validation.api.perPage" }).max(200, { error: "validation.api.perPage" }).default(50),
});
