/**
 * Runs once when a Next server starts, before its first request. `npm start` checks the
 * environment itself; this catches a server started another way (`next start` behind a process
 * manager) with a bad value, or in production without AUTH_SECRET, before it serves anyone.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { EnvError, parseEnv } = await import("./lib/env");
  try {
    parseEnv(process.env, { serving: true });
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[cwis] Refusing to start. ${error.message}`);
    // A thrown error here is only logged and the server would go on serving without a secret.
    process.exit(1);
  }
  // The mail worker lives in the server process: with the embedded database no other process may
  // open it. A second instance (or `npm run worker`) on one PostgreSQL is safe: rows are claimed
  // with SKIP LOCKED.
  const { env } = await import("./lib/env");
  if (env().mailWorker) {
    const [{ startOutboxWorker }, { getDb }] = await Promise.all([import("./server/mail/worker"), import("./db/client")]);
    startOutboxWorker(getDb);
  }
}
