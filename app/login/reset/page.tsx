import type { Metadata } from "next";
import Link from "next/link";
import { AccountShell } from "../AccountShell";
import { SetPasswordForm } from "../SetPasswordForm";
import { resetPasswordAction } from "./actions";
import { loadAccountLink } from "@/server/account/links";
import { getI18n } from "@/server/i18n";
import type { MessageKey } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  // The token is in this page's address: no other site learns it through the Referer header.
  return { title: t("reset.title"), referrer: "no-referrer", robots: { index: false } };
}

const ERROR_KEYS = ["reset.invalidLink", "validation.checkFields", "validation.passwordTooShort", "validation.passwordMismatch", "validation.tooLong", "errors.unexpected"] as const satisfies readonly MessageKey[];

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : undefined;
  const [{ t }, link] = await Promise.all([getI18n(), loadAccountLink(token, "password_reset")]);
  return (
    <AccountShell title={t("reset.title")}>
      {link && token ? (
        <>
          <p className="mb-4 text-sm text-slate-700">{t("reset.intro", { email: link.email })}</p>
          <SetPasswordForm
            action={resetPasswordAction}
            token={token}
            email={link.email}
            invalidLinkKey="reset.invalidLink"
            labels={{
              email: t("login.email"),
              password: t("account.password"),
              confirm: t("account.confirm"),
              submit: t("reset.submit"),
              pending: t("common.saving"),
              newLink: { label: t("reset.requestNew"), href: "/login/forgot" },
              errors: Object.fromEntries(ERROR_KEYS.map((key) => [key, t(key)])),
              fallbackError: t("errors.unexpected"),
            }}
          />
        </>
      ) : (
        <div className="space-y-4">
          <p role="alert" data-testid="link-invalid" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{t("reset.invalidLink")}</p>
          <Link href="/login/forgot" className="text-sm font-medium text-brand-700 underline">{t("reset.requestNew")}</Link>
        </div>
      )}
    </AccountShell>
  );
}
