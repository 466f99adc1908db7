import { describe, expect, it } from "vitest";
import {
  BOM,
  CSV_COLUMNS,
  CSV_HEADER_LINE,
  CSV_MAX_ROWS,
  CsvFileError,
  csvLine,
  decodeCsvBytes,
  detectDecimalComma,
  detectDelimiter,
  escapeCell,
  parseValueCell,
  parseValuesCsv,
  parseVersionCell,
  plainNumber,
  unescapeCell,
  valuesToCsv,
  type CsvValueRow,
} from "@/lib/csv";
import { isMessageKey } from "@/lib/i18n/messages";
import { valueExportQuerySchema, valueTemplateQuerySchema } from "@/lib/validation/csv";
import { importHistoryScope } from "@/lib/policies/imports";

const HEADER = "city,indicator,period,value,note,evidence_url\r\n";

function rowsOf(text: string) {
  const parsed = parseValuesCsv(text);
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.errors)}`);
  return parsed.rows;
}

function errorsOf(text: string) {
  const parsed = parseValuesCsv(text);
  if (parsed.ok) throw new Error("accepted");
  return parsed.errors;
}

describe("CSV layout", () => {
  it("has the documented header", () => {
    expect(CSV_HEADER_LINE).toBe("city,indicator,period,value,note,evidence_url,status,validated_value,version\r\n");
    expect(CSV_COLUMNS).toHaveLength(9);
  });

  it("writes a file with BOM, quotes where needed and numbers as numbers", () => {
    const row: CsvValueRow = { city: "kushtia", indicator: "SD-2", period: "2025-Q3", value: 72.5, note: 'Ward 3, "north"\nchecked', evidenceUrl: null, status: "draft", validatedValue: null, version: 2 };
    const text = valuesToCsv([row]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.slice(BOM.length)).toBe(`${CSV_HEADER_LINE}kushtia,SD-2,2025-Q3,72.5,"Ward 3, ""north""\nchecked",,draft,,2\r\n`);
  });
});

describe("formula injection guard", () => {
  it.each(["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"])("prefixes text %j with a quote", (text) => {
    expect(escapeCell(text).replace(/^"|"$/g, "").startsWith("'")).toBe(true);
  });

  it("leaves numbers alone, negative ones too", () => {
    expect(escapeCell(-5)).toBe("-5");
    expect(escapeCell(0)).toBe("0");
    expect(escapeCell(12.25)).toBe("12.25");
    expect(escapeCell(null)).toBe("");
  });

  it("leaves ordinary text alone", () => {
    expect(escapeCell("kushtia")).toBe("kushtia");
    expect(escapeCell("a-b = c")).toBe("a-b = c");
    expect(escapeCell("'quoted'")).toBe("'quoted'");
  });

  it.each(["=1+1", "'=1+1", "''@x", "plain", "'plain", "-", "'"])("round-trips %j through escape and unescape", (text) => {
    const cell = escapeCell(text);
    const parsed = rowsOf(`${HEADER}kushtia,SD-2,2025-Q3,1,${cell},\r\n`);
    expect(parsed[0]?.cells.note).toBe(text);
    expect(unescapeCell(escapeCell(text))).toBe(text);
  });
});

describe("parsing an import file", () => {
  it("strips the BOM and reads quoted fields, commas, newlines and Bangla text", () => {
    const note = "ওয়ার্ড ৩, \"উত্তর\" অংশ\nযাচাই করা হয়েছে";
    const text = `${BOM}${HEADER}kushtia,SD-2,2025-Q3,72.5,${csvLine([note]).trimEnd()},https://example.org/report.pdf\r\n`;
    const rows = rowsOf(text);
    expect(rows).toEqual([{ row: 2, cells: { city: "kushtia", indicator: "SD-2", period: "2025-Q3", value: "72.5", note, evidence_url: "https://example.org/report.pdf", explanation: "", version: "" } }]);
  });

  it("reads Bangla text from UTF-8 bytes with a BOM", () => {
    const bytes = new TextEncoder().encode(`${BOM}${HEADER}kushtia,SD-2,2025-Q3,1,নোট,\n`);
    expect(rowsOf(decodeCsvBytes(bytes))[0]?.cells.note).toBe("নোট");
  });

  it("matches header names case-insensitively, in any order, ignoring extra columns", () => {
    const rows = rowsOf("Value,EXTRA,Period,Indicator,City\n10,ignored,2025-Q3,SD-2,kushtia\n");
    expect(rows[0]?.cells).toEqual({ city: "kushtia", indicator: "SD-2", period: "2025-Q3", value: "10", note: "", evidence_url: "", explanation: "", version: "" });
  });

  it("reads an exported file with its version, ignoring status and validated_value", () => {
    const row: CsvValueRow = { city: "kushtia", indicator: "SD-2", period: "2025-Q3", value: 40, note: "=bad idea", evidenceUrl: "https://example.org", status: "validated", validatedValue: 40, version: 3 };
    const parsed = parseValuesCsv(valuesToCsv([row]));
    expect(parsed).toMatchObject({ ok: true, hasVersion: true, format: { delimiter: ",", decimalComma: false } });
    expect(rowsOf(valuesToCsv([row]))[0]?.cells).toEqual({ city: "kushtia", indicator: "SD-2", period: "2025-Q3", value: "40", note: "=bad idea", evidence_url: "https://example.org", explanation: "", version: "3" });
    expect(parseValuesCsv(HEADER + "kushtia,SD-2,2025-Q3,1,,\n")).toMatchObject({ ok: true, hasVersion: false });
  });

  it("counts rows as in the file: header is row 1, blank lines count, multi-line cells are one row", () => {
    const rows = rowsOf(`${HEADER}kushtia,SD-2,2025-Q3,1,"two\nlines",\r\n\r\nkushtia,SD-3,2025-Q3,2,,\r\n`);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it("refuses a file without a header with one message, not one per column", () => {
    expect(errorsOf("kushtia,SD-2,2025-Q3,1\n")).toEqual([{ row: 1, column: "", messageKey: "csv.noHeader" }]);
  });

  it("names each missing required column, and the unknown ones beside them (a misspelt name)", () => {
    expect(errorsOf("city,indicator,period,vaule\nkushtia,SD-2,2025-Q3,1\n")).toEqual([
      { row: 1, column: "value", messageKey: "csv.missingColumn" },
      { row: 1, column: "vaule", messageKey: "csv.unknownColumn" },
    ]);
    expect(errorsOf("city,period\n")).toEqual([
      { row: 1, column: "indicator", messageKey: "csv.missingColumn" },
      { row: 1, column: "value", messageKey: "csv.missingColumn" },
    ]);
  });

  it("says the separator is unknown when every column is named but run together", () => {
    expect(errorsOf("city|indicator|period|value\nkushtia|SD-2|2025-Q3|1\n")).toEqual([{ row: 1, column: "", messageKey: "csv.unknownDelimiter" }]);
  });

  it("refuses a duplicated column, an empty file and a header without rows", () => {
    expect(errorsOf("city,indicator,period,value,value\n")).toContainEqual({ row: 1, column: "value", messageKey: "csv.duplicateColumn" });
    expect(errorsOf("")).toEqual([{ row: 1, column: "", messageKey: "csv.empty" }]);
    expect(errorsOf(BOM + HEADER)).toEqual([{ row: 1, column: "", messageKey: "csv.noRows" }]);
  });

  it("reads files with LF, CR or mixed line endings, keeping line breaks inside quoted cells", () => {
    const body = ['kushtia,SD-2,2025-Q3,1,"a\r\nb",', "kushtia,SD-3,2025-Q3,2,,", "kushtia,SD-4,2025-Q3,3,,"];
    for (const text of [`${HEADER}${body.join("\n")}\n`, `${HEADER}${body.join("\r")}\r`, `${HEADER}${body[0]}\n${body[1]}\r\n${body[2]}`]) {
      const rows = rowsOf(text);
      expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
      expect(rows[0]?.cells.note).toBe("a\r\nb");
      expect(rows[2]?.cells.value).toBe("3");
    }
  });

  it("refuses more rows than one import may hold", () => {
    const line = "kushtia,SD-2,2025-Q3,1,,\n";
    expect(rowsOf(HEADER + line.repeat(CSV_MAX_ROWS))).toHaveLength(CSV_MAX_ROWS);
    expect(errorsOf(HEADER + line.repeat(CSV_MAX_ROWS + 1))).toEqual([{ row: 1, column: "", messageKey: "csv.tooManyRows" }]);
  });

  it("reports an unclosed quote", () => {
    expect(errorsOf(`${HEADER}kushtia,SD-2,2025-Q3,1,"never closed,\n`)).toContainEqual(expect.objectContaining({ messageKey: "csv.badQuotes" }));
  });

  it("uses only message keys that exist", () => {
    const keys = ["csv.missingColumn", "csv.duplicateColumn", "csv.empty", "csv.noRows", "csv.badQuotes", "csv.notText", "csv.notUtf8", "csv.tooManyRows", "csv.noHeader", "csv.unknownColumn", "csv.unknownDelimiter", "csv.badVersion", "csv.statusNotVisible"];
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });
});

