import type { Locale } from "@/lib/i18n/config";
import type { Formatters, Translate } from "@/lib/i18n/messages";
import type { MailBlock } from "../layout";

/** What every template gets: the reader's language and the public address links start with. */
export interface MailContext {
  locale: Locale;
  t: Translate;
  format: Formatters;
  /** APP_URL: links never take the request's Host header. */
  appUrl: string;
}

/** An absolute link to a path of the app. */
export function link(ctx: MailContext, path: string): string {
  return new URL(path, ctx.appUrl).href;
}

/** The footer of mail a signed-in user gets about their work: why, and where to change it. */
export function accountFooter(ctx: MailContext): MailBlock[] {
  return [
    { kind: "small", text: ctx.t("mail.footer.notices") },
    { kind: "small", text: `${ctx.t("mail.footer.preferences")} ${link(ctx, "/profile#notifications")}` },
  ];
}
