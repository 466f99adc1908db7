import "server-only";
import { getDb } from "@/db/client";
import { apiJson, errorResponse } from "@/server/api";
import { credentialRefusal, getCredential } from "@/server/authz";
import { createRouteRunner } from "@/server/route-core";

export type { Credential, RouteAuth, RouteContext, RouteHandler, RouteSpec } from "@/server/route-core";

/**
 * Builds an API route handler: `export const GET = apiRoute({ auth, permission?, write?, params?,
 * query?, body?, scope?, run })`. Every handler in app/api/v1 is made with this, so none can skip
 * authentication, the permission, the city scope, the cross-site check of a write or the JSON
 * error envelope (server/api.ts), and none opens the database itself.
 */
export const apiRoute = createRouteRunner({
  // Both read the request through next/headers (request-cached), not from the argument.
  getCredential: () => getCredential(),
  // A sent token that does not hold, or a cookie this app issued whose session ended (signed out,
  // disabled), is refused; a garbage cookie reads as anonymous (tests/e2e/resources.test.ts).
  credentialRefusal: () => credentialRefusal(),
  getDb,
  errorResponse,
  json: (data) => apiJson(data),
});
