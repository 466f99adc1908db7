import Link from "next/link";
import { LanguageSwitch } from "./LanguageSwitch";
import { signOutAction } from "@/server/session-actions";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import type { CurrentUser } from "@/server/authz";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { formatters } from "@/lib/i18n/messages";
import { NotificationBell } from "./NotificationBell";

export function SiteHeader({ user, locale, t }: { user: CurrentUser | null; locale: Locale; t: Translate }) {
  return (
    <header className="bg-brand-800 text-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link href={user ? "/dashboard" : "/"} className="font-semibold tracking-tight">
          {t("app.name")}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <LanguageSwitch current={locale} label={t("shell.language")} />
          {user ? (
            <div className="flex items-center gap-2 text-sm" data-testid="current-user">
              <NotificationBell userId={user.id} t={t} format={formatters(locale)} />
              <span>
                <Link href="/profile" className="underline decoration-white/40 underline-offset-2 hover:decoration-white" data-testid="profile-link">{user.name}</Link> · <span data-testid="current-role">{t(`roles.${user.role}`)}</span>
              </span>
              <form action={signOutAction}>
                <SubmitButton variant="secondary" pendingLabel={t("shell.signingOut")}>
                  {t("shell.signOut")}
                </SubmitButton>
              </form>
            </div>
          ) : (
            <Link href="/login" className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-brand-800">
              {t("shell.signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
