/**
 * `node --conditions=react-server --import tsx bench/outbox-run.ts [output.json]`: outbox
 * throughput. Queues N messages through queueMail (rendering included) on a fresh in-memory PGlite
 * and, when DATABASE_URL is set, on a fresh PostgreSQL database, then sends them to a local SMTP
 * server (smtp-server, in this process) with one worker and with two workers at once. Measures;
 * asserts nothing beyond "every message arrived once".
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { SMTPServer } from "smtp-server";
import { openPglite, openPostgres, type Database } from "../db/client";
import { migratePglite, migratePostgres } from "../db/migrate";
import { queueMail } from "../server/mail/queue";
import { sendDueMessages } from "../server/mail/worker";
import { smtpTransport } from "../server/mail/transport";
import { databaseUrlFor } from "../tests/db/urls";

const log = (line: string) => console.log(`[bench] ${line}`);
const COUNT = Number(process.env.OUTBOX_BENCH_COUNT ?? 2000);

export interface OutboxBenchRow {
  target: "pglite" | "postgres";
  messages: number;
  queuePerSecond: number;
  sendPerSecond: { workers1: number; workers2: number };
}

async function smtp(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    // A reverse DNS lookup of 127.0.0.1 per connection would be most of the time measured.
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received: () => received, close: () => new Promise((r) => server.close(() => r())) };
}

async function queue(db: Database, tag: string): Promise<number> {
  const started = performance.now();
  // 100 per transaction, as a digest queues them.
  for (let i = 0; i < COUNT; i += 100) {
    await db.transaction((tx) =>
      queueMail(
        tx,
        Array.from({ length: Math.min(100, COUNT - i) }, (_, j) => ({
          kind: "bench",
          to: { address: `reader${i + j}.${tag}@example.org` },
          locale: (["en", "bn", "ne"] as const)[(i + j) % 3]!,
          content: () => ({ subject: "সিডব্লিউআইএস নিউজলেটার", blocks: [{ kind: "p" as const, text: "মানববর্জ্য ব্যবস্থাপনার অগ্রগতি ".repeat(20) }], footer: [] }),
        })),
      ),
    );
  }
  return COUNT / ((performance.now() - started) / 1000);
}

async function send(db: Database, url: string, workers: number): Promise<number> {
  const transports = Array.from({ length: workers }, () => smtpTransport(url));
  const started = performance.now();
  let sent = 0;
  await Promise.all(
    transports.map(async (transport) => {
      for (;;) {
        const report = await sendDueMessages(db, transport, { from: "CWIS <bench@example.org>", batch: 50 });
        sent += report.sent;
        if (report.claimed === 0) return;
      }
    }),
  );
  transports.forEach((t) => t.close());
  if (sent !== COUNT) throw new Error(`sent ${sent} of ${COUNT}`);
  return sent / ((performance.now() - started) / 1000);
}

async function runOn(target: "pglite" | "postgres", db: Database, url: string): Promise<OutboxBenchRow> {
  const queuePerSecond = await queue(db, "a");
  const workers1 = await send(db, url, 1);
  await queue(db, "b");
  const workers2 = await send(db, url, 2);
  log(`${target}: queued ${Math.round(queuePerSecond)}/s, sent ${Math.round(workers1)}/s (1 worker), ${Math.round(workers2)}/s (2 workers)`);
  return { target, messages: COUNT, queuePerSecond, sendPerSecond: { workers1, workers2 } };
}

async function main(): Promise<void> {
  const server = await smtp();
  const rows: OutboxBenchRow[] = [];
  const pglite = await openPglite(null);
  await migratePglite(pglite);
  rows.push(await runOn("pglite", pglite.db, server.url));
  await pglite.close();
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `cwis_bench_outbox_${randomBytes(4).toString("hex")}`;
    const admin = await openPostgres(base, { max: 1 });
    await admin.client.unsafe(`create database ${name}`);
    const url = databaseUrlFor(base, name);
    await migratePostgres(url);
    const pg = await openPostgres(url, { max: 4 });
    try {
      rows.push(await runOn("postgres", pg.db, server.url));
    } finally {
      await pg.close();
      await admin.client.unsafe(`drop database if exists ${name} with (force)`);
      await admin.close();
    }
  }
  if (server.received() !== COUNT * 2 * rows.length) throw new Error(`the SMTP server received ${server.received()} messages, expected ${COUNT * 2 * rows.length}`);
  await server.close();
  const out = process.argv[2];
  if (out) writeFileSync(out, JSON.stringify(rows));
}

main().catch((error: unknown) => {
  console.error("[bench] outbox case failed:", error);
  process.exit(1);
});
