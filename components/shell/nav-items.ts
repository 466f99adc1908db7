import type { CurrentUser } from "@/server/authz";
import type { Translate } from "@/lib/i18n/messages";
import { can } from "@/lib/permissions";

export interface NavItem {
  href: string;
  label: string;
}

/** The signed-in navigation: every area the user's role can open. */
export function appNavItems(user: CurrentUser, t: Translate): NavItem[] {
  return [
    { href: "/dashboard", label: t("nav.dashboard") },
    { href: "/cities", label: t("nav.cities") },
    { href: "/compare", label: t("nav.compare") },
    { href: "/framework", label: t("nav.framework") },
    { href: "/events", label: t("nav.events") },
    { href: "/resources", label: t("nav.resources") },
    { href: "/questionnaires", label: t("nav.questionnaires") },
    { href: "/reports", label: t("nav.reports") },
    { href: "/plans", label: t("nav.plans") },
    ...(can(user.role, "values.review") ? [{ href: "/review", label: t("nav.review") }] : []),
    // Reviewers follow every city's import history there, officers and admins also import.
    ...(can(user.role, "values.write") || can(user.role, "values.review") ? [{ href: "/import", label: t("nav.import") }] : []),
    ...(can(user.role, "users.manage") ? [{ href: "/admin/users", label: t("nav.admin") }] : []),
  ];
}

/** The signed-out navigation of the public portal. */
export function publicNavItems(t: Translate): NavItem[] {
  return [
    { href: "/explore", label: t("public.nav.overview") },
    { href: "/explore#cities", label: t("public.nav.cities") },
    { href: "/events", label: t("nav.events") },
    { href: "/resources", label: t("nav.resources") },
  ];
}
