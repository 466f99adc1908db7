import { z } from "zod";
import { apiRoute } from "@/server/route";
import { getVisibleResource } from "@/server/resources/read";
import { AppError } from "@/lib/errors";
import { recordDownload } from "@/db/queries/resources";
import { fileDownloadResponse, idParam } from "../../json";

export const dynamic = "force-dynamic";

/**
 * Downloads a resource's file (or sends the visitor on to its link) and counts the download.
 * A draft is "not found" for anyone but its uploader, reviewers and admins.
 */
export const GET = apiRoute({
  auth: "optional",
  params: z.object({ id: z.string() }),
  run: async ({ db, actor, params, request }) => {
    const id = idParam(params.id);
    const resource = id === null ? null : await getVisibleResource(db, id, actor);
    if (!resource) throw new AppError("not_found");
    // A HEAD request (link checkers) is not a download.
    if (request.method !== "HEAD") await recordDownload(db, resource.id);
    if (resource.fileId === null || resource.fileName === null || resource.mimeType === null || resource.size === null) {
      if (!resource.externalUrl) throw new AppError("not_found");
      return new Response(null, { status: 303, headers: { Location: resource.externalUrl, "Cache-Control": "private, no-store" } });
    }
    return fileDownloadResponse(db, { fileId: resource.fileId, fileName: resource.fileName, mimeType: resource.mimeType, size: resource.size });
  },
});
