import { SERIES_DASHES, seriesColour } from "@/lib/charts/palette";
import { labelIndexes, lineRuns, pointsAttribute, type PlotArea } from "@/lib/charts/svg-geometry";

export interface StaticLineSeries {
  label: string;
  /** One value per period of the axis; null where there is none (a gap). */
  data: (number | null)[];
}

const WIDTH = 560;
const AREA: PlotArea = { left: 40, top: 12, width: 500, height: 180, min: 0, max: 100 };

/**
 * Series over quarters (a score's trend), drawn as SVG on the server for reports, their print
 * view and PDF. A missing quarter breaks the line; at most eight quarter labels are printed.
 */
export function StaticLine({ title, periods, series, format, min = 0, max = 100 }: { title: string; periods: readonly string[]; series: readonly StaticLineSeries[]; format: (n: number) => string; min?: number; max?: number }) {
  const area = { ...AREA, min, max };
  const bottom = area.top + area.height;
  const legendTop = bottom + 30;
  const height = legendTop + series.length * 20 + 4;
  const x = (i: number) => area.left + (periods.length > 1 ? (i * area.width) / (periods.length - 1) : area.width / 2);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => min + share * (max - min));
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} className="h-auto w-full" data-testid="static-line">
      <title>{title}</title>
      {ticks.map((tick) => {
        const y = area.top + area.height * (1 - (tick - min) / (max - min || 1));
        return (
          <g key={tick}>
            <line x1={area.left} y1={y} x2={area.left + area.width} y2={y} stroke="#e2e8f0" strokeWidth={1} />
            <text x={area.left - 6} y={y + 3} fontSize={9} textAnchor="end" fill="#64748b">{format(tick)}</text>
          </g>
        );
      })}
      {labelIndexes(periods.length, 8).map((i) => (
        <text key={periods[i]} x={x(i)} y={bottom + 14} fontSize={9} textAnchor="middle" fill="#334155">{periods[i]}</text>
      ))}
      {series.map((s, si) =>
        lineRuns(s.data, area).map((run, ri) =>
          run.length === 1 ? (
            <circle key={`${s.label}-${ri}`} cx={run[0]?.x} cy={run[0]?.y} r={2.5} fill={seriesColour(si)} />
          ) : (
            <polyline key={`${s.label}-${ri}`} points={pointsAttribute(run)} fill="none" stroke={seriesColour(si)} strokeWidth={2} strokeDasharray={(SERIES_DASHES[si] ?? []).join(" ") || undefined} />
          ),
        ),
      )}
      {series.map((s, i) => (
        <g key={`legend-${s.label}`} transform={`translate(${area.left} ${legendTop + i * 20})`}>
          <line x1={0} y1={6} x2={24} y2={6} stroke={seriesColour(i)} strokeWidth={3} strokeDasharray={(SERIES_DASHES[i] ?? []).join(" ") || undefined} />
          <text x={32} y={10} fontSize={11} fill="#0f172a">{s.label}</text>
        </g>
      ))}
    </svg>
  );
}
