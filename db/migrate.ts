import { sql } from "drizzle-orm";
import { env, type DatabaseUrl } from "@/lib/env";
import { migrationsFolder, openPglite, openPostgres, type DatabaseHandle } from "./client";

/** Applies the committed drizzle-kit migrations to an open PGlite handle. */
export async function migratePglite(handle: DatabaseHandle): Promise<void> {
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  // At runtime the handle's db is a PgliteDatabase; the migrator's signature wants that exact type.
  await migrate(handle.db as Parameters<typeof migrate>[0], { migrationsFolder });
}

/** Applies migrations on a PostgreSQL server. An advisory lock keeps instances that start together from racing. */
export async function migratePostgres(url: string | DatabaseUrl): Promise<void> {
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // One connection, so the session-level advisory lock and the migration share it.
  const handle = await openPostgres(url, { max: 1 });
  try {
    await handle.db.execute(sql`select pg_advisory_lock(727274)`);
    await migrate(handle.db as Parameters<typeof migrate>[0], { migrationsFolder });
    await handle.db.execute(sql`select pg_advisory_unlock(727274)`);
  } finally {
    await handle.close();
  }
}

/** Migrates the configured database (DATABASE_URL, else the embedded PGlite folder) and returns it open. */
export async function openAndMigrate(): Promise<DatabaseHandle> {
  const url = env().databaseUrl;
  if (url) {
    await migratePostgres(url);
    return openPostgres(url);
  }
  const { pgliteDir } = await import("./data-dir");
  const handle = await openPglite(pgliteDir());
  await migratePglite(handle);
  return handle;
}
