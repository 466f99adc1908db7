import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense, type ReactNode } from "react";
import { z } from "zod";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { CountryRoleFilters, FilterSelect } from "@/components/ui/FilterField";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { ActionForm } from "@/components/ui/ActionForm";
import type { ChartFrameLabels } from "@/components/charts/ChartFrame";
import { SubmissionsChart } from "@/components/questionnaires/SubmissionsChart";
import { QuestionnaireTabs } from "../../QuestionnaireTabs";
import { RoundStatusBadge, targetLabel } from "../RoundBadges";
import { ResponseStatusBadge } from "@/components/questionnaires/ResponseStatusBadge";
import { reopenCityAction, roundStatusAction } from "../actions";
import { ReopenForm } from "./ReopenForm";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadRound, loadRoundCities, loadRoundCounts, loadRoundSubmissionDays, loadTargetCount } from "@/server/loaders/rounds";
import { addDays, defaultReopenDay, pastDueCountries } from "@/server/questionnaires/rounds";
import type { RoundDetail } from "@/db/queries/rounds";
import { COUNTRIES, PROGRAMME_ROLES, RESPONSE_STATUSES, type Country, type ProgrammeRole, type ResponseStatus } from "@/lib/domain";
import { INTL_LOCALE, localizedName, type Locale } from "@/lib/i18n/config";
import { pickMessages, type Formatters, type MessageKey, type Translate } from "@/lib/i18n/messages";
import { can, type Actor } from "@/lib/permissions";
import { cityToday, daysLeft } from "@/lib/questionnaires/rules";
import { localize } from "@/lib/questionnaires/view";
import { eventTimeFormat } from "@/lib/events/time";
import { todayIn } from "@/lib/time";

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
const filtersSchema = z.object({
  country: z.enum(COUNTRIES).optional().catch(undefined),
  role: z.enum(PROGRAMME_ROLES).optional().catch(undefined),
  show: z.literal("overdue").optional().catch(undefined),
});

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function roundOf(params: Params): Promise<RoundDetail> {
  const id = idSchema.safeParse((await params).id);
  const detail = id.success ? await loadRound(id.data) : null;
  if (!detail) notFound();
  return detail;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ t, locale }, id] = await Promise.all([getI18n(), params.then((p) => idSchema.safeParse(p.id))]);
  const detail = id.success ? await loadRound(id.data) : null;
  return { title: detail ? localize(detail.round.title, locale) : t("rounds.title") };
}

const PAGE_SIZE = 50;
const OVERDUE_SHOWN = 10;
// The chart's axis at most this many days (the latest ones).
const CHART_DAYS = 370;
const IN_HAND: readonly ResponseStatus[] = ["submitted", "accepted"];

const REOPEN_MESSAGES = [
  "rounds.reopen.until", "rounds.reopen.untilOf", "rounds.reopen.submit", "rounds.reopen.pending", "rounds.reopen.done", "rounds.reopen.notNeeded", "rounds.reopen.notOpened",
  "validation.round.reopenPast", "validation.date", "validation.checkFields", "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.unauthenticated",
] as const satisfies readonly MessageKey[];
const STATUS_MESSAGES = ["rounds.notOpenable", "rounds.notClosable", "rounds.noCities", "workflow.conflict", "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.unauthenticated", "validation.checkFields"] as const satisfies readonly MessageKey[];

interface View {
  detail: RoundDetail;
  actor: Actor;
  t: Translate;
  format: Formatters;
  locale: Locale;
  now: Date;
  country: Country | undefined;
  role: ProgrammeRole | undefined;
  pastDue: Country[];
}

/**
 * One round: its facts, where every asked city stands (counts, the overdue ones, a page of the
 * table), and submissions over time. Each widget reads one or two grouped or paged queries, so
 * the page costs the same for 30 cities as for 5,000. Admins open, close and reopen per city here.
 */
