import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/SiteHeader";
import { getCurrentUser } from "@/server/authz";
import { getI18n } from "@/server/i18n";

/** The frame of the pages a signed-out person uses for their account: forgot, reset, invitation. */
export async function AccountShell({ title, children }: { title: string; children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getI18n(), getCurrentUser()]);
  return (
    <>
      <SiteHeader user={user} locale={locale} t={t} />
      <main id="main" className="mx-auto max-w-md px-4 py-10">
        <h1 className="mb-6 text-2xl font-semibold">{title}</h1>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      </main>
    </>
  );
}
