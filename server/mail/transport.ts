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
  const transporter = nodemailer.createTransport(url, {
    // A slow or dead server fails the try quickly; the outbox retries later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
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
