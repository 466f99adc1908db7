import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { loadComparison as comparison, pickerGroups, searchCompareCities, PICKER_GROUPS, PICKER_RESULTS, type CompareView } from "@/db/queries/compare";
import type { Locale } from "@/lib/i18n/config";

/** The comparison as of one quarter (`period`, else the newest any shown city has validated data for). */
export const loadComparison = cache(async (request: { slugs: readonly string[]; mentor?: string; view: CompareView; period?: string }) => comparison(await getDb(), request));

/** One page (1-based) of the picker's mentor groups. */
export const loadPickerGroups = cache(async (locale: Locale, page: number) => pickerGroups(await getDb(), { locale, limit: PICKER_GROUPS, offset: (page - 1) * PICKER_GROUPS }));

/** One page (1-based) of the picker's search results, without the cities already listed. */
export const loadPickerSearch = cache(async (q: string, locale: Locale, page: number, exclude: readonly number[]) =>
  searchCompareCities(await getDb(), { q, locale, limit: PICKER_RESULTS, offset: (page - 1) * PICKER_RESULTS, exclude }),
);
