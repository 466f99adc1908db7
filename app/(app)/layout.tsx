import type { ReactNode } from "react";
import { PageShell } from "@/components/shell/PageShell";
import { requirePagePermission } from "@/lib/authz";
import { can } from "@/lib/permissions";
import { getI18n } from "@/lib/i18n/server";

/** The signed-in shell. Each page still checks its own permission: layouts do not guard pages. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePagePermission("app.view");
  const { locale, t } = await getI18n();
  const items = [
    { href: "/dashboard", label: t("nav.dashboard") },
    { href: "/cities", label: t("nav.cities") },
    { href: "/compare", label: t("nav.compare") },
    { href: "/framework", label: t("nav.framework") },
    { href: "/events", label: t("nav.events") },
    { href: "/resources", label: t("nav.resources") },
    { href: "/questionnaires", label: t("nav.questionnaires") },
    ...(can(user.role, "values.review") ? [{ href: "/review", label: t("nav.review") }] : []),
    ...(can(user.role, "values.write") ? [{ href: "/import", label: t("nav.import") }] : []),
    ...(can(user.role, "users.manage") ? [{ href: "/admin/users", label: t("nav.admin") }] : []),
  ];
  return (
    <PageShell user={user} locale={locale} t={t} navLabel={t("nav.label")} items={items}>
      {children}
    </PageShell>
  );
}
