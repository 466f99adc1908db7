import "server-only";
import { tablesXlsx } from "@/server/spreadsheets";
import { csvLine, BOM } from "@/lib/csv";

/** The roster as CSV (BOM for Excel, formula-looking text neutralised by lib/csv). */
export function rosterCsv(table: { header: string[]; rows: (string | number)[][] }): string {
  return BOM + csvLine(table.header) + table.rows.map((row) => csvLine(row)).join("");
}

/** The roster as an XLSX workbook: one sheet named after the event (server/spreadsheets.ts). */
export async function rosterXlsx(table: { header: string[]; rows: (string | number)[][] }, sheetName: string): Promise<Buffer> {
  return tablesXlsx([{ name: sheetName, fallback: "Registrations", header: table.header, rows: table.rows }]);
}
