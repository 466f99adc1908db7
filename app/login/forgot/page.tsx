import type { Metadata } from "next";
import Link from "next/link";
import { AccountShell } from "../AccountShell";
import { ForgotForm } from "./ForgotForm";
import { RESET_TTL_MINUTES } from "@/server/account/reset";
import { getI18n } from "@/server/i18n";
import type { MessageKey } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("forgot.title") };
}

const ERROR_KEYS = ["forgot.throttled", "validation.checkFields", "validation.email", "validation.tooLong", "errors.unexpected"] as const satisfies readonly MessageKey[];

export default async function ForgotPasswordPage() {
  const { t } = await getI18n();
  return (
    <AccountShell title={t("forgot.title")}>
      <p className="mb-4 text-sm text-slate-700">{t("forgot.intro")}</p>
      <ForgotForm
        labels={{
          email: t("login.email"),
          submit: t("forgot.submit"),
          pending: t("forgot.pending"),
          sent: t("forgot.sent", { minutes: RESET_TTL_MINUTES }),
          errors: Object.fromEntries(ERROR_KEYS.map((key) => [key, t(key)])),
          fallbackError: t("errors.unexpected"),
        }}
      />
      <p className="mt-4 text-sm">
        <Link href="/login" className="text-brand-700 underline">{t("forgot.backToLogin")}</Link>
      </p>
    </AccountShell>
  );
}
