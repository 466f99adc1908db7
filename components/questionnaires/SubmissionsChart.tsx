import { ChartFrame, type ChartFrameLabels } from "@/components/charts/ChartFrame";
import { LineChart } from "@/components/charts/lazy";

export interface SubmissionsChartText {
  title: string;
  summary: string;
  /** The table's first column ("Day"). */
  day: string;
  submitted: string;
  accepted: string;
}

/**
 * A round's running totals per day: how many asked cities had submitted (submitted or accepted
 * now) and how many were accepted, by each day of the axis. Chart.js (react-chartjs-2) draws the
 * lines, loaded after the page (components/charts/lazy); the data table holds the same numbers,
 * one row per day on which a total changed (and the first and last day), so a long round does not
 * make a table of identical rows.
 */
export function SubmissionsChart({ days, dayLabels, submitted, accepted, text, frameLabels, intlLocale, testId = "round-submissions-chart" }: { days: string[]; dayLabels: string[]; submitted: number[]; accepted: number[]; text: SubmissionsChartText; frameLabels: ChartFrameLabels; intlLocale: string; testId?: string }) {
  const number = new Intl.NumberFormat(intlLocale);
  const rowsAt = days.flatMap((_, i) => (i === 0 || i === days.length - 1 || submitted[i] !== submitted[i - 1] || accepted[i] !== accepted[i - 1] ? [i] : []));
  return (
    <ChartFrame
      title={text.title}
      summary={text.summary}
      labels={frameLabels}
      fileName="round-submissions"
      testId={testId}
      table={{
        caption: text.title,
        columns: [text.day, text.submitted, text.accepted],
        rows: rowsAt.map((i) => [dayLabels[i] ?? "", number.format(submitted[i] ?? 0), number.format(accepted[i] ?? 0)]),
        csvRows: rowsAt.map((i) => [days[i] ?? "", submitted[i] ?? 0, accepted[i] ?? 0]),
      }}
    >
      <LineChart
        labels={dayLabels}
        intlLocale={intlLocale}
        yMin={0}
        maximumFractionDigits={0}
        series={[
          { label: text.submitted, data: submitted },
          { label: text.accepted, data: accepted },
        ]}
      />
    </ChartFrame>
  );
}
