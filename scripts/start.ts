/**
 * `npm start` (and `npm run dev` with --dev): takes the data-folder lock, migrates, seeds on first
 * run, builds when the sources changed, then serves the app and prints the demo accounts.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { acquireDataLock, DataDirLockedError, dataDir } from "../db/data-dir";
import { openAndMigrate } from "../db/migrate";
import { hasCities, seedDemo, seedFramework } from "../db/seed";
import { DEMO_PASSWORD, demoAccounts } from "../db/data/demo-users";
import { hasAnyUser, hasDemoUsers } from "../db/queries/users";
import { refreshMissingScores } from "../db/queries/scores";
import { databaseSecrets, describeFailure, EnvError, parseEnv } from "../lib/env";
import { resolveAuthSecret } from "./auth-secret";
import { buildIfNeeded } from "./build-stamp";

const root = path.resolve(__dirname, "..");
const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[cwis] ${line}`);

async function main(): Promise<void> {
  process.chdir(root);
  // Before the lock, the database or the build: a bad value is named and nothing is touched.
  const config = parseEnv(process.env, { serving: true });
  const { production, port } = config;
  if (production && !process.env.APP_URL) log(`APP_URL is not set: links in calendar feeds and embed snippets point at ${config.appUrl}.`);
  const embedded = !config.databaseUrl;
  let releaseLock = () => {};
  if (embedded) {
    const lock = acquireDataLock();
    releaseLock = lock.release;
    // The Next server we spawn inherits the lock through this token.
    process.env.CWIS_DATA_LOCK_TOKEN = lock.token;
  }
  const authSecret = resolveAuthSecret(production);

  const started = Date.now();
  const handle = await openAndMigrate();
  let showDemoAccounts = false;
  try {
    await seedFramework(handle.db);
    const seedWanted = !production && (config.seedDemo || !(await hasCities(handle.db)));
    if (seedWanted) {
      log("Seeding demo cities, accounts and indicator values...");
      await seedDemo(handle.db);
    }
    // After an upgrade, cities validated before the score table existed get their scores.
    await refreshMissingScores(handle.db);
    showDemoAccounts = !production && (await hasDemoUsers(handle.db));
    if (!(await hasAnyUser(handle.db))) {
      log('No user accounts yet. Create the first administrator with: npm run user:create-admin -- EMAIL "FULL NAME"');
    }
  } finally {
    await handle.close();
  }
  log(`Database ready (${config.databaseUrl ? `PostgreSQL at ${config.databaseUrl.redacted}` : `embedded PGlite in ${path.join(dataDir(), "pglite")}`}) in ${Date.now() - started} ms`);

  if (!dev) buildIfNeeded(root, log);

  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  // Idle keep-alive connections stay open 65 s instead of Node's 5 s: a client (a proxy, a test's
  // request context) reusing a socket the server is just closing gets ECONNRESET otherwise.
  const keepAlive = dev ? [] : ["--keepAliveTimeout", "65000"];
  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(port), ...keepAlive], {
    cwd: root,
    stdio: ["inherit", "pipe", "inherit"],
    env: {
      ...process.env,
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
      // The server's default APP_URL (http://localhost:PORT) must name the port it listens on.
      PORT: String(port),
      CWIS_PRODUCTION: production ? "1" : "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  let announced = false;
  child.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      log(`Open ${config.appUrl}`);
      if (showDemoAccounts) {
        log(`Demo accounts (password: ${DEMO_PASSWORD}):`);
        for (const account of demoAccounts) {
          log(`  ${account.role.padEnd(9)} ${account.email}${account.citySlug ? ` (${account.citySlug})` : ""}`);
        }
      }
    }
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code, signal) => {
    releaseLock();
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof EnvError) {
    console.error(`[cwis] Cannot start: ${error.message}`);
  } else {
    // The whole cause chain: drizzle's "Failed query: …" alone hides what the server said.
    console.error(`[cwis] Start failed: ${describeFailure(error, databaseSecrets(process.env.DATABASE_URL))}`);
  }
  process.exit(1);
});
