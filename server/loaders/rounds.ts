import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { countTargetCities, getRoundDetail, listRounds, roundCityPage, roundFormOptions, roundStatusCounts, roundSubmissionDays, type RoundCityFilters, type RoundDetail } from "@/db/queries/rounds";
import type { Country } from "@/lib/domain";
import type { RoundTarget } from "@/lib/questionnaires/types";

/*
 * Request-cached reads of the rounds pages. The page decides who may read (responses.read, not
 * officers: a round's page shows every asked city); these only fetch.
 */

export const loadRoundList = cache(async (page: { limit: number; offset: number }) => listRounds(await getDb(), page));

/** A round with its version, event and guide; the page and its metadata share one query. */
export const loadRound = cache(async (id: number): Promise<RoundDetail | null> => getRoundDetail(await getDb(), id));

export const loadRoundFormOptions = cache(async () => roundFormOptions(await getDb(), new Date()));

export const loadTargetCount = cache(async (target: RoundTarget) => countTargetCities(await getDb(), target));

// Filters arrive as primitives so cache() recognises the same call from two widgets.
const filtersOf = (country: Country | undefined, role: RoundCityFilters["role"]): RoundCityFilters => ({ country, role });

export const loadRoundCounts = cache(async (roundId: number, country: Country | undefined, role: RoundCityFilters["role"]) => roundStatusCounts(await getDb(), roundId, filtersOf(country, role)));

export const loadRoundCities = cache(async (roundId: number, country: Country | undefined, role: RoundCityFilters["role"], overdueOnly: boolean, pastDue: string, limit: number, offset: number) =>
  roundCityPage(await getDb(), roundId, filtersOf(country, role), { overdueOnly, pastDueCountries: pastDue.split(",").filter((c): c is Country => c === "BD" || c === "NP"), limit, offset }),
);

export const loadRoundSubmissionDays = cache(async (roundId: number, country: Country | undefined, role: RoundCityFilters["role"], timeZone: string) => roundSubmissionDays(await getDb(), roundId, filtersOf(country, role), timeZone));
