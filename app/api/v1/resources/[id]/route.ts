import { z } from "zod";
import { apiRoute } from "@/server/route";
import { getVisibleResource } from "@/server/resources/read";
import { AppError } from "@/lib/errors";
import { idParam, resourceJson } from "../json";

export const dynamic = "force-dynamic";

/** One resource, if the caller may see it (a draft is "not found" to others). Public. */
export const GET = apiRoute({
  auth: "optional",
  params: z.object({ id: z.string() }),
  run: async ({ db, actor, params }) => {
    const id = idParam(params.id);
    const resource = id === null ? null : await getVisibleResource(db, id, actor);
    if (!resource) throw new AppError("not_found");
    return { resource: resourceJson(resource) };
  },
});
