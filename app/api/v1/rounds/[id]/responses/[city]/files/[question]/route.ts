import { z } from "zod";
import { apiRoute } from "@/server/route";
import { AppError } from "@/lib/errors";
import { fileAnswerOf, responseOfRoundCity } from "@/db/queries/responses";
import { fileDownloadResponse } from "../../../../../../resources/json";

export const dynamic = "force-dynamic";

/** The file a city sent as its answer to a file question: for who may read its answers (officers: their own city's). */
export const GET = apiRoute({
  auth: "required",
  permission: "responses.read",
  params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), city: z.string().min(1).max(100), question: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) }),
  scope: async ({ db, params }) => {
    const response = await responseOfRoundCity(db, params.id, params.city);
    if (!response) throw new AppError("not_found");
    return { cityId: response.cityId, responseId: response.id };
  },
  run: async ({ db, params, scope }) => {
    const file = await fileAnswerOf(db, scope.responseId, params.question);
    if (!file) throw new AppError("not_found");
    return fileDownloadResponse(db, file);
  },
});
