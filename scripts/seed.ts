/** `npm run db:seed`: the framework always; demo data unless NODE_ENV=production. Safe to re-run. */
import { openAndMigrate } from "../db/migrate";
import { seedDemo, seedFramework } from "../db/seed";
import { databaseSecrets, describeFailure, EnvError, parseEnv } from "../lib/env";

async function main(): Promise<void> {
  // Before anything connects: a bad value is named.
  const config = parseEnv(process.env);
  const handle = await openAndMigrate();
  try {
    await seedFramework(handle.db);
    if (config.production) {
      console.log("Framework seeded. Demo data is never loaded in production.");
    } else {
      await seedDemo(handle.db);
      console.log("Framework and demo data seeded.");
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : describeFailure(error, databaseSecrets(process.env.DATABASE_URL)));
  process.exit(1);
});
