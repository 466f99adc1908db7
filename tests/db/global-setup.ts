import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "@/db/client";
import { migratePglite, migratePostgres } from "@/db/migrate";
import { seedDemo, seedFramework } from "@/db/seed";
import { databaseUrlFor, TEMPLATE_DATABASE } from "./urls";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string | null;
  }
}

/**
 * Builds each database once (migrated, framework and demo data seeded) so that every test file
 * can start from a fresh copy in well under a second instead of migrating again.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cwis-db-tests-"));
  const pglite = await openPglite(null);
  await migratePglite(pglite);
  await seedFramework(pglite.db);
  await seedDemo(pglite.db);
  const templateFile = path.join(dir, "pglite-template.tar");
  if (!pglite.dumpDataDir) throw new Error("PGlite handle cannot dump");
  writeFileSync(templateFile, Buffer.from(await (await pglite.dumpDataDir()).arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplate", templateFile);

  const url = process.env.DATABASE_URL ?? null;
  project.provide("postgresUrl", url);
  if (url) {
    const admin = await openPostgres(url, { max: 1 });
    await admin.client.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.client.unsafe(`create database ${TEMPLATE_DATABASE}`);
    await admin.close();
    await migratePostgres(databaseUrlFor(url, TEMPLATE_DATABASE));
    const template = await openPostgres(databaseUrlFor(url, TEMPLATE_DATABASE), { max: 1 });
    await seedFramework(template.db);
    await seedDemo(template.db);
    await template.close();
  }

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) {
      const admin = await openPostgres(url, { max: 1 });
      await admin.client.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
      await admin.close();
    }
  };
}
