import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { EventStatusBadge, EventTypeBadge } from "./EventBadges";
import { INTL_LOCALE, localizedName, type Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import { eventTimeFormat } from "@/lib/events/time";
import type { EventListRow } from "@/server/loaders/events";

/** Events as cards (one column on a phone): date in the venue's zone, title, host, seats. */
export function EventList({ rows, t, locale, componentNames, testId }: { rows: EventListRow[]; t: Translate; locale: Locale; componentNames: Map<string, string>; testId: string }) {
  return (
    <ul className="space-y-3" data-testid={testId}>
      {rows.map((row) => {
        const time = eventTimeFormat(INTL_LOCALE[locale], row.timeZone);
        return (
          <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`event-${row.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div>
                <Link href={`/events/${row.id}`} className="text-base font-semibold text-brand-700 underline-offset-2 hover:underline">{row.title}</Link>
                <p className="text-sm text-slate-700">{time.range(row.startsAt, row.endsAt)}</p>
                <p className="text-sm text-slate-600">
                  {localizedName({ nameEn: row.hostNameEn, nameBn: row.hostNameBn, nameNe: row.hostNameNe }, locale)}
                  {row.venue ? ` · ${row.venue}` : row.onlineUrl ? ` · ${t("events.online")}` : ""}
                </p>
              </div>
              <div className="flex flex-wrap gap-1">
                <EventTypeBadge type={row.type} t={t} />
                {row.status !== "scheduled" ? <EventStatusBadge status={row.status} t={t} /> : null}
              </div>
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600">
              <span>{t("events.seatsTaken", { registered: row.registered, capacity: row.capacity })}</span>
              {row.waitlisted ? <Badge tone="amber">{t("events.waitlistCount", { count: row.waitlisted })}</Badge> : null}
              {row.components.map((code) => (
                <Badge key={code} tone="blue">{componentNames.get(code) ?? code}</Badge>
              ))}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
