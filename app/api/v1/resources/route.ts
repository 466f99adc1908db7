import { apiJson, handleApi, optionalApiUser, parseQuery } from "@/server/api";
import { requireUser } from "@/server/authz";
import { can } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { resourceCreateSchema, resourceFormFields, resourceQuerySchema } from "@/lib/validation/resources";
import { assertSameOrigin, checkFile, fileField, readMultipart } from "@/lib/files/upload";
import { getDb } from "@/db/client";
import { createResource, getResource, listResources } from "@/db/queries/resources";
import { formErrorRedirect, redirectTo, resourceErrorResponse, resourceJson, wantsPage } from "./json";

export const dynamic = "force-dynamic";

/**
 * Resources the caller may see (published ones; drafts too for their uploader, reviewers and
 * admins), searched and filtered. Public.
 */
export async function GET(request: Request) {
  return handleApi(async () => {
    const user = await optionalApiUser();
    const query = parseQuery(request, resourceQuerySchema);
    const db = await getDb();
    const { rows, total } = await listResources(
      db,
      user,
      { q: query.q, type: query.type, language: query.lang, component: query.component, lens: query.lens, city: query.city, year: query.year, sort: query.sort },
      { limit: query.per_page, offset: (query.page - 1) * query.per_page },
    );
    return apiJson({ resources: rows.map(resourceJson), page: query.page, perPage: query.per_page, total });
  });
}

/**
 * Adds a resource: multipart/form-data with the metadata fields and either `file` (checked by
 * content, at most 25 MB) or `externalUrl`. The upload form of /resources/new posts here, since a
 * server action's body passes through the proxy's 10 MB buffer.
 */
export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    // The officer's city scope is checked against the resource's city once it is known.
    const actor = await requireUser();
    if (!can(actor.role, "resources.create")) throw new AppError("forbidden");
    const form = await readMultipart(request);
    const input = resourceCreateSchema.parse(resourceFormFields(form));
    let file = null;
    if (input.source === "file") {
      const upload = fileField(form);
      if (!upload) throw new AppError("invalid", "resources.file.missing");
      file = await checkFile(new Uint8Array(await upload.arrayBuffer()), upload.name);
    }
    const db = await getDb();
    const created = await createResource(db, input, file, actor);
    if (wantsPage(request)) return redirectTo(`/resources/${created.id}`);
    const resource = await getResource(db, created.id);
    if (!resource) throw new AppError("not_found");
    return apiJson({ resource: resourceJson(resource) }, { status: 201, headers: { Location: `/api/v1/resources/${created.id}` } });
  } catch (error) {
    return wantsPage(request) ? formErrorRedirect("/resources/new", error) : resourceErrorResponse(error);
  }
}
