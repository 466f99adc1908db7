import Link from "next/link";
import { useId } from "react";
import { ActionStatusBadge } from "./ActionStatusBadge";
import { Badge } from "@/components/ui/Badge";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { ACTION_STATUSES, type ActionStatus } from "@/lib/domain";
import type { Formatters, Translate } from "@/lib/i18n/messages";
import type { PlanActionView } from "@/lib/plans/view";

const DAY_MS = 86_400_000;
const WIDTH = 760;
const LABEL_LEFT = 8;
const PLOT = { left: 216, width: 528 };
const TOP = 26;
const ROW = 28;
const BAR = 14;
// About what fits in the label column at 11px, Bangla and Devanagari included.
const LABEL_GRAPHEMES = 30;
const LEGEND_COLUMNS = 3;
const LEGEND_ROW = 20;

// Dark enough for 3:1 against white (WCAG 1.4.11); the status is also told by the fill pattern.
const STATUS_COLOUR: Record<ActionStatus, string> = {
  planned: "#6D28D9",
  in_progress: "#0072B2",
  done: "#007A5A",
  blocked: "#B45309",
  dropped: "#4B5563",
};
const OVERDUE_COLOUR = "#DC2626";
const PATTERNED: readonly ActionStatus[] = ["done", "blocked", "dropped"];

/** Days since 1970-01-01 of an ISO day: whole numbers make spans and clipping exact. */
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n));
// Tenths of a unit are finer than any screen or printer; longer decimals only bloat the markup.
const tenth = (n: number) => Math.round(n * 10) / 10;

/** Cuts by grapheme so a Bangla or Devanagari conjunct is never split in half. */
function truncate(text: string, max: number): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
  return graphemes.length <= max ? text : `${graphemes.slice(0, max - 1).join("").trimEnd()}…`;
}

interface MonthSegment {
  /** First day inside the range, and the day after the last (exclusive). */
  from: number;
  to: number;
  startsMonth: boolean;
}

/** The months the range touches, cut to it: a Nepali year starts mid-July. */
function monthSegments(first: number, last: number): MonthSegment[] {
  const segments: MonthSegment[] = [];
  for (let from = first; from <= last; ) {
    const date = new Date(from * DAY_MS);
    const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
    segments.push({ from, to: Math.min(next, last + 1), startsMonth: date.getUTCDate() === 1 });
    from = next;
  }
  return segments;
}

interface BarSpan {
  from: number;
  to: number;
  progressTo: number;
  clipped: "start" | "end" | "both" | null;
}

/** An action's days inside the range; the due day counts in full. Progress is a share of the whole span, then cut. */
function barSpan(action: PlanActionView, first: number, last: number): BarSpan {
  const start = Math.min(dayNumber(action.startsOn), dayNumber(action.dueOn));
  const end = Math.max(dayNumber(action.startsOn), dayNumber(action.dueOn)) + 1;
  const progress = clamp(action.progress, 0, 100) / 100;
  const from = clamp(start, first, last + 1);
  const to = clamp(end, first, last + 1);
  const before = start < first;
  const after = end > last + 1;
  return { from, to, progressTo: clamp(start + (end - start) * progress, from, to), clipped: before && after ? "both" : before ? "start" : after ? "end" : null };
}

function PatternMarks({ status, ink }: { status: ActionStatus; ink: string }) {
  if (status === "done") return <circle cx={3} cy={3} r={1.3} fill={ink} />;
  if (status === "blocked") return <line x1={1} y1={0} x2={1} y2={6} stroke={ink} strokeWidth={2} />;
  if (status === "dropped") return <path d="M0 0L6 6M6 0L0 6" stroke={ink} strokeWidth={1} />;
  return null;
}

/**
 * Per patterned status: a tint with marks in its colour (and in red, for overdue bars) for the
 * span, and white marks laid over the solid progress part, so a bar at 100% keeps its pattern.
 */
function StatusPatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      {PATTERNED.flatMap((status) => {
        const rotate = status === "blocked" ? "rotate(45)" : undefined;
        return [
          ...(["ok", "late"] as const).map((variant) => {
            const colour = variant === "late" ? OVERDUE_COLOUR : STATUS_COLOUR[status];
            return (
              <pattern key={`${status}-${variant}`} id={patternId(prefix, status, variant)} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform={rotate}>
                <rect width={6} height={6} fill={colour} fillOpacity={0.15} />
                <PatternMarks status={status} ink={colour} />
              </pattern>
            );
          }),
          <pattern key={`${status}-ink`} id={patternId(prefix, status, "ink")} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform={rotate}>
            <PatternMarks status={status} ink="#ffffff" />
          </pattern>,
        ];
      })}
    </defs>
  );
}

const patternId = (prefix: string, status: ActionStatus, variant: "ok" | "late" | "ink") => `${prefix}-${status}-${variant}`;

/**
 * A bar: the whole span faint in the status's pattern (planned: a dashed outline; in progress: a
 * plain tint), the progress part solid over it, the outline last so planned's dashes stay visible.
 */
function BarShape({ x, y, width, progressWidth, status, overdue, prefix }: { x: number; y: number; width: number; progressWidth: number; status: ActionStatus; overdue: boolean; prefix: string }) {
  const colour = overdue ? OVERDUE_COLOUR : STATUS_COLOUR[status];
  const patterned = PATTERNED.includes(status);
  const tint = patterned ? `url(#${patternId(prefix, status, overdue ? "late" : "ok")})` : status === "in_progress" ? colour : "#ffffff";
  return (
    <>
      <rect x={x} y={y} width={width} height={BAR} rx={2} fill={tint} fillOpacity={status === "in_progress" ? 0.25 : undefined} />
      {progressWidth > 0 ? (
        <g data-testid="timeline-progress">
          <rect x={x} y={y} width={progressWidth} height={BAR} rx={2} fill={colour} />
          {patterned ? <rect x={x} y={y} width={progressWidth} height={BAR} rx={2} fill={`url(#${patternId(prefix, status, "ink")})`} fillOpacity={0.6} /> : null}
        </g>
      ) : null}
      <rect x={x} y={y} width={width} height={BAR} rx={2} fill="none" stroke={colour} strokeWidth={1} strokeDasharray={status === "planned" ? "4 2" : undefined} />
    </>
  );
}

function OverdueMarker({ x, y }: { x: number; y: number }) {
  return (
    <g data-testid="overdue-marker">
      <circle cx={x} cy={y} r={7} fill={OVERDUE_COLOUR} />
      <text x={x} y={y + 3.5} fontSize={10} fontWeight={700} textAnchor="middle" fill="#ffffff">!</text>
    </g>
  );
}

/** A chevron at the edge of the range: the action runs on outside the year. */
function ClipMark({ x, y, side, colour }: { x: number; y: number; side: "start" | "end"; colour: string }) {
  const d = side === "start" ? `M${x + 5} ${y - 5}L${x} ${y}L${x + 5} ${y + 5}` : `M${x - 5} ${y - 5}L${x} ${y}L${x - 5} ${y + 5}`;
  // The white halo keeps the chevron visible over a solid bar of its own colour.
  return (
    <g data-testid="clip-mark">
      <path d={d} fill="none" stroke="#ffffff" strokeWidth={4} />
      <path d={d} fill="none" stroke={colour} strokeWidth={2} />
    </g>
  );
}

/**
 * A Gantt-style chart of a plan's actions over its fiscal year, drawn as SVG on the server (no
 * script: it shows at once, prints, goes into a PDF), then the same data as a table: the table is
 * what screen readers and phones read, the chart scrolls sideways where it does not fit.
 */
