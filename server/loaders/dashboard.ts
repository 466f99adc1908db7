import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { dashboardPeriods, dataCoverage, heatPage, officerOverview, recentValidations, type HeatSort } from "@/db/queries/dashboard";
import { lastCompletedQuarter } from "@/lib/periods";
import { countSubmittedValues } from "@/db/queries/indicator-values";
import type { Country, ProgrammeRole } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";

// The dashboard's and the public overview's widgets stream in separately; where two of them need
// the same numbers (filter form, heat table, histogram) they meet here, once per request.

export const loadPeriods = cache(async () => dashboardPeriods(await getDb()));

/** One page of the heat table plus the histogram of all filtered cities (primitive arguments, so the two widgets hit one cache entry). */
export const loadHeatPage = cache(
  async (country: Country | undefined, role: ProgrammeRole | undefined, view: "component" | "lens", period: string | undefined, sort: HeatSort | undefined, dir: "asc" | "desc" | undefined, locale: Locale, offset: number, limit: number) => {
    const [db, { latest }] = await Promise.all([getDb(), loadPeriods()]);
    return heatPage(db, { filters: { country, role }, view, period, latest, sort, dir, locale, offset, limit });
  },
);

export const loadCoverage = cache(async () => dataCoverage(await getDb()));

/** Values waiting for review, programme-wide. The page shows it only to those who may review. */
export const loadReviewWaiting = cache(async () => countSubmittedValues(await getDb()));

/** The latest validations (they name the reviewer: signed-in dashboard only). */
export const loadRecentValidations = cache(async (country: Country | undefined, role: ProgrammeRole | undefined) => recentValidations(await getDb(), { country, role }));

/** The officer's own city: returned values, quarters not yet submitted, values awaiting review. */
export const loadOfficerOverview = cache(async (cityId: number) => {
  const lastCompleted = lastCompletedQuarter();
  return { lastCompleted, ...(await officerOverview(await getDb(), cityId, lastCompleted)) };
});
