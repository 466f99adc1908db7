import { z } from "zod";
import { apiRoute } from "@/server/route";
import { AppError } from "@/lib/errors";
import { getFileVersion } from "@/db/queries/resources";
import { fileDownloadResponse, idParam } from "../../../../json";

export const dynamic = "force-dynamic";

/** Downloads a file a resource carried before it was replaced. Admins only; not counted. */
export const GET = apiRoute({
  auth: "required",
  permission: "resources.versions",
  params: z.object({ id: z.string(), versionId: z.string() }),
  run: async ({ db, params }) => {
    const id = idParam(params.id);
    const versionId = idParam(params.versionId);
    const version = id === null || versionId === null ? null : await getFileVersion(db, id, versionId);
    if (!version) throw new AppError("not_found");
    return fileDownloadResponse(db, version);
  },
});
