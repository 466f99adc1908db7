import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { entrySheet, openPeriods, reviewQueue, reviewSheet } from "@/db/queries/indicator-values";

// Request-cached reads for the data-entry and review pages. Each page checks who may see them
// (requirePagePermission) before calling these.

/** Every active indicator with the city's value for the quarter and the one before. */
export const loadEntrySheet = cache(async (cityId: number, period: string) => entrySheet(await getDb(), cityId, period));

/** Quarters of the city that still hold drafts or returned values. */
export const loadOpenPeriods = cache(async (cityId: number) => openPeriods(await getDb(), cityId));

/** One line per city × quarter waiting for review. */
export const loadReviewQueue = cache(async () => reviewQueue(await getDb()));

/** The city's values of the quarter that wait for review. */
export const loadReviewSheet = cache(async (cityId: number, period: string) => reviewSheet(await getDb(), cityId, period));
