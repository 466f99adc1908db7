import type { Metadata } from "next";
import Link from "next/link";
import { FilterDate, FilterSelect } from "@/components/ui/FilterField";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { EventList } from "@/components/events/EventList";
import { EventCalendar } from "@/components/events/EventCalendar";
import { getCurrentUser } from "@/server/authz";
import { can } from "@/lib/permissions";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { eventFiltersSchema, type EventFilters } from "@/lib/validation/events";
import { localDateOf, monthBounds } from "@/lib/events/time";
import { EVENT_TYPES } from "@/lib/domain";
import { loadEventFormOptions, loadEventList, loadEventsInMonth, loadEventTrainers } from "@/server/loaders/events";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("nav.events") };
}

const PAGE_SIZE = 20;
const VIEWS = ["upcoming", "past", "calendar"] as const;
type View = (typeof VIEWS)[number];

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Capacity-building events: upcoming and past lists and a month calendar, filtered by city,
 * type, component, trainer and dates. Open to signed-out visitors: nothing here names a participant.
 */
export default async function EventsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await getCurrentUser();
  const params = await searchParams;
  const filters = eventFiltersSchema.parse(params);
  const rawView = first(params.view);
  const view: View = (VIEWS as readonly string[]).includes(rawView ?? "") ? (rawView as View) : "upcoming";
  const page = pageParams(params.page, PAGE_SIZE);
  const [{ locale, t, format }, options, trainers] = await Promise.all([getI18n(), loadEventFormOptions(), loadEventTrainers()]);
  const componentNames = new Map(options.components.map((c) => [c.code, localizedName(c, locale)]));
  const now = new Date();
  // "Today" on the reader's clock (server/i18n.ts currentTimeZone); each event's own times stay in its venue's zone.
  const today = localDateOf(now, format.timeZone);

  const keep: Record<string, string | undefined> = { city: filters.city, type: filters.type, component: filters.component, trainer: filters.trainer ? String(filters.trainer) : undefined, from: filters.from, to: filters.to };
  const href = (extra: Record<string, string | undefined>) => {
    const query = new URLSearchParams(Object.entries({ ...keep, ...extra }).filter((e): e is [string, string] => Boolean(e[1])));
    const text = query.toString();
    return text ? `/events?${text}` : "/events";
  };
  const icsHref = filters.city ? `/api/v1/events.ics?city=${encodeURIComponent(filters.city)}` : "/api/v1/events.ics";

  return (
    <>
      <PageHeader
        title={t("nav.events")}
        description={t("events.description")}
        actions={
          <>
            {user && can(user.role, "events.manage") ? <Link href="/events/new" className="inline-flex min-h-10 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">{t("events.new")}</Link> : null}
            {user ? <Link href="/events/stats" className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800">{t("events.stats.title")}</Link> : null}
            <a href={icsHref} className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800" data-testid="ics-link">{t("events.subscribe")}</a>
          </>
        }
      />
      <nav aria-label={t("events.views")} className="mb-3 flex flex-wrap gap-1 border-b border-slate-200">
        {VIEWS.map((v) => (
          <Link key={v} href={href({ view: v === "upcoming" ? undefined : v })} aria-current={view === v ? "page" : undefined} className={`-mb-px block border-b-2 px-3 py-2.5 text-sm ${view === v ? "border-brand-600 font-semibold text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
            {t(`events.view.${v}`)}
          </Link>
        ))}
      </nav>
      <form className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:flex sm:flex-wrap sm:items-end" role="search" aria-label={t("events.filters")}>
        {view !== "upcoming" ? <input type="hidden" name="view" value={view} /> : null}
        <FilterSelect label={t("events.filter.city")} name="city" defaultValue={filters.city ?? ""} allLabel={t("common.all")} options={options.cities.map((c) => ({ value: c.slug, label: localizedName(c, locale) }))} />
        <FilterSelect label={t("events.form.type")} name="type" defaultValue={filters.type ?? ""} allLabel={t("common.all")} options={EVENT_TYPES.map((type) => ({ value: type, label: t(`events.types.${type}`) }))} />
        <FilterSelect label={t("events.filter.component")} name="component" defaultValue={filters.component ?? ""} allLabel={t("common.all")} options={options.components.map((c) => ({ value: c.code, label: localizedName(c, locale) }))} />
        <FilterSelect label={t("events.filter.trainer")} name="trainer" defaultValue={filters.trainer ? String(filters.trainer) : ""} allLabel={t("common.all")} options={trainers.map((tr) => ({ value: String(tr.id), label: tr.name }))} />
        {view !== "calendar" ? (
          <>
            <FilterDate label={t("events.filter.from")} name="from" defaultValue={filters.from ?? ""} />
            <FilterDate label={t("events.filter.to")} name="to" defaultValue={filters.to ?? ""} />
          </>
        ) : null}
        <div className="col-span-2 flex items-center gap-3">
          <button type="submit" className="min-h-10 rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white max-sm:flex-1">{t("common.filter")}</button>
          {Object.values(keep).some(Boolean) ? <Link href={view === "upcoming" ? "/events" : `/events?view=${view}`} className="inline-flex min-h-10 items-center px-1 text-sm text-brand-700 underline" data-testid="events-clear-filters">{t("events.clearFilters")}</Link> : null}
        </div>
      </form>

      {view === "calendar" ? (
        <Calendar filters={filters} month={first(params.month)} today={today} now={now} href={href} t={t} locale={locale} />
      ) : (
        <Listing filters={filters} when={view} page={page} now={now} keep={{ ...keep, view: view === "upcoming" ? undefined : view }} componentNames={componentNames} t={t} locale={locale} />
      )}
    </>
  );
}

async function Listing({ filters, when, page, now, keep, componentNames, t, locale }: { filters: EventFilters; when: "upcoming" | "past"; page: { page: number; limit: number; offset: number }; now: Date; keep: Record<string, string | undefined>; componentNames: Map<string, string>; t: Awaited<ReturnType<typeof getI18n>>["t"]; locale: Awaited<ReturnType<typeof getI18n>>["locale"] }) {
  const { rows, total } = await loadEventList(filters, when, now, page);
  if (rows.length === 0) return <EmptyState title={when === "upcoming" ? t("events.noneUpcoming") : t("events.nonePast")} body={t("events.noneHint")} />;
  return (
    <>
      <p className="mb-2 text-sm text-slate-600">{t("events.count", { count: total })}</p>
      <EventList rows={rows} t={t} locale={locale} componentNames={componentNames} testId={`events-${when}`} />
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/events" params={keep} t={t} />
    </>
  );
}

async function Calendar({ filters, month, today, now, href, t, locale }: { filters: EventFilters; month: string | undefined; today: string; now: Date; href: (extra: Record<string, string | undefined>) => string; t: Awaited<ReturnType<typeof getI18n>>["t"]; locale: Awaited<ReturnType<typeof getI18n>>["locale"] }) {
  const bounds = monthBounds(month ?? "") ?? monthBounds(today.slice(0, 7));
  if (!bounds) return null;
  const events = await loadEventsInMonth({ ...filters, from: undefined, to: undefined }, bounds, now);
  return (
    <EventCalendar
      year={bounds.year}
      monthIndex={bounds.monthIndex}
      events={events}
      t={t}
      locale={locale}
      today={today}
      hrefs={{ previous: href({ view: "calendar", month: bounds.previous, from: undefined, to: undefined }), next: href({ view: "calendar", month: bounds.next, from: undefined, to: undefined }) }}
    />
  );
}
