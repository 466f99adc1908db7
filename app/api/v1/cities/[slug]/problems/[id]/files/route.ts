import { z } from "zod";
import { routeId } from "@/lib/validation/fields";
import { apiJson } from "@/server/api";
import { apiRoute } from "@/server/route";
import { addProblemEvidence } from "@/server/problems/write";
import { invalidate } from "@/server/invalidate";
import { AppError } from "@/lib/errors";
import { checkFile, fileField, readMultipart } from "@/lib/files/upload";
import { canWriteProblems } from "@/lib/policies/problems";
import { problemFilePath, problemPath } from "@/lib/problems/paths";
import { problemCity } from "@/db/queries/problems";
import { formErrorRedirect, redirectTo, resourceErrorResponse, wantsPage } from "../../../../../resources/json";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string(), id: z.string() });

/**
 * Adds a photo or document to a problem's evidence (multipart, field `file`, at most 25 MB,
 * checked by content as the library's uploads are). A route rather than a server action: phone
 * photos exceed the action body limit. A plain form post is sent back to the problem's page.
 */
export const POST = apiRoute({
  auth: "required",
  permission: "problems.write",
  write: true,
  crossSiteMessage: "resources.upload.crossSite",
  params,
  // Who may add evidence is known from the problem alone: refused before the upload is read.
  scope: async ({ db, actor, params: { slug, id } }) => {
    const problemId = routeId(id);
    const found = problemId === null ? null : await problemCity(db, problemId);
    if (!found || problemId === null || found.slug !== slug) throw new AppError("not_found");
    if (!canWriteProblems(actor, found.cityId)) throw new AppError("forbidden");
    return { cityId: found.cityId, problemId, slug };
  },
  run: async ({ db, actor, request, scope: { problemId, slug } }) => {
    const form = await readMultipart(request);
    const upload = fileField(form);
    if (!upload) throw new AppError("invalid", "resources.file.missing");
    const file = await checkFile(new Uint8Array(await upload.arrayBuffer()), upload.name);
    const added = await addProblemEvidence(db, actor, problemId, file);
    invalidate.problems(slug);
    if (wantsPage(request)) return redirectTo(`${problemPath(slug, problemId)}?added=1`);
    return apiJson({ file: { id: added.id, fileName: file.fileName, mimeType: file.mimeType, size: file.size, downloadUrl: problemFilePath(slug, problemId, added.id) } }, { status: 201 });
  },
  onError: (error, request) => {
    const match = /\/cities\/([a-z0-9-]+)\/problems\/(\d+)\/files/.exec(new URL(request.url).pathname);
    return wantsPage(request) && match?.[1] && match[2] ? formErrorRedirect(problemPath(match[1], Number(match[2])), error) : resourceErrorResponse(error);
  },
});
