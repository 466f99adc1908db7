import { openApiDocument } from "@/lib/openapi";

// The document is the same for everyone and changes only with a deploy.
export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument);
}
