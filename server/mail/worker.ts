import "server-only";
import type { Database } from "@/db/client";
import { claimDueMessages, markAttemptFailed, markSent } from "@/db/queries/outbox";
import { describeFailure, env } from "@/lib/env";
import { afterFailure, STALE_CLAIM_MS } from "@/lib/mail/backoff";
import { smtpTransport, type MailTransport } from "./transport";
import { runScheduledMail } from "./scheduled";

export interface SendReport {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * Sends one batch of due messages: claims them (the claim commits first, so another worker skips
 * them), sends each, and records each outcome. A failed try is retried later with backoff; the
 * SMTP error is kept without the server's password.
 */
export async function sendDueMessages(db: Database, transport: MailTransport, options: { from: string; batch?: number; now?: Date; secrets?: readonly string[] }): Promise<SendReport> {
  const now = options.now ?? new Date();
  const claimed = await claimDueMessages(db, { limit: options.batch ?? 20, now, staleBefore: new Date(now.getTime() - STALE_CLAIM_MS) });
  const report: SendReport = { claimed: claimed.length, sent: 0, failed: 0 };
  for (const message of claimed) {
    try {
      await transport.send(message, options.from);
      await markSent(db, message.id, new Date());
      report.sent++;
    } catch (error) {
      await markAttemptFailed(db, message.id, afterFailure(message.attempts, new Date()), describeFailure(error, options.secrets ?? []));
      report.failed++;
    }
  }
  return report;
}

/** The user name and password of an SMTP URL, for describeFailure to remove from errors. */
export function smtpSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    return [parsed.password, decodeURIComponent(parsed.password), parsed.username && parsed.password ? `${parsed.username}:${parsed.password}` : ""].filter((s) => s.length >= 4);
  } catch {
    return [];
  }
}

export interface OutboxWorker {
  stop: () => Promise<void>;
  /** Runs a tick now (tests; `npm run worker --once`). */
  tick: () => Promise<void>;
}

/**
 * The loop: every `intervalMs` (MAIL_POLL_SECONDS) due messages are sent, and once a minute the scheduled mail (event reminders, daily digests, clean-up of
 * unconfirmed subscriptions) is queued, then due messages are sent while there are any. Without
 * SMTP_URL nothing is sent: mail waits in the outbox, and the scheduled mail is still queued so
 * /admin/outbox shows it.
 */
export function startOutboxWorker(getDb: () => Promise<Database>, options: { intervalMs?: number; transport?: MailTransport | null; log?: (line: string) => void } = {}): OutboxWorker {
  const config = env();
  const transport = options.transport !== undefined ? options.transport : config.smtpUrl ? smtpTransport(config.smtpUrl) : null;
  const secrets = config.smtpUrl ? smtpSecrets(config.smtpUrl) : [];
  const log = options.log ?? ((line: string) => console.log(line));
  const intervalMs = options.intervalMs ?? config.mailPollSeconds * 1000;
  let scheduledAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;

  const once = async () => {
    const db = await getDb();
    // The scheduled jobs read more than the send loop: once a minute is often enough.
    if (Date.now() - scheduledAt >= 60_000) {
      scheduledAt = Date.now();
      await runScheduledMail(db, new Date());
    }
    if (!transport) return;
    for (let round = 0; round < 50 && !stopped; round++) {
      const report = await sendDueMessages(db, transport, { from: config.mailFrom, secrets });
      if (report.sent || report.failed) log(`[mail] sent ${report.sent}, failed ${report.failed}`);
      if (report.claimed === 0) break;
    }
  };
  const tick = async () => {
    if (running) return running;
    running = once()
      .catch((error: unknown) => log(`[mail] worker tick failed: ${describeFailure(error, secrets)}`))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick().then(schedule), intervalMs);
    timer.unref();
  };
  schedule();
  return {
    tick,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport?.close();
    },
  };
}
