import "server-only";
import { sheetName as excelSheetName } from "@/lib/spreadsheet";
import ExcelJS from "exceljs";
import { csvLine, BOM } from "@/lib/csv";

/** The roster as CSV (BOM for Excel, formula-looking text neutralised by lib/csv). */
export function rosterCsv(table: { header: string[]; rows: (string | number)[][] }): string {
  return BOM + csvLine(table.header) + table.rows.map((row) => csvLine(row)).join("");
}

/**
 * The roster as an XLSX workbook (exceljs): a header row frozen, columns sized to their text.
 * Cells are written as values, never formulas, so a name such as "=HYPERLINK(…)" stays text.
 */
export async function rosterXlsx(table: { header: string[]; rows: (string | number)[][] }, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CWIS Mentor Cities";
  // Excel allows 31 characters and none of []:*?/\ in a sheet's name.
  const sheet = workbook.addWorksheet(excelSheetName(sheetName, "Registrations"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(table.header[i]?.length ?? 0, ...table.rows.map((row) => String(row[i] ?? "").length));
    column.width = Math.min(Math.max(longest + 2, 6), 50);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
