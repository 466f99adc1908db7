import "server-only";
import type { Database } from "@/db/client";
import { enqueueMessages } from "@/db/queries/outbox";
import type { TimeZone } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { formatters, translator } from "@/lib/i18n/messages";
import { env } from "@/lib/env";
import { assertHeaderSafe, HeaderInjectionError, isMailbox } from "@/lib/mail/address";
import { renderMail, type MailContent } from "@/lib/mail/layout";
import type { MailContext } from "@/lib/mail/templates/context";
import { timeZoneForLocale } from "@/lib/time";

/** The reader's language and zone, and APP_URL for links (never the request's Host header). */
export function mailContext(locale: Locale, timeZone: TimeZone = timeZoneForLocale(locale)): MailContext {
  return { locale, t: translator(locale), format: formatters(locale, timeZone), appUrl: env().appUrl };
}

export interface MailToQueue {
  /** The message kind (a notice kind, `password.reset`, `newsletter.confirm` …): the outbox page and counts use it. */
  kind: string;
  to: { address: string; name?: string | null; userId?: number | null; subscriptionId?: number | null };
  locale: Locale;
  timeZone?: TimeZone;
  /** The kind's template, called with the reader's context. */
  content: (ctx: MailContext) => MailContent;
  /** Extra headers (List-Unsubscribe …); values must be one line. */
  headers?: Record<string, string>;
  attachments?: { filename: string; contentType: string; content: string }[];
  /** At most one message with this key ever enters the outbox. */
  dedupeKey?: string;
  digestId?: number;
  /** Not sent before this moment (a newsletter sent at a set rate). */
  notBefore?: Date;
}

/**
 * Renders messages in their readers' languages and adds them to the outbox, in `tx`: the
 * transaction of the change they are about. A bad address or a line break in anything that
 * reaches a header refuses the whole call (and, thrown, rolls back the change with it).
 */
export async function queueMail(tx: Database, messages: readonly MailToQueue[]): Promise<number[]> {
  const rows = messages.map((message) => {
    const address = message.to.address.trim().toLowerCase();
    if (!isMailbox(address)) throw new AppError("invalid", "mail.badAddress");
    const ctx = mailContext(message.locale, message.timeZone);
    const rendered = renderMail(message.locale, message.content(ctx), ctx.t("app.name"));
    try {
      assertHeaderSafe("subject", rendered.subject);
      if (message.to.name) assertHeaderSafe("name", message.to.name);
      for (const [name, value] of Object.entries(message.headers ?? {})) assertHeaderSafe(name, `${name}${value}`);
      for (const file of message.attachments ?? []) assertHeaderSafe("filename", file.filename);
    } catch (error) {
      if (error instanceof HeaderInjectionError) throw new AppError("invalid", "mail.headerInjection");
      throw error;
    }
    return {
      kind: message.kind,
      toAddress: address,
      toName: message.to.name ?? null,
      userId: message.to.userId ?? null,
      subscriptionId: message.to.subscriptionId ?? null,
      digestId: message.digestId ?? null,
      locale: message.locale,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      headers: message.headers ?? {},
      attachments: message.attachments ?? [],
      dedupeKey: message.dedupeKey ?? null,
      ...(message.notBefore ? { nextAttemptAt: message.notBefore } : {}),
    };
  });
  return enqueueMessages(tx, rows);
}