export default async function RoundPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePagePermission("responses.read");
  const [detail, raw, { t, format, locale }] = await Promise.all([roundOf(params), searchParams, getI18n()]);
  const filters = filtersSchema.parse(raw);
  const page = pageParams(raw.page, PAGE_SIZE);
  const round = detail.round;
  const now = new Date();
  const view: View = { detail, actor, t, format, locale, now, country: filters.country, role: filters.role, pastDue: pastDueCountries(round.dueOn, now) };
  const manages = can(actor.role, "rounds.manage");
  const statusErrors = pickMessages(t, STATUS_MESSAGES);
  const basePath = `/questionnaires/rounds/${round.id}`;
  const keep = { country: filters.country, role: filters.role, show: filters.show };

  return (
    <>
      <PageHeader
        title={t("nav.questionnaires")}
        actions={
          <>
            {round.status === "scheduled" ? null : (
              <Link href={`${basePath}/results`} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50" data-testid="round-results">
                {t("results.title")}
              </Link>
            )}
            <Link href="/questionnaires/rounds" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
              {t("rounds.back")}
            </Link>
          </>
        }
      />
      <QuestionnaireTabs current="rounds" t={t} actor={actor} />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold text-slate-900" data-testid="round-title">{localize(round.title, locale)}</h2>
        <RoundStatusBadge status={round.status} t={t} />
        {manages && round.status === "scheduled" ? (
          <ActionForm action={roundStatusAction.bind(null, round.id)} fields={{ to: "open", revision: String(round.revision) }} label={t("rounds.open")} pendingLabel={t("rounds.opening")} confirmMessage={t("rounds.openConfirm")} variant="primary" errors={statusErrors} testId="round-open" />
        ) : null}
        {manages && round.status === "open" ? (
          <ActionForm action={roundStatusAction.bind(null, round.id)} fields={{ to: "closed", revision: String(round.revision) }} label={t("rounds.close")} pendingLabel={t("rounds.closing")} confirmMessage={t("rounds.closeConfirm")} variant="danger" errors={statusErrors} testId="round-close" />
        ) : null}
      </div>

      <Facts {...view} />

      {round.status === "scheduled" ? (
        <Suspense fallback={<WidgetSkeleton />}>
          <Scheduled {...view} manages={manages} />
        </Suspense>
      ) : (
        <>
          <form className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:flex sm:flex-wrap sm:items-end" role="search" aria-label={t("rounds.cities")}>
            <CountryRoleFilters t={t} country={filters.country} role={filters.role} />
            <FilterSelect label={t("rounds.filter.show")} name="show" defaultValue={filters.show ?? ""} allLabel={t("common.all")} options={[{ value: "overdue", label: t("rounds.filter.overdue") }]} />
            <div className="col-span-2 flex items-center gap-3">
              <button type="submit" className="min-h-11 rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white max-sm:flex-1">{t("common.filter")}</button>
              {filters.country || filters.role || filters.show ? (
                <Link href={basePath} className="inline-flex min-h-11 items-center px-1 text-sm text-brand-700 underline">{t("rounds.clearFilters")}</Link>
              ) : null}
            </div>
          </form>
          {filters.country || filters.role ? <p className="mb-3 text-sm text-slate-600">{t("rounds.filtered")}</p> : null}
          <Suspense fallback={<WidgetSkeleton />}>
            <Counts {...view} />
          </Suspense>
          <div className="mb-6 grid gap-4 lg:grid-cols-2">
            <Suspense fallback={<WidgetSkeleton />}>
              <Overdue {...view} basePath={basePath} />
            </Suspense>
            <Suspense fallback={<WidgetSkeleton />}>
              <Submissions {...view} />
            </Suspense>
          </div>
          <Suspense fallback={<WidgetSkeleton />}>
            <CityTable {...view} manages={manages} overdueOnly={filters.show === "overdue"} page={page} basePath={basePath} keep={keep} />
          </Suspense>
        </>
      )}
    </>
  );
}

function WidgetSkeleton() {
  return <div className="mb-4 h-32 rounded-lg border border-slate-200 bg-white motion-safe:animate-pulse" aria-hidden="true" />;
}

