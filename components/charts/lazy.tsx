"use client";

/**
 * The chart wrappers, loaded after the page: Chart.js and react-chartjs-2 (≈ 65 kB gzip) are not
 * in any route's first-load JavaScript. ChartFrame's title, text summary and data table are
 * server-rendered and readable at once; the canvas is drawn when this chunk arrives. Each
 * placeholder takes the chart's size, so nothing moves when it does.
 */
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { GroupedBarChart as GroupedBarChartImpl } from "./GroupedBarChart";
import type { HistogramChart as HistogramChartImpl } from "./HistogramChart";
import type { LineChart as LineChartImpl } from "./LineChart";
import type { RadarChart as RadarChartImpl } from "./RadarChart";

const GroupedBar = dynamic(() => import("./GroupedBarChart").then((m) => m.GroupedBarChart), { ssr: false });
const Histogram = dynamic(() => import("./HistogramChart").then((m) => m.HistogramChart), { ssr: false });
const Line = dynamic(() => import("./LineChart").then((m) => m.LineChart), { ssr: false });
const Radar = dynamic(() => import("./RadarChart").then((m) => m.RadarChart), { ssr: false });

export function GroupedBarChart(props: ComponentProps<typeof GroupedBarChartImpl>) {
  return (
    <div style={{ minHeight: props.height ?? 300 }}>
      <GroupedBar {...props} />
    </div>
  );
}

export function HistogramChart(props: ComponentProps<typeof HistogramChartImpl>) {
  return (
    <div className="min-h-64 w-full">
      <Histogram {...props} />
    </div>
  );
}

export function LineChart(props: ComponentProps<typeof LineChartImpl>) {
  return (
    <div className={props.compact ? "min-h-32" : "min-h-72"}>
      <Line {...props} />
    </div>
  );
}

/** Square, as the radar draws itself. */
export function RadarChart(props: ComponentProps<typeof RadarChartImpl>) {
  return (
    <div className="aspect-square w-full">
      <Radar {...props} />
    </div>
  );
}
