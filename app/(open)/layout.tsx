import type { ReactNode } from "react";
import { PageShell } from "@/components/shell/PageShell";
import { appNavItems, publicNavItems } from "@/components/shell/nav-items";
import { getCurrentUser } from "@/server/authz";
import { getI18n } from "@/server/i18n";

/**
 * Areas that signed-in users and signed-out visitors share (events, resources): the app's
 * navigation for the first, the public portal's for the second. Pages decide what each may see.
 */
export default async function OpenLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getI18n(), getCurrentUser()]);
  return user ? (
    <PageShell user={user} locale={locale} t={t} navLabel={t("nav.label")} items={appNavItems(user, t)}>
      {children}
    </PageShell>
  ) : (
    <PageShell user={null} locale={locale} t={t} navLabel={t("public.nav.label")} items={publicNavItems(t)}>
      {children}
    </PageShell>
  );
}
