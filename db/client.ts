import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env, parseDatabaseUrl, type DatabaseUrl } from "@/lib/env";
import * as schema from "./schema";
import { acquireDataLock, pgliteDir } from "./data-dir";

export type Schema = typeof schema;
/** Either driver's database (or a transaction on it): query functions accept this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  close: () => Promise<void>;
  /** The postgres.js client, for statements drizzle does not build (CREATE DATABASE in tests). */
  client?: import("postgres").Sql;
  /** PGlite only: the whole data folder as a tarball, to clone a prepared database quickly. */
  dumpDataDir?: () => Promise<Blob>;
}

export const migrationsFolder = path.join(/* turbopackIgnore: true */ process.cwd(), "db", "migrations");

/** `url` may be socket-style (`postgres://user@/db?host=/var/run/postgresql`); see parseDatabaseUrl. */
export async function openPostgres(url: string | DatabaseUrl, options: { max?: number } = {}): Promise<DatabaseHandle & { client: import("postgres").Sql }> {
  // Before the driver loads: a malformed URL is named, not reported as a driver error.
  const target = typeof url === "string" ? parseDatabaseUrl(url) : url;
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  // postgres.js sends unknown query parameters to the server as settings, `?host=` included.
  const client = postgres(target.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(target.host ? { host: target.host } : {}),
    ...(target.port ? { port: target.port } : {}),
  });
  const db = drizzle({ client, schema });
  return { db, kind: "postgres", client, close: () => client.end({ timeout: 5 }) };
}

/** Opens PGlite in `dir` (the embedded data folder by default) or in memory when dir is null. */
export async function openPglite(dir: string | null, options: { loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let release = () => {};
  if (dir) {
    // PGlite has no locking of its own: two processes on one folder silently lose writes.
    release = acquireDataLock().release;
    mkdirSync(path.dirname(dir), { recursive: true });
  }
  try {
    const client = await PGlite.create(dir ?? undefined, { loadDataDir: options.loadDataDir });
    const db = drizzle({ client, schema });
    return {
      db,
      kind: "pglite",
      dumpDataDir: () => client.dumpDataDir("none"),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const url = env().databaseUrl;
  return url ? openPostgres(url) : openPglite(pgliteDir());
}

// Next loads this module in more than one module layer; the handle lives on globalThis so the
// process opens the database once.
const globalForDb = globalThis as unknown as { __cwisDatabase?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.__cwisDatabase) {
    const opening = openConfiguredDatabase();
    globalForDb.__cwisDatabase = opening;
    // A failed open must not be cached forever.
    opening.catch(() => {
      if (globalForDb.__cwisDatabase === opening) globalForDb.__cwisDatabase = undefined;
    });
  }
  return globalForDb.__cwisDatabase;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}
