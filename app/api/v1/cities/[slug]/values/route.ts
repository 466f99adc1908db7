import { handleApi, apiJson, optionalApiUser, parseQuery, parseRows, readJson } from "@/server/api";
import { requirePermission, requireUser, type CurrentUser } from "@/server/authz";
import { AppError } from "@/lib/errors";
import { can, canForCity } from "@/lib/permissions";
import { valuesQuerySchema } from "@/lib/validation/api";
import { valueEntriesSchema } from "@/lib/validation/values";
import { getDb, type Database } from "@/db/client";
import { getCityBySlug } from "@/db/queries/cities";
import { allCityValues, validatedCityValues } from "@/db/queries/api-read";
import { upsertValues } from "@/db/queries/indicator-values";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

async function cityOf(db: Database, context: Context) {
  const { slug } = await context.params;
  const city = await getCityBySlug(db, slug);
  if (!city) throw new AppError("not_found", "validation.api.cityUnknown");
  return city;
}

/**
 * Who sees values that are not validated yet: the city's own officer (values.write for this city),
 * reviewers and admins (values.review). Everyone else, including partners, trainers, officers of
 * other cities and anonymous callers, sees validated values only.
 */
function seesUnvalidated(user: CurrentUser | null, cityId: number): boolean {
  return user !== null && (can(user.role, "values.review") || canForCity(user, "values.write", cityId));
}

/** The city's values, filtered by `period` or by `from`/`to` (inclusive). */
export async function GET(request: Request, context: Context) {
  return handleApi(async () => {
    const user = await optionalApiUser();
    const range = parseQuery(request, valuesQuerySchema);
    const db = await getDb();
    const city = await cityOf(db, context);
    const cityRef = { slug: city.slug, name: city.nameEn };
    if (seesUnvalidated(user, city.id)) {
      return apiJson({ city: cityRef, view: "all", values: await allCityValues(db, city.id, range) });
    }
    const values = await validatedCityValues(db, city.id, range);
    return apiJson({ city: cityRef, view: "validated", values: values.map((v) => ({ ...v, status: "validated" as const })) });
  });
}

/**
 * Saves values of the city as drafts, all or nothing: the officer of this city or an admin. Rows
 * that carry a `version` older than the stored one are conflicts (409) and nothing is written.
 */
export async function PUT(request: Request, context: Context) {
  return handleApi(async () => {
    // 401 before anything else: an anonymous caller learns nothing, not even whether the city exists.
    await requireUser();
    const db = await getDb();
    const city = await cityOf(db, context);
    const user = await requirePermission("values.write", { cityId: city.id });
    const entries = parseRows(await readJson(request), valueEntriesSchema);
    const saved = await upsertValues(db, { cityId: city.id, entries }, user.id);
    return apiJson({
      city: { slug: city.slug, name: city.nameEn },
      saved: saved.map((value) => ({ indicator: value.indicator, period: value.period, value: value.value, status: value.status, version: value.version })),
    });
  });
}
