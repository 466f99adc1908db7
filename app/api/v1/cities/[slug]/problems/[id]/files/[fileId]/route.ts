import { z } from "zod";
import { routeId } from "@/lib/validation/fields";
import { apiRoute } from "@/server/route";
import { problemView } from "@/server/loaders/problems";
import { AppError } from "@/lib/errors";
import { fileDownloadResponse } from "../../../../../../resources/json";

export const dynamic = "force-dynamic";


/** Downloads one piece of a problem's evidence, for whoever may read the problem. */
export const GET = apiRoute({
  auth: "required",
  permission: "problems.read",
  params: z.object({ slug: z.string(), id: z.string(), fileId: z.string() }),
  run: async ({ db, actor, params }) => {
    const problemId = routeId(params.id);
    const fileRowId = routeId(params.fileId);
    const view = problemId === null ? null : await problemView(db, problemId, actor);
    const file = view?.city.slug === params.slug ? view.evidence.find((f) => f.id === fileRowId) : undefined;
    if (!file) throw new AppError("not_found");
    return fileDownloadResponse(db, { fileId: file.fileId, fileName: file.fileName, mimeType: file.mimeType, size: file.size });
  },
});
