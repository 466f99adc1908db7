import { apiError } from "@/server/api";
import { apiRoute } from "@/server/route";
import { AppError } from "@/lib/errors";
import { valueExportScope } from "@/lib/policies/values";
import { BOM, CSV_HEADER_LINE, valueRowsToCsv } from "@/lib/csv";
import { valueExportQuerySchema } from "@/lib/validation/csv";
import { translator } from "@/lib/i18n/messages";
import { getCityBySlug } from "@/db/queries/cities";
import { citySlugById, componentIdByCode, exportValueRows, type ValueExportFilters } from "@/db/queries/value-export";

export const dynamic = "force-dynamic";

const t = translator("en");

/**
 * Indicator values as CSV (lib/csv.ts layout), filtered by `city`, `component`, `from`, `to` and
 * `status`. Streamed batch by batch, so memory stays flat however many values there are.
 */
export const GET = apiRoute({
  auth: "required",
  // Every role may ask; valueExportScope says which cities and which values each gets.
  permission: "app.view",
  query: valueExportQuerySchema,
  run: async ({ db, actor, query }) => {
    let cityId: number | undefined;
    if (query.city) {
      const city = await getCityBySlug(db, query.city);
      if (!city) return apiError(422, "invalid", t("validation.checkFields"), { fields: { city: [t("validation.city")] } });
      cityId = city.id;
    }
    let componentId: number | undefined;
    if (query.component) {
      const id = await componentIdByCode(db, query.component);
      if (id === null) return apiError(422, "invalid", t("validation.checkFields"), { fields: { component: [t("validation.component")] } });
      componentId = id;
    }
    const scope = valueExportScope(actor, cityId);
    if (!scope) throw new AppError("forbidden");
    // A reader of validated values only who asks for drafts is told so, not handed validated rows
    // under a filter they did not get. Their "validated" is every validated figure (a value with a
    // newer draft included), as without a filter.
    if (scope.validatedOnly && query.status && query.status !== "validated") throw new AppError("forbidden", "csv.statusNotVisible");
    const statuses = query.status && !scope.validatedOnly ? [query.status] : undefined;
    const filters: ValueExportFilters = { cityId: scope.cityId, componentId, from: query.from, to: query.to, statuses, validatedOnly: scope.validatedOnly };

    // The officer's own city is named in the file name even when they did not ask for it.
    const citySlug = query.city ?? (scope.cityId !== undefined ? await citySlugById(db, scope.cityId) : null);
    const filename = ["cwis-values", citySlug ?? "all-cities", query.component, query.from && `from-${query.from}`, query.to && `to-${query.to}`, query.status, new Date().toISOString().slice(0, 10)].filter(Boolean).join("_");

    const rows = exportValueRows(db, filters);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(BOM + CSV_HEADER_LINE));
      },
      // Called only when the client has read what was sent: one batch in memory at a time.
      async pull(controller) {
        try {
          const next = await rows.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(valueRowsToCsv(next.value)));
        } catch (error) {
          // The status line has gone out already; cutting the stream tells the client it is incomplete.
          console.error("[api] values.csv export failed", error);
          controller.error(new Error("export failed"));
        }
      },
      async cancel() {
        await rows.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});
