"use server";

import { invalidate } from "@/server/invalidate";
import { z } from "zod";
import { action, actionWith } from "@/server/action";
import { createRound, moveRoundStatus, readRoundForm, reopenForCity, reopenSchema } from "@/server/questionnaires/rounds";

/*
 * Rounds are the admins' (rounds.manage). The builder checks the role first; the server functions
 * check it again (they are also called by tests and, later, by the API) and run each change in one
 * transaction with its audit row and its notices.
 */

// Every rounds page and the officers' assignment lists read what these change.
const invalidateRounds = () => invalidate.questionnaires();

const ROUND_FIELDS = ["versionId", "period", "titleEn", "titleBn", "titleNe", "targetKind", "opensOn", "dueOn", "orientationEventId", "guideResourceId"] as const;

/** Creates a scheduled round and opens its page. Every problem comes back at once, by field. */
export const createRoundAction = action({
  permission: "rounds.manage",
  schema: z.record(z.string(), z.unknown()),
  read: readRoundForm,
  run: async ({ db, actor, input }) => (await createRound(db, input, actor)).id,
  invalidate: invalidateRounds,
  redirectTo: (id) => `/questionnaires/rounds/${id}`,
  echo: ROUND_FIELDS,
  echoMulti: ["countries", "roles", "cityIds"],
});

const roundId = z.number().int().positive();

/** Opens a scheduled round or closes an open one; `revision` is the one the page showed. */
export const roundStatusAction = actionWith({
  permission: "rounds.manage",
  schema: z.object({ roundId, to: z.enum(["open", "closed"]), revision: z.coerce.number().int().positive() }),
  read: (formData, id: number) => ({ roundId: id, to: formData.get("to"), revision: formData.get("revision") }),
  run: async ({ db, actor, input }) => {
    await moveRoundStatus(db, { roundId: input.roundId, to: input.to, revision: input.revision }, actor);
    return undefined;
  },
  invalidate: invalidateRounds,
});

/** Lets one city of the round answer again until a chosen day. */
export const reopenCityAction = actionWith({
  permission: "rounds.manage",
  schema: reopenSchema.extend({ roundId }),
  read: (formData, id: number) => ({ roundId: id, responseId: formData.get("responseId"), until: formData.get("until") }),
  run: async ({ db, actor, input }) => {
    await reopenForCity(db, { roundId: input.roundId, responseId: input.responseId, until: input.until }, actor);
    return input.until;
  },
  invalidate: invalidateRounds,
});
