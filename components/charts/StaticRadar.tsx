import { SERIES_DASHES, seriesColour, seriesFill } from "@/lib/charts/palette";
import { pointsAttribute, radarAxis, radarPolygon } from "@/lib/charts/svg-geometry";

export interface StaticRadarSeries {
  label: string;
  /** 0–100 per axis; null where the series has no score. */
  data: (number | null)[];
}

const SIZE = 360;
const CENTRE = { x: SIZE / 2, y: SIZE / 2 };
const RADIUS = 120;

/**
 * Scores 0–100 on one axis per label, drawn as SVG on the server: it shows without JavaScript,
 * prints, and goes into a PDF as vector graphics with real text (reports). The same colours and
 * dashes as the interactive RadarChart; a legend and, for screen readers, the title.
 */
export function StaticRadar({ title, labels, series, format }: { title: string; labels: readonly string[]; series: readonly StaticRadarSeries[]; format: (n: number) => string }) {
  const legendTop = SIZE + 8;
  const height = legendTop + series.length * 20 + 4;
  return (
    <svg viewBox={`0 0 ${SIZE} ${height}`} role="img" aria-label={title} className="h-auto w-full max-w-md" data-testid="static-radar">
      <title>{title}</title>
      {[25, 50, 75, 100].map((ring) => (
        <g key={ring}>
          <polygon points={pointsAttribute(labels.map((_, i) => radarAxis(i, labels.length, (RADIUS * ring) / 100, CENTRE)))} fill="none" stroke="#cbd5e1" strokeWidth={1} />
          <text x={CENTRE.x + 3} y={CENTRE.y - (RADIUS * ring) / 100 + 10} fontSize={8} fill="#64748b">{format(ring)}</text>
        </g>
      ))}
      {labels.map((label, i) => {
        const end = radarAxis(i, labels.length, RADIUS, CENTRE);
        const at = radarAxis(i, labels.length, RADIUS + 16, CENTRE);
        const anchor = Math.abs(at.x - CENTRE.x) < 4 ? "middle" : at.x > CENTRE.x ? "start" : "end";
        return (
          <g key={label}>
            <line x1={CENTRE.x} y1={CENTRE.y} x2={end.x} y2={end.y} stroke="#e2e8f0" strokeWidth={1} />
            <text x={at.x} y={at.y + 3} fontSize={10} textAnchor={anchor} fill="#0f172a">{label}</text>
          </g>
        );
      })}
      {series.map((s, i) => (
        <polygon key={s.label} points={pointsAttribute(radarPolygon(s.data, RADIUS, CENTRE))} fill={i === 0 ? seriesFill(i, 0.2) : "none"} stroke={seriesColour(i)} strokeWidth={2} strokeDasharray={(SERIES_DASHES[i] ?? []).join(" ") || undefined} />
      ))}
      {series.map((s, i) => (
        <g key={`legend-${s.label}`} transform={`translate(16 ${legendTop + i * 20})`}>
          <line x1={0} y1={6} x2={24} y2={6} stroke={seriesColour(i)} strokeWidth={3} strokeDasharray={(SERIES_DASHES[i] ?? []).join(" ") || undefined} />
          <text x={32} y={10} fontSize={11} fill="#0f172a">{s.label}</text>
        </g>
      ))}
    </svg>
  );
}
