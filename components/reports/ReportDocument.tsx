import type { ReactNode } from "react";
import { StaticLine } from "@/components/charts/StaticLine";
import { StaticRadar, type StaticRadarSeries } from "@/components/charts/StaticRadar";
import type { Locale } from "@/lib/i18n/config";
import type { Formatters, MessageKey, Translate } from "@/lib/i18n/messages";
import { formatIndicatorValue } from "@/lib/format-value";
import { renderMarkdown } from "@/lib/markdown";
import type { CityReportData, NeedFacts, RecommendationView, ReportSnapshot, ScoreFacts } from "@/lib/reports/types";
import type { SectionKey, TemplateSection } from "@/lib/reports/templates";
import type { LocalizedText } from "@/lib/domain";

/** What a report's sections are rendered from, the same on screen, in print and in the PDF. */
export interface ReportDocumentProps {
  sections: readonly TemplateSection[];
  snapshot: ReportSnapshot;
  written: Readonly<Record<string, string>>;
  recommendations: readonly RecommendationView[];
  /** The report's own language (not the reader's): headings and numbers are in it. */
  locale: Locale;
  t: Translate;
  format: Formatters;
  /** Placeholders for empty written sections (a draft on screen); print leaves them out. */
  showEmpty: boolean;
  /** Shown after each section on screen: its comment thread. */
  after?: (key: SectionKey) => ReactNode;
}

const pick = (text: LocalizedText, locale: Locale) => text[locale] || text.en;

function Heading({ children, id }: { children: ReactNode; id: string }) {
  return (
    <h2 id={id} className="mb-3 border-b border-slate-200 pb-1 text-lg font-semibold text-slate-900">
      {children}
    </h2>
  );
}

