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

/** A scrollable bordered table with a header row; rows come as children (a <tbody>'s rows). */
export function DataTable({ columns, caption, testId, children, framed = true }: { columns: Column[]; caption?: string; testId?: string; children: ReactNode; framed?: boolean }) {
  return (
    <div className={`overflow-x-auto ${framed ? "rounded-lg border border-slate-200 bg-white" : ""}`}>
      <table className="w-full text-sm" data-testid={testId}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className={`text-left text-slate-600 ${framed ? "bg-slate-50" : ""}`}>
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
