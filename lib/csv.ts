import Papa from "papaparse";
import { type ValueStatus } from "@/lib/domain";

/**
 * The CSV layout of indicator values, shared by the export, the template and the import: one row
 * per value, so an exported file imports again as it is.
 */
export const CSV_COLUMNS = ["city", "indicator", "period", "value", "note", "evidence_url", "status", "validated_value", "version"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The columns the import reads; the others (and unknown extra columns) are ignored. */
export const IMPORT_COLUMNS = ["city", "indicator", "period", "value", "note", "evidence_url"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
/** An import file without these columns is refused as a whole; note and evidence_url may be left out. */
export const REQUIRED_IMPORT_COLUMNS = ["city", "indicator", "period", "value"] as const satisfies readonly ImportColumn[];

/** Upload limit, checked before the file is read or parsed. */
export const CSV_MAX_BYTES = 2 * 1024 * 1024;
/**
 * Data rows one import may hold, as many as one API request (valueEntriesSchema). Every value is
 * written with its own audit row, so this keeps an import to a few seconds.
 */
export const CSV_MAX_ROWS = 5000;

/** Excel reads a CSV as the local ANSI code page unless it starts with this mark; Bangla then breaks. */
export const BOM = "\uFEFF";
const NEWLINE = "\r\n";

/** One exported value, before it becomes a CSV line. */
export interface CsvValueRow {
  city: string;
  indicator: string;
  period: string;
  value: number | null;
  note: string;
  evidenceUrl: string | null;
  status: ValueStatus | null;
  validatedValue: number | null;
  version: number | null;
}

export function toCsvRecord(row: CsvValueRow): (string | number | null)[] {
  return [row.city, row.indicator, row.period, row.value, row.note, row.evidenceUrl, row.status, row.validatedValue, row.version];
}

// A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), +cmd|...).
// Quotes before them are part of the test so that escaping stays reversible: "'=x" becomes "''=x".
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula gets a leading single quote; numbers
 * are written as numbers, never prefixed (so a value stays numeric when the file is opened).
 */
export function escapeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Reverses escapeCell's formula guard on a cell read back from a file. */
export function unescapeCell(value: string): string {
  return ESCAPED_FORMULA.test(value) ? value.slice(1) : value;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(escapeCell).join(",") + NEWLINE;
}

export const CSV_HEADER_LINE = csvLine(CSV_COLUMNS);

export function valueRowsToCsv(rows: readonly CsvValueRow[]): string {
  let out = "";
  for (const row of rows) out += csvLine(toCsvRecord(row));
  return out;
}

/** A whole file: BOM, header, rows. For small files and tests; the export streams instead. */
export function valuesToCsv(rows: readonly CsvValueRow[]): string {
  return BOM + CSV_HEADER_LINE + valueRowsToCsv(rows);
}

/** A problem with a file or one of its rows. Rows count as in the file: the header is row 1. */
export interface CsvError {
  row: number;
  column: string;
  messageKey: string;
}

export class CsvFileError extends Error {
  constructor(readonly messageKey: string) {
    super(messageKey);
    this.name = "CsvFileError";
  }
}

/**
 * The text of an uploaded file: refuses anything that is not UTF-8 text (NUL bytes, invalid byte
 * sequences) and drops the byte-order mark. Size is checked by the caller before reading.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new CsvFileError("csv.empty");
  if (bytes.includes(0)) throw new CsvFileError("csv.notText");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CsvFileError("csv.notUtf8");
  }
  return stripBom(text);
}

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/** One data row of an import file, with its import columns (missing optional ones are ""). */
export interface CsvImportRow {
  row: number;
  cells: Record<ImportColumn, string>;
}

export type ParsedCsv = { ok: true; rows: CsvImportRow[] } | { ok: false; errors: CsvError[] };

/**
 * Parses an import file: header required (names matched case-insensitively), comma separated,
 * quoted fields allowed. Blank lines are skipped but still counted, so row numbers match what a
 * spreadsheet shows.
 */
export function parseValuesCsv(input: string): ParsedCsv {
  const text = stripBom(input);
  if (text.trim() === "") return { ok: false, errors: [{ row: 1, column: "", messageKey: "csv.empty" }] };
  const parsed = Papa.parse<string[]>(normalizeNewlines(text), { delimiter: ",", newline: "\n", quoteChar: '"', escapeChar: '"', header: false, skipEmptyLines: false });
  const errors: CsvError[] = [];
  for (const problem of parsed.errors) {
    // Quote problems make the rest of the row unreliable; field-count checks are ours, per column.
    if (problem.type === "Quotes") errors.push({ row: (problem.row ?? 0) + 1, column: "", messageKey: "csv.badQuotes" });
  }

  const [header = [], ...records] = parsed.data;
  const names = header.map((name) => name.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === "") return;
    if (index.has(name)) errors.push({ row: 1, column: name, messageKey: "csv.duplicateColumn" });
    else index.set(name, i);
  });
  for (const column of REQUIRED_IMPORT_COLUMNS) {
    if (!index.has(column)) errors.push({ row: 1, column, messageKey: "csv.missingColumn" });
  }
  if (errors.some((e) => e.row === 1)) return { ok: false, errors };

  const rows: CsvImportRow[] = [];
  records.forEach((record, i) => {
    if (record.every((cell) => cell.trim() === "")) return;
    const cell = (column: ImportColumn) => {
      const at = index.get(column);
      return at === undefined ? "" : unescapeCell(record[at] ?? "");
    };
    rows.push({ row: i + 2, cells: { city: cell("city"), indicator: cell("indicator"), period: cell("period"), value: cell("value"), note: cell("note"), evidence_url: cell("evidence_url") } });
  });
  if (rows.length > CSV_MAX_ROWS) errors.push({ row: 1, column: "", messageKey: "csv.tooManyRows" });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 1, column: "", messageKey: "csv.noRows" });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/**
 * Ends every record with "\n". Papaparse guesses one line ending from the start of the file, so a
 * file with mixed endings (hand-edited) would otherwise run rows together. Line breaks inside
 * quoted cells are kept as they are, so a note keeps its own line breaks.
 */
export function normalizeNewlines(text: string): string {
  return text.replace(/"(?:[^"]|"")*"|\r\n?/g, (match) => (match.startsWith('"') ? match : "\n"));
}

const LOCAL_DIGITS = /[০-৯०-९]/g;

/**
 * A number typed in a spreadsheet cell. Bangla and Devanagari digits are accepted; thousands
 * separators, hex and "NaN" are not. Returns null for an empty cell and NaN for anything invalid.
 */
export function parseNumberCell(raw: string): number | null {
  const text = raw.trim().replace(LOCAL_DIGITS, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x09e6 && code <= 0x09ef ? code - 0x09e6 : code - 0x0966);
  });
  if (text === "") return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number.NaN;
  return Number(text);
}
