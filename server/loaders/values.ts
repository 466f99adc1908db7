import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { reviewedPeriods, reviewQueue, reviewSheet, valuesAcrossCities } from "@/db/queries/review";
import { entryPeriods, entrySheet, openingPeriod } from "@/db/queries/value-entry";

// Request-cached reads for the data-entry and review pages. Each page checks who may see them
// (requirePagePermission) before calling these.

/** Every active indicator with the city's value for the quarter and the one before. */
export const loadEntrySheet = cache(async (cityId: number, period: string) => entrySheet(await getDb(), cityId, period));

/** The entry page's quarter picker: the city's earliest quarter to the current one, and every quarter holding its values. */
export const loadEntryPeriods = cache(async (cityId: number) => entryPeriods(await getDb(), cityId));

/** The quarter the entry page opens on: the last completed one, unless the current one holds drafts. */
export const loadOpeningPeriod = cache(async (cityId: number) => openingPeriod(await getDb(), cityId));

/** One line per city × quarter waiting for review; `own`: values this reviewer entered or submitted. */
export const loadReviewQueue = cache(async (actorId: number) => reviewQueue(await getDb(), actorId));

/** The city's values of the quarter that wait for review. */
export const loadReviewSheet = cache(async (cityId: number, period: string) => reviewSheet(await getDb(), cityId, period));

/** Every city's submitted or validated value of one indicator in one quarter (the outlier view). */
export const loadValuesAcrossCities = cache(async (indicatorId: number, period: string) => valuesAcrossCities(await getDb(), indicatorId, period));

/** Quarters holding any submitted or validated value, newest first. */
export const loadReviewedPeriods = cache(async () => reviewedPeriods(await getDb()));
