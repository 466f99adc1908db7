import Link from "next/link";
import { loadUnreadCount } from "@/server/loaders/mail";
import type { Translate } from "@/lib/i18n/messages";
import type { Formatters } from "@/lib/i18n/messages";

/** The header's bell: what the signed-in user has not read yet, the same items their mail says. */
export async function NotificationBell({ userId, t, format }: { userId: number; t: Translate; format: Pick<Formatters, "number"> }) {
  const unread = await loadUnreadCount(userId);
  const label = unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell");
  return (
    <Link href="/notifications" aria-label={label} title={label} className="relative inline-flex min-h-10 min-w-10 items-center justify-center rounded-md hover:bg-white/10" data-testid="notification-bell">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-amber-400 px-1 text-center text-xs font-bold leading-5 text-slate-900" data-testid="notification-count">
          {format.number(Math.min(unread, 99))}
          {unread > 99 ? "+" : ""}
        </span>
      ) : null}
    </Link>
  );
}
