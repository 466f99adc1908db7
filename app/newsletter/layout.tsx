import type { ReactNode } from "react";
import { PageShell } from "@/components/shell/PageShell";
import { publicNavItems } from "@/components/shell/nav-items";
import { getCurrentUser } from "@/server/authz";
import { getI18n } from "@/server/i18n";

/**
 * The newsletter's pages: for anyone, with or without an account (proxy.ts lets /newsletter
 * through). The links in its mail are what proves who may change a subscription.
 */
export default async function NewsletterLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getI18n(), getCurrentUser()]);
  return (
    <PageShell user={user} locale={locale} t={t} navLabel={t("public.nav.label")} items={publicNavItems(t)}>
      <div className="max-w-3xl">{children}</div>
    </PageShell>
  );
}
