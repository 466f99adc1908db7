import { z } from "zod";
import { apiRoute } from "@/server/route";
import { AppError } from "@/lib/errors";
import { buildCalendar, icsEventOf } from "@/lib/events/ics";
import { translator } from "@/lib/i18n/messages";
import { env } from "@/lib/env";
import { getEventDetail } from "@/db/queries/events";

export const dynamic = "force-dynamic";

/** One event as an iCalendar file ("add to calendar" on its page). Public, like the feed: no meeting link, no participants. */
export const GET = apiRoute({
  auth: "optional",
  params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
  run: async ({ db, params }) => {
    const detail = await getEventDetail(db, params.id);
    if (!detail) throw new AppError("not_found");
    const t = translator("en");
    const body = buildCalendar([icsEventOf(detail.event, { hostName: detail.host.nameEn, origin: env().appUrl, typeName: t(`events.types.${detail.event.type}`), localTimeLabel: t("events.ics.localTime") })], t("events.ics.name"));
    return new Response(body, {
      headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `attachment; filename="cwis-event-${detail.event.id}.ics"`, "Cache-Control": "public, max-age=300" },
    });
  },
});
