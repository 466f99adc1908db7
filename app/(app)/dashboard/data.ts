import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { dashboardPeriods, heatTable } from "@/db/queries/dashboard";
import type { Country, ProgrammeRole } from "@/db/schema";
import { addQuarters } from "@/lib/periods";

/** Per request: the filter form, the heat table and the histogram share one computation. */
export const loadPeriods = cache(async () => dashboardPeriods(await getDb()));

export const loadHeatTable = cache(async (country: Country | undefined, role: ProgrammeRole | undefined, view: "component" | "lens", period: string | undefined) => {
  const [db, { latest }] = await Promise.all([getDb(), loadPeriods()]);
  return heatTable(db, { filters: { country, role }, view, period, latest });
});

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
