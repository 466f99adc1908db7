import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { PublicUser } from "@/db/queries/users";
import { echoValues, fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { PERMISSIONS, can, canForCity, type Permission } from "@/lib/permissions";

/**
 * The envelope every server action shares, free of Next's request globals so it can be tested on
 * its own: server/action.ts binds it to the session, the database and revalidatePath.
 *
 * Order matters and is the same for every action: who is asking (401) → may their role do this at
 * all (403, before the input is even read) → parse (field errors) → which city it touches → may
 * they for that city (403) → run → map domain errors → invalidate.
 */
export interface ActionContext<I, Sc = undefined> {
  db: Database;
  actor: PublicUser;
  input: I;
  formData: FormData;
  /** What `scope` found (the city and whatever else it loaded to find it). */
  scope: Sc;
}

/** A city the action writes for; `cityId: null` means none (officers are refused scoped permissions). */
export type CityScope = { cityId: number | null };

/**
 * `X`: fields an area adds to a failed result through mapError (an event form's overlap warning),
 * so the form state type says what the form may read.
 */
export interface ActionSpec<S extends z.ZodType, T, A = undefined, Sc extends CityScope | undefined = undefined, X extends object = Record<never, never>> {
  /** Required, and checked at definition: an action without one cannot be built. */
  permission: Permission;
  schema: S;
  /** What the schema parses; by default the form's fields as an object (`arg` is a bound argument). */
  read?: (formData: FormData, arg: A) => unknown;
  /**
   * The city the action writes for, found from its input (officers hold city-scoped permissions
   * for their own city only). `null` means "no city": an officer is refused a scoped permission.
   */
  scope?: (ctx: { db: Database; input: z.infer<S>; actor: PublicUser }) => Promise<Sc>;
  run: (ctx: ActionContext<z.infer<S>, Sc>) => Promise<T>;
  /** Paths to revalidate after success (use an area's helper from server/invalidate.ts). */
  invalidate?: (data: T, ctx: ActionContext<z.infer<S>, Sc>) => void;
  /** Where to send the person after success (after invalidation: redirect() throws). */
  redirectTo?: (data: T, ctx: ActionContext<z.infer<S>, Sc>) => string;
  /** Form fields sent back with an error so the form keeps what was typed. Never a password. */
  echo?: readonly string[];
  /** Multi-valued fields (checkbox groups) sent back the same way, their values joined by commas. */
  echoMulti?: readonly string[];
  /** Turns an area's own domain errors into a result (may await, e.g. the locale); undefined falls back. */
  mapError?: (error: unknown, ctx: { formData: FormData }) => MappedResult<T, X> | undefined | Promise<MappedResult<T, X> | undefined>;
}

export type MappedResult<T, X extends object> = ActionResult<T> & Partial<X>;

export interface ActionDeps {
  getActor: () => Promise<PublicUser | null>;
  getDb: () => Promise<Database>;
  redirect: (path: string) => never;
}

function echoOf(formData: FormData, fields: readonly string[] | undefined, multi: readonly string[] | undefined): Record<string, string> | undefined {
  if (!fields && !multi) return undefined;
  const values = echoValues(formData, fields ?? []);
  for (const field of multi ?? []) values[field] = formData.getAll(field).filter((v) => typeof v === "string").join(",");
  return values;
}

/** The error part of the envelope: redirect()/notFound() are rethrown, raw messages never leave. */
export function actionFailure<T>(error: unknown, values?: Record<string, string>): ActionResult<T> {
  unstable_rethrow(error);
  if (error instanceof z.ZodError) return { ok: false, error: "validation.checkFields", fieldErrors: fieldErrorsOf(error), values };
  if (error instanceof AppError) return { ok: false, error: error.messageKey, values };
  console.error("[action] unexpected error", error);
  return { ok: false, error: "errors.unexpected", values };
}

export function createActionRunner(deps: ActionDeps) {
  return async function execute<S extends z.ZodType, T, A, Sc extends CityScope | undefined, X extends object = Record<never, never>>(spec: ActionSpec<S, T, A, Sc, X>, formData: FormData, arg: A): Promise<MappedResult<T, X>> {
    const values = echoOf(formData, spec.echo, spec.echoMulti);
    let ctx: ActionContext<z.infer<S>, Sc>;
    let data: T;
    try {
      const actor = await deps.getActor();
      if (!actor) throw new AppError("unauthenticated");
      if (!can(actor.role, spec.permission)) throw new AppError("forbidden");
      const input = spec.schema.parse(spec.read ? spec.read(formData, arg) : Object.fromEntries(formData)) as z.infer<S>;
      const db = await deps.getDb();
      // Without a scope finder a city-scoped permission has no city to check: officers are refused.
      const scope = spec.scope ? await spec.scope({ db, input, actor }) : (undefined as Sc);
      if (!canForCity(actor, spec.permission, scope?.cityId)) throw new AppError("forbidden");
      ctx = { db, actor, input, formData, scope };
      data = await spec.run(ctx);
    } catch (error) {
      unstable_rethrow(error);
      const mapped = await spec.mapError?.(error, { formData });
      if (mapped) return values && !mapped.ok ? { ...mapped, values: mapped.values ?? values } : mapped;
      return actionFailure<T>(error, values);
    }
    spec.invalidate?.(data, ctx);
    if (spec.redirectTo) deps.redirect(spec.redirectTo(data, ctx));
    return { ok: true, data };
  };
}

/** Refuses at definition time a permission that is not in the table (a typo, a removed one). */
export function assertKnownPermission(permission: string): asserts permission is Permission {
  if (!Object.hasOwn(PERMISSIONS, permission)) throw new Error(`server action declares unknown permission "${permission}"`);
}

/** What a public action (nobody signed in: forgot password, the newsletter) gets. */
export interface PublicActionContext<I> {
  db: Database;
  input: I;
  formData: FormData;
  /** The client's address as the nearest proxy saw it, for throttling (null: unknown). */
  ip: string | null;
}

export interface PublicActionSpec<S extends z.ZodType, T> {
  schema: S;
  read?: (formData: FormData) => unknown;
  run: (ctx: PublicActionContext<z.infer<S>>) => Promise<T>;
  redirectTo?: (data: T) => string;
  echo?: readonly string[];
  mapError?: (error: unknown) => ActionResult<T> | undefined;
}

export interface PublicActionDeps {
  getDb: () => Promise<Database>;
  getIp: () => Promise<string | null>;
  redirect: (path: string) => never;
}

/**
 * The envelope for the few actions anyone may call: parse (field errors) → run → map domain
 * errors. No permission to check, so each such action throttles itself (rate_hits) and must answer
 * the same whether or not an account exists.
 */
export function createPublicActionRunner(deps: PublicActionDeps) {
  return async function execute<S extends z.ZodType, T>(spec: PublicActionSpec<S, T>, formData: FormData): Promise<ActionResult<T>> {
    const values = echoOf(formData, spec.echo, undefined);
    let data: T;
    try {
      const input = spec.schema.parse(spec.read ? spec.read(formData) : Object.fromEntries(formData)) as z.infer<S>;
      data = await spec.run({ db: await deps.getDb(), input, formData, ip: await deps.getIp() });
    } catch (error) {
      unstable_rethrow(error);
      const mapped = spec.mapError?.(error);
      if (mapped) return values && !mapped.ok ? { ...mapped, values: mapped.values ?? values } : mapped;
      return actionFailure<T>(error, values);
    }
    if (spec.redirectTo) deps.redirect(spec.redirectTo(data));
    return { ok: true, data };
  };
}