describe("decoding uploaded bytes", () => {
  const messageOf = (bytes: Uint8Array) => {
    try {
      decodeCsvBytes(bytes);
      return null;
    } catch (error) {
      return error instanceof CsvFileError ? error.messageKey : String(error);
    }
  };

  it("refuses binary data, invalid UTF-8 and empty files", () => {
    expect(messageOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBe("csv.notText");
    // "café" in Windows-1252: é is 0xE9, not valid UTF-8 on its own.
    expect(messageOf(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]))).toBe("csv.notUtf8");
    expect(messageOf(new Uint8Array())).toBe("csv.empty");
  });

  it("accepts UTF-8 with and without BOM", () => {
    expect(decodeCsvBytes(new TextEncoder().encode("\uFEFFcity"))).toBe("city");
    expect(decodeCsvBytes(new TextEncoder().encode("city"))).toBe("city");
  });
});

describe("separators and the decimal mark", () => {
  it.each([
    ["city,indicator,period,value\n", ","],
    ["city;indicator;period;value\n", ";"],
    ["city\tindicator\tperiod\tvalue\n", "\t"],
    // Quoted names may hold the other separators; only the ones outside quotes count.
    ['"city;x";indicator;period;value;"note, free text"\n', ";"],
    ['"city,a","indicator;b",period,value\n', ","],
    // Excel's "sep=" line is not supported, but nothing known: comma by default.
    ["a\n", ","],
  ] as const)("reads the separator of %j as %j", (header, expected) => {
    expect(detectDelimiter(header)).toBe(expected);
  });

  it("imports a semicolon file with decimal commas and says how it was read", () => {
    const parsed = parseValuesCsv(`${BOM}city;indicator;period;value;note;evidence_url\r\nkushtia;SD-2;2026-q2;70,5;"Ward 3; north";\r\nkushtia;SD-3;2026-Q2;12;;\r\n`);
    expect(parsed).toMatchObject({ ok: true, format: { delimiter: ";", decimalComma: true } });
    if (!parsed.ok) return;
    expect(parsed.rows.map((r) => r.cells.value)).toEqual(["70,5", "12"]);
    expect(parsed.rows[0]?.cells.note).toBe("Ward 3; north");
    expect(parseValueCell("70,5", parsed.format)).toEqual({ ok: true, value: 70.5 });
  });

  it("reads a semicolon file with dots as decimal points", () => {
    expect(parseValuesCsv("city;indicator;period;value\nkushtia;SD-2;2026-Q2;70.5\n")).toMatchObject({ ok: true, format: { delimiter: ";", decimalComma: false } });
  });

  it("decides the decimal mark from the value cells", () => {
    expect(detectDecimalComma(["70,5", "12"], ";")).toBe(true);
    expect(detectDecimalComma(["1,234"], ";")).toBe(true);
    expect(detectDecimalComma(["1,234.5", "70,5"], ";")).toBe(false);
    expect(detectDecimalComma(["12", "7.5"], ";")).toBe(false);
    // Tab files: only a comma that cannot be a thousands separator.
    expect(detectDecimalComma(["1,234"], "\t")).toBe(false);
    expect(detectDecimalComma(["12,34,567"], "\t")).toBe(false);
    expect(detectDecimalComma(["0,25"], "\t")).toBe(true);
    expect(detectDecimalComma(["1.234,5"], "\t")).toBe(true);
    expect(detectDecimalComma(["৭০,৫"], "\t")).toBe(true);
    // A comma file cannot: 70,5 unquoted is two cells.
    expect(detectDecimalComma(["70,5"], ",")).toBe(false);
  });

  it("parses value cells with the one number parser, empty as no value", () => {
    expect(parseValueCell("", { decimalComma: false })).toEqual({ ok: true, value: null });
    expect(parseValueCell(" 72.5 ", { decimalComma: false })).toEqual({ ok: true, value: 72.5 });
    expect(parseValueCell("৭২.৫", { decimalComma: false })).toEqual({ ok: true, value: 72.5 });
    expect(parseValueCell("1.234,5", { decimalComma: true })).toEqual({ ok: true, value: 1234.5 });
    for (const bad of ["abc", "1e25", "1e+25", "0x32", "Infinity", "NaN", "12%"]) expect(parseValueCell(bad, { decimalComma: false }).ok, bad).toBe(false);
    // In a decimal-comma file a dot groups thousands: 70.5 is not a number there, not 705.
    expect(parseValueCell("70.5", { decimalComma: true }).ok).toBe(false);
  });

  it("reads version cells: empty is 0 (no value expected), text is refused", () => {
    expect(parseVersionCell("")).toEqual({ ok: true, version: 0 });
    expect(parseVersionCell(" 3 ")).toEqual({ ok: true, version: 3 });
    expect(parseVersionCell("৩")).toEqual({ ok: true, version: 3 });
    for (const bad of ["x", "1.5", "-1", "1e3"]) expect(parseVersionCell(bad), bad).toEqual({ ok: false, messageKey: "csv.badVersion" });
  });
});

