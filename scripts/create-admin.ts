/**
 * `npm run user:create-admin -- EMAIL "NAME"`: the first administrator of a production database
 * (demo accounts are never created there). The password comes from ADMIN_PASSWORD or a prompt.
 */
import { createInterface } from "node:readline/promises";
import { openAndMigrate } from "../db/migrate";
import { createUser } from "../db/queries/users";
import { createUserWithPasswordSchema } from "../lib/validation/users";
import { AppError } from "../lib/errors";
import { isMessageKey, translator } from "../lib/i18n/messages";
import { databaseSecrets, describeFailure, EnvError, parseEnv } from "../lib/env";

async function main(): Promise<void> {
  const [email, name] = process.argv.slice(2);
  if (!email || !name) {
    console.error('Usage: npm run user:create-admin -- EMAIL "FULL NAME"   (password from ADMIN_PASSWORD or a prompt)');
    process.exit(2);
  }
  // Before anything connects: a bad value is named.
  let password = parseEnv(process.env).adminPassword ?? undefined;
  if (!password) {
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    password = await prompt.question("Password (at least 10 characters; it is shown as you type): ");
    prompt.close();
  }
  const parsed = createUserWithPasswordSchema.safeParse({ email, name, role: "admin", password, locale: "en" });
  if (!parsed.success) {
    const t = translator("en");
    console.error("Refused:", parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${isMessageKey(issue.message) ? t(issue.message) : issue.message}`).join("; "));
    process.exit(2);
  }
  const handle = await openAndMigrate();
  try {
    const user = await createUser(handle.db, parsed.data, null);
    console.log(`Administrator ${user.email} created.`);
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") {
      console.error(`A user with the email ${parsed.data.email} already exists.`);
      process.exit(1);
    }
    throw error;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : describeFailure(error, [...databaseSecrets(process.env.DATABASE_URL), process.env.ADMIN_PASSWORD]));
  process.exit(1);
});
