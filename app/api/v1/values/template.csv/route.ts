import { apiRoute } from "@/server/route";
import { AppError } from "@/lib/errors";
import { BOM, CSV_HEADER_LINE, valueRowsToCsv, type CsvValueRow } from "@/lib/csv";
import { valueTemplateQuerySchema } from "@/lib/validation/csv";
import { getCityBySlug } from "@/db/queries/cities";
import { storedVersions, templateIndicators } from "@/db/queries/value-export";

export const dynamic = "force-dynamic";

/**
 * A file to fill in: the CSV header and one row per active indicator for the city and quarter,
 * value and note empty. Annual indicators are listed only in Q4, when they are reported. A value
 * already stored carries its version (empty: none stored), so one saved in the form after the
 * download is a conflict on import, not overwritten. For whoever may write the city's values (its
 * officer, an admin).
 */
export const GET = apiRoute({
  auth: "required",
  permission: "values.write",
  query: valueTemplateQuerySchema,
  scope: async ({ db, query }) => {
    const city = await getCityBySlug(db, query.city);
    if (!city) throw new AppError("not_found", "validation.city");
    return { cityId: city.id, city };
  },
  run: async ({ db, query, scope: { city } }) => {
    const annual = query.period.endsWith("-Q4");
    const [list, versions] = await Promise.all([templateIndicators(db), storedVersions(db, city.id, query.period)]);
    const rows: CsvValueRow[] = list
      .filter((indicator) => annual || indicator.frequency !== "annual")
      .map((indicator) => ({ city: city.slug, indicator: indicator.code, period: query.period, value: null, note: "", evidenceUrl: null, status: null, validatedValue: null, version: versions.get(indicator.id) ?? null }));
    return new Response(BOM + CSV_HEADER_LINE + valueRowsToCsv(rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="cwis-template_${city.slug}_${query.period}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});
