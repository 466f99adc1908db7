import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/SiteHeader";
import { NavLinks } from "@/components/shell/NavLinks";
import { getCurrentUser } from "@/lib/authz";
import { getI18n } from "@/lib/i18n/server";

/**
 * The public portal's shell: open to signed-out visitors (proxy.ts lets /explore through). Pages
 * under it show validated results only and nothing about people.
 */
export default async function PublicLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getI18n(), getCurrentUser()]);
  const items = [
    { href: "/explore", label: t("public.nav.overview") },
    { href: "/explore#cities", label: t("public.nav.cities") },
  ];
  return (
    <>
      <SiteHeader user={user} locale={locale} t={t} />
      <nav aria-label={t("public.nav.label")} className="border-b border-slate-200 bg-white">
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
