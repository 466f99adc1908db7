import type { ReactNode } from "react";

export interface Column {
  label: string;
  align?: "left" | "right";
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
              <th key={column.label} scope="col" className={`px-3 py-2 ${column.align === "right" ? "text-right" : ""}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
