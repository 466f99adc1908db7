import { z } from "zod";
import { apiRoute } from "@/server/route";
import { readJson } from "@/server/api";
import { AppError } from "@/lib/errors";
import { sentFromApi } from "@/lib/questionnaires/api";
import { answersBodySchema } from "@/lib/validation/questionnaires";
import { responseOfRoundCity } from "@/db/queries/responses";
import { saveAnswers } from "@/server/questionnaires/answer";

export const dynamic = "force-dynamic";

/**
 * A city's answers to a round, for its officer (or an admin): the same path as the form — every
 * problem at once (422 by question key), the response's `version` checked (409), the round's
 * window and deadline, indicator answers saved as the city's indicator values. `submit: true`
 * sends them to review. File questions are answered in the form only.
 */
export const PUT = apiRoute({
  auth: "required",
  permission: "responses.answer",
  write: true,
  params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), city: z.string().min(1).max(100) }),
  scope: async ({ db, params }) => {
    const response = await responseOfRoundCity(db, params.id, params.city);
    if (!response) throw new AppError("not_found");
    return { cityId: response.cityId, responseId: response.id };
  },
  run: async ({ db, actor, request, scope }) => {
    const body = answersBodySchema.parse(await readJson(request));
    const saved = await saveAnswers(db, actor, { responseId: scope.responseId, version: body.version, submit: body.submit, sent: sentFromApi(body.answers) });
    return { response: { id: scope.responseId, status: saved.status, version: saved.version } };
  },
});
