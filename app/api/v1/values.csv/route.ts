import { apiError, errorResponse } from "@/server/api";
import { requireUser, type CurrentUser } from "@/server/authz";
import { AppError } from "@/lib/errors";
import { can, canForCity, canSeeUnvalidatedValues } from "@/lib/permissions";
import { BOM, CSV_HEADER_LINE, valueRowsToCsv } from "@/lib/csv";
import { valueExportQuerySchema } from "@/lib/validation/csv";
import { translator } from "@/lib/i18n/messages";
import { getDb } from "@/db/client";
import { getCityBySlug } from "@/db/queries/cities";
import { citySlugById, componentIdByCode, exportValueRows, type ValueExportFilters } from "@/db/queries/value-export";

export const dynamic = "force-dynamic";

const t = translator("en");

/**
 * Which cities `user` may export, and whether only validated values. Holders of data.export see
 * every city; of them, those who may not see unvalidated values (partners) get validated figures
 * only, as on the city pages and in the JSON API. An officer may export their own city in full.
 */
function exportScope(user: CurrentUser, cityId: number | undefined): { cityId: number | undefined; validatedOnly: boolean } {
  if (can(user.role, "data.export")) {
    return { cityId, validatedOnly: cityId === undefined ? !can(user.role, "values.review") : !canSeeUnvalidatedValues(user, cityId) };
  }
  const own = user.cityId;
  if (own === null || !canForCity(user, "values.write", own)) throw new AppError("forbidden");
  if (cityId !== undefined && cityId !== own) throw new AppError("forbidden");
  return { cityId: own, validatedOnly: false };
}

/**
 * Indicator values as CSV (lib/csv.ts layout), filtered by `city`, `component`, `from`, `to` and
 * `status`. Streamed batch by batch, so memory stays flat however many values there are.
 */
export async function GET(request: Request) {
  try {
    const user = await requireUser();
    const query = valueExportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const db = await getDb();

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
    const scope = exportScope(user, cityId);
    const statuses = query.status ? [query.status] : undefined;
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
  } catch (error) {
    return errorResponse(error);
  }
}
