import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/**
 * The e2e suite's mail server: a real SMTP server (smtp-server) in the set-up process that writes
 * each message, as received, to `dir` — the test files run in other processes and read it there
 * (tests/e2e/mail.ts).
 */
export async function startMailCatcher(dir: string): Promise<{ url: string; dir: string; stop: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let sequence = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    // A reverse DNS lookup of 127.0.0.1 per connection would be most of the time measured.
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const name = `${Date.now()}-${String(++sequence).padStart(5, "0")}`;
        writeFileSync(path.join(dir, `${name}.eml`), Buffer.concat(chunks));
        writeFileSync(path.join(dir, `${name}.rcpt`), session.envelope.rcptTo.map((r) => r.address).join("\n"));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, dir, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
