import { namesOf } from "@/server/api";
import { apiRoute } from "@/server/route";
import { cityListQuerySchema } from "@/lib/validation/api";
import { listCities } from "@/db/queries/cities";

export const dynamic = "force-dynamic";

/** Cities of the programme, mentors first; filters `country`, `role`, `q`; paged. Public. */
export const GET = apiRoute({
  auth: "optional",
  query: cityListQuerySchema,
  run: async ({ db, query }) => {
    const filters = { country: query.country, role: query.role, q: query.q };
    const page = { limit: query.per_page, offset: (query.page - 1) * query.per_page };
    let { rows, total } = await listCities(db, filters, page);
    // The total rides on the rows; past the last page there are none to carry it.
    if (rows.length === 0 && page.offset > 0) total = (await listCities(db, filters, { limit: 1, offset: 0 })).total;
    return {
      cities: rows.map((city) => ({
        slug: city.slug,
        ...namesOf(city),
        country: city.country,
        region: city.region,
        kind: city.kind,
        population: city.population,
        programmeRole: city.programmeRole,
        mentor: city.mentorSlug && city.mentorNameEn ? { slug: city.mentorSlug, name: city.mentorNameEn } : null,
      })),
      page: query.page,
      perPage: query.per_page,
      total,
    };
  },
});