describe("numbers in exported files", () => {
  it.each([
    [1e25, "10000000000000000000000000"],
    [1e21, "1000000000000000000000"],
    [1.5e22, "15000000000000000000000"],
    [-2.5e21, "-2500000000000000000000"],
    [1e-7, "0.0000001"],
    [-1.25e-8, "-0.0000000125"],
    [72.5, "72.5"],
    [0.30000000000000004, "0.30000000000000004"],
    [0, "0"],
    [-0, "0"],
    [123456789012, "123456789012"],
  ])("writes %d as %j", (value, text) => {
    expect(plainNumber(value)).toBe(text);
    expect(escapeCell(value)).toBe(text);
    // Exactly the same number when read back.
    expect(Number(text)).toBe(value === 0 ? 0 : value);
  });

  it("never writes an exponent into a file", () => {
    const row: CsvValueRow = { city: "kushtia", indicator: "SD-9", period: "2025-Q3", value: 1e25, note: "", evidenceUrl: null, status: "draft", validatedValue: 1e-9, version: 1 };
    const text = valuesToCsv([row]);
    expect(text).not.toMatch(/\de[+-]?\d/i);
    expect(text).toContain(",10000000000000000000000000,");
    expect(text).toContain(",0.000000001,");
  });
});

describe("import history scope", () => {
  it("shows reviewers and admins every city, officers their own, nobody else anything", () => {
    expect(importHistoryScope({ id: 1, role: "reviewer", cityId: null })).toEqual({ cityId: undefined });
    expect(importHistoryScope({ id: 1, role: "admin", cityId: null })).toEqual({ cityId: undefined });
    expect(importHistoryScope({ id: 1, role: "officer", cityId: 7 })).toEqual({ cityId: 7 });
    expect(importHistoryScope({ id: 1, role: "officer", cityId: null })).toBeNull();
    expect(importHistoryScope({ id: 1, role: "partner", cityId: null })).toBeNull();
    expect(importHistoryScope({ id: 1, role: "trainer", cityId: 7 })).toBeNull();
  });
});

