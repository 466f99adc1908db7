import type { Metadata } from "next";
import Link from "next/link";
import { FilterDate, FilterSelect } from "@/components/ui/FilterField";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { ChartFrame, type ChartFrameLabels } from "@/components/charts/ChartFrame";
import { GroupedBarChart } from "@/components/charts/lazy";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { INTL_LOCALE, localizedName } from "@/lib/i18n/config";
import { componentShortName, type Formatters, type Translate } from "@/lib/i18n/messages";
import { statsFiltersSchema } from "@/lib/validation/events";
import { eventTimeFormat } from "@/lib/events/time";
import type { Counts } from "@/db/queries/event-stats";
import { loadEvent, loadEventFormOptions, loadParticipationStats } from "@/server/loaders/events";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("events.stats.title") };
}

interface Group extends Counts {
  label: string;
}

/**
 * Participation statistics for signed-in users: registered against attended, by component, by
 * quarter, by gender, by participant's city and by role, and per event. Counts only.
 */
export default async function EventStatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("app.view");
  const filters = statsFiltersSchema.parse(await searchParams);
  const [{ locale, t, format }, stats, options, focus] = await Promise.all([getI18n(), loadParticipationStats(filters), loadEventFormOptions(), filters.event ? loadEvent(filters.event) : Promise.resolve(null)]);
  const labels: ChartFrameLabels = { showTable: t("charts.showTable"), showChart: t("charts.showChart"), downloadCsv: t("charts.downloadCsv"), downloadPng: t("charts.downloadPng") };
  const intl = INTL_LOCALE[locale];

  const chart = (id: string, title: string, groups: Group[], groupLabel: string) =>
    groups.length === 0 ? null : <CountsChart key={id} id={id} title={title} groups={groups} groupLabel={groupLabel} t={t} format={format} intl={intl} labels={labels} />;

  return (
    <>
      <PageHeader title={t("events.stats.title")} description={t("events.stats.description")} actions={<Link href="/events" className="inline-flex min-h-10 items-center text-sm text-brand-700 underline">{t("events.backToList")}</Link>} />
      <form className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:flex sm:flex-wrap sm:items-end" role="search" aria-label={t("events.filters")}>
        {focus ? <input type="hidden" name="event" value={focus.event.id} /> : null}
        <FilterSelect label={t("events.stats.participantCity")} name="city" defaultValue={filters.city ?? ""} allLabel={t("common.all")} options={options.cities.map((c) => ({ value: c.slug, label: localizedName(c, locale) }))} />
        <FilterSelect label={t("events.filter.component")} name="component" defaultValue={filters.component ?? ""} allLabel={t("common.all")} options={options.components.map((c) => ({ value: c.code, label: localizedName(c, locale) }))} />
        <FilterDate label={t("events.filter.from")} name="from" defaultValue={filters.from ?? ""} />
        <FilterDate label={t("events.filter.to")} name="to" defaultValue={filters.to ?? ""} />
        <button type="submit" className="col-span-2 min-h-10 rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white">{t("common.filter")}</button>
      </form>
      {focus ? (
        <p className="mb-4 text-sm" data-testid="stats-event">
          {t("events.stats.oneEvent")} <Link href={`/events/${focus.event.id}`} className="font-medium text-brand-700 underline">{focus.event.title}</Link> ·{" "}
          <Link href="/events/stats" className="text-brand-700 underline">{t("events.stats.allEvents")}</Link>
        </p>
      ) : null}

      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="stats-totals">
        {(
          [
            ["events", t("events.stats.events"), stats.totals.events],
            ["registered", t("events.stats.registered"), stats.totals.registered],
            ["attended", t("events.stats.attended"), stats.totals.attended],
            ["waitlisted", t("events.stats.waitlisted"), stats.totals.waitlisted],
          ] as const
        ).map(([key, label, value]) => (
          <Card key={key}>
            <p className="text-sm text-slate-600">{label}</p>
            <p className="text-2xl font-semibold tabular-nums" data-testid={`total-${key}`}>{format.number(value)}</p>
          </Card>
        ))}
      </div>

      {stats.totals.registered + stats.totals.waitlisted === 0 ? (
        <EmptyState title={t("events.stats.none")} body={t("events.stats.noneHint")} />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {chart("component", t("events.stats.byComponent"), stats.byComponent.map((c) => ({ ...c, label: componentShortName(t, c.code, localizedName(c, locale)) })), t("events.filter.component"))}
          {chart("quarter", t("events.stats.byQuarter"), stats.byQuarter.map((q) => ({ ...q, label: q.quarter })), t("events.stats.quarter"))}
          {chart("gender", t("events.stats.byGender"), stats.byGender.map((g) => ({ ...g, label: t(`events.gender.${g.gender}`) })), t("events.register.gender"))}
          {chart("role", t("events.stats.byRole"), stats.byRole.map((r) => ({ ...r, label: t(`events.role.${r.participantRole}`) })), t("events.register.role"))}
          {chart("city", t("events.stats.byCity"), stats.byCity.map((c) => ({ ...c, label: localizedName(c, locale) })), t("events.stats.participantCity"))}
        </div>
      )}

      {stats.byEvent.length ? (
        <section className="mt-6" aria-labelledby="per-event">
          <h2 id="per-event" className="mb-2 text-lg font-semibold">{t("events.stats.byEvent")}</h2>
          <DataTable
            testId="stats-events"
            caption={t("events.stats.byEvent")}
            stacked
            columns={[{ label: t("events.stats.event") }, { label: t("events.when") }, { label: t("events.stats.registered"), align: "right" }, { label: t("events.stats.attended"), align: "right" }, { label: t("events.stats.waitlisted"), align: "right" }]}
          >
            {stats.byEvent.map((e) => (
              <tr key={e.id} className="border-t border-slate-100">
                <td className="px-3 py-2"><Link href={`/events/${e.id}`} className="font-medium text-brand-700 hover:underline">{e.title}</Link></td>
                <td className="px-3 py-2"><CellLabel>{t("events.when")}</CellLabel>{eventTimeFormat(intl, e.timeZone).date(e.startsAt)}</td>
                <td className="px-3 py-2 tabular-nums sm:text-right"><CellLabel>{t("events.stats.registered")}</CellLabel>{format.number(e.registered)}</td>
                <td className="px-3 py-2 tabular-nums sm:text-right"><CellLabel>{t("events.stats.attended")}</CellLabel>{format.number(e.attended)}</td>
                <td className="px-3 py-2 tabular-nums sm:text-right"><CellLabel>{t("events.stats.waitlisted")}</CellLabel>{format.number(e.waitlisted)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </>
  );
}

function CountsChart({ id, title, groups, groupLabel, t, format, intl, labels }: { id: string; title: string; groups: Group[]; groupLabel: string; t: Translate; format: Formatters; intl: string; labels: ChartFrameLabels }) {
  const registered = t("events.stats.registered");
  const attended = t("events.stats.attended");
  const top = [...groups].sort((a, b) => b.attended - a.attended)[0];
  const summary = top
    ? t("events.stats.summary", { groups: groups.length, attended: groups.reduce((s, g) => s + g.attended, 0), registered: groups.reduce((s, g) => s + g.registered, 0), top: top.label, topAttended: top.attended })
    : "";
  return (
    <ChartFrame
      title={title}
      summary={summary}
      testId={`chart-${id}`}
      fileName={`participation-${id}`}
      labels={labels}
      table={{
        caption: title,
        columns: [groupLabel, registered, attended],
        rows: groups.map((g) => [g.label, format.number(g.registered), format.number(g.attended)]),
        csvRows: groups.map((g) => [g.label, g.registered, g.attended]),
      }}
    >
      <GroupedBarChart labels={groups.map((g) => g.label)} series={[{ label: registered, values: groups.map((g) => g.registered) }, { label: attended, values: groups.map((g) => g.attended) }]} intlLocale={intl} min={0} height={260} />
    </ChartFrame>
  );
}