function Facts({ detail, actor, t, format, locale }: View) {
  const { round, version, event, resource } = detail;
  const fact = (label: string, value: ReactNode, testId?: string) => (
    <div className="min-w-0" data-testid={testId}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words">{value}</dd>
    </div>
  );
  const questionnaire = `${localize(version.title, locale)}, ${t("rounds.fact.version", { number: version.number })}`;
  return (
    <Card className="mb-6">
      <h3 className="sr-only">{t("rounds.facts")}</h3>
      <dl className="grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {fact(
          t("rounds.fact.questionnaire"),
          can(actor.role, "questionnaires.design") ? (
            <Link href={`/questionnaires/design/${version.id}`} className="text-brand-700 underline">{questionnaire}</Link>
          ) : (
            questionnaire
          ),
          "round-version",
        )}
        {fact(t("rounds.col.period"), round.period, "round-period")}
        {fact(t("rounds.fact.target"), targetLabel(t, locale, round.target))}
        {fact(t("rounds.col.opensOn"), format.date(round.opensOn))}
        {fact(t("rounds.col.dueOn"), format.date(round.dueOn), "round-due")}
        {fact(
          t("rounds.fact.event"),
          event?.id ? (
            <Link href={`/events/${event.id}`} className="text-brand-700 underline">{event.title} ({eventTimeFormat(INTL_LOCALE[locale], event.timeZone).date(event.startsAt)})</Link>
          ) : (
            t("rounds.fact.none")
          ),
        )}
        {fact(
          t("rounds.fact.guide"),
          resource?.id ? (
            <Link href={`/resources/${resource.id}`} className="text-brand-700 underline">{resource.title}</Link>
          ) : (
            t("rounds.fact.none")
          ),
        )}
        {round.openedAt ? fact(t("rounds.fact.openedAt"), format.dateTime(round.openedAt)) : null}
        {round.closedAt ? fact(t("rounds.fact.closedAt"), format.dateTime(round.closedAt)) : null}
      </dl>
      <p className="mt-3 text-xs text-slate-500">{t("rounds.form.datesHint")}</p>
    </Card>
  );
}

async function Scheduled({ detail, t, manages }: View & { manages: boolean }) {
  const matching = await loadTargetCount(detail.round.target);
  return (
    <Card>
      <p>{manages ? t("rounds.scheduledHint") : t("rounds.scheduledReader")}</p>
      <p className="mt-1 text-sm text-slate-600" data-testid="round-matching">{t("rounds.matching", { count: matching })}</p>
      {matching === 0 ? <p className="mt-1 text-sm text-red-800">{t("rounds.noCities")}</p> : null}
    </Card>
  );
}

/** Status totals from one grouped query (country × status); overdue needs each country's day. */
function totalsOf(rows: { country: Country; status: ResponseStatus; n: number }[], pastDue: readonly Country[]) {
  const byStatus = Object.fromEntries(RESPONSE_STATUSES.map((s) => [s, 0])) as Record<ResponseStatus, number>;
  let overdue = 0;
  for (const row of rows) {
    byStatus[row.status] += row.n;
    if (pastDue.includes(row.country) && !IN_HAND.includes(row.status)) overdue += row.n;
  }
  const asked = rows.reduce((sum, r) => sum + r.n, 0);
  return { byStatus, overdue, asked };
}

