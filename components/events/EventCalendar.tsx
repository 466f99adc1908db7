import Link from "next/link";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import { eventTimeFormat } from "@/lib/events/time";
import type { MonthEvent } from "@/server/loaders/events";


/**
 * A month: a seven-column grid on wider screens, a list of the days that have events on a phone.
 * Events sit on their start date in the venue's time zone. Weeks start on Saturday, as the
 * working week does in Bangladesh.
 */
export function EventCalendar({ year, monthIndex, events, t, locale, today, hrefs }: { year: number; monthIndex: number; events: MonthEvent[]; t: Translate; locale: Locale; today: string; hrefs: { previous: string; next: string } }) {
  const intl = INTL_LOCALE[locale];
  const monthTitle = new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, monthIndex, 1)));
  const weekday = new Intl.DateTimeFormat(intl, { weekday: "short", timeZone: "UTC" });
  const dayNumber = new Intl.NumberFormat(intl);
  const longDay = new Intl.DateTimeFormat(intl, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  const daysInMonth = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  // 2024-01-06 was a Saturday: the header starts there.
  const longWeekday = new Intl.DateTimeFormat(intl, { weekday: "long", timeZone: "UTC" });
  const weekdays = Array.from({ length: 7 }, (_, i) => {
    const date = new Date(Date.UTC(2024, 0, 6 + i));
    return { short: weekday.format(date), long: longWeekday.format(date) };
  });
  const firstWeekday = (new Date(Date.UTC(year, monthIndex, 1)).getUTCDay() + 1) % 7;
  const iso = (day: number) => `${year}-${String(monthIndex + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const byDay = new Map<string, MonthEvent[]>();
  for (const event of events) (byDay.get(event.localDate) ?? byDay.set(event.localDate, []).get(event.localDate))?.push(event);
  const cells: (number | null)[] = [...Array<null>(firstWeekday).fill(null), ...Array.from({ length: daysInMonth }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);

  // Phones get the roomier list entries (a finger, not a pointer); the status is said in words
  // too, since a strike-through is not read out.
  const item = (event: MonthEvent, roomy = false) => (
    <li key={event.id}>
      <Link href={`/events/${event.id}`} className={`block rounded hover:underline ${roomy ? "px-2 py-2 text-sm" : "px-1 py-0.5 text-xs"} ${event.status === "cancelled" ? "bg-red-50 text-red-900 line-through" : "bg-sky-50 text-sky-950"}`}>
        <time dateTime={event.startsAt.toISOString()} className="tabular-nums">{eventTimeFormat(intl, event.timeZone).time(event.startsAt)}</time> {event.title}
        {event.status === "cancelled" ? <span className="sr-only"> ({t("events.status.cancelled")})</span> : null}
      </Link>
    </li>
  );

  return (
    <section aria-labelledby="calendar-heading" data-testid="event-calendar">
      <div className="mb-3 grid grid-cols-2 items-center gap-2 sm:flex sm:justify-between">
        <Link href={hrefs.previous} className="inline-flex min-h-10 items-center justify-center rounded border border-slate-300 bg-white px-3 py-1.5 text-sm" rel="prev">{t("events.calendar.previous")}</Link>
        <h2 id="calendar-heading" className="col-span-2 -order-1 text-center text-lg font-semibold sm:order-none">{monthTitle}</h2>
        <Link href={hrefs.next} className="inline-flex min-h-10 items-center justify-center rounded border border-slate-300 bg-white px-3 py-1.5 text-sm" rel="next">{t("events.calendar.next")}</Link>
      </div>
      <table className="hidden w-full table-fixed border-collapse text-sm sm:table">
        <caption className="sr-only">{monthTitle}</caption>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d.long} scope="col" className="border border-slate-200 bg-slate-50 px-1 py-1 text-xs font-medium text-slate-600">
                <span aria-hidden="true">{d.short}</span>
                <span className="sr-only">{d.long}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: cells.length / 7 }, (_, week) => (
            <tr key={week}>
              {cells.slice(week * 7, week * 7 + 7).map((day, i) => (
                <td key={i} className={`h-24 border border-slate-200 p-1 align-top ${day && iso(day) === today ? "bg-amber-50" : "bg-white"}`}>
                  {day ? (
                    <>
                      <span className="text-xs text-slate-500" aria-current={iso(day) === today ? "date" : undefined}>
                        <span aria-hidden="true">{dayNumber.format(day)}</span>
                        <span className="sr-only">{longDay.format(new Date(`${iso(day)}T00:00:00Z`))}</span>
                      </span>
                      {byDay.has(iso(day)) ? <ul className="mt-1 space-y-1">{(byDay.get(iso(day)) ?? []).map((event) => item(event))}</ul> : null}
                    </>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="space-y-2 sm:hidden">
        {[...byDay.entries()].map(([date, list]) => (
          <li key={date} className="rounded-lg border border-slate-200 bg-white p-2">
            <h3 className="text-sm font-medium">
              <time dateTime={date} aria-current={date === today ? "date" : undefined}>{longDay.format(new Date(`${date}T00:00:00Z`))}</time>
            </h3>
            <ul className="mt-1 space-y-1">{list.map((event) => item(event, true))}</ul>
          </li>
        ))}
      </ul>
      {events.length === 0 ? <p className="mt-3 text-sm text-slate-600">{t("events.calendar.empty")}</p> : null}
    </section>
  );
}
