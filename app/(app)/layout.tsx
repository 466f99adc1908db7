import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/SiteHeader";
import { NavLinks } from "@/components/shell/NavLinks";
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
    <>
      <SiteHeader user={user} locale={locale} t={t} />
      <nav aria-label={t("nav.label")} className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-2 py-1">
          <NavLinks items={items} />
        </div>
      </nav>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
