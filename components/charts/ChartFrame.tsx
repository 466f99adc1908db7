"use client";

import { useId, useRef, useState, type ReactNode } from "react";

/** A chart's data as a plain table: the accessible alternative and the CSV download. */
export interface ChartTable {
  caption: string;
  columns: string[];
  /** Cells as shown (already formatted for the reader's language). */
  rows: string[][];
  /** The same cells as raw values for the CSV (numbers unformatted); defaults to `rows`. */
  csvRows?: (string | number | null)[][];
}

export interface ChartFrameLabels {
  showTable: string;
  showChart: string;
  downloadCsv: string;
  downloadPng: string;
}

const TABLE = "w-full text-sm [&_td]:px-2 [&_td]:py-1 [&_td]:tabular-nums [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_tbody_th]:font-normal [&_tbody_tr]:border-t [&_tbody_tr]:border-slate-100 [&_thead_tr]:text-slate-600";

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function download(name: string, href: string): void {
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  link.click();
}

/**
 * Wraps one chart: a title, a text summary, a toggle to a data table (the same numbers), and
 * downloads of the data as CSV and of the chart as PNG. The chart itself is `children`; its
 * <canvas> is found inside the frame for the PNG.
 */
export function ChartFrame({ title, summary, table, labels, fileName, children, testId }: { title: string; summary: string; table: ChartTable; labels: ChartFrameLabels; fileName: string; children: ReactNode; testId?: string }) {
  const [showTable, setShowTable] = useState(false);
  const frame = useRef<HTMLElement>(null);
  const headingId = useId();
  const button = "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50";

  const downloadCsv = () => {
    const lines = [table.columns, ...(table.csvRows ?? table.rows)].map((row) => row.map(csvCell).join(","));
    const blob = new Blob(["\uFEFF" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    download(`${fileName}.csv`, url);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const downloadPng = () => {
    const canvas = frame.current?.querySelector("canvas");
    if (canvas) download(`${fileName}.png`, canvas.toDataURL("image/png"));
  };

  return (
    <figure ref={frame} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={headingId} data-testid={testId}>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <h3 id={headingId} className="font-semibold">{title}</h3>
        <div className="flex flex-wrap gap-1">
          <button type="button" className={button} aria-pressed={showTable} onClick={() => setShowTable((v) => !v)} data-testid="toggle-table">
            {showTable ? labels.showChart : labels.showTable}
          </button>
          <button type="button" className={button} onClick={downloadCsv}>{labels.downloadCsv}</button>
          {showTable ? null : <button type="button" className={button} onClick={downloadPng}>{labels.downloadPng}</button>}
        </div>
      </div>
      <figcaption className="mb-2 text-sm text-slate-600" data-testid="chart-summary">{summary}</figcaption>
      {/* The table is always in the page for screen readers; sighted users switch to it. */}
      <div className={showTable ? "overflow-x-auto" : "sr-only"}>
        {/* Cell styles are set once on the table: a city page has 30-odd of these tables with up to 40
            rows each, and per-cell classes were most of its HTML. */}
        <table className={TABLE} data-testid="chart-table">
          <caption className="sr-only">{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column} scope="col">{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (c === 0 ? <th key={c} scope="row">{cell}</th> : <td key={c}>{cell}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={showTable ? "hidden" : "relative"} aria-hidden="true">
        {children}
      </div>
    </figure>
  );
}
