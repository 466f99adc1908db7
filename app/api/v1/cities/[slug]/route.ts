import { z } from "zod";
import { namesOf } from "@/server/api";
import { apiRoute } from "@/server/route";
import { AppError } from "@/lib/errors";
import { getCityBySlug, listMentees } from "@/db/queries/cities";
import { cityScoresAt } from "@/db/queries/scores";
import { componentCodes } from "@/db/queries/api-read";

export const dynamic = "force-dynamic";

/** One city: profile, mentor, mentees, and its latest scores from validated values only. Public. */
export const GET = apiRoute({
  auth: "optional",
  params: z.object({ slug: z.string() }),
  run: async ({ db, params }) => {
    const city = await getCityBySlug(db, params.slug);
    if (!city) throw new AppError("not_found", "validation.api.cityUnknown");
    const [mentees, scores, codes] = await Promise.all([listMentees(db, city.id), cityScoresAt(db, city.id), componentCodes(db)]);
    return {
      city: {
        slug: city.slug,
        ...namesOf(city),
        country: city.country,
        region: city.region,
        kind: city.kind,
        population: city.population,
        latitude: city.latitude,
        longitude: city.longitude,
        programmeRole: city.programmeRole,
        joinedOn: city.joinedOn,
        mentor: city.mentorSlug && city.mentorNameEn ? { slug: city.mentorSlug, name: city.mentorNameEn } : null,
        mentees: mentees.map((mentee) => ({ slug: mentee.slug, name: mentee.nameEn, country: mentee.country })),
      },
      scores: {
        period: scores.period,
        index: scores.index,
        indexCoverage: scores.indexCoverage,
        components: scores.components.map((component) => ({
          component: codes.get(component.componentId) ?? null,
          score: component.score,
          coverage: component.coverage,
          indicatorsWithData: component.indicatorsWithData,
          indicatorCount: component.indicatorCount,
        })),
      },
    };
  },
});
