import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { indicatorChoices, listQuestionnairesForDesign, versionsOfQuestionnaire, versionWithQuestions } from "@/db/queries/questionnaires";

/*
 * The designer's pages (/questionnaires/design/…). Each page checks "questionnaires.design"
 * before calling: drafts are the designers' alone.
 */

/** A page of questionnaires, each by its latest version. */
export const loadDesignList = cache(async (page: { limit: number; offset: number }) => listQuestionnairesForDesign(await getDb(), page));

/** A version with its questions (page and metadata share it). */
export const loadVersionForDesign = cache(async (versionId: number) => versionWithQuestions(await getDb(), versionId));

/** Every version of a questionnaire, newest first. */
export const loadVersionList = cache(async (questionnaireId: number) => versionsOfQuestionnaire(await getDb(), questionnaireId));

/** The framework's active indicators for the indicator question's select. */
export const loadIndicatorChoices = cache(async () => indicatorChoices(await getDb()));
