import Link from "next/link";
import type { ReactNode } from "react";

export interface Column {
  label: string;
  align?: "left" | "right";
  /** Full text for a short label (shown as a tooltip and read by screen readers). */
  title?: string;
  /** Link that sorts by this column; `sorted` marks the current sort. */
  sortHref?: string;
  sorted?: "ascending" | "descending";
}

function HeaderLabel({ column }: { column: Column }) {
  const label = column.title ? <abbr title={column.title} className="no-underline">{column.label}</abbr> : column.label;
  if (!column.sortHref) return label;
  return (
    <Link href={column.sortHref} className="inline-flex items-center gap-1 hover:underline">
      {label}
      <span aria-hidden="true">{column.sorted === "ascending" ? "▲" : column.sorted === "descending" ? "▼" : "↕"}</span>
    </Link>
  );
}

// Below the `sm` breakpoint a stacked table shows each row as a card (the first cell on its own
// line, the others two by two), so a wide table reads on a 360 px phone without sideways
// scrolling. Cells then name their column with <CellLabel>, hidden again on wider screens where
// the header row does that.
const STACKED = "max-sm:block max-sm:[&_tbody]:block max-sm:[&_tr]:flex max-sm:[&_tr]:flex-wrap max-sm:[&_tr]:border-slate-200 max-sm:[&_tr]:py-2 max-sm:[&_td]:block max-sm:[&_td]:min-w-0 max-sm:[&_td]:basis-1/2 max-sm:[&_td]:py-0.5 max-sm:[&_td]:break-words max-sm:[&_td:first-child]:basis-full max-sm:[&_td:empty]:hidden";

/** A column's name inside a cell, shown only where a stacked table has no visible header row. */
export function CellLabel({ children }: { children: ReactNode }) {
  return <span className="block text-xs font-medium text-slate-500 sm:hidden">{children}:</span>;
}

/**
 * A scrollable bordered table with a header row; rows come as children (a <tbody>'s rows).
 * `stacked` turns rows into cards on phones (give the cells a <CellLabel>).
 */
export function DataTable({ columns, caption, testId, children, framed = true, stacked = false }: { columns: Column[]; caption?: string; testId?: string; children: ReactNode; framed?: boolean; stacked?: boolean }) {
  return (
    <div className={`overflow-x-auto ${framed ? "rounded-lg border border-slate-200 bg-white" : ""}`}>
      <table className={`w-full text-sm ${stacked ? STACKED : ""}`} data-testid={testId}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className={`text-left text-slate-600 ${framed ? "bg-slate-50" : ""} ${stacked ? "max-sm:sr-only" : ""}`}>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" aria-sort={column.sorted} className={`whitespace-nowrap px-3 py-2 ${column.align === "right" ? "text-right" : ""}`}>
                <HeaderLabel column={column} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
