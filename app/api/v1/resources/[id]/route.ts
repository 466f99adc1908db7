import { apiJson, handleApi, optionalApiUser } from "@/server/api";
import { AppError } from "@/lib/errors";
import { getDb } from "@/db/client";
import { getVisibleResource } from "@/db/queries/resources";
import { idParam, resourceJson } from "../json";

export const dynamic = "force-dynamic";

/** One resource, if the caller may see it (a draft is "not found" to others). Public. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleApi(async () => {
    const viewer = await optionalApiUser();
    const id = idParam((await params).id);
    const resource = id === null ? null : await getVisibleResource(await getDb(), id, viewer);
    if (!resource) throw new AppError("not_found");
    return apiJson({ resource: resourceJson(resource) });
  });
}
