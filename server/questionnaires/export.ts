import "server-only";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Database } from "@/db/client";
import { exportPages, sectionsAnswered, type CityFilter, type ExportRow, type ExportScope } from "@/db/queries/round-results";
import { localizedName, type Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import { BOM, csvLine } from "@/lib/csv";
import { sheetName } from "@/lib/spreadsheet";
import { localize } from "@/lib/questionnaires/view";

/**
 * Exports of answers: one row per city × question answered, the question's text in the chosen
 * language, in the version that city answered (an export across versions keeps every question
 * any response answered, never only the latest version's). Read from the database in pages and
 * written as it goes, so memory stays flat whatever the size: CSV as one stream, XLSX with
 * exceljs's streaming writer, a sheet per section.
 */
export { exportPages, type ExportScope };

/** Every row of the scope (of one section, or all), page by page. */
async function* pages(db: Database, scope: ExportScope, filter: CityFilter, sectionKey?: string): AsyncGenerator<ExportRow[]> {
  for await (const page of exportPages(db, scope, { filter, ...(sectionKey ? { sectionKey } : {}) })) if (page.rows.length) yield page.rows;
}

function header(t: Translate): string[] {
  return [t("export.round"), t("export.period"), t("export.version"), t("export.city"), t("export.country"), t("export.programmeRole"), t("export.status"), t("export.section"), t("export.questionKey"), t("export.question"), t("export.answer"), t("export.indicator"), t("export.valueStatus")];
}

/** What a cell says of an answer: the options' labels in the chosen language, a number as a number. */
function answerCell(row: ExportRow, locale: Locale, t: Translate): string | number {
  if (row.type === "indicator") return row.indicatorValue ?? "";
  const value = row.value;
  if (!value) return "";
  const labelOf = (choice: string) => {
    const config = row.config;
    const option = config.type === "single_choice" || config.type === "multiple_choice" ? config.options.find((o) => o.value === choice) : undefined;
    return option ? localize(option.label, locale) : choice;
  };
  switch (value.kind) {
    case "number":
      return value.value;
    case "boolean":
      return value.value ? t("questionnaire.field.yes") : t("questionnaire.field.no");
    case "choice":
      return labelOf(value.value);
    case "choices":
      return [...value.values.map(labelOf), ...(value.other ? [value.other] : [])].join("; ");
    case "text":
    case "date":
      return value.value;
    case "file":
      return value.name;
  }
}

type Sections = Map<string, string>;

async function sectionTitles(db: Database, scope: ExportScope, locale: Locale): Promise<Sections> {
  // Newest version first: a section's title is its latest; sections a later version dropped stay.
  const titles: Sections = new Map();
  for (const version of await sectionsAnswered(db, scope)) for (const section of version.sections) if (!titles.has(section.key)) titles.set(section.key, localize(section.title, locale));
  return titles;
}

/**
 * Turns export rows into cells. A response's and a question's texts are the same on each of their
 * rows: made once and reused (they were most of the time spent per row).
 */
function cellMaker(sections: Sections, locale: Locale, t: Translate): (row: ExportRow) => (string | number)[] {
  const ofResponse = new Map<number, (string | number)[]>();
  const ofQuestion = new Map<number, string[]>();
  const valueStatus = new Map<string, string>();
  return (row) => {
    let head = ofResponse.get(row.responseId);
    if (!head) {
      head = [localize(row.roundTitle, locale), row.period, row.versionNumber, localizedName(row, locale), row.country, t(`programmeRoles.${row.programmeRole}`), t(`responses.status.${row.status}`)];
      ofResponse.set(row.responseId, head);
    }
    let question = ofQuestion.get(row.questionId);
    if (!question) {
      question = [sections.get(row.sectionKey) ?? row.sectionKey, row.questionKey, localize(row.label, locale)];
      ofQuestion.set(row.questionId, question);
    }
    let status = row.indicatorStatus ? valueStatus.get(row.indicatorStatus) : "";
    if (status === undefined && row.indicatorStatus) {
      status = t(`status.${row.indicatorStatus as "draft" | "submitted" | "validated" | "returned"}`);
      valueStatus.set(row.indicatorStatus, status);
    }
    return [...head, ...question, answerCell(row, locale, t), row.indicatorCode ?? "", status ?? ""];
  };
}

/** The answers as CSV (UTF-8 with a BOM, so Excel shows Bangla and Devanagari). */
export async function exportCsv(db: Database, scope: ExportScope, options: { locale: Locale; t: Translate; filter: CityFilter }): Promise<ReadableStream<Uint8Array>> {
  const sections = await sectionTitles(db, scope, options.locale);
  const cells = cellMaker(sections, options.locale, options.t);
  const source = pages(db, scope, options.filter);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvLine(header(options.t))));
    },
    async pull(controller) {
      try {
        const next = await source.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map((row) => csvLine(cells(row))).join("")));
      } catch (error) {
        console.error("[export] answers csv failed", error);
        controller.error(new Error("export failed"));
      }
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

/**
 * The answers as XLSX, a sheet per section, streamed: exceljs's WorkbookWriter writes each row
 * as it is committed and each sheet is finished before the next begins, so only one page of rows
 * is in memory at a time. Numbers stay numbers.
 */
export function exportXlsx(db: Database, scope: ExportScope, options: { locale: Locale; t: Translate; filter: CityFilter }): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  // zlib level 1: a tenth faster than the default for a file a few percent larger.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const run = async () => {
    const sections = await sectionTitles(db, scope, options.locale);
    const cells = cellMaker(sections, options.locale, options.t);
    const taken = new Set<string>();
    const head = header(options.t);
    for (const [key, title] of sections.size ? sections : new Map([["", options.t("export.answers")]])) {
      const sheet = workbook.addWorksheet(sheetName(title, "Sheet", taken));
      sheet.addRow(head).commit();
      for await (const rows of pages(db, scope, options.filter, key || undefined)) {
        for (const row of rows) sheet.addRow(cells(row)).commit();
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  run().catch((error: unknown) => {
    console.error("[export] answers xlsx failed", error);
    output.destroy(new Error("export failed"));
  });
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
