/** `npm run db:migrate`: applies committed migrations to DATABASE_URL, or to the embedded database. */
import { openAndMigrate } from "../db/migrate";
import { DataDirLockedError } from "../db/data-dir";

openAndMigrate()
  .then(async (handle) => {
    await handle.close();
    console.log(`Migrations applied (${handle.kind}).`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof DataDirLockedError ? error.message : error);
    process.exit(1);
  });
