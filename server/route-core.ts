import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Database } from "@/db/client";
import type { PublicUser } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { can, canForCity, type Permission } from "@/lib/permissions";
import { isCrossSiteRequest } from "@/lib/policies/requests";
import { assertKnownPermission, type CityScope } from "@/server/action-core";

/**
 * The envelope every API route handler shares, free of Next's request globals so it can be tested
 * on its own: server/route.ts binds it to the session, the database and the JSON error shape.
 *
 * Order, the same for every route: who is asking (401; credentials that were sent but do not hold
 * are a 401 even on public routes) → may their role do this at all (403, before the body is read)
 * → for a write: a read-only token is refused, a cookie request must come from this site (403)
 * → parse path, query and body (404 / 422) → which city it touches → may they for that city (403)
 * → run → map errors.
 */

/** How a caller proved who they are. `scope` limits what a token may do; a session may do everything. */
export interface Credential {
  user: PublicUser;
  via: "session" | "token";
  scope: "read" | "write";
}

export type RouteAuth = "public" | "optional" | "required";

type ActorOf<A extends RouteAuth> = A extends "required" ? PublicUser : PublicUser | null;
type DbOf<D extends boolean> = D extends false ? null : Database;
type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteContext<A extends RouteAuth, P, Q, I, Sc, D extends boolean = true> {
  db: DbOf<D>;
  actor: ActorOf<A>;
  credential: Credential | null;
  params: P;
  query: Q;
  input: I;
  request: Request;
  scope: Sc;
}

interface RouteSpecBase<A extends RouteAuth, PS, QS, BS, Sc, D extends boolean> {
  auth: A;
  /** The path's parameters (Next's `context.params`); a path that does not parse is a 404. */
  params?: PS;
  /** The query string (last value of a repeated name wins); a bad value is a 422 naming the field. */
  query?: QS;
  /** How the body is read (readJson, readMultipart, …) and what it must parse to. */
  body?: { read: (request: Request) => Promise<unknown>; schema: BS };
  /** The city the route acts on, found from what was parsed (officers: their own city only). */
  scope?: (ctx: { db: DbOf<D>; actor: ActorOf<A>; params: Parsed<PS>; query: Parsed<QS>; input: Parsed<BS> }) => Promise<Sc>;
  /** `false` for a route that never reads the database (a static document): nothing is opened. */
  database?: D;
  /** Whatever is not a Response is sent as JSON with status 200. */
  run: (ctx: RouteContext<A, Parsed<PS>, Parsed<QS>, Parsed<BS>, Sc, D>) => Promise<Response | unknown> | Response | unknown;
  /** An area's own error answer (for example a redirect back to an HTML form); undefined falls back. */
  onError?: (error: unknown, request: Request, rawParams: Readonly<Record<string, unknown>>) => Response | undefined;
}

/**
 * Required when a user is required: a route that demands sign-in must say what for, so a
 * forgotten permission is a type error (and an unknown one an error at definition).
 */
type AuthPart<A extends RouteAuth> = A extends "required"
  ? {
      permission: Permission;
      /** A mutating route: read-only tokens are refused, and a cookie request must come from this site. */
      write?: boolean;
      /** The message of the cross-site refusal (default errors.crossSite). */
      crossSiteMessage?: string;
    }
  : { permission?: undefined; write?: undefined; crossSiteMessage?: undefined };

export type RouteSpec<A extends RouteAuth, PS extends z.ZodType | undefined, QS extends z.ZodType | undefined, BS extends z.ZodType | undefined, Sc extends CityScope | undefined, D extends boolean> = RouteSpecBase<
  A,
  PS,
  QS,
  BS,
  Sc,
  D
> &
  AuthPart<A>;

