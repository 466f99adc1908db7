import { z } from "zod";
import { apiJson } from "@/server/api";
import { apiRoute } from "@/server/route";
import { replaceResourceFile } from "@/server/resources/write";
import { AppError } from "@/lib/errors";
import { checkFile, fileField, readMultipart } from "@/lib/files/upload";
import { canEditResource, canSeeResource } from "@/lib/policies/resources";
import { getResource } from "@/db/queries/resources";
import { formErrorRedirect, idParam, redirectTo, resourceErrorResponse, resourceJson, wantsPage } from "../../json";

export const dynamic = "force-dynamic";

/**
 * Replaces a resource's file (multipart/form-data, field `file`, at most 25 MB, checked by
 * content). The previous file is kept as a version that admins can download.
 */
export const POST = apiRoute({
  auth: "required",
  permission: "resources.create",
  write: true,
  crossSiteMessage: "resources.upload.crossSite",
  params: z.object({ id: z.string() }),
  // Who may edit is known from the resource alone: refused before the upload is read.
  scope: async ({ db, actor, params }) => {
    const id = idParam(params.id);
    const current = id === null ? null : await getResource(db, id);
    if (!current || !canSeeResource(actor, current)) throw new AppError("not_found");
    if (!canEditResource(actor, current)) throw new AppError("forbidden");
    return { cityId: current.cityId, current };
  },
  run: async ({ db, actor, request, scope: { current } }) => {
    const form = await readMultipart(request);
    const upload = fileField(form);
    if (!upload) throw new AppError("invalid", "resources.file.missing");
    const file = await checkFile(new Uint8Array(await upload.arrayBuffer()), upload.name);
    const { versionId } = await replaceResourceFile(db, current.id, file, actor);
    if (wantsPage(request)) return redirectTo(`/resources/${current.id}/edit?done=replaced`);
    const updated = await getResource(db, current.id);
    if (!updated) throw new AppError("not_found");
    return apiJson({ resource: resourceJson(updated), previousVersionId: versionId });
  },
  onError: (error, request, rawParams) => {
    if (!wantsPage(request)) return resourceErrorResponse(error);
    const id = typeof rawParams.id === "string" ? idParam(rawParams.id) : null;
    return id === null ? resourceErrorResponse(error) : formErrorRedirect(`/resources/${id}/edit`, error);
  },
});
