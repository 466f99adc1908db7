import type { ReactNode } from "react";
import { SiteHeader } from "./SiteHeader";
import { NavLinks } from "./NavLinks";
import type { CurrentUser } from "@/server/authz";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";

/** Header, a section navigation and the main column: shared by the signed-in app and the public portal. */
export function PageShell({ user, locale, t, navLabel, items, children }: { user: CurrentUser | null; locale: Locale; t: Translate; navLabel: string; items: { href: string; label: string }[]; children: ReactNode }) {
  return (
    <>
      <SiteHeader user={user} locale={locale} t={t} />
      <nav aria-label={navLabel} className="border-b border-slate-200 bg-white print:hidden">
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