export interface RouteDeps {
  /** Who the request's credentials name, or null (none, or ones that do not hold). */
  getCredential: (request: Request) => Promise<Credential | null>;
  /**
   * Why credentials that were sent do not hold (a signed-out session, a revoked token), as a
   * message key; null when none were sent. Without it, only an Authorization header counts as sent.
   */
  credentialRefusal?: (request: Request) => Promise<string | null>;
  getDb: () => Promise<Database>;
  /** The API's JSON error envelope. */
  errorResponse: (error: unknown) => Response;
  /** Turns a non-Response result into the JSON answer. */
  json: (data: unknown) => Response;
}

export type RouteHandler = (request: Request, context?: { params?: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

function parseWith<S extends z.ZodType | undefined>(schema: S | undefined, value: unknown): Parsed<S> {
  return (schema === undefined ? undefined : schema.parse(value)) as Parsed<S>;
}

/** Checks a spec at definition, so a wrong one fails when the module loads, not on a request. */
export function assertRouteSpec(spec: { auth: RouteAuth; permission?: string; write?: boolean }): void {
  if (spec.auth === "required") {
    if (typeof spec.permission !== "string") throw new Error("a route that requires sign-in must declare its permission");
    assertKnownPermission(spec.permission);
  } else if (spec.permission !== undefined || spec.write) {
    throw new Error(`a ${spec.auth} route cannot declare a permission or write: make it "required"`);
  }
}

export function createRouteRunner(deps: RouteDeps) {
  return function build<A extends RouteAuth, PS extends z.ZodType | undefined, QS extends z.ZodType | undefined, BS extends z.ZodType | undefined, Sc extends CityScope | undefined, D extends boolean = true>(
    spec: RouteSpec<A, PS, QS, BS, Sc, D>,
  ): RouteHandler {
    assertRouteSpec(spec);
    return async (request, context) => {
      let rawParams: Record<string, unknown> = {};
      try {
        rawParams = context?.params ? await context.params : {};
        let credential: Credential | null = null;
        if (spec.auth !== "public") {
          credential = await deps.getCredential(request);
          if (!credential) {
            const refusal = deps.credentialRefusal ? await deps.credentialRefusal(request) : request.headers.get("authorization") ? "validation.api.badToken" : null;
            // Credentials that were sent but do not hold are refused, not downgraded to the public view.
            if (refusal !== null) throw new AppError("unauthenticated", refusal);
            if (spec.auth === "required") throw new AppError("unauthenticated");
          }
        }
        const actor = (credential?.user ?? null) as ActorOf<A>;
        const permission = spec.permission;
        if (permission !== undefined && credential) {
          if (!can(credential.user.role, permission)) throw new AppError("forbidden");
          if (spec.write) {
            if (credential.via === "token" && credential.scope !== "write") throw new AppError("forbidden", "errors.readOnlyToken");
            if (credential.via === "session" && isCrossSiteRequest(request.headers)) throw new AppError("forbidden", spec.crossSiteMessage ?? "errors.crossSite");
          }
        }
        let params: Parsed<PS>;
        try {
          params = parseWith<PS>(spec.params, rawParams);
        } catch {
          throw new AppError("not_found");
        }
        const query = parseWith<QS>(spec.query, Object.fromEntries(new URL(request.url).searchParams));
        const input = (spec.body ? spec.body.schema?.parse(await spec.body.read(request)) : undefined) as Parsed<BS>;
        const db = (spec.database === false ? null : await deps.getDb()) as DbOf<D>;
        const scope = (spec.scope ? await spec.scope({ db, actor, params, query, input }) : undefined) as Sc;
        // Without a scope finder a city-scoped permission has no city to check: officers are refused.
        if (permission !== undefined && credential && !canForCity(credential.user, permission, scope?.cityId)) throw new AppError("forbidden");
        const result = await spec.run({ db, actor, credential, params, query, input, request, scope });
        return result instanceof Response ? result : deps.json(result);
      } catch (error) {
        unstable_rethrow(error);
        return spec.onError?.(error, request, rawParams) ?? deps.errorResponse(error);
      }
    };
  };
}
