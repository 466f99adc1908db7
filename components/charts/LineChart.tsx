"use client";

import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip, type ChartData, type ChartOptions, type PointStyle } from "chart.js";
import { Line } from "react-chartjs-2";
import { SERIES_DASHES, seriesColour } from "@/lib/charts/palette";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend);

export interface LineSeries {
  label: string;
  /** One value per x label; null where there is none: the line breaks there (a visible gap). */
  data: (number | null)[];
  /** Palette slot; defaults to the series' position. Its dash pattern follows the same slot. */
  colour?: number;
  /** A reference line (a target): thin, dashed, no points. */
  reference?: boolean;
  /** Overrides the slot's dash pattern ([] for a solid line). */
  dash?: number[];
}

const POINT_STYLES: PointStyle[] = ["circle", "rect", "triangle", "rectRot", "star", "crossRot"];

/**
 * Lines over a time axis of quarters: `labels` lists every quarter in range (lib/charts/quarter-series),
 * so a missing quarter keeps its place on the axis and shows as a gap. `compact` is the small trend form: no legend, fewer
 * ticks, short height — for many small charts on one page.
 */
export function LineChart({ labels, series, intlLocale, yMin, yMax, compact = false, maximumFractionDigits = 1 }: { labels: string[]; series: LineSeries[]; intlLocale: string; yMin?: number; yMax?: number; compact?: boolean; maximumFractionDigits?: number }) {
  const number = new Intl.NumberFormat(intlLocale, { maximumFractionDigits });
  const data: ChartData<"line", (number | null)[], string> = {
    labels,
    datasets: series.map((s, i) => {
      const slot = s.colour ?? i;
      return {
        label: s.label,
        data: s.data,
        borderColor: s.reference ? "#64748b" : seriesColour(slot),
        backgroundColor: s.reference ? "#64748b" : seriesColour(slot),
        borderDash: s.reference ? [4, 4] : (s.dash ?? SERIES_DASHES[slot % SERIES_DASHES.length] ?? []),
        borderWidth: s.reference ? 1 : 2,
        pointRadius: s.reference ? 0 : compact ? 2 : 3,
        pointStyle: POINT_STYLES[slot % POINT_STYLES.length],
        // A quarter without a validated value is a gap, never bridged: a straight line across it
        // would suggest a value nobody validated.
        spanGaps: false,
        tension: 0,
      };
    }),
  };
  const options: ChartOptions<"line"> = {
    animation: false,
    responsive: true,
    // The parent sets the height; a fixed ratio would make the chart tiny on a phone.
    maintainAspectRatio: false,
    interaction: { mode: "index", intersect: false },
    scales: {
      x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: compact ? 4 : 8, font: { size: compact ? 10 : 11 } } },
      y: { min: yMin, max: yMax, ticks: { maxTicksLimit: compact ? 3 : 6, font: { size: compact ? 10 : 11 }, callback: (value) => number.format(Number(value)) } },
    },
    plugins: {
      legend: { display: !compact, position: "bottom", labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8 } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ""}: ${item.parsed.y === null ? "—" : number.format(item.parsed.y)}` } },
    },
  };
  return (
    <div className={compact ? "h-32" : "h-72"}>
      <Line data={data} options={options} />
    </div>
  );
}
