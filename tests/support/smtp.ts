import { afterAll, beforeAll } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

/**
 * A real SMTP server inside the test process (smtp-server) that parses what arrives (mailparser),
 * so tests read the mail as a client would. It can be stopped and started again on the same port
 * (a mail server that is down for a while), and told to refuse (a server answering 451).
 */
export interface TestSmtp {
  url: string;
  port: number;
  received: ParsedMail[];
  /** The envelope recipients of each message, in arrival order. */
  envelopes: string[][];
  refuse: (code: number | null) => void;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Waits until `count` messages have arrived (or throws after `timeoutMs`). */
  waitFor: (count: number, timeoutMs?: number) => Promise<ParsedMail[]>;
}

export async function startTestSmtp(options: { user?: string; password?: string } = {}): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  let refuseWith: number | null = null;
  let server: SMTPServer | null = null;
  let port = 0;

  const make = () =>
    new SMTPServer({
      secure: false,
      disabledCommands: options.user ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
      authOptional: !options.user,
      logger: false,
    // A reverse DNS lookup of 127.0.0.1 per connection would be most of the time measured.
    disableReverseLookup: true,
      onAuth(auth, _session, callback) {
        if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
        return callback(new Error("Invalid username or password"));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (refuseWith !== null) {
            const error = Object.assign(new Error("Try again later"), { responseCode: refuseWith });
            return callback(error);
          }
          void simpleParser(Buffer.concat(chunks)).then((parsed) => {
            received.push(parsed);
            envelopes.push(session.envelope.rcptTo.map((r) => r.address));
            callback();
          }, callback);
        });
      },
    });

  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = make();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server?.server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const closing = server;
      server = null;
      closing.close(() => resolve());
    });
  await start();
  const auth = options.user ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password ?? "")}@` : "";
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    port,
    received,
    envelopes,
    refuse: (code) => {
      refuseWith = code;
    },
    stop,
    start,
    waitFor: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
  };
}

/**
 * The setting of a mail test file: `vars` (APP_URL, …) set for the file and put back after it, and
 * a test SMTP server for the file's tests. Returns the server (valid from the first test on).
 */
export function useTestSmtp(vars: Record<string, string>): () => TestSmtp {
  let smtp: TestSmtp | undefined;
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  beforeAll(async () => {
    Object.assign(process.env, vars);
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await smtp?.stop();
  });
  return () => {
    if (!smtp) throw new Error("the test SMTP server starts in beforeAll");
    return smtp;
  };
}
