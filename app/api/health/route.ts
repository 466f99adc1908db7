import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "@/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const handle = await getDatabaseHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: handle.kind });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ status: "error", error: { code: "database_unavailable", message: "The database is not reachable." } }, { status: 503 });
  }
}
