import type { LocalizedText, Role } from "@/lib/domain";
import type { MailContent } from "../layout";
import { link, type MailContext } from "./context";

// Account mail: nobody can turn it off, and it names no preferences. The token travels only in
// the link; the page it opens checks it.

export const RESET_PATH = "/login/reset";
export const INVITE_PATH = "/invite";

const tokenLink = (ctx: MailContext, path: string, token: string) => link(ctx, `${path}?token=${encodeURIComponent(token)}`);

/** "Forgot your password?": a single-use link, valid for `minutes`. */
export function passwordResetMail(ctx: MailContext, params: { name: string; token: string; minutes: number }): MailContent {
  const { t } = ctx;
  return {
    subject: t("mail.reset.subject"),
    preheader: t("mail.reset.intro", { minutes: params.minutes }),
    blocks: [
      { kind: "p", text: t("mail.account.greeting", { name: params.name }) },
      { kind: "p", text: t("mail.reset.intro", { minutes: params.minutes }) },
      { kind: "button", label: t("mail.reset.button"), url: tokenLink(ctx, RESET_PATH, params.token) },
      { kind: "small", text: t("mail.reset.signOut") },
    ],
    footer: [{ kind: "small", text: t("mail.reset.footer") }],
  };
}

export interface InvitationFacts {
  name: string;
  email: string;
  inviter: string;
  role: Role;
  /** The officer's city, in each language; null for the other roles. */
  city: LocalizedText | null;
  token: string;
  days: number;
}

/** An administrator created an account: who did, as what, for which city, and the set-password link. */
export function invitationMail(ctx: MailContext, params: InvitationFacts): MailContent {
  const { t } = ctx;
  const rows: [string, string][] = [
    [t("mail.invite.email"), params.email],
    [t("mail.invite.role"), t(`roles.${params.role}`)],
  ];
  if (params.city) rows.push([t("mail.invite.city"), params.city[ctx.locale] || params.city.en]);
  return {
    subject: t("mail.invite.subject"),
    preheader: t("mail.invite.intro", { inviter: params.inviter }),
    blocks: [
      { kind: "p", text: t("mail.account.greeting", { name: params.name }) },
      { kind: "p", text: t("mail.invite.intro", { inviter: params.inviter }) },
      { kind: "facts", rows },
      { kind: "button", label: t("mail.invite.button"), url: tokenLink(ctx, INVITE_PATH, params.token) },
      { kind: "small", text: t("mail.invite.validity", { days: params.days, inviter: params.inviter }) },
    ],
    footer: [{ kind: "small", text: t("mail.invite.footer") }],
  };
}