export function PlanTimeline({ actions, range, today, t, format, actionHref }: { actions: PlanActionView[]; range: { start: string; end: string }; today: string; t: Translate; format: Formatters; actionHref: (id: number) => string }) {
  // SVG ids are page-wide: two timelines on one page must not share patterns.
  const prefix = `tl${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const first = dayNumber(range.start);
  const last = Math.max(first, dayNumber(range.end));
  const span = last - first + 1;
  const x = (day: number) => tenth(PLOT.left + ((day - first) / span) * PLOT.width);
  const overdueCount = actions.filter((action) => action.overdue).length;
  const summary = t("plans.view.timelineSummary", { count: actions.length, overdue: overdueCount });
  const percent = (n: number) => format.number(clamp(Math.round(n), 0, 100) / 100, { style: "percent", maximumFractionDigits: 0 });
  const status = (s: ActionStatus) => t(`plans.actionStatus.${s}`);

  if (actions.length === 0) {
    return (
      <div data-testid="plan-timeline">
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">{t("plans.view.noActions")}</p>
      </div>
    );
  }

  const bottom = TOP + actions.length * ROW;
  const todayDay = dayNumber(today);
  const showToday = today >= range.start && today <= range.end;
  const legendTop = bottom + 30;
  const legend = [
    ...ACTION_STATUSES.map((s) => ({ key: s, label: status(s), swatch: <BarShape x={0} y={0} width={28} progressWidth={0} status={s} overdue={false} prefix={prefix} /> })),
    { key: "overdue", label: t("plans.view.overdue"), swatch: (<><BarShape x={0} y={0} width={28} progressWidth={0} status="in_progress" overdue prefix={prefix} /><OverdueMarker x={36} y={BAR / 2} /></>) },
    { key: "progress", label: t("plans.view.legendProgress"), swatch: <BarShape x={0} y={0} width={28} progressWidth={16} status="in_progress" overdue={false} prefix={prefix} /> },
  ];
  const legendWidth = (WIDTH - 2 * LABEL_LEFT) / LEGEND_COLUMNS;
  const height = legendTop + Math.ceil(legend.length / LEGEND_COLUMNS) * LEGEND_ROW + 4;

  return (
    <div data-testid="plan-timeline" className="space-y-4">
      {/* Focusable so the keyboard can scroll the chart where it is wider than the screen. */}
      <div role="region" aria-label={t("plans.view.timelineChart")} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-2 print:overflow-visible print:border-0 print:p-0">
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary} className="h-auto w-full min-w-[760px] print:min-w-0 [print-color-adjust:exact]">
          <title>{summary}</title>
          <StatusPatterns prefix={prefix} />
          {actions.map((action, i) => (i % 2 === 1 ? <rect key={`stripe-${action.id}`} x={0} y={TOP + i * ROW} width={WIDTH} height={ROW} fill="#f8fafc" /> : null))}
          {monthSegments(first, last).map((segment) => (
            <g key={segment.from}>
              {segment.startsMonth && segment.from !== first ? <line x1={x(segment.from)} y1={TOP - 6} x2={x(segment.from)} y2={bottom} stroke="#e2e8f0" strokeWidth={1} /> : null}
              {/* A sliver of a month (the start of a Nepali year) gets no label: it would overlap the next. */}
              {segment.to - segment.from >= 10 ? (
                <text x={tenth((x(segment.from) + x(segment.to)) / 2)} y={14} fontSize={10} textAnchor="middle" fill="#334155">{format.date(isoDay(segment.from), { month: "short" })}</text>
              ) : null}
            </g>
          ))}
          <line x1={PLOT.left} y1={TOP} x2={PLOT.left} y2={bottom} stroke="#94a3b8" strokeWidth={1} />
          <line x1={PLOT.left + PLOT.width} y1={TOP} x2={PLOT.left + PLOT.width} y2={bottom} stroke="#94a3b8" strokeWidth={1} />
          {actions.map((action, i) => {
            const bar = barSpan(action, first, last);
            const barTop = TOP + i * ROW + (ROW - BAR) / 2;
            const middle = barTop + BAR / 2;
            const x1 = x(bar.from);
            const width = tenth(Math.max(x(bar.to) - x1, 2));
            const colour = action.overdue ? OVERDUE_COLOUR : STATUS_COLOUR[action.status];
            const label = truncate(action.title, LABEL_GRAPHEMES);
            const vars = { title: action.title, status: status(action.status), start: format.date(action.startsOn), due: format.date(action.dueOn), progress: percent(action.progress) };
            return (
              <g key={action.id} data-testid="timeline-bar" data-overdue={action.overdue ? "yes" : "no"} data-status={action.status} data-clipped={bar.clipped ?? undefined}>
                <title>{t(action.overdue ? "plans.view.barLabelOverdue" : "plans.view.barLabel", vars)}</title>
                <text x={LABEL_LEFT} y={middle + 4} fontSize={11} fill={action.overdue ? "#991b1b" : "#0f172a"} fontWeight={action.overdue ? 600 : undefined}>
                  {label !== action.title ? <title>{action.title}</title> : null}
                  {label}
                </text>
                <BarShape x={x1} y={barTop} width={width} progressWidth={bar.progressTo > bar.from ? tenth(Math.max(x(bar.progressTo) - x1, 1)) : 0} status={action.status} overdue={action.overdue} prefix={prefix} />
                {bar.clipped === "start" || bar.clipped === "both" ? <ClipMark x={PLOT.left + 2} y={middle} side="start" colour={colour} /> : null}
                {bar.clipped === "end" || bar.clipped === "both" ? <ClipMark x={PLOT.left + PLOT.width - 2} y={middle} side="end" colour={colour} /> : null}
                {action.overdue ? <OverdueMarker x={tenth(Math.min(x1 + width + 9, PLOT.left + PLOT.width - 8))} y={middle} /> : null}
              </g>
            );
          })}
          {showToday ? (
            <g data-testid="timeline-today">
              <line x1={x(todayDay + 0.5)} y1={TOP - 4} x2={x(todayDay + 0.5)} y2={bottom + 4} stroke="#0f172a" strokeWidth={1.5} strokeDasharray="3 2" />
              <text x={x(todayDay + 0.5)} y={bottom + 16} fontSize={10} fontWeight={600} textAnchor="middle" fill="#0f172a">{t("plans.view.today")}</text>
            </g>
          ) : null}
          {legend.map((entry, i) => (
            <g key={entry.key} transform={`translate(${LABEL_LEFT + (i % LEGEND_COLUMNS) * legendWidth} ${legendTop + Math.floor(i / LEGEND_COLUMNS) * LEGEND_ROW})`}>
              {entry.swatch}
              <text x={50} y={11} fontSize={11} fill="#0f172a">{entry.label}</text>
            </g>
          ))}
        </svg>
      </div>
      <DataTable
        caption={t("plans.view.timelineTable")}
        testId="timeline-table"
        stacked
        columns={[{ label: t("plans.view.action") }, { label: t("plans.view.owner") }, { label: t("plans.view.start") }, { label: t("plans.view.due") }, { label: t("plans.view.status") }, { label: t("plans.view.progress"), align: "right" }, { label: t("plans.view.overdue") }]}
      >
        {actions.map((action) => (
          <tr key={action.id} data-testid="timeline-row" data-overdue={action.overdue ? "yes" : "no"} className="border-t border-slate-100">
            <td className="px-3 py-2">
              <Link href={actionHref(action.id)} className="inline-flex min-h-11 items-center font-medium text-brand-800 underline-offset-2 hover:underline">{action.title}</Link>
            </td>
            <td className="px-3 py-2">
              <CellLabel>{t("plans.view.owner")}</CellLabel>
              {action.owner}
            </td>
            <td className="whitespace-nowrap px-3 py-2">
              <CellLabel>{t("plans.view.start")}</CellLabel>
              {format.date(action.startsOn)}
            </td>
            <td className="whitespace-nowrap px-3 py-2">
              <CellLabel>{t("plans.view.due")}</CellLabel>
              {format.date(action.dueOn)}
            </td>
            <td className="px-3 py-2">
              <CellLabel>{t("plans.view.status")}</CellLabel>
              <ActionStatusBadge status={action.status} t={t} />
            </td>
            <td className="px-3 py-2 sm:text-right">
              <CellLabel>{t("plans.view.progress")}</CellLabel>
              {percent(action.progress)}
            </td>
            <td className="px-3 py-2">
              <CellLabel>{t("plans.view.overdue")}</CellLabel>
              {action.overdue ? <Badge tone="red">{t("plans.view.overdue")}</Badge> : <span className="text-slate-600">{t("plans.view.notOverdue")}</span>}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
