import type { Metadata } from "next";
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

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await getCurrentUser()) redirect(target);
  const { locale, t } = await getI18n();
  return (
    <>
      <SiteHeader user={null} locale={locale} t={t} />
      <main id="main" className="mx-auto max-w-md px-4 py-10">
        <h1 className="mb-6 text-2xl font-semibold">{t("login.title")}</h1>
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
        </div>
        <p className="mt-4 text-sm text-slate-600">{t("login.help")}</p>
      </main>
    </>
  );
}
