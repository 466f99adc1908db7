import { handleApi } from "@/server/api";
import { requirePermission } from "@/server/authz";
import { AppError } from "@/lib/errors";
import { getDb } from "@/db/client";
import { getFileVersion } from "@/db/queries/resources";
import { fileDownloadResponse, idParam } from "../../../../json";

export const dynamic = "force-dynamic";

/** Downloads a file a resource carried before it was replaced. Admins only; not counted. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; versionId: string }> }) {
  return handleApi(async () => {
    await requirePermission("resources.versions");
    const raw = await params;
    const id = idParam(raw.id);
    const versionId = idParam(raw.versionId);
    const db = await getDb();
    const version = id === null || versionId === null ? null : await getFileVersion(db, id, versionId);
    if (!version) throw new AppError("not_found");
    return fileDownloadResponse(db, version);
  });
}
