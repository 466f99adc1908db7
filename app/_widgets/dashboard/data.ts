import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { dashboardPeriods, heatPage, type HeatSort } from "@/db/queries/dashboard";
import { type Country, type ProgrammeRole } from "@/lib/domain";
import { addQuarters } from "@/lib/periods";
import type { Locale } from "@/lib/i18n/config";

/** Per request: the filter form, the heat table and the histogram share one computation. */
export const loadPeriods = cache(async () => dashboardPeriods(await getDb()));

/** One page of the heat table plus the histogram of all filtered cities; cached per request (primitive arguments). */
export const loadHeatPage = cache(
  async (country: Country | undefined, role: ProgrammeRole | undefined, view: "component" | "lens", period: string | undefined, sort: HeatSort | undefined, dir: "asc" | "desc" | undefined, locale: Locale, offset: number, limit: number) => {
    const [db, { latest }] = await Promise.all([getDb(), loadPeriods()]);
    return heatPage(db, { filters: { country, role }, view, period, latest, sort, dir, locale, offset, limit });
  },
);

/** Quarters for the period filter, newest first, from `latest` back to `first` (capped at 25 years). */
export function periodOptions(first: string | null, latest: string | null): string[] {
  if (!latest) return [];
  const out: string[] = [];
  for (let p = latest; out.length < 100; p = addQuarters(p, -1)) {
    out.push(p);
    if (!first || p <= first) break;
  }
  return out;
}
