import { z } from "zod";
import { apiRoute } from "@/server/route";
import { AppError } from "@/lib/errors";
import { canSeeResidentDetails } from "@/lib/policies/problems";
import { problemsApiQuerySchema } from "@/lib/validation/problems";
import { getCityBySlug } from "@/db/queries/cities";
import { listProblems } from "@/db/queries/problems";

export const dynamic = "force-dynamic";

/**
 * The city's log of local problems ("issues" in the API; `city_problems` in the database), most
 * recently changed first, a page at a time. Residents' reports waiting for moderation are listed
 * only for the city's own officers and approver and for admins; who reported a problem never is.
 */
export const GET = apiRoute({
  auth: "required",
  permission: "problems.read",
  params: z.object({ slug: z.string() }),
  query: problemsApiQuerySchema,
  run: async ({ db, actor, params: { slug }, query }) => {
    const city = await getCityBySlug(db, slug);
    if (!city) throw new AppError("not_found", "validation.api.cityUnknown");
    const own = canSeeResidentDetails(actor, city.id);
    if (query.status === "reported" && !own) throw new AppError("forbidden");
    const limit = query.per_page;
    const { rows, total } = await listProblems(db, city.id, { status: query.status, severity: query.severity }, { includeReported: own }, { limit, offset: (query.page - 1) * limit });
    return {
      city: { slug: city.slug, name: city.nameEn },
      page: query.page,
      perPage: limit,
      total,
      issues: rows.map((r) => ({ id: r.id, title: r.title, status: r.status, severity: r.severity, source: r.source, component: r.componentCode, place: r.place, committee: r.committeeName, updatedAt: r.updatedAt.toISOString() })),
    };
  },
});
