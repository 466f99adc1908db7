import type { Metadata } from "next";
import Link from "next/link";
import { AccountShell } from "./AccountShell";
import { SetPasswordForm } from "./SetPasswordForm";
import { loadAccountLink } from "@/server/account/links";
import { getI18n } from "@/server/i18n";
import type { AuthTokenPurpose } from "@/lib/domain";
import type { MessageKey } from "@/lib/i18n/messages";
import type { ActionResult } from "@/lib/action-result";

/** The texts that differ between the invitation page and the reset page. */
export interface TokenPasswordTexts {
  title: MessageKey;
  intro: MessageKey;
  submit: MessageKey;
  invalidLink: MessageKey;
  newLink: MessageKey;
}

export async function tokenPasswordMetadata(title: MessageKey): Promise<Metadata> {
  const { t } = await getI18n();
  // The token is in this page's address: no other site learns it through the Referer header.
  return { title: t(title), referrer: "no-referrer", robots: { index: false } };
}

/**
 * A page a mailed link opens to choose a password (/invite, /login/reset): the form when the link
 * still works for `purpose`, else a plain "this link no longer works" and where to get a new one.
 */
export async function TokenPasswordPage({ searchParams, purpose, action, texts }: { searchParams: Promise<{ token?: string | string[] }>; purpose: AuthTokenPurpose; action: (previous: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>; texts: TokenPasswordTexts }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : undefined;
  const [{ t }, link] = await Promise.all([getI18n(), loadAccountLink(token, purpose)]);
  const errorKeys = [texts.invalidLink, "validation.checkFields", "validation.passwordTooShort", "validation.passwordMismatch", "validation.tooLong", "errors.unexpected"] as const satisfies readonly MessageKey[];
  return (
    <AccountShell title={t(texts.title)}>
      {link && token ? (
        <>
          <p className="mb-4 text-sm text-slate-700">{t(texts.intro, { email: link.email })}</p>
          <SetPasswordForm
            action={action}
            token={token}
            email={link.email}
            invalidLinkKey={texts.invalidLink}
            labels={{
              email: t("login.email"),
              password: t("account.password"),
              confirm: t("account.confirm"),
              submit: t(texts.submit),
              pending: t("common.saving"),
              newLink: { label: t(texts.newLink), href: "/login/forgot" },
              errors: Object.fromEntries(errorKeys.map((key) => [key, t(key)])),
              fallbackError: t("errors.unexpected"),
            }}
          />
        </>
      ) : (
        <div className="space-y-4">
          <p role="alert" data-testid="link-invalid" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{t(texts.invalidLink)}</p>
          <Link href="/login/forgot" className="text-sm font-medium text-brand-700 underline">{t(texts.newLink)}</Link>
        </div>
      )}
    </AccountShell>
  );
}
