import { openApiDocument } from "@/lib/openapi";
import { apiRoute } from "@/server/route";

// The document is the same for everyone and changes only with a deploy.
export const dynamic = "force-static";

export const GET = apiRoute({ auth: "public", database: false, run: () => Response.json(openApiDocument) });
