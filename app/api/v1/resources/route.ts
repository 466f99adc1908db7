import { z } from "zod";
import { apiJson } from "@/server/api";
import { apiRoute } from "@/server/route";
import { cityForNewResource, createResource } from "@/server/resources/write";
import { listResources } from "@/server/resources/read";
import { AppError } from "@/lib/errors";
import { resourceCreateSchema, resourceFormFields, resourceQuerySchema } from "@/lib/validation/resources";
import { checkFile, fileField, readMultipart } from "@/lib/files/upload";
import { getResource } from "@/db/queries/resources";
import { formErrorRedirect, redirectTo, resourceErrorResponse, resourceJson, wantsPage } from "./json";

export const dynamic = "force-dynamic";

/**
 * Resources the caller may see (published ones; drafts too for their uploader, reviewers and
 * admins), searched and filtered. Public.
 */
export const GET = apiRoute({
  auth: "optional",
  query: resourceQuerySchema,
  run: async ({ db, actor, query }) => {
    const { rows, total } = await listResources(
      db,
      actor,
      { q: query.q, type: query.type, language: query.lang, component: query.component, lens: query.lens, city: query.city, year: query.year, sort: query.sort },
      { limit: query.per_page, offset: (query.page - 1) * query.per_page },
    );
    return { resources: rows.map(resourceJson), page: query.page, perPage: query.per_page, total };
  },
});

/**
 * Adds a resource: multipart/form-data with the metadata fields and either `file` (checked by
 * content, at most 25 MB) or `externalUrl`. The upload form of /resources/new posts here, since a
 * server action's body passes through the proxy's 10 MB buffer.
 */
export const POST = apiRoute({
  auth: "required",
  permission: "resources.create",
  write: true,
  crossSiteMessage: "resources.upload.crossSite",
  body: { read: readMultipart, schema: z.instanceof(FormData) },
  // The officer's city scope is checked against the resource's city once the form is read.
  scope: async ({ db, actor, input: form }) => {
    const input = resourceCreateSchema.parse(resourceFormFields(form));
    return { input, cityId: await cityForNewResource(db, actor, input.city) };
  },
  run: async ({ db, actor, request, input: form, scope: { input } }) => {
    let file = null;
    if (input.source === "file") {
      const upload = fileField(form);
      if (!upload) throw new AppError("invalid", "resources.file.missing");
      file = await checkFile(new Uint8Array(await upload.arrayBuffer()), upload.name);
    }
    const created = await createResource(db, input, file, actor);
    if (wantsPage(request)) return redirectTo(`/resources/${created.id}`);
    const resource = await getResource(db, created.id);
    if (!resource) throw new AppError("not_found");
    return apiJson({ resource: resourceJson(resource) }, { status: 201, headers: { Location: `/api/v1/resources/${created.id}` } });
  },
  onError: (error, request) => (wantsPage(request) ? formErrorRedirect("/resources/new", error) : resourceErrorResponse(error)),
});