async function Counts({ detail, t, format, country, role, pastDue }: View) {
  const { byStatus, overdue, asked } = totalsOf(await loadRoundCounts(detail.round.id, country, role), pastDue);
  const share = (n: number) => (asked ? t("rounds.stat.share", { percent: format.number(n / asked, { style: "percent", maximumFractionDigits: 0 }) }) : "");
  const cards: { key: string; label: string; value: number; hint?: string; tone?: string }[] = [
    { key: "asked", label: t("rounds.stat.asked"), value: asked },
    ...RESPONSE_STATUSES.map((s) => ({ key: s, label: t(`responses.status.${s}`), value: byStatus[s], hint: s === "submitted" ? t("rounds.stat.submittedHint") : undefined })),
    { key: "overdue", label: t("rounds.stat.overdue"), value: overdue, tone: overdue ? "text-red-800" : undefined },
  ];
  return (
    <section aria-labelledby="round-summary" className="mb-6">
      <h3 id="round-summary" className="mb-2 text-lg font-semibold">{t("rounds.summary")}</h3>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" data-testid="round-counts">
        {cards.map((card) => (
          <div key={card.key} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`round-count-${card.key}`}>
            <dt className="text-sm text-slate-600">
              {card.label}
              {card.hint ? <span className="block text-xs">{card.hint}</span> : null}
            </dt>
            <dd className={`text-2xl font-semibold tabular-nums ${card.tone ?? ""}`}>{format.number(card.value)}</dd>
            {card.key !== "asked" ? <dd className="text-xs text-slate-500">{share(card.value)}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}

function timeLeft(t: Translate, row: { country: Country; status: ResponseStatus }, dueOn: string, now: Date): { text: string; overdue: boolean } {
  if (IN_HAND.includes(row.status)) return { text: t("rounds.done"), overdue: false };
  const left = daysLeft(dueOn, cityToday(row.country, now));
  if (left > 0) return { text: t("rounds.daysLeft", { count: left }), overdue: false };
  if (left === 0) return { text: t("rounds.dueToday"), overdue: false };
  return { text: t("rounds.overdueBy", { count: -left }), overdue: true };
}

async function Overdue({ detail, t, locale, now, country, role, pastDue, basePath }: View & { basePath: string }) {
  const { rows, total } = await loadRoundCities(detail.round.id, country, role, true, pastDue.join(","), OVERDUE_SHOWN, 0);
  const query = new URLSearchParams(Object.entries({ country, role, show: "overdue" }).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <Card title={t("rounds.overdue.title")}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="round-overdue-none">{t("rounds.overdue.none")}</p>
      ) : (
        <>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="round-overdue">
            {rows.map((row) => (
              <li key={row.responseId} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                <Link href={`/questionnaires/responses/${row.responseId}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">{localizedName(row, locale)}</Link>
                <span className="flex items-center gap-2">
                  <ResponseStatusBadge status={row.status} t={t} />
                  <span className="text-red-800">{timeLeft(t, row, detail.round.dueOn, now).text}</span>
                </span>
              </li>
            ))}
          </ul>
          {total > rows.length ? (
            <Link href={`${basePath}?${query.toString()}`} className="mt-2 inline-flex min-h-11 items-center text-sm text-brand-700 underline">{t("rounds.overdue.showAll", { count: total })}</Link>
          ) : null}
        </>
      )}
    </Card>
  );
}

async function Submissions({ detail, t, format, locale, now, country, role }: View) {
  const round = detail.round;
  const [days, counts] = await Promise.all([loadRoundSubmissionDays(round.id, country, role, format.timeZone), loadRoundCounts(round.id, country, role)]);
  const asked = counts.reduce((sum, r) => sum + r.n, 0);
  const first = [round.opensOn, days.submitted[0]?.day, days.accepted[0]?.day].filter((d): d is string => Boolean(d)).sort()[0] ?? round.opensOn;
  const lastData = [days.submitted.at(-1)?.day, days.accepted.at(-1)?.day].filter((d): d is string => Boolean(d)).sort().at(-1);
  const end = [round.closedAt ? todayIn(format.timeZone, round.closedAt) : todayIn(format.timeZone, now), lastData].filter((d): d is string => Boolean(d)).sort().at(-1) ?? first;
  const axis: string[] = [];
  for (let day = first; day <= end; day = addDays(day, 1)) axis.push(day);
  const shown = axis.slice(-CHART_DAYS);
  const running = (rows: { day: string; n: number }[]) => {
    let total = rows.filter((r) => r.day < (shown[0] ?? "")).reduce((sum, r) => sum + r.n, 0);
    const byDay = new Map(rows.map((r) => [r.day, r.n]));
    return shown.map((day) => (total += byDay.get(day) ?? 0));
  };
  const submitted = running(days.submitted);
  const accepted = running(days.accepted);
  const lastDay = shown.at(-1) ?? end;
  const labels: ChartFrameLabels = { showTable: t("charts.showTable"), showChart: t("charts.showChart"), downloadCsv: t("charts.downloadCsv"), downloadPng: t("charts.downloadPng") };
  const dayLabel = (day: string) => format.date(day, { day: "numeric", month: "short" });

  if (days.submitted.length === 0) {
    return (
      <Card title={t("rounds.chart.title")}>
        <p className="text-sm text-slate-600" data-testid="round-chart-none">{t("rounds.chart.none")}</p>
      </Card>
    );
  }
  return (
    <div>
      <SubmissionsChart
        days={shown}
        dayLabels={shown.map(dayLabel)}
        submitted={submitted}
        accepted={accepted}
        intlLocale={INTL_LOCALE[locale]}
        frameLabels={labels}
        text={{
          title: t("rounds.chart.title"),
          summary: t("rounds.chart.summary", { day: format.date(lastDay), asked, submitted: submitted.at(-1) ?? 0, accepted: accepted.at(-1) ?? 0 }),
          day: t("rounds.chart.day"),
          submitted: t("rounds.chart.submitted"),
          accepted: t("rounds.chart.accepted"),
        }}
      />
      <p className="mt-1 text-xs text-slate-500">{t("rounds.chart.basis")}</p>
    </div>
  );
}

async function CityTable({ detail, t, format, locale, now, country, role, pastDue, manages, overdueOnly, page, basePath, keep }: View & { manages: boolean; overdueOnly: boolean; page: { page: number; limit: number; offset: number }; basePath: string; keep: Record<string, string | undefined> }) {
  const round = detail.round;
  const { rows, total } = await loadRoundCities(round.id, country, role, overdueOnly, pastDue.join(","), page.limit, page.offset);
  const reopenMessages = pickMessages(t, REOPEN_MESSAGES);
  const reopen = reopenCityAction.bind(null, round.id);
  const columns = [
    { label: t("rounds.col.city") },
    { label: t("rounds.col.country") },
    { label: t("rounds.col.status") },
    { label: t("rounds.col.lastChange") },
    { label: t("rounds.col.time") },
    { label: t("rounds.col.answers") },
    ...(manages ? [{ label: t("rounds.col.reopen") }] : []),
  ];
  return (
    <section aria-labelledby="round-cities">
      <h3 id="round-cities" className="mb-2 text-lg font-semibold">{t("rounds.cities")}</h3>
      {rows.length === 0 ? (
        <EmptyState title={t("rounds.noneMatch")} />
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">{t("rounds.citiesCaption", { count: total })}</p>
          <DataTable testId="round-cities-table" caption={t("rounds.citiesCaption", { count: total })} stacked columns={columns}>
            {rows.map((row) => {
              const name = localizedName(row, locale);
              const left = timeLeft(t, row, round.dueOn, now);
              const today = cityToday(row.country, now);
              const reopened = row.reopenedUntil !== null && row.reopenedUntil >= today;
              return (
                <tr key={row.responseId} className="border-t border-slate-100 align-top" data-testid="round-city-row">
                  <td className="px-3 py-2 font-medium">{name}</td>
                  <td className="px-3 py-2"><CellLabel>{t("rounds.col.country")}</CellLabel>{t(`countries.${row.country}`)}</td>
                  <td className="px-3 py-2">
                    <CellLabel>{t("rounds.col.status")}</CellLabel>
                    <ResponseStatusBadge status={row.status} t={t} />
                    {reopened && row.reopenedUntil ? <span className="mt-1 block text-xs text-slate-600">{t("rounds.reopenedUntil", { date: format.date(row.reopenedUntil) })}</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2"><CellLabel>{t("rounds.col.lastChange")}</CellLabel>{format.dateTime(row.updatedAt)}</td>
                  <td className={`px-3 py-2 ${left.overdue ? "text-red-800" : ""}`}><CellLabel>{t("rounds.col.time")}</CellLabel>{left.text}</td>
                  <td className="px-3 py-2">
                    <CellLabel>{t("rounds.col.answers")}</CellLabel>
                    <Link href={`/questionnaires/responses/${row.responseId}`} className="inline-flex min-h-11 items-center text-brand-700 underline" aria-label={t("rounds.openResponseOf", { city: name })}>
                      {t("rounds.openResponse")}
                    </Link>
                  </td>
                  {manages ? (
                    <td className="px-3 py-2">
                      {/* Only where it changes something: a closed round, or the city's deadline passed. */}
                      {IN_HAND.includes(row.status) || (round.status !== "closed" && today <= round.dueOn) ? null : (
                        <>
                          <CellLabel>{t("rounds.col.reopen")}</CellLabel>
                          <ReopenForm action={reopen} responseId={row.responseId} defaultUntil={defaultReopenDay(row.country, now)} min={today} cityName={name} messages={reopenMessages} locale={locale} />
                        </>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </DataTable>
          <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath={basePath} params={keep} t={t} />
        </>
      )}
    </section>
  );
}
