import "server-only";
import type { Database } from "@/db/client";
import { getFramework } from "@/db/queries/framework";
import { componentMediansAsOf, latestScores, scoreSeries, validatedHistory, type ValidatedPoint } from "@/db/queries/progress";
import { reportAnswerRows, reportCityRows, reportEventRows, reportNeedRows, reportResourceRows, reportRound } from "@/db/queries/report-data";
import type { City, Report } from "@/db/schema";
import { GENDERS, type Gender, type LocalizedText } from "@/lib/domain";
import { answerText } from "@/lib/questionnaires/answers";
import { localizedAnswer, REPORT_RESOURCES_MAX, reportCutoff, reportYear, targetStatus, TREND_QUARTERS } from "@/lib/reports/facts";
import type { CityReportData, EventFacts, ReportCityRef, ReportSnapshot, ScoreFacts } from "@/lib/reports/types";
import { cwisIndex, type ScoredIndicator } from "@/lib/scoring";

export type SnapshotSource = Pick<Report, "kind" | "cityId" | "year" | "roundId" | "scopeCityIds" | "resourceId">;

const nameOf = (city: Pick<City, "nameEn" | "nameBn" | "nameNe">): LocalizedText => ({ en: city.nameEn, bn: city.nameBn, ne: city.nameNe });
const refOf = (city: City): ReportCityRef => ({ slug: city.slug, name: nameOf(city) });
const noParticipants = (): Record<Gender, number> => Object.fromEntries(GENDERS.map((g) => [g, 0])) as Record<Gender, number>;

/**
 * Every number a report shows, read from the data as it is now (values up to the report's cut-off
 * quarter). A draft shows this live; finalizing stores it, so the final version never moves when
 * values are corrected later. A fixed number of queries whatever the number of cities.
 */
export async function buildReportSnapshot(db: Database, report: SnapshotSource, now: Date = new Date()): Promise<ReportSnapshot> {
  const [framework, round] = await Promise.all([getFramework(db), report.roundId === null ? Promise.resolve(null) : reportRound(db, report.roundId)]);
  const cutoff = reportCutoff(report, round?.round.period ?? null);
  const year = reportYear(report, round?.round.period ?? null);
  const scope = report.scopeCityIds?.length ? new Set(report.scopeCityIds) : null;
  const cityIds = report.kind === "synthesis" ? (round?.askedCityIds ?? []).filter((id) => !scope || scope.has(id)) : report.cityId === null ? [] : [report.cityId];

  const { cities: cityRows, related } = await reportCityRows(db, cityIds);
  const byId = new Map([...cityRows, ...related].map((c) => [c.id, c]));
  const mentorIds = cityRows.flatMap((c) => (c.mentorCityId === null ? [] : [c.mentorCityId]));
  const [history, eventRows, resourceRows, needRows, answerRows] = await Promise.all([
    validatedHistory(db, [...new Set([...cityIds, ...mentorIds])]),
    reportEventRows(db, cityIds, year),
    reportResourceRows(db, cityIds, REPORT_RESOURCES_MAX, report.resourceId),
    reportNeedRows(db, cityIds, report.kind === "city_profile" || report.roundId === null ? { year } : { roundId: report.roundId }),
    report.kind === "round_report" && report.roundId !== null ? reportAnswerRows(db, report.roundId, cityIds) : Promise.resolve([]),
  ]);

  const componentIds = framework.components.map((c) => c.id);
  const lensCodes = framework.lenses.map((l) => l.code);
  const indicators = framework.components.flatMap((c) => c.indicators);
  const scored: ScoredIndicator[] = indicators;
  const codeOfComponent = new Map(framework.components.map((c) => [c.id, c.code]));
  const pointsOf = (cityId: number, upTo: string) => history.filter((p) => p.cityId === cityId && p.period <= upTo);
  const scoresOf = (points: readonly ValidatedPoint[]): ScoreFacts => {
    const latest = latestScores(componentIds, lensCodes, scored, points);
    const components = latest.components.map((c) => ({ code: codeOfComponent.get(c.componentId) ?? "", score: c.score }));
    return { period: latest.period, components, index: cwisIndex(latest.components).index };
  };

  const data: CityReportData[] = cityRows.map((city) => {
    const points = pointsOf(city.id, cutoff);
    const scores = scoresOf(points);
    const mentor = city.mentorCityId === null ? undefined : byId.get(city.mentorCityId);
    const series = scoreSeries(componentIds, scored, points);
    const trendPoints = series.points.slice(-TREND_QUARTERS);
    const latestValue = new Map<number, ValidatedPoint>();
    for (const point of points) latestValue.set(point.indicatorId, point);
    const events = new Map<string, EventFacts>();
    for (const row of eventRows.filter((r) => r.cityId === city.id)) {
      const key = `${row.role}:${row.id}`;
      const entry = events.get(key) ?? { id: row.id, title: row.title, startsAt: row.startsAt.toISOString(), role: row.role, participants: noParticipants() };
      entry.participants[row.gender] += row.participants;
      events.set(key, entry);
    }
    return {
      ...refOf(city),
      country: city.country,
      region: city.region,
      cityKind: city.kind,
      population: city.population,
      programmeRole: city.programmeRole,
      joinedOn: city.joinedOn,
      mentor: mentor ? refOf(mentor) : null,
      mentees: related.filter((c) => c.mentorCityId === city.id).map(refOf),
      scores,
      mentorScores: mentor ? scoresOf(pointsOf(mentor.id, scores.period ?? cutoff)) : null,
      trend: { periods: trendPoints.map((p) => p.period), index: trendPoints.map((p) => p.index) },
      indicators: indicators.map((indicator) => {
        const latest = latestValue.get(indicator.id);
        const value = latest?.value ?? null;
        return {
          code: indicator.code,
          componentCode: codeOfComponent.get(indicator.componentId) ?? "",
          name: nameOf(indicator),
          unit: indicator.unit,
          direction: indicator.direction,
          target: indicator.target,
          value,
          period: latest?.period ?? null,
          status: targetStatus(indicator, value),
        };
      }),
      events: [...events.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      resources: resourceRows.filter((r) => r.cityId === city.id).map(({ id, title, type, year: resourceYear }) => ({ id, title, type, year: resourceYear })),
      needs: needRows.filter((n) => n.cityId === city.id).map((n) => ({ answerId: n.answerId, citySlug: city.slug, roundTitle: n.roundTitle, period: n.period, text: answerText(n.value) })),
      answers:
        report.kind === "round_report"
          ? answerRows
              .filter((a) => a.cityId === city.id)
              .map((a) => ({ sectionTitle: a.sections.find((s) => s.key === a.sectionKey)?.title ?? { en: a.sectionKey, bn: a.sectionKey, ne: a.sectionKey }, question: a.label, answer: localizedAnswer(a.config, a.value) }))
          : null,
    };
  });

  const asOf = data.reduce<string | null>((max, c) => (c.scores.period !== null && (max === null || c.scores.period > max) ? c.scores.period : max), null);
  const medians = asOf === null ? [] : await componentMediansAsOf(db, asOf);
  return {
    kind: report.kind,
    generatedAt: now.toISOString(),
    asOf,
    cities: data,
    components: framework.components.map((c) => ({ code: c.code, name: { en: c.nameEn, bn: c.nameBn, ne: c.nameNe } })),
    medians: framework.components.map((c) => ({ code: c.code, median: medians.find((m) => m.componentId === c.id)?.median ?? null })),
    round: round ? { id: round.round.id, title: round.round.title, period: round.round.period, dueOn: round.round.dueOn, submitted: round.submitted, asked: round.asked } : null,
  };
}
