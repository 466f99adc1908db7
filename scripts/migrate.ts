/** `npm run db:migrate`: applies committed migrations to DATABASE_URL, or to the embedded database. */
import { openAndMigrate } from "../db/migrate";
import { DataDirLockedError } from "../db/data-dir";
import { databaseSecrets, describeFailure, EnvError, parseEnv } from "../lib/env";

async function main(): Promise<void> {
  // Before anything connects: a bad value is named.
  parseEnv(process.env);
  const handle = await openAndMigrate();
  await handle.close();
  console.log(`Migrations applied (${handle.kind}).`);
}

main().catch((error: unknown) => {
  // The cause, not drizzle's "Failed query: …" wrapper, and never the database password.
  console.error(error instanceof EnvError || error instanceof DataDirLockedError ? error.message : describeFailure(error, databaseSecrets(process.env.DATABASE_URL)));
  process.exit(1);
});
