import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "./LoginForm";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { SiteHeader } from "@/components/shell/SiteHeader";
import { getCurrentUser } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import type { MessageKey } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("login.title") };
}

const ERROR_KEYS = ["login.invalid", "login.throttled", "login.throttledAccount", "login.throttledNetwork", "login.disabled", "errors.unexpected", "validation.checkFields", "validation.email", "validation.required", "validation.tooLong"] as const satisfies readonly MessageKey[];

/** What the pages a mailed link opens send the person back with (?notice=…). */
const NOTICES: Record<string, MessageKey> = {
  "password-reset": "login.notice.passwordReset",
  "invitation-accepted": "login.notice.invitationAccepted",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; notice?: string }> }) {
  const { callbackUrl, notice } = await searchParams;
  const noticeKey = typeof notice === "string" && Object.hasOwn(NOTICES, notice) ? NOTICES[notice] : undefined;
  const target = safeCallbackPath(callbackUrl);
  if (await getCurrentUser()) redirect(target);
  const { locale, t } = await getI18n();
  return (
    <>
      <SiteHeader user={null} locale={locale} t={t} />
      <main id="main" className="mx-auto max-w-md px-4 py-10">
        <h1 className="mb-6 text-2xl font-semibold">{t("login.title")}</h1>
        {noticeKey ? (
          <p role="status" data-testid="login-notice" className="mb-4 rounded-md bg-brand-50 p-3 text-sm text-brand-800">{t(noticeKey)}</p>
        ) : null}
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm
            callbackUrl={target}
            labels={{
              email: t("login.email"),
              password: t("login.password"),
              submit: t("login.submit"),
              pending: t("login.pending"),
              errors: Object.fromEntries(ERROR_KEYS.map((key) => [key, t(key)])),
              fallbackError: t("errors.unexpected"),
            }}
          />
          <p className="mt-4 text-sm">
            <Link href="/login/forgot" className="text-brand-700 underline" data-testid="forgot-link">{t("login.forgot")}</Link>
          </p>
        </div>
        <p className="mt-4 text-sm text-slate-600">{t("login.help")}</p>
      </main>
    </>
  );
}
