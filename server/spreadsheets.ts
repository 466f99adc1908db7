import "server-only";
import ExcelJS from "exceljs";
import { sheetName as excelSheetName } from "@/lib/spreadsheet";

export interface SheetTable {
  /** The sheet's name (cut and cleaned to Excel's rules), and the one used when nothing is left of it. */
  name: string;
  fallback: string;
  header: string[];
  rows: (string | number | null)[][];
}

/**
 * Small tables as one XLSX workbook (exceljs), a sheet each: the header row frozen and bold,
 * columns sized to their text. Cells are written as values, never formulas, so a title such as
 * "=HYPERLINK(…)" stays text.
 */
export async function tablesXlsx(tables: readonly SheetTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CWIS Mentor Cities";
  const taken = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(excelSheetName(table.name, table.fallback, taken), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, i) => {
      const longest = Math.max(table.header[i]?.length ?? 0, ...table.rows.map((row) => String(row[i] ?? "").length));
      column.width = Math.min(Math.max(longest + 2, 6), 50);
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
