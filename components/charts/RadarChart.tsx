"use client";

import { Chart as ChartJS, Filler, Legend, LineElement, PointElement, RadialLinearScale, Tooltip, type ChartData, type ChartOptions, type PointStyle } from "chart.js";
import { Radar } from "react-chartjs-2";
import { SERIES_DASHES, seriesColour, seriesFill } from "@/lib/charts/palette";

ChartJS.register(RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

export interface RadarSeries {
  label: string;
  /** 0–100 per axis; null where the series has no score. */
  data: (number | null)[];
}

const POINT_STYLES: PointStyle[] = ["circle", "rect", "triangle", "rectRot", "star", "crossRot"];

/** Scores 0–100 on one axis per label; series differ by colour, dash and point style. */
export function RadarChart({ labels, series, intlLocale }: { labels: (string | string[])[]; series: RadarSeries[]; intlLocale: string }) {
  const number = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 0 });
  const data: ChartData<"radar", (number | null)[], string | string[]> = {
    labels,
    datasets: series.map((s, i) => ({
      label: s.label,
      data: s.data,
      borderColor: seriesColour(i),
      backgroundColor: seriesFill(i, i === 0 ? 0.2 : 0.05),
      borderDash: SERIES_DASHES[i] ?? [],
      borderWidth: 2,
      pointStyle: POINT_STYLES[i % POINT_STYLES.length],
      pointRadius: 3,
      pointBackgroundColor: seriesColour(i),
      fill: i === 0,
      spanGaps: true,
    })),
  };
  const options: ChartOptions<"radar"> = {
    animation: false,
    responsive: true,
    // Square: the axis labels need the width on a 360 px phone more than extra height.
    maintainAspectRatio: true,
    aspectRatio: 1,
    scales: {
      r: {
        min: 0,
        max: 100,
        ticks: { stepSize: 25, backdropColor: "transparent", font: { size: 9 }, callback: (value) => number.format(Number(value)) },
        pointLabels: { font: { size: 10 }, padding: 4 },
      },
    },
    plugins: {
      legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8 } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ""}: ${number.format(item.parsed.r)}` } },
    },
  };
  return <Radar data={data} options={options} />;
}
