"use client";

import { useState } from "react";
import { ChartFrame, type ChartFrameLabels, type ChartTable } from "./ChartFrame";
import { LineChart } from "./lazy";

export interface IndicatorTrend {
  code: string;
  title: string;
  summary: string;
  table: ChartTable;
  /** An annual indicator: its axis is the Q4 quarters of `periods` (annual values report in Q4). */
  annual?: boolean;
  /** Validated value per quarter of its axis (null: none that quarter, drawn as a gap). */
  values: (number | null)[];
  target: number;
}

export interface TrendGroup {
  code: string;
  title: string;
  colour: number;
  items: IndicatorTrend[];
}

/**
 * One collapsible section per component with a small trend per indicator. The summaries and
 * tables are always rendered (they work without JavaScript); a canvas is only created once its
 * section is opened, so the page does not draw 30-odd charts nobody looked at.
 */
export function IndicatorTrends({ groups, periods, intlLocale, frameLabels, valueLabel, targetLabel }: { groups: TrendGroup[]; periods: string[]; intlLocale: string; frameLabels: ChartFrameLabels; valueLabel: string; targetLabel: string }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // One axis sent for all trends (every quarter in range), the yearly one derived here: not one
  // copy per indicator in the page's payload.
  const yearly = periods.filter((p) => p.endsWith("Q4"));
  return (
    <div className="space-y-2" data-testid="indicator-trends">
      {groups.map((group) => (
        <details
          key={group.code}
          className="rounded-md border border-slate-200"
          data-testid={`trends-${group.code}`}
          onToggle={(event) => {
            const isOpen = event.currentTarget.open;
            setOpen((previous) => {
              const next = new Set(previous);
              if (isOpen) next.add(group.code);
              else next.delete(group.code);
              return next;
            });
          }}
        >
          <summary className="cursor-pointer px-3 py-2 font-medium">{group.title}</summary>
          <div className="grid grid-cols-1 gap-3 p-3 sm:grid-cols-2">
            {group.items.map((item) => (
              <ChartFrame key={item.code} title={item.title} summary={item.summary} table={item.table} labels={frameLabels} fileName={`trend-${item.code}`} testId={`trend-${item.code}`}>
                {open.has(group.code) ? (
                  <LineChart
                    labels={item.annual ? yearly : periods}
                    intlLocale={intlLocale}
                    compact
                    maximumFractionDigits={2}
                    series={[
                      // Solid: the dashed line is the target.
                      { label: valueLabel, data: item.values, colour: group.colour, dash: [] },
                      { label: targetLabel, data: (item.annual ? yearly : periods).map(() => item.target), reference: true },
                    ]}
                  />
                ) : (
                  <div className="h-32" />
                )}
              </ChartFrame>
            ))}
          </div>
        </details>
      ))}
    </div>
  );
}
