import type { Metadata } from "next";
import Link from "next/link";
import { AccountShell } from "@/app/login/AccountShell";
import { SetPasswordForm } from "@/app/login/SetPasswordForm";
import { acceptInvitationAction } from "./actions";
import { loadAccountLink } from "@/server/account/links";
import { getI18n } from "@/server/i18n";
import type { MessageKey } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  // The token is in this page's address: no other site learns it through the Referer header.
  return { title: t("invite.title"), referrer: "no-referrer", robots: { index: false } };
}

const ERROR_KEYS = ["invite.invalidLink", "validation.checkFields", "validation.passwordTooShort", "validation.passwordMismatch", "validation.tooLong", "errors.unexpected"] as const satisfies readonly MessageKey[];

export default async function InvitationPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : undefined;
  const [{ t }, link] = await Promise.all([getI18n(), loadAccountLink(token, "invitation")]);
  return (
    <AccountShell title={t("invite.title")}>
      {link && token ? (
        <>
          <p className="mb-4 text-sm text-slate-700">{t("invite.intro", { email: link.email })}</p>
          <SetPasswordForm
            action={acceptInvitationAction}
            token={token}
            email={link.email}
            invalidLinkKey="invite.invalidLink"
            labels={{
              email: t("login.email"),
              password: t("account.password"),
              confirm: t("account.confirm"),
              submit: t("invite.submit"),
              pending: t("common.saving"),
              newLink: { label: t("invite.requestReset"), href: "/login/forgot" },
              errors: Object.fromEntries(ERROR_KEYS.map((key) => [key, t(key)])),
              fallbackError: t("errors.unexpected"),
            }}
          />
        </>
      ) : (
        <div className="space-y-4">
          <p role="alert" data-testid="link-invalid" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{t("invite.invalidLink")}</p>
          <Link href="/login/forgot" className="text-sm font-medium text-brand-700 underline">{t("invite.requestReset")}</Link>
        </div>
      )}
    </AccountShell>
  );
}
