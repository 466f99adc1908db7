/**
 * `npm run worker`: the mail worker as a process of its own, beside one or more app servers on the
 * same PostgreSQL (set MAIL_WORKER=0 on the servers if only this one should send). `--once` sends
 * what is due and exits. The embedded database belongs to `npm start`'s server, which sends itself.
 */
import { openConfiguredDatabase } from "../db/client";
import { describeFailure, EnvError, env } from "../lib/env";
import { startOutboxWorker } from "../server/mail/worker";

async function main(): Promise<void> {
  const config = env();
  if (!config.databaseUrl) {
    console.error("[mail] npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database, npm start's server sends the mail itself.");
    process.exit(2);
  }
  if (!config.smtpUrl) console.log("[mail] SMTP_URL is not set: scheduled mail is queued, nothing is sent.");
  const handle = await openConfiguredDatabase();
  const worker = startOutboxWorker(async () => handle.db);
  if (process.argv.includes("--once")) {
    await worker.tick();
    await worker.stop();
    await handle.close();
    return;
  }
  console.log(`[mail] worker running against ${config.databaseUrl.redacted}`);
  const stop = async () => {
    await worker.stop();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  await worker.tick();
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? `[mail] ${error.message}` : `[mail] worker failed: ${describeFailure(error)}`);
  process.exit(1);
});
