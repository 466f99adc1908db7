"use client";

import { BarController, BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip, type ChartOptions } from "chart.js";
import { Bar } from "react-chartjs-2";
import { seriesColour } from "@/lib/charts/palette";

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/**
 * Counts per bin as vertical bars. Labels and counts are computed on the server; `muted` marks bins
 * drawn as grey outlined bars (e.g. "no data"); their axis label says what they are, so colour is never the only cue.
 */
export function HistogramChart({ labels, counts, muted = [], intlLocale, yTitle, xTitle }: { labels: string[]; counts: number[]; muted?: boolean[]; intlLocale: string; yTitle: string; xTitle: string }) {
  const number = new Intl.NumberFormat(intlLocale);
  const colour = seriesColour(0);
  const options: ChartOptions<"bar"> = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: {
      legend: { display: false },
      tooltip: { callbacks: { label: (item) => number.format(typeof item.raw === "number" ? item.raw : 0) } },
    },
    scales: {
      x: { title: { display: true, text: xTitle }, grid: { display: false }, ticks: { autoSkip: false, maxRotation: 60 } },
      y: { beginAtZero: true, title: { display: true, text: yTitle }, ticks: { precision: 0, callback: (value) => number.format(Number(value)) } },
    },
  };
  return (
    <div className="h-64 w-full">
      <Bar
        options={options}
        data={{
          labels,
          datasets: [
            {
              data: counts,
              backgroundColor: counts.map((_, i) => (muted[i] ? "rgba(100, 116, 139, 0.35)" : colour)),
              borderColor: counts.map((_, i) => (muted[i] ? "#475569" : colour)),
              borderWidth: counts.map((_, i) => (muted[i] ? 2 : 0)),
            },
          ],
        }}
      />
    </div>
  );
}
