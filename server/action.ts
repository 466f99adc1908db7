import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { ActionResult } from "@/lib/action-result";
import { getCredential } from "@/server/authz";
import { assertKnownPermission, createActionRunner, createPublicActionRunner, type ActionSpec, type CityScope, type MappedResult, type PublicActionSpec } from "@/server/action-core";
import { clientIp } from "@/server/sign-in";

export type { ActionContext, ActionSpec, CityScope, MappedResult, PublicActionContext, PublicActionSpec } from "@/server/action-core";

// Every action writes: a read-only API token sent to one is no actor at all.
async function writingActor() {
  const credential = await getCredential();
  return credential && credential.scope === "write" ? credential.user : null;
}

const execute = createActionRunner({ getActor: writingActor, getDb, redirect });

/**
 * Builds a server action for a form driven by useActionState: `(previous, formData) => result`.
 * Every action in app/ is made with this (or actionWith), so none can skip the session, the
 * permission, the city scope or the error mapping.
 */
export function action<S extends z.ZodType, T, Sc extends CityScope | undefined = undefined>(spec: ActionSpec<S, T, undefined, Sc>): (previous: unknown, formData: FormData) => Promise<ActionResult<T>> {
  assertKnownPermission(spec.permission);
  return async (_previous: unknown, formData: FormData) => execute(spec, formData, undefined);
}

/**
 * The same for an action bound to an argument on the page (`saveCity.bind(null, slug)`). The
 * argument comes back from the browser like any input, so `read` must pass it through the schema.
 */
export function actionWith<A, S extends z.ZodType, T, Sc extends CityScope | undefined = undefined, X extends object = Record<never, never>>(spec: ActionSpec<S, T, A, Sc, X>): (arg: A, previous: unknown, formData: FormData) => Promise<MappedResult<T, X>> {
  assertKnownPermission(spec.permission);
  return async (arg: A, _previous: unknown, formData: FormData) => execute(spec, formData, arg);
}

const executePublic = createPublicActionRunner({ getDb, getIp: async () => clientIp(await headers()), redirect });

/**
 * A server action anyone may call, signed in or not (forgot password, set a password from a mailed
 * link, the newsletter). It keeps the builder's order and error mapping; it has no permission to
 * check, so it must throttle itself and never tell whether an account exists.
 */
export function publicAction<S extends z.ZodType, T>(spec: PublicActionSpec<S, T>): (previous: unknown, formData: FormData) => Promise<ActionResult<T>> {
  return async (_previous: unknown, formData: FormData) => executePublic(spec, formData);
}
