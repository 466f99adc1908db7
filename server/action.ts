import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { ActionResult } from "@/lib/action-result";
import { getCredential } from "@/server/authz";
import { assertKnownPermission, createActionRunner, type ActionSpec, type CityScope, type MappedResult } from "@/server/action-core";

export type { ActionContext, ActionSpec, CityScope, MappedResult } from "@/server/action-core";

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
