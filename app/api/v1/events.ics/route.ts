import { apiRoute } from "@/server/route";
import { icsQuerySchema } from "@/lib/validation/events";
import { fieldRefusal } from "@/lib/events/errors";
import { buildCalendar, icsEventOf } from "@/lib/events/ics";
import { translator } from "@/lib/i18n/messages";
import { env } from "@/lib/env";
import { getCityBySlug } from "@/db/queries/cities";
import { listEventsForCalendar } from "@/db/queries/events";

export const dynamic = "force-dynamic";

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * iCalendar feed of every event from a year back on (`?city=<slug>`: hosted by or paired with that
 * city). Cancelled events stay in the feed with STATUS:CANCELLED so subscribed calendars remove
 * them. Public: no participants, no meeting links.
 */
export const GET = apiRoute({
  auth: "optional",
  query: icsQuerySchema,
  run: async ({ db, query }) => {
    const city = query.city ? await getCityBySlug(db, query.city) : null;
    if (query.city && !city) throw fieldRefusal("city", "validation.api.cityUnknown");
    const rows = await listEventsForCalendar(db, { city: query.city, since: new Date(Date.now() - YEAR_MS) });
    const t = translator("en");
    // Not the request's URL: behind `next start` that says localhost whatever the visitor used.
    const origin = env().appUrl;
    const body = buildCalendar(
      rows.map((e) => icsEventOf(e, { hostName: e.hostNameEn, origin, typeName: t(`events.types.${e.type}`), localTimeLabel: t("events.ics.localTime") })),
      city ? `${t("events.ics.name")} – ${city.nameEn}` : t("events.ics.name"),
    );
    return new Response(body, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `inline; filename="cwis-events${city ? `-${city.slug}` : ""}.ics"`,
        // Calendar apps poll; five minutes of caching spares the database without hiding a cancellation for long.
        "Cache-Control": "public, max-age=300",
      },
    });
  },
});