describe("export and template queries", () => {
  it("accepts known filters and treats blank ones as absent", () => {
    expect(valueExportQuerySchema.parse({ city: "Kushtia", component: "", from: "2025-q1", to: "2025-Q4", status: "validated", other: "x" })).toEqual({ city: "kushtia", component: undefined, from: "2025-Q1", to: "2025-Q4", status: "validated" });
  });

  it("refuses bad values with message keys", () => {
    const result = valueExportQuerySchema.safeParse({ city: "no such/city", from: "2025-Q5", status: "lost" });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toEqual(expect.arrayContaining(["validation.city", "validation.period", "validation.valueStatus"]));
    expect(valueExportQuerySchema.safeParse({ from: "2026-Q1", to: "2025-Q1" }).error?.issues[0]?.message).toBe("validation.periodOrder");
  });

  it("needs a city and a reportable quarter for the template", () => {
    expect(valueTemplateQuerySchema.parse({ city: "kushtia", period: "2025-q4" })).toEqual({ city: "kushtia", period: "2025-Q4" });
    expect(valueTemplateQuerySchema.safeParse({ period: "2025-Q4" }).success).toBe(false);
    expect(valueTemplateQuerySchema.safeParse({ city: "kushtia", period: "2999-Q1" }).success).toBe(false);
  });
});
