/** `npm run db:seed`: the framework always; demo data unless NODE_ENV=production. Safe to re-run. */
import { openAndMigrate } from "../db/migrate";
import { seedDemo, seedFramework } from "../db/seed";

async function main(): Promise<void> {
  const handle = await openAndMigrate();
  try {
    await seedFramework(handle.db);
    if (process.env.NODE_ENV === "production") {
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
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
