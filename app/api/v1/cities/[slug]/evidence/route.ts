import { z } from "zod";
import { apiJson } from "@/server/api";
import { apiRoute } from "@/server/route";
import { getI18n } from "@/server/i18n";
import { createResource } from "@/server/resources/write";
import { AppError } from "@/lib/errors";
import { checkFile, fileField, readMultipart } from "@/lib/files/upload";
import { can } from "@/lib/permissions";
import { TITLE_MAX, type ResourceCreateInput } from "@/lib/validation/resources";
import { periodSchema } from "@/lib/validation/values";
import { getCityBySlug } from "@/db/queries/cities";
import { evidenceTarget } from "@/db/queries/value-entry";
import { resourceErrorResponse } from "../../../resources/json";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string() });

const fields = z.object({
  indicator: z.string({ error: "validation.indicatorUnknown" }).trim().min(1, { error: "validation.indicatorUnknown" }).max(40, { error: "validation.indicatorUnknown" }).regex(/^[A-Za-z0-9_.-]+$/, { error: "validation.indicatorUnknown" }),
  period: periodSchema,
});

/**
 * Stores a photo or scan that proves one value as a library resource of the city, through the
 * library's own write path: the same content checks (lib/files/upload.ts), the same rules (an
 * officer's resource is a draft, seen by them, reviewers and admins). Multipart: `indicator`,
 * `period`, `file`. The entry form then saves the value with the returned resource id. A route
 * rather than a server action: phone photos exceed the action body limit.
 */
export const POST = apiRoute({
  auth: "required",
  permission: "values.write",
  write: true,
  crossSiteMessage: "resources.upload.crossSite",
  params,
  scope: async ({ db, params: { slug } }) => {
    const city = await getCityBySlug(db, slug);
    if (!city) throw new AppError("not_found", "validation.api.cityUnknown");
    return { cityId: city.id, city };
  },
  run: async ({ db, actor, request, scope: { city } }) => {
    if (!can(actor.role, "resources.create")) throw new AppError("forbidden");
    const form = await readMultipart(request);
    const input = fields.parse({ indicator: form.get("indicator") ?? undefined, period: form.get("period") ?? undefined });
    const target = await evidenceTarget(db, city.id, input.indicator);
    if (!target) throw new AppError("invalid", "validation.indicatorUnknown");
    const upload = fileField(form);
    if (!upload) throw new AppError("invalid", "resources.file.missing");
    const file = await checkFile(new Uint8Array(await upload.arrayBuffer()), upload.name);
    const { t } = await getI18n();
    const title = t("entry.evidenceTitle", { code: target.code, indicator: target.nameEn, city: target.cityNameEn, period: input.period }).slice(0, TITLE_MAX);
    const resource: ResourceCreateInput = {
      title,
      summary: "",
      type: "report",
      // A photo or scan has no language of its own.
      language: "other",
      components: [target.componentCode],
      lenses: [],
      city: target.citySlug,
      author: "",
      year: Number(input.period.slice(0, 4)),
      source: "file",
      externalUrl: null,
      // Evidence waits in the library as a draft until a reviewer publishes it, whoever uploads it.
      publish: false,
    };
    const created = await createResource(db, resource, file, actor);
    return apiJson(
      { resource: { id: created.id, title, status: created.status, fileName: file.fileName, mimeType: file.mimeType, size: file.size, pageUrl: `/resources/${created.id}`, downloadUrl: `/api/v1/resources/${created.id}/download` } },
      { status: 201, headers: { Location: `/api/v1/resources/${created.id}` } },
    );
  },
  onError: (error) => resourceErrorResponse(error),
});
