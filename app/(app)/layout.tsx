import type { ReactNode } from "react";
import { PageShell } from "@/components/shell/PageShell";
import { appNavItems } from "@/components/shell/nav-items";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";

/** The signed-in shell. Each page still checks its own permission: layouts do not guard pages. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePagePermission("app.view");
  const { locale, t } = await getI18n();
  return (
    <PageShell user={user} locale={locale} t={t} navLabel={t("nav.label")} items={appNavItems(user, t)}>
      {children}
    </PageShell>
  );
}
