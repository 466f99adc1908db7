import "server-only";
import nodemailer from "nodemailer";
import type { OutboxMessage } from "@/db/schema";
import { formatMailbox } from "@/lib/mail/address";

/** What the worker needs of a mailer: send one message, say what the server answered. */
export interface MailTransport {
  send: (message: OutboxMessage, from: string) => Promise<{ messageId: string }>;
  close: () => void;
}

/**
 * nodemailer over SMTP. Each part is UTF-8 with its own Content-Type (nodemailer picks
 * quoted-printable or base64), and a subject in Bangla or Devanagari is RFC 2047-encoded, so
 * common clients show the scripts as written.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(withConnectionDefaults(url));
  return {
    send: async (message, from) => {
      const info = await transporter.sendMail({
        from,
        to: formatMailbox(message.toAddress, message.toName),
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
        headers: message.headers,
        textEncoding: "base64",
        attachments: message.attachments.map((file) => ({ filename: file.filename, content: file.content, contentType: file.contentType })),
        // Our own id: a retried message keeps it, so a client that received it twice shows it once.
        messageId: `<outbox-${message.id}.${message.createdAt.getTime()}@${from.replace(/^.*@|>.*$/g, "") || "cwis"}>`,
        disableUrlAccess: true,
        disableFileAccess: true,
      });
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

/**
 * nodemailer reads every option from the URL when it is given one (options passed beside a URL are
 * dropped), so our defaults go in as query parameters, and any the operator set in SMTP_URL win.
 */
export function withConnectionDefaults(url: string): string {
  const parsed = new URL(url);
  const defaults: Record<string, string> = {
    // One connection kept open across a batch: a new SMTP session per message costs the greeting
    // round trips each time (most of the time per message against a local server, bench/outbox-run.ts).
    pool: "true",
    maxConnections: "1",
    maxMessages: "100",
    // A slow or dead server fails the try quickly; the outbox retries later.
    connectionTimeout: "10000",
    greetingTimeout: "10000",
    socketTimeout: "20000",
  };
  for (const [key, value] of Object.entries(defaults)) {
    if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, value);
  }
  return parsed.toString();
}
