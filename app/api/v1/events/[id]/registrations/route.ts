import { z } from "zod";
import { apiRoute } from "@/server/route";
import { AppError } from "@/lib/errors";
import { canEditEvent } from "@/lib/policies/events";
import { rosterTable } from "@/lib/events/roster";
import { isLocale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/messages";
import { eventTrainerIds, getEventDetail } from "@/db/queries/events";
import { listRegistrations } from "@/db/queries/registrations";
import { rosterCsv, rosterXlsx } from "@/server/events/roster";

export const dynamic = "force-dynamic";

/**
 * An event's registrations with contact details and attendance, as CSV or XLSX in the caller's
 * language: for those who run the event (its trainers, admins) only.
 */
export const GET = apiRoute({
  auth: "required",
  permission: "events.manage",
  params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
  query: z.object({ format: z.enum(["csv", "xlsx"], { message: "validation.invalid" }).default("csv") }),
  run: async ({ db, actor, params, query }) => {
    const detail = await getEventDetail(db, params.id);
    if (!detail) throw new AppError("not_found");
    if (!canEditEvent(actor, await eventTrainerIds(db, detail.event.id))) throw new AppError("forbidden");
    const locale = isLocale(actor.locale) ? actor.locale : "en";
    const table = rosterTable(await listRegistrations(db, detail.event.id), translator(locale), locale);
    const name = `cwis-event-${detail.event.id}-registrations`;
    if (query.format === "xlsx") {
      const body = await rosterXlsx(table, detail.event.title);
      return new Response(new Uint8Array(body), {
        headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": `attachment; filename="${name}.xlsx"`, "Cache-Control": "private, no-store" },
      });
    }
    return new Response(rosterCsv(table), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"`, "Cache-Control": "private, no-store" } });
  },
});
