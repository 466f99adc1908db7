import { z } from "zod";
import { apiRoute } from "@/server/route";
import { readJson } from "@/server/api";
import { saveValueBody } from "@/server/values/save";
import { AppError } from "@/lib/errors";
import { canSeeUnvalidatedValues } from "@/lib/policies/values";
import { valuesQuerySchema } from "@/lib/validation/api";
import { valueWriteQuerySchema } from "@/lib/validation/values";
import type { Database } from "@/db/client";
import { getCityBySlug } from "@/db/queries/cities";
import { allCityValues, validatedCityValues } from "@/db/queries/api-read";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string() });

async function cityOf(db: Database, slug: string) {
  const city = await getCityBySlug(db, slug);
  if (!city) throw new AppError("not_found", "validation.api.cityUnknown");
  return city;
}

/**
 * The city's values, filtered by `period` or by `from`/`to` (inclusive). Drafts and submissions
 * show to the city's own officer, reviewers and admins (lib/policies/values); everyone else,
 * anonymous callers included, sees validated values only.
 */
export const GET = apiRoute({
  auth: "optional",
  params,
  query: valuesQuerySchema,
  run: async ({ db, actor, params: { slug }, query: range }) => {
    const city = await cityOf(db, slug);
    const cityRef = { slug: city.slug, name: city.nameEn };
    if (canSeeUnvalidatedValues(actor, city.id)) return { city: cityRef, view: "all", values: await allCityValues(db, city.id, range) };
    const values = await validatedCityValues(db, city.id, range);
    return { city: cityRef, view: "validated", values: values.map((v) => ({ ...v, status: "validated" as const })) };
  },
});

/**
 * Saves values of the city as drafts, all or nothing: the officer of this city or an admin. Every
 * problem of every row comes back in one 422. Rows that carry a `version` older than the stored
 * one, and rows without a `version` over a stored value unless `?overwrite=true`, are conflicts
 * (409); nothing is written. The body is read once the city and the caller's right to it are
 * known (404/403 before 422).
 */
export const PUT = apiRoute({
  auth: "required",
  permission: "values.write",
  write: true,
  params,
  query: valueWriteQuerySchema,
  scope: async ({ db, params: { slug } }) => {
    const city = await cityOf(db, slug);
    return { cityId: city.id, city };
  },
  run: async ({ db, actor, request, query, scope: { city } }) => {
    const saved = await saveValueBody(db, actor, { cityId: city.id, body: await readJson(request), overwrite: query.overwrite });
    return {
      city: { slug: city.slug, name: city.nameEn },
      saved: saved.map((value) => ({
        indicator: value.indicator,
        period: value.period,
        value: value.value,
        status: value.status,
        version: value.version,
        flags: value.flags,
        previous: value.previous,
        explanation: value.explanation,
      })),
    };
  },
});
