import { sql } from "drizzle-orm";
import { databaseKind } from "@/server/api";
import { apiRoute } from "@/server/route";

export const dynamic = "force-dynamic";

const unavailable = (error: unknown) => {
  console.error("[health] database check failed", error);
  return Response.json({ status: "error", error: { code: "database_unavailable", message: "The database is not reachable." } }, { status: 503 });
};

export const GET = apiRoute({
  auth: "public",
  // A failure to open the database is the answer here (503), not an unexpected error (500).
  onError: unavailable,
  run: async ({ db }) => {
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: await databaseKind() });
  },
});
