import { z } from "zod";
import { apiRoute } from "@/server/route";
import { AppError } from "@/lib/errors";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/messages";
import { localize } from "@/lib/questionnaires/view";
import { responsesQuerySchema } from "@/lib/validation/questionnaires";
import { roundForResults } from "@/db/queries/round-results";
import { exportCsv, exportPages, exportXlsx } from "@/server/questionnaires/export";

export const dynamic = "force-dynamic";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A round's answers, one row per city × question answered (reviewers, partners, admins): JSON a
 * page of cities at a time after a cursor (the last response's id), or the whole as CSV or XLSX (a sheet per section), streamed. Question
 * texts in `lang` (default: the caller's language); `country` and `programme_role` narrow the cities.
 */
export const GET = apiRoute({
  auth: "required",
  permission: "responses.read",
  params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
  query: responsesQuerySchema,
  run: async ({ db, actor, params, query }) => {
    const round = await roundForResults(db, params.id);
    if (!round) throw new AppError("not_found");
    const locale: Locale = query.lang ?? (isLocale(actor.locale) ? actor.locale : "en");
    const filter = { ...(query.country ? { country: query.country } : {}), ...(query.programme_role ? { programmeRole: query.programme_role } : {}) };
    const name = `cwis-round-${round.id}-${round.period}-answers`;
    if (query.format === "csv") {
      return new Response(await exportCsv(db, { roundId: round.id }, { locale, t: translator(locale), filter }), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"`, "Cache-Control": "private, no-store" } });
    }
    if (query.format === "xlsx") {
      return new Response(exportXlsx(db, { roundId: round.id }, { locale, t: translator(locale), filter }), { headers: { "Content-Type": XLSX, "Content-Disposition": `attachment; filename="${name}.xlsx"`, "Cache-Control": "private, no-store" } });
    }
    const pages = exportPages(db, { roundId: round.id }, { filter, responsesPerPage: query.per_page, maxResponses: query.per_page, ...(query.after !== undefined ? { afterResponse: query.after } : {}) });
    const first = await pages.next();
    const page = first.done ? undefined : first.value;
    await pages.return(undefined);
    const rows = page?.rows ?? [];
    return {
      round: { id: round.id, title: round.title, period: round.period, status: round.status, version: round.versionNumber },
      rows: rows.map((r) => ({
        city: r.slug,
        country: r.country,
        programmeRole: r.programmeRole,
        status: r.status,
        version: r.versionNumber,
        section: r.sectionKey,
        question: r.questionKey,
        questionText: localize(r.label, locale),
        type: r.type,
        answer: r.type === "indicator" ? { indicator: r.indicatorCode, value: r.indicatorValue, status: r.indicatorStatus } : r.value,
      })),
      // More cities may follow: pass this back as `after` (null: this was the last page).
      next: page?.full ? page.lastResponse : null,
    };
  },
});
