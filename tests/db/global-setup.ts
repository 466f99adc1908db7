import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "@/db/client";
import { migratePglite, migratePostgres } from "@/db/migrate";
import { seedDemo, seedFramework } from "@/db/seed";
import { randomBytes } from "node:crypto";
import { databaseUrlFor } from "./urls";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string | null;
    postgresTemplate: string;
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
  // Without the demo questionnaire round: the tests take its quarter (2026-Q4) as empty.
  await seedDemo(pglite.db, { questionnaires: false });
  const templateFile = path.join(dir, "pglite-template.tar");
  if (!pglite.dumpDataDir) throw new Error("PGlite handle cannot dump");
  writeFileSync(templateFile, Buffer.from(await (await pglite.dumpDataDir()).arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplate", templateFile);

  const url = process.env.DATABASE_URL ?? null;
  // A name of its own, so two test runs on one server never drop each other's template.
  const templateDatabase = `cwis_test_template_${randomBytes(4).toString("hex")}`;
  project.provide("postgresUrl", url);
  project.provide("postgresTemplate", templateDatabase);
  if (url) {
    const admin = await openPostgres(url, { max: 1 });
    await admin.client.unsafe(`drop database if exists ${templateDatabase} with (force)`);
    await admin.client.unsafe(`create database ${templateDatabase}`);
    await admin.close();
    await migratePostgres(databaseUrlFor(url, templateDatabase));
    const template = await openPostgres(databaseUrlFor(url, templateDatabase), { max: 1 });
    await seedFramework(template.db);
    await seedDemo(template.db, { questionnaires: false });
    await template.close();
  }

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) {
      const admin = await openPostgres(url, { max: 1 });
      await admin.client.unsafe(`drop database if exists ${templateDatabase} with (force)`);
      await admin.close();
    }
  };
}
