import type { ReactNode } from "react";
import { PageShell } from "@/components/shell/PageShell";
import { publicNavItems } from "@/components/shell/nav-items";
import { getCurrentUser } from "@/server/authz";
import { getI18n } from "@/server/i18n";

/**
 * The public portal's shell: open to signed-out visitors (proxy.ts lets /explore through). Pages
 * under it show validated results only and nothing about people.
 */
export default async function PublicLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getI18n(), getCurrentUser()]);
  return (
    <PageShell user={user} locale={locale} t={t} navLabel={t("public.nav.label")} items={publicNavItems(t)}>
      {children}
    </PageShell>
  );
}
