import { describe, expect, it, vi } from "vitest";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { PublicUser } from "@/db/queries/users";
import type { Role } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { assertKnownPermission, createActionRunner, type ActionSpec, type CityScope } from "@/server/action-core";
import { createRouteRunner, type Credential } from "@/server/route-core";

/*
 * Both builders through their Next-free cores: the session, the database and the response shape
 * are injected, so each rule of the envelope is checked on its own. The database is a sentinel the
 * builders only hand on (no query runs here).
 */
const db = { sentinel: "db" } as unknown as Database;

function user(role: Role, cityId: number | null = null, id = 7): PublicUser {
  return { id, email: `${role}@test`, name: role, role, cityId, locale: "en", disabled: false, createdAt: new Date(0) };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

function actionRunner(actor: PublicUser | null) {
  const redirects: string[] = [];
  const execute = createActionRunner({
    getActor: async () => actor,
    getDb: async () => db,
    redirect: (path: string): never => {
      redirects.push(path);
      // What next/navigation's redirect() does: throw, so nothing after it runs.
      redirect(path);
    },
  });
  const run = <S extends z.ZodType, T, Sc extends CityScope | undefined = undefined>(spec: ActionSpec<S, T, undefined, Sc>, fields: Record<string, string> = {}) => execute(spec, form(fields), undefined);
  return { run, execute, redirects };
}

const nameSchema = z.object({ name: z.string().min(2) });

describe("action builder", () => {
  it("refuses a signed-out visitor with errors.unauthenticated, running nothing", async () => {
    const body = vi.fn();
    const result = await actionRunner(null).run({ permission: "app.view", schema: nameSchema, run: body }, { name: "ok" });
    expect(result).toEqual({ ok: false, error: "errors.unauthenticated", values: undefined });
    expect(body).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission before the parser or the body runs", async () => {
    const read = vi.fn(() => ({ name: "ok" }));
    const parse = vi.fn();
    const schema = z.object({ name: z.string() }).transform((v) => (parse(), v));
    const body = vi.fn();
    const result = await actionRunner(user("partner")).run({ permission: "events.manage", schema, read, run: body }, { name: "ok" });
    expect(result).toMatchObject({ ok: false, error: "errors.forbidden" });
    expect(read).not.toHaveBeenCalled();
    expect(parse).not.toHaveBeenCalled();
    expect(body).not.toHaveBeenCalled();
  });

  it("refuses an officer acting on another city, allows their own", async () => {
    const body = vi.fn(async () => "saved");
    const spec = { permission: "values.write" as const, schema: z.object({ city: z.coerce.number() }), scope: async ({ input }: { input: { city: number } }) => ({ cityId: input.city }), run: body };
    const officer = actionRunner(user("officer", 10));
    expect(await officer.run(spec, { city: "11" })).toMatchObject({ ok: false, error: "errors.forbidden" });
    expect(body).not.toHaveBeenCalled();
    expect(await officer.run(spec, { city: "10" })).toEqual({ ok: true, data: "saved" });
    // Admins hold the scoped permission for every city.
    expect(await actionRunner(user("admin")).run(spec, { city: "11" })).toEqual({ ok: true, data: "saved" });
  });

  it("refuses officers a city-scoped permission when the action has no scope finder", async () => {
    const body = vi.fn(async () => 1);
    expect(await actionRunner(user("officer", 10)).run({ permission: "cities.edit", schema: z.object({}), run: body })).toMatchObject({ ok: false, error: "errors.forbidden" });
    expect(body).not.toHaveBeenCalled();
    expect(await actionRunner(user("admin")).run({ permission: "cities.edit", schema: z.object({}), run: body })).toEqual({ ok: true, data: 1 });
  });

  it("turns zod errors into field errors and echoes only the listed fields", async () => {
    const result = await actionRunner(user("admin")).run({ permission: "app.view", schema: nameSchema, echo: ["name"], run: async () => 1 }, { name: "x", password: "secret" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe("validation.checkFields");
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(["name"]);
    expect(result.values).toEqual({ name: "x" });
  });

  it("maps an AppError to its message key", async () => {
    const result = await actionRunner(user("admin")).run({ permission: "app.view", schema: z.object({}), run: async () => { throw new AppError("conflict", "events.duplicateRegistration"); } });
    expect(result).toMatchObject({ ok: false, error: "events.duplicateRegistration" });
  });

  it("answers errors.unexpected to an unknown error and never passes its text on", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await actionRunner(user("admin")).run({ permission: "app.view", schema: z.object({}), run: async () => { throw new Error('duplicate key value violates "users_email_key" select * from users'); } });
    expect(result).toEqual({ ok: false, error: "errors.unexpected", values: undefined });
    expect(JSON.stringify(result)).not.toContain("users");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("lets redirect() and notFound() thrown by the body through", async () => {
    const runner = actionRunner(user("admin"));
    await expect(runner.run({ permission: "app.view", schema: z.object({}), run: async () => redirect("/elsewhere") })).rejects.toThrow("NEXT_REDIRECT");
    await expect(runner.run({ permission: "app.view", schema: z.object({}), run: async () => notFound() })).rejects.toThrow();
  });

  it("invalidates and redirects only after success", async () => {
    const invalidate = vi.fn();
    const runner = actionRunner(user("admin"));
    await runner.run({ permission: "app.view", schema: z.object({}), invalidate, redirectTo: () => "/next", run: async () => { throw new AppError("invalid"); } });
    expect(invalidate).not.toHaveBeenCalled();
    expect(runner.redirects).toEqual([]);
    await expect(runner.run({ permission: "app.view", schema: z.object({}), invalidate, redirectTo: (id: number) => `/done/${id}`, run: async () => 5 })).rejects.toThrow("NEXT_REDIRECT");
    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(invalidate.mock.calls[0]?.[0]).toBe(5);
    expect(runner.redirects).toEqual(["/done/5"]);
  });

  it("echoes a checkbox group's values joined by commas", async () => {
    const runner = actionRunner(user("admin"));
    const formData = new FormData();
    formData.append("title", "Workshop");
    formData.append("components", "TG");
    formData.append("components", "BS");
    const result = await runner.execute({ permission: "app.view", schema: z.object({}), echo: ["title"], echoMulti: ["components", "lenses"], run: async () => { throw new AppError("invalid"); } }, formData, undefined);
    expect(result).toMatchObject({ ok: false, values: { title: "Workshop", components: "TG,BS", lenses: "" } });
  });

  it("lets an area's mapError answer first, keeping the echoed fields", async () => {
    class Warning extends Error {}
    const result = await actionRunner(user("admin")).run(
      { permission: "app.view", schema: z.object({}), echo: ["title"], run: async () => { throw new Warning(); }, mapError: (error) => (error instanceof Warning ? { ok: false, error: "events.overlapWarning" } : undefined) },
      { title: "Kept" },
    );
    expect(result).toEqual({ ok: false, error: "events.overlapWarning", values: { title: "Kept" } });
  });

  it("refuses at definition a permission that is not in the table: a forgotten one cannot pass", async () => {
    expect(() => assertKnownPermission("events.mange")).toThrow(/unknown permission/);
    expect(() => assertKnownPermission("")).toThrow();
    expect(() => assertKnownPermission("events.manage")).not.toThrow();
    // The builders in server/action.ts call the same check when an action is built.
    const source = (await import("node:fs")).readFileSync(new URL("../../server/action.ts", import.meta.url), "utf8");
    expect(source.match(/assertKnownPermission\(spec\.permission\)/g)).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------

const json = (data: unknown, status = 200) => Response.json(data, { status });
const errorResponse = (error: unknown) => {
  if (error instanceof z.ZodError) return json({ error: { code: "invalid", fields: error.issues.map((i) => i.path.join(".")) } }, 422);
  if (error instanceof AppError) return json({ error: { code: error.code, messageKey: error.messageKey } }, error.status);
  return json({ error: { code: "unexpected", message: "Something went wrong" } }, 500);
};

function routeBuilder(credential: Credential | null) {
  const getDb = vi.fn(async () => db);
  return { apiRoute: createRouteRunner({ getCredential: async () => credential, getDb, errorResponse, json: (data) => json(data) }), getDb };
}

const session = (u: PublicUser): Credential => ({ user: u, via: "session", scope: "write" });
const token = (u: PublicUser, scope: "read" | "write" = "write"): Credential => ({ user: u, via: "token", scope });
const HOST = "app.example";
const req = (path = "/api/v1/x", init: RequestInit & { headers?: Record<string, string> } = {}) => new Request(`http://${HOST}${path}`, { ...init, headers: { host: HOST, ...init.headers } });
const params = (value: Record<string, string>) => ({ params: Promise.resolve(value) });

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as { error?: { code: string; messageKey?: string; message?: string } } & Record<string, unknown> };
}

describe("route builder", () => {
  it("answers 401 to a required route without credentials, before anything runs", async () => {
    const { apiRoute, getDb } = routeBuilder(null);
    const run = vi.fn();
    const read = vi.fn();
    const handler = apiRoute({ auth: "required", permission: "app.view", body: { read, schema: z.unknown() }, run });
    const { status, body } = await answer(await handler(req()));
    expect(status).toBe(401);
    expect(body.error?.messageKey).toBe("errors.unauthenticated");
    expect(run).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
    expect(getDb).not.toHaveBeenCalled();
  });

  it("serves an optional route to anonymous callers, but refuses credentials that do not hold", async () => {
    const { apiRoute } = routeBuilder(null);
    const handler = apiRoute({ auth: "optional", run: ({ actor }) => ({ signedIn: actor !== null }) });
    expect(await answer(await handler(req()))).toEqual({ status: 200, body: { signedIn: false } });
    const forged = await answer(await handler(req("/api/v1/x", { headers: { authorization: "Bearer cwis_forged" } })));
    expect(forged.status).toBe(401);
    expect(forged.body.error?.messageKey).toBe("validation.api.badToken");
  });

  it("refuses a role without the permission before the body is read or parsed", async () => {
    const { apiRoute } = routeBuilder(session(user("partner")));
    const read = vi.fn(async () => ({}));
    const run = vi.fn();
    const response = await apiRoute({ auth: "required", permission: "values.write", write: true, body: { read, schema: z.object({}) }, run })(req("/x", { method: "PUT" }));
    expect(response.status).toBe(403);
    expect(read).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it("checks a city-scoped permission against the city the scope finder returns", async () => {
    const run = vi.fn(async () => ({ ok: true }));
    const spec = { auth: "required" as const, permission: "values.write" as const, params: z.object({ city: z.coerce.number() }), scope: async ({ params: p }: { params: { city: number } }) => ({ cityId: p.city }), run };
    const officer = routeBuilder(token(user("officer", 10))).apiRoute(spec);
    expect((await officer(req(), params({ city: "11" }))).status).toBe(403);
    expect(run).not.toHaveBeenCalled();
    expect((await officer(req(), params({ city: "10" }))).status).toBe(200);
    expect((await routeBuilder(token(user("admin"))).apiRoute(spec)(req(), params({ city: "11" }))).status).toBe(200);
  });

  it("refuses officers a city-scoped permission when the route has no scope finder", async () => {
    const run = vi.fn(async () => ({}));
    expect((await routeBuilder(token(user("officer", 10))).apiRoute({ auth: "required", permission: "resources.create", run })(req())).status).toBe(403);
    expect(run).not.toHaveBeenCalled();
    expect((await routeBuilder(token(user("reviewer"))).apiRoute({ auth: "required", permission: "resources.create", run })(req())).status).toBe(200);
  });

  it("answers a path that does not parse with 404, a bad query value with 422 naming the field", async () => {
    const { apiRoute } = routeBuilder(null);
    const handler = apiRoute({ auth: "optional", params: z.object({ id: z.coerce.number().int().positive() }), query: z.object({ page: z.coerce.number().int().min(1).default(1) }), run: ({ params: p, query }) => ({ id: p.id, page: query.page }) });
    expect(await answer(await handler(req("/x?page=2"), params({ id: "4" })))).toEqual({ status: 200, body: { id: 4, page: 2 } });
    expect((await handler(req(), params({ id: "abc" }))).status).toBe(404);
    const bad = await answer(await handler(req("/x?page=0"), params({ id: "4" })));
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "invalid", fields: ["page"] });
  });

  it("maps an AppError to its status and key, and hides an unknown error", async () => {
    const { apiRoute } = routeBuilder(null);
    const conflict = await answer(await apiRoute({ auth: "public", run: () => { throw new AppError("conflict", "events.duplicateRegistration"); } })(req()));
    expect(conflict).toEqual({ status: 409, body: { error: { code: "conflict", messageKey: "events.duplicateRegistration" } } });
    const raw = await apiRoute({ auth: "public", run: () => { throw new Error("relation \"users\" does not exist"); } })(req());
    expect(raw.status).toBe(500);
    expect(await raw.text()).not.toContain("users");
  });

  it("lets redirect() and notFound() thrown by the body through", async () => {
    const { apiRoute } = routeBuilder(null);
    await expect(apiRoute({ auth: "public", run: () => redirect("/elsewhere") })(req())).rejects.toThrow("NEXT_REDIRECT");
    await expect(apiRoute({ auth: "public", run: () => notFound() })(req())).rejects.toThrow();
  });

  it("passes a Response through and sends anything else as JSON", async () => {
    const { apiRoute } = routeBuilder(null);
    const raw = await apiRoute({ auth: "public", run: () => new Response("text", { status: 201 }) })(req());
    expect(raw.status).toBe(201);
    expect(await raw.text()).toBe("text");
  });

  it("opens no database for a route that declares it needs none", async () => {
    const { apiRoute, getDb } = routeBuilder(null);
    const response = await apiRoute({ auth: "public", database: false, run: ({ db: none }) => ({ none: none === null }) })(req());
    expect(await response.json()).toEqual({ none: true });
    expect(getDb).not.toHaveBeenCalled();
  });

  describe("writes", () => {
    const write = (credential: Credential, run = vi.fn(async () => ({ saved: true }))) => ({ handler: routeBuilder(credential).apiRoute({ auth: "required", permission: "values.write", write: true, scope: async () => ({ cityId: 10 }), run }), run });

    it("refuses a read-only token with 403 and a message that says why", async () => {
      const { handler, run } = write(token(user("officer", 10), "read"));
      const { status, body } = await answer(await handler(req("/x", { method: "PUT" })));
      expect(status).toBe(403);
      expect(body.error?.messageKey).toBe("errors.readOnlyToken");
      expect(run).not.toHaveBeenCalled();
      expect((await write(token(user("officer", 10), "write")).handler(req("/x", { method: "PUT" }))).status).toBe(200);
    });

    it("refuses a cookie request from another site (foreign, opaque or cross-site fetch metadata) or with no Origin at all", async () => {
      for (const headers of <Record<string, string>[]>[{ origin: "https://evil.example" }, { origin: "null" }, { origin: `http://${HOST}.evil.test` }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site", origin: `http://${HOST}` }, {}]) {
        const { handler, run } = write(session(user("officer", 10)));
        const { status, body } = await answer(await handler(req("/x", { method: "PUT", headers: { "content-type": "text/plain", ...headers } })));
        expect(status, JSON.stringify(headers)).toBe(403);
        expect(body.error?.messageKey).toBe("errors.crossSite");
        expect(run).not.toHaveBeenCalled();
      }
    });

    it("accepts a cookie request from this site, and a token request with no Origin at all", async () => {
      expect((await write(session(user("officer", 10))).handler(req("/x", { method: "PUT", headers: { origin: `http://${HOST}` } }))).status).toBe(200);
      expect((await write(session(user("officer", 10))).handler(req("/x", { method: "PUT", headers: { "sec-fetch-site": "same-origin" } }))).status).toBe(200);
      expect((await write(token(user("officer", 10))).handler(req("/x", { method: "PUT", headers: { origin: "https://elsewhere.example" } }))).status).toBe(200);
    });

    it("names the cross-site refusal as the route asks", async () => {
      const handler = routeBuilder(session(user("admin"))).apiRoute({ auth: "required", permission: "resources.create", write: true, crossSiteMessage: "resources.upload.crossSite", run: () => ({}) });
      expect((await answer(await handler(req("/x", { method: "POST", headers: { origin: "https://evil.example" } })))).body.error?.messageKey).toBe("resources.upload.crossSite");
    });
  });

  it("refuses at definition a route without a permission, with an unknown one, or a public write", () => {
    const { apiRoute } = routeBuilder(null);
    // @ts-expect-error: a route that requires sign-in must name its permission.
    expect(() => apiRoute({ auth: "required", run: () => ({}) })).toThrow(/permission/);
    // @ts-expect-error: not a permission of the table.
    expect(() => apiRoute({ auth: "required", permission: "values.wirte", run: () => ({}) })).toThrow(/unknown permission/);
    // @ts-expect-error: only a signed-in route may write.
    expect(() => apiRoute({ auth: "optional", write: true, run: () => ({}) })).toThrow();
  });
});
