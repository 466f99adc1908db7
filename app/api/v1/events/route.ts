import { apiRoute } from "@/server/route";
import { eventsApiQuerySchema } from "@/lib/validation/events";
import { fieldRefusal } from "@/lib/events/errors";
import { utcToWallClock } from "@/lib/events/time";
import { nullIfBlank } from "@/lib/api-json";
import { getCityBySlug } from "@/db/queries/cities";
import { listEventsForApi } from "@/db/queries/events";

export const dynamic = "force-dynamic";

/**
 * Capacity-building events, soonest first; filters `from`/`to` (dates in the venue's zone,
 * inclusive) and `city` (host or either city of the pair). Public: never a participant, only seat
 * counts; the online meeting link only for signed-in callers.
 */
export const GET = apiRoute({
  auth: "optional",
  query: eventsApiQuerySchema,
  run: async ({ db, actor: user, query }) => {
    if (query.city && !(await getCityBySlug(db, query.city))) throw fieldRefusal("city", "validation.api.cityUnknown");
    const filters = { city: query.city, from: query.from, to: query.to };
    const page = { limit: query.per_page, offset: (query.page - 1) * query.per_page };
    let { rows, total } = await listEventsForApi(db, filters, page);
    if (rows.length === 0 && page.offset > 0) total = (await listEventsForApi(db, filters, { limit: 1, offset: 0 })).total;
    return {
      events: rows.map((e) => ({
        id: e.id,
        uid: e.uid,
        sequence: e.sequence,
        title: e.title,
        type: e.type,
        status: e.status,
        description: e.description,
        url: `/events/${e.id}`,
        hostCity: { slug: e.hostSlug, name: e.hostNameEn },
        pair: e.pairMentorSlug && e.pairMenteeSlug ? { mentor: { slug: e.pairMentorSlug, name: e.pairMentorNameEn ?? "" }, mentee: { slug: e.pairMenteeSlug, name: e.pairMenteeNameEn ?? "" } } : null,
        components: e.components,
        trainers: e.trainers.map((tr) => tr.name),
        timeZone: e.timeZone,
        startsAt: e.startsAt.toISOString(),
        endsAt: e.endsAt.toISOString(),
        localStart: utcToWallClock(e.startsAt, e.timeZone),
        localEnd: utcToWallClock(e.endsAt, e.timeZone),
        registrationDeadline: e.registrationDeadline?.toISOString() ?? null,
        venue: e.venue,
        online: nullIfBlank(e.onlineUrl) !== null,
        onlineUrl: user ? nullIfBlank(e.onlineUrl) : null,
        capacity: e.capacity,
        registered: e.registered,
        waitlisted: e.waitlisted,
        outcomes: e.outcomes,
        updatedAt: e.updatedAt.toISOString(),
      })),
      page: query.page,
      perPage: query.per_page,
      total,
    };
  },
});
