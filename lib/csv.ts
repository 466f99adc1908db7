import Papa from "papaparse";
import { type ValueStatus } from "@/lib/domain";
import { parseDecimal, toAsciiDigits } from "@/lib/numbers";

/**
 * The CSV layout of indicator values, shared by the export, the template and the import: one row
 * per value, so an exported file imports again as it is.
 */
export const CSV_COLUMNS = ["city", "indicator", "period", "value", "note", "evidence_url", "status", "validated_value", "version"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The columns the import reads; status and validated_value (and unknown extra columns) are
 * ignored. `version` is the stored value's version when the file was exported: a row whose value
 * changed since is a conflict (server/values/csv-import.ts). `explanation` (why an unusual value is
 * right) is read when present and never exported: an empty cell keeps the stored one.
 */
export const IMPORT_COLUMNS = ["city", "indicator", "period", "value", "note", "evidence_url", "explanation", "version"] as const;
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

/**
 * A number in plain decimal notation, never with an exponent: String(1e25) is "1e+25", which a
 * spreadsheet reads as a formula-like scientific figure and the import (rightly) refuses. The
 * digits are String()'s, the shortest that read back as the same number, with the decimal point
 * moved by the exponent; so the text round-trips exactly.
 */
export function plainNumber(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = "", lead = "", rest = "", exponent = "0"] = match;
  const digits = lead + rest;
  // The decimal point goes after this many digits.
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
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
  if (typeof value === "number") return Number.isFinite(value) ? plainNumber(value) : "";
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
  /** What the message names (a range's bounds). */
  params?: Record<string, string | number>;
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

/** The separators an import file may use; which one is read off the header line. */
export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** How a file was read, told back to the person ("Read as semicolon-separated, decimal comma"). */
export interface CsvFormat {
  delimiter: CsvDelimiter;
  decimalComma: boolean;
}

export type ParsedCsv =
  | {
      ok: true;
      rows: CsvImportRow[];
      format: CsvFormat;
      /** The header has a version column: every row's version is checked. */
      hasVersion: boolean;
      hasExplanation: boolean;
    }
  | { ok: false; errors: CsvError[]; format: CsvFormat };

const KNOWN_COLUMNS: ReadonlySet<string> = new Set<string>([...CSV_COLUMNS, ...IMPORT_COLUMNS]);

/**
 * The separator of a file, from its header line (quoted names may hold any of them): the one
 * that splits the header into the most known column names, then into the most cells; comma when
 * nothing tells them apart. A semicolon file (Excel's default where the decimal mark is a comma)
 * is thus read as such instead of as one long column name.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let best: CsvDelimiter = ",";
  let bestKnown = -1;
  let bestCells = -1;
  for (const delimiter of CSV_DELIMITERS) {
    const header = Papa.parse<string[]>(text, { delimiter, newline: "\n", quoteChar: '"', escapeChar: '"', preview: 1 }).data[0] ?? [];
    const known = header.filter((name) => KNOWN_COLUMNS.has(name.trim().toLowerCase())).length;
    if (known > bestKnown || (known === bestKnown && header.length > bestCells)) {
      best = delimiter;
      bestKnown = known;
      bestCells = header.length;
    }
  }
  return best;
}

// A comma between digits with one to two or four and more digits after it, or after a dot group
// (1.234,5): only a decimal comma writes that. "1,234" could be a thousands separator as well.
const UNAMBIGUOUS_DECIMAL_COMMA = /^[+\-\u2212]?(?:\d+|\d{1,3}(?:[. \u00a0\u202f]\d{3})+),(?:\d{1,2}|\d{4,})$|^[+\-\u2212]?\d{1,3}(?:[. \u00a0\u202f]\d{3})+,\d+$/;
const COMMA_BETWEEN_DIGITS = /\d,\d/;
// "1,234.5": a thousands comma before a decimal point.
const DECIMAL_POINT_AFTER_COMMA = /\d,\d{3}\.\d/;

/**
 * Whether a file's numbers use a decimal comma, from its value cells. A comma-separated file
 * cannot (an unquoted 70,5 would be two cells): never. A semicolon file (Excel where the decimal
 * mark is a comma): yes as soon as one value has a comma between digits, unless one is written
 * 1,234.5. A tab-separated file: only when a value cannot be read otherwise (70,5 or 1.234,5; a
 * lone 1,234 stays a thousands separator).
 */
export function detectDecimalComma(values: readonly string[], delimiter: CsvDelimiter): boolean {
  if (delimiter === ",") return false;
  let comma = false;
  for (const raw of values) {
    const text = toAsciiDigits(raw.trim());
    if (DECIMAL_POINT_AFTER_COMMA.test(text)) return false;
    if (delimiter === ";" ? COMMA_BETWEEN_DIGITS.test(text) : UNAMBIGUOUS_DECIMAL_COMMA.test(text)) comma = true;
  }
  return comma;
}

/**
 * A value cell: null when empty, else the one number parser's answer (lib/numbers.ts), with the
 * file's decimal mark.
 */
export function parseValueCell(raw: string, format: Pick<CsvFormat, "decimalComma">): { ok: true; value: number | null } | { ok: false; messageKey: string } {
  if (raw.trim() === "") return { ok: true, value: null };
  return parseDecimal(raw, { decimalComma: format.decimalComma });
}

/**
 * A version cell: a whole number, or empty. In a file with a version column an empty cell means
 * "no value was stored when the file was made" (a row added to an export, a template row), i.e.
 * version 0; so a value saved since is a conflict there too.
 */
export function parseVersionCell(raw: string): { ok: true; version: number } | { ok: false; messageKey: string } {
  const text = toAsciiDigits(raw.trim());
  if (text === "") return { ok: true, version: 0 };
  if (!/^\d{1,9}$/.test(text)) return { ok: false, messageKey: "csv.badVersion" };
  return { ok: true, version: Number(text) };
}

/**
 * Parses an import file: header required (names matched case-insensitively), separated by
 * commas, semicolons or tabs (detectDelimiter), quoted fields allowed. Blank lines are skipped but
 * still counted, so row numbers match what a spreadsheet shows. Reports every header problem at
 * once; unknown columns are ignored, but named when a required one is missing (a misspelt
 * "vaule" is then visible).
 */
export function parseValuesCsv(input: string): ParsedCsv {
  const text = normalizeNewlines(stripBom(input));
  const delimiter = detectDelimiter(text);
  const noRows = (messageKey: string): ParsedCsv => ({ ok: false, errors: [{ row: 1, column: "", messageKey }], format: { delimiter, decimalComma: false } });
  if (text.trim() === "") return noRows("csv.empty");
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: "\n", quoteChar: '"', escapeChar: '"', header: false, skipEmptyLines: false });
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
  const missing = REQUIRED_IMPORT_COLUMNS.filter((column) => !index.has(column));
  if (missing.length > 0) {
    const line = names.join(" ");
    if (missing.length === REQUIRED_IMPORT_COLUMNS.length && REQUIRED_IMPORT_COLUMNS.every((column) => line.includes(column))) {
      // Every name is there, run together: the columns are separated by something else (| or
      // spaces). One message says so, instead of one "column missing" per column.
      errors.push({ row: 1, column: "", messageKey: "csv.unknownDelimiter" });
    } else if (![...index.keys()].some((name) => KNOWN_COLUMNS.has(name))) {
      // No known name at all: the first line is data, not a header. One problem, one message.
      errors.push({ row: 1, column: "", messageKey: "csv.noHeader" });
    } else {
      for (const column of missing) errors.push({ row: 1, column, messageKey: "csv.missingColumn" });
      for (const name of index.keys()) if (!KNOWN_COLUMNS.has(name)) errors.push({ row: 1, column: name, messageKey: "csv.unknownColumn" });
    }
  }
  const format: CsvFormat = { delimiter, decimalComma: false };
  if (errors.some((e) => e.row === 1)) return { ok: false, errors, format };

  const rows: CsvImportRow[] = [];
  records.forEach((record, i) => {
    if (record.every((cell) => cell.trim() === "")) return;
    const cell = (column: ImportColumn) => {
      const at = index.get(column);
      return at === undefined ? "" : unescapeCell(record[at] ?? "");
    };
    rows.push({ row: i + 2, cells: { city: cell("city"), indicator: cell("indicator"), period: cell("period"), value: cell("value"), note: cell("note"), evidence_url: cell("evidence_url"), explanation: cell("explanation"), version: cell("version") } });
  });
  format.decimalComma = detectDecimalComma(rows.map((r) => r.cells.value), delimiter);
  if (rows.length > CSV_MAX_ROWS) errors.push({ row: 1, column: "", messageKey: "csv.tooManyRows" });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 1, column: "", messageKey: "csv.noRows" });
  return errors.length ? { ok: false, errors, format } : { ok: true, rows, format, hasVersion: index.has("version"), hasExplanation: index.has("explanation") };
}

/**
 * Ends every record with "\n". Papaparse guesses one line ending from the start of the file, so a
 * file with mixed endings (hand-edited) would otherwise run rows together. Line breaks inside
 * quoted cells are kept as they are, so a note keeps its own line breaks.
 */
export function normalizeNewlines(text: string): string {
  return text.replace(/"(?:[^"]|"")*"|\r\n?/g, (match) => (match.startsWith('"') ? match : "\n"));
}
