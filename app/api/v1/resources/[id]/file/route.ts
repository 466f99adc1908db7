import { apiJson } from "@/server/api";
import { requireUser } from "@/server/authz";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, checkFile, fileField, readMultipart } from "@/lib/files/upload";
import { getDb } from "@/db/client";
import { getResource, replaceResourceFile } from "@/db/queries/resources";
import { can, canEditResource, canSeeResource } from "@/lib/permissions";
import { formErrorRedirect, idParam, redirectTo, resourceErrorResponse, resourceJson, wantsPage } from "../../json";

export const dynamic = "force-dynamic";

/**
 * Replaces a resource's file (multipart/form-data, field `file`, at most 25 MB, checked by
 * content). The previous file is kept as a version that admins can download.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    // The officer's city scope is checked against the resource's city once it is known.
    const actor = await requireUser();
    if (!can(actor.role, "resources.create")) throw new AppError("forbidden");
    const id = idParam((await params).id);
    const db = await getDb();
    const current = id === null ? null : await getResource(db, id);
    if (!current || !canSeeResource(actor, current)) throw new AppError("not_found");
    // Refused before the upload is read.
    if (!canEditResource(actor, current)) throw new AppError("forbidden");
    const form = await readMultipart(request);
    const upload = fileField(form);
    if (!upload) throw new AppError("invalid", "resources.file.missing");
    const file = await checkFile(new Uint8Array(await upload.arrayBuffer()), upload.name);
    const { versionId } = await replaceResourceFile(db, current.id, file, actor);
    if (wantsPage(request)) return redirectTo(`/resources/${current.id}/edit?done=replaced`);
    const updated = await getResource(db, current.id);
    if (!updated) throw new AppError("not_found");
    return apiJson({ resource: resourceJson(updated), previousVersionId: versionId });
  } catch (error) {
    if (!wantsPage(request)) return resourceErrorResponse(error);
    const id = idParam((await params).id);
    return id === null ? resourceErrorResponse(error) : formErrorRedirect(`/resources/${id}/edit`, error);
  }
}
