"use client";

import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions, type ScriptableContext } from "chart.js";
import { Bar } from "react-chartjs-2";
import { seriesColour } from "@/lib/charts/palette";

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface BarSeries {
  label: string;
  values: (number | null)[];
  /** Palette slot; defaults to the series' position. Lets one city keep its colour across charts. */
  colourIndex?: number;
}

// Hatching per series, so bars of neighbouring cities differ by more than colour.
const HATCHES: ((ctx: CanvasRenderingContext2D, size: number) => void)[] = [
  () => {},
  (ctx, s) => { ctx.beginPath(); ctx.moveTo(0, s); ctx.lineTo(s, 0); ctx.stroke(); },
  (ctx, s) => { ctx.beginPath(); ctx.moveTo(0, s / 2); ctx.lineTo(s, s / 2); ctx.stroke(); },
  (ctx, s) => { ctx.beginPath(); ctx.arc(s / 2, s / 2, s / 6, 0, Math.PI * 2); ctx.fill(); },
  (ctx, s) => { ctx.beginPath(); ctx.moveTo(s / 2, 0); ctx.lineTo(s / 2, s); ctx.stroke(); },
  (ctx, s) => { ctx.beginPath(); ctx.moveTo(0, 0); ctx.lineTo(s, s); ctx.stroke(); },
];
const patterns = new Map<number, CanvasPattern | string>();

function barFill(index: number): CanvasPattern | string {
  const cached = patterns.get(index);
  if (cached) return cached;
  const colour = seriesColour(index);
  const size = 8;
  const tile = document.createElement("canvas");
  tile.width = tile.height = size;
  const ctx = tile.getContext("2d");
  const pattern = ctx ? (() => {
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = ctx.fillStyle = "rgba(255, 255, 255, 0.7)";
    ctx.lineWidth = 2;
    HATCHES[index % HATCHES.length]?.(ctx, size);
    return ctx.createPattern(tile, "repeat");
  })() : null;
  const fill = pattern ?? colour;
  patterns.set(index, fill);
  return fill;
}

/**
 * Bars grouped by category (x), one bar per series. Numbers in ticks and tooltips use the
 * reader's locale; `signed` shows +/− (for gaps). Props are plain data computed on the server.
 */
export function GroupedBarChart({ labels, series, intlLocale, min, max, signed = false, height = 300 }: { labels: string[]; series: BarSeries[]; intlLocale: string; min?: number; max?: number; signed?: boolean; height?: number }) {
  const number = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 0, signDisplay: signed ? "exceptZero" : "auto" });
  const options: ChartOptions<"bar"> = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    scales: {
      x: { ticks: { autoSkip: false, maxRotation: 60 } },
      y: { min, max, ticks: { callback: (value) => number.format(Number(value)) } },
    },
    plugins: {
      legend: { position: "bottom", labels: { boxWidth: 14 } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ""}: ${item.parsed.y === null ? "—" : number.format(item.parsed.y)}` } },
    },
  };
  const data = {
    labels,
    datasets: series.map((s, i) => ({
      label: s.label,
      data: s.values,
      backgroundColor: (_context: ScriptableContext<"bar">) => barFill(s.colourIndex ?? i),
      borderColor: seriesColour(s.colourIndex ?? i),
      borderWidth: 1,
    })),
  };
  return (
    <div style={{ height }}>
      <Bar data={data} options={options} />
    </div>
  );
}
