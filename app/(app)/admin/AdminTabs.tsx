import { TabNav } from "@/components/ui/TabNav";
import type { Translate } from "@/lib/i18n/messages";

export function AdminTabs({ current, t }: { current: "users" | "audit" | "outbox" | "newsletter"; t: Translate }) {
  const tabs = [
    { key: "users", href: "/admin/users", label: t("admin.users") },
    { key: "audit", href: "/admin/audit", label: t("admin.audit") },
    { key: "outbox", href: "/admin/outbox", label: t("admin.outbox") },
    { key: "newsletter", href: "/admin/newsletter", label: t("admin.newsletter") },
  ];
  return <TabNav label={t("admin.title")} tabs={tabs} current={current} />;
}
