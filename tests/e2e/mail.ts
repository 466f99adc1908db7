import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { simpleParser, type ParsedMail } from "mailparser";

export interface CaughtMail {
  file: string;
  recipients: string[];
  mail: ParsedMail;
}

/** Every message the e2e mail server received so far, oldest first. */
export async function caughtMail(): Promise<CaughtMail[]> {
  const dir = inject("mailDir");
  if (!dir) throw new Error("the e2e set-up started no mail server");
  const files = readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(
    files.map(async (file) => ({
      file,
      recipients: readFileSync(path.join(dir, file.replace(/\.eml$/, ".rcpt")), "utf8").split("\n").filter(Boolean),
      mail: await simpleParser(readFileSync(path.join(dir, file))),
    })),
  );
}

/** Waits for a message to `address` that `match` accepts and that was not in `seen` (file names). */
export async function waitForMail(address: string, match: (mail: ParsedMail) => boolean = () => true, options: { timeoutMs?: number; after?: ReadonlySet<string> } = {}): Promise<CaughtMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const found = (await caughtMail()).find((m) => !options.after?.has(m.file) && m.recipients.includes(address) && match(m.mail));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} arrived within ${options.timeoutMs ?? 30_000} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The files already caught, so a later wait only accepts new mail. */
export async function mailSeen(): Promise<Set<string>> {
  return new Set((await caughtMail()).map((m) => m.file));
}

/** The first link in a message's text part that starts with `prefix` (a path such as /reset). */
export function linkIn(mail: ParsedMail, pathPrefix: string): URL {
  for (const match of (mail.text ?? "").matchAll(/https?:\/\/[^\s>"]+/g)) {
    const url = new URL(match[0]);
    if (url.pathname.startsWith(pathPrefix)) return url;
  }
  throw new Error(`no ${pathPrefix} link in the mail "${mail.subject}"`);
}
