import Link from "next/link";
import type { Translate } from "@/lib/i18n/messages";

export function AdminTabs({ current, t }: { current: "users" | "audit" | "outbox" | "newsletter"; t: Translate }) {
  const tabs = [
    { key: "users", href: "/admin/users", label: t("admin.users") },
    { key: "audit", href: "/admin/audit", label: t("admin.audit") },
    { key: "outbox", href: "/admin/outbox", label: t("admin.outbox") },
    { key: "newsletter", href: "/admin/newsletter", label: t("admin.newsletter") },
  ] as const;
  return (
    <div className="mb-4 flex gap-2 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? "page" : undefined} className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab.key === current ? "border-brand-600 font-semibold text-brand-800" : "border-transparent text-slate-600"}`}>
          {tab.label}
        </Link>
      ))}
    </div>
  );
}
