import { z } from "zod";
import { apiRoute } from "@/server/route";
import { problemView } from "@/server/loaders/problems";
import { AppError } from "@/lib/errors";
import { fileDownloadResponse } from "../../../../../../resources/json";

export const dynamic = "force-dynamic";

const idOf = (raw: string) => (/^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null);

/** Downloads one piece of a problem's evidence, for whoever may read the problem. */
export const GET = apiRoute({
  auth: "required",
  permission: "problems.read",
  params: z.object({ slug: z.string(), id: z.string(), fileId: z.string() }),
  run: async ({ db, actor, params }) => {
    const problemId = idOf(params.id);
    const fileRowId = idOf(params.fileId);
    const view = problemId === null ? null : await problemView(db, problemId, actor);
    const file = view?.city.slug === params.slug ? view.evidence.find((f) => f.id === fileRowId) : undefined;
    if (!file) throw new AppError("not_found");
    return fileDownloadResponse(db, { fileId: file.fileId, fileName: file.fileName, mimeType: file.mimeType, size: file.size });
  },
});