/** A table that scrolls sideways on a phone instead of overflowing the page. */
function Table({ head, rows, testId }: { head: readonly ReactNode[]; rows: readonly (readonly ReactNode[])[]; testId?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid={testId}>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            {head.map((cell, i) => (
              <th key={i} scope="col" className="px-2 py-1 font-semibold">{cell}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className="border-b border-slate-100 align-top">
              {row.map((cell, i) => (
                <td key={i} className="px-2 py-1">{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportDocument(props: ReportDocumentProps) {
  const { sections, after } = props;
  return (
    <div className="report-document space-y-8">
      {sections.map((section) => {
        // The print view leaves out what nobody wrote (a page break per section, not an empty page).
        const unwritten = section.kind === "written" && !(props.written[section.key] ?? "").trim() && (section.key !== "recommendations" || props.recommendations.length === 0);
        if (unwritten && !props.showEmpty) return null;
        const body = section.kind === "written" ? <WrittenSection {...props} sectionKey={section.key} /> : <GeneratedSection {...props} sectionKey={section.key} />;
        return (
          <section key={section.key} className="report-section" data-section={section.key} aria-labelledby={`section-${section.key}`}>
            <Heading id={`section-${section.key}`}>{props.t(`reports.section.${section.key}` as MessageKey)}</Heading>
            {body}
            {after?.(section.key)}
          </section>
        );
      })}
    </div>
  );
}

function WrittenSection({ sectionKey, written, recommendations, snapshot, showEmpty, t }: ReportDocumentProps & { sectionKey: SectionKey }) {
  const source = written[sectionKey] ?? "";
  const text = source.trim() ? <div className="prose-report" dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} /> : showEmpty ? <p className="text-sm italic text-slate-500">{t("reports.notWritten")}</p> : null;
  if (sectionKey !== "recommendations") return text;
  const needs = allNeeds(snapshot);
  return (
    <>
      {text}
      {recommendations.length > 0 ? (
        <ol className="mt-3 list-decimal space-y-2 pl-6" data-testid="recommendations">
          {recommendations.map((r) => (
            <li key={r.id}>
              <p>{r.body}</p>
              {r.needIds.length > 0 && (
                <p className="text-xs text-slate-600">
                  {t("reports.reflects")}: {r.needIds.map((id) => needs.get(id)?.text ?? "").filter(Boolean).join(" · ")}
                </p>
              )}
            </li>
          ))}
        </ol>
      ) : showEmpty ? (
        <p className="text-sm italic text-slate-500">{t("reports.noRecommendations")}</p>
      ) : null}
    </>
  );
}

function allNeeds(snapshot: ReportSnapshot): Map<number, NeedFacts> {
  return new Map(snapshot.cities.flatMap((c) => c.needs.map((n) => [n.answerId, n] as const)));
}

function GeneratedSection(props: ReportDocumentProps & { sectionKey: SectionKey }) {
  const { sectionKey, snapshot, t } = props;
  const city = snapshot.cities[0];
  switch (sectionKey) {
    case "profile":
      return city ? <Profile {...props} city={city} /> : null;
    case "scores":
      return city ? <Scores {...props} city={city} /> : null;
    case "indicators":
      return city ? <Indicators {...props} city={city} /> : null;
    case "comparison":
      return city ? <Comparison {...props} city={city} /> : null;
    case "events":
      return city ? <Events {...props} city={city} /> : null;
    case "resources":
      return city ? <Resources {...props} city={city} /> : null;
    case "round":
      return <Round {...props} />;
    case "cities":
      return <Cities {...props} />;
    case "needs":
      return <Needs {...props} />;
    default:
      return <p>{t("reports.notWritten")}</p>;
  }
}

type WithCity = ReportDocumentProps & { city: CityReportData };

function Profile({ city, t, format, locale }: WithCity) {
  const facts: [string, ReactNode][] = [
    [t("reports.fact.country"), t(`countries.${city.country}` as MessageKey)],
    [t("reports.fact.region"), city.region],
    [t("reports.fact.kind"), t(`cityKinds.${city.cityKind}` as MessageKey)],
    [t("reports.fact.population"), city.population === null ? "—" : format.number(city.population)],
    [t("reports.fact.role"), t(`programmeRoles.${city.programmeRole}` as MessageKey)],
    [t("reports.fact.joined"), city.joinedOn ? format.date(city.joinedOn) : "—"],
  ];
  if (city.mentor) facts.push([t("reports.fact.mentor"), pick(city.mentor.name, locale)]);
  if (city.mentees.length) facts.push([t("reports.fact.mentees"), city.mentees.map((m) => pick(m.name, locale)).join(", ")]);
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2" data-testid="report-profile">
      {facts.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-3 border-b border-slate-100 py-1">
          <dt className="text-slate-600">{label}</dt>
          <dd className="text-right font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const score = (format: Formatters, value: number | null | undefined) => (value === null || value === undefined ? "—" : format.number(value, { maximumFractionDigits: 0 }));
const componentScore = (scores: ScoreFacts | null, code: string) => scores?.components.find((c) => c.code === code)?.score ?? null;

function Scores({ city, snapshot, t, format, locale }: WithCity) {
  const labels = snapshot.components.map((c) => pick(c.name, locale));
  const series: StaticRadarSeries[] = [{ label: pick(city.name, locale), data: snapshot.components.map((c) => componentScore(city.scores, c.code)) }];
  if (city.mentor && city.mentorScores) series.push({ label: t("reports.mentorSeries", { city: pick(city.mentor.name, locale) }), data: snapshot.components.map((c) => componentScore(city.mentorScores, c.code)) });
  series.push({ label: t("reports.medianSeries"), data: snapshot.components.map((c) => snapshot.medians.find((m) => m.code === c.code)?.median ?? null) });
  const n = (value: number) => format.number(value, { maximumFractionDigits: 0 });
  if (city.scores.period === null) return <p className="text-sm text-slate-600">{t("reports.noScores")}</p>;
  return (
    <div className="space-y-4">
      <p className="text-sm" data-testid="report-index">
        {t("reports.indexLine", { index: score(format, city.scores.index), period: city.scores.period })}
      </p>
      <Table
        head={[t("reports.col.component"), t("reports.col.score")]}
        rows={snapshot.components.map((c) => [pick(c.name, locale), score(format, componentScore(city.scores, c.code))])}
        testId="report-scores"
      />
      <div className="grid gap-4 md:grid-cols-2 print:grid-cols-2">
        <StaticRadar title={t("reports.radarTitle", { city: pick(city.name, locale) })} labels={labels} series={series} format={n} />
        {city.trend.periods.length > 1 && <StaticLine title={t("reports.trendTitle")} periods={city.trend.periods} series={[{ label: t("reports.indexSeries"), data: city.trend.index }]} format={n} />}
      </div>
    </div>
  );
}

function Indicators({ city, snapshot, t, format, locale }: WithCity) {
  const byComponent = snapshot.components.map((c) => ({ component: c, rows: city.indicators.filter((i) => i.componentCode === c.code) }));
  return (
    <div className="space-y-4" data-testid="report-indicators">
      {byComponent.map(({ component, rows }) => (
        <div key={component.code}>
          <h3 className="mb-1 text-sm font-semibold">{pick(component.name, locale)}</h3>
          <Table
            head={[t("reports.col.indicator"), t("reports.col.value"), t("reports.col.target"), t("reports.col.status")]}
            rows={rows.map((i) => [
              `${i.code} ${pick(i.name, locale)}`,
              i.value === null ? "—" : `${formatIndicatorValue(i.unit, i.value, t, format)}${i.period ? ` (${i.period})` : ""}`,
              formatIndicatorValue(i.unit, i.target, t, format),
              <span key="s" data-status={i.status}>{t(`reports.target.${i.status}` as MessageKey)}</span>,
            ])}
          />
        </div>
      ))}
    </div>
  );
}

function Comparison({ city, snapshot, t, format, locale }: WithCity) {
  const head = [t("reports.col.component"), pick(city.name, locale), ...(city.mentor ? [pick(city.mentor.name, locale)] : []), t("reports.medianSeries")];
  return (
    <>
      {snapshot.asOf && <p className="mb-2 text-sm text-slate-600">{t("reports.asOf", { period: snapshot.asOf })}</p>}
      <Table
        head={head}
        rows={snapshot.components.map((c) => [
          pick(c.name, locale),
          score(format, componentScore(city.scores, c.code)),
          ...(city.mentor ? [score(format, componentScore(city.mentorScores, c.code))] : []),
          score(format, snapshot.medians.find((m) => m.code === c.code)?.median ?? null),
        ])}
        testId="report-comparison"
      />
    </>
  );
}

function Events({ city, t, format }: WithCity) {
  if (city.events.length === 0) return <p className="text-sm text-slate-600">{t("reports.noEvents")}</p>;
  const total = { female: 0, male: 0, other: 0, undisclosed: 0 };
  for (const e of city.events) for (const g of ["female", "male", "other", "undisclosed"] as const) total[g] += e.participants[g];
  const n = (v: number) => format.number(v);
  const sum = (p: typeof total) => p.female + p.male + p.other + p.undisclosed;
  return (
    <Table
      head={[t("reports.col.event"), t("reports.col.date"), t("reports.col.role"), t("events.gender.female"), t("events.gender.male"), t("reports.col.otherGender"), t("reports.col.total")]}
      rows={[
        ...city.events.map((e) => [e.title, format.date(e.startsAt), t(`reports.eventRole.${e.role}` as MessageKey), n(e.participants.female), n(e.participants.male), n(e.participants.other + e.participants.undisclosed), n(sum(e.participants))]),
        [<strong key="t">{t("reports.col.total")}</strong>, "", "", n(total.female), n(total.male), n(total.other + total.undisclosed), n(sum(total))],
      ]}
      testId="report-events"
    />
  );
}

function Resources({ city, t, format }: WithCity) {
  if (city.resources.length === 0) return <p className="text-sm text-slate-600">{t("reports.noResources")}</p>;
  return (
    <ul className="list-disc space-y-1 pl-6 text-sm">
      {city.resources.map((r) => (
        <li key={r.id}>
          {r.title} <span className="text-slate-600">({t(`resources.types.${r.type}` as MessageKey)}{r.year ? `, ${format.number(r.year, { useGrouping: false })}` : ""})</span>
        </li>
      ))}
    </ul>
  );
}

function Round({ snapshot, t, format, locale }: ReportDocumentProps) {
  const round = snapshot.round;
  if (!round) return null;
  const answers = snapshot.cities.length === 1 ? snapshot.cities[0]?.answers : null;
  return (
    <div className="space-y-3">
      <p className="text-sm">{t("reports.roundLine", { round: pick(round.title, locale), period: round.period, due: format.date(round.dueOn), submitted: round.submitted, asked: round.asked })}</p>
      {answers && answers.length > 0 && (
        <dl className="space-y-2 text-sm" data-testid="report-answers">
          {answers.map((a, i) => (
            <div key={i}>
              <dt className="font-medium">{pick(a.question, locale)}</dt>
              <dd className="whitespace-pre-line text-slate-700">{pick(a.answer, locale)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function Cities({ snapshot, t, format, locale }: ReportDocumentProps) {
  return (
    <Table
      head={[t("reports.col.city"), t("reports.col.index"), ...snapshot.components.map((c) => c.code)]}
      rows={snapshot.cities.map((c) => [pick(c.name, locale), score(format, c.scores.index), ...snapshot.components.map((comp) => score(format, componentScore(c.scores, comp.code)))])}
      testId="report-cities"
    />
  );
}

/** Every need the report's cities gave, and whether a recommendation of this version reflects it. */
function Needs({ snapshot, recommendations, t, locale }: ReportDocumentProps) {
  const needs = snapshot.cities.flatMap((c) => c.needs.map((n) => ({ ...n, city: c })));
  if (needs.length === 0) return <p className="text-sm text-slate-600">{t("reports.noNeeds")}</p>;
  const reflectedBy = new Map<number, number[]>();
  for (const r of recommendations) for (const id of r.needIds) reflectedBy.set(id, [...(reflectedBy.get(id) ?? []), r.position]);
  return (
    <Table
      head={[t("reports.col.need"), ...(snapshot.cities.length > 1 ? [t("reports.col.city")] : []), t("reports.col.round"), t("reports.col.reflected")]}
      rows={needs.map((n) => {
        const by = reflectedBy.get(n.answerId);
        return [
          n.text,
          ...(snapshot.cities.length > 1 ? [pick(n.city.name, locale)] : []),
          `${pick(n.roundTitle, locale)} (${n.period})`,
          <span key="r" data-reflected={by ? "yes" : "no"}>{by ? t("reports.reflectedBy", { numbers: by.join(", ") }) : t("reports.notReflected")}</span>,
        ];
      })}
      testId="needs-table"
    />
  );
}
