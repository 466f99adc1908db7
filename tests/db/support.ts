import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { eq } from "drizzle-orm";
import { openPglite, openPostgres, type Database, type DatabaseHandle, type DatabaseKind } from "@/db/client";
import { cities, users } from "@/db/schema";
import { databaseUrlFor } from "./urls";

/** PGlite always; PostgreSQL too when DATABASE_URL is set. */
export function databaseKinds(): DatabaseKind[] {
  return inject("postgresUrl") ? ["pglite", "postgres"] : ["pglite"];
}

async function openFresh(kind: DatabaseKind): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  if (kind === "pglite") {
    const handle = await openPglite(null, { loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
    return { handle, cleanup: async () => {} };
  }
  const url = inject("postgresUrl");
  if (!url) throw new Error("DATABASE_URL is not set");
  const name = `cwis_test_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(url, { max: 1 });
  try {
    await admin.client.unsafe(`create database ${name} template ${inject("postgresTemplate")}`);
  } finally {
    await admin.close();
  }
  const handle = await openPostgres(databaseUrlFor(url, name), { max: 4 });
  return {
    handle,
    cleanup: async () => {
      const dropper = await openPostgres(url, { max: 1 });
      await dropper.client.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.close();
    },
  };
}

/**
 * Runs `body` once per database kind, each against its own fresh copy of the seeded template
 * (migrations, framework, demo data).
 */
export function describeDb(title: string, body: (db: () => Database, kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let fresh: Awaited<ReturnType<typeof openFresh>> | undefined;
      beforeAll(async () => {
        fresh = await openFresh(kind);
      });
      afterAll(async () => {
        await fresh?.handle.close();
        await fresh?.cleanup();
      });
      body(() => {
        if (!fresh) throw new Error("database not open yet");
        return fresh.handle.db;
      }, kind);
    });
  }
}

/** A seeded account as the server layer's actor (id, name, role, city). */
export async function seededUser(db: Database, email: string) {
  const [row] = await db.select({ id: users.id, name: users.name, role: users.role, cityId: users.cityId }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`seeded user ${email} missing`);
  return row;
}

/** The id of a seeded city. */
export async function seededCityId(db: Database, slug: string): Promise<number> {
  const [row] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
  if (!row) throw new Error(`seeded city ${slug} missing`);
  return row.id;
}
