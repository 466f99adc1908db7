import type { Direction, LocalizedText, ReportKind, Unit } from "@/lib/domain";
import { translator } from "@/lib/i18n/messages";
import { LOCALES } from "@/lib/i18n/config";
import type { AnswerValue, QuestionConfig } from "@/lib/questionnaires/types";
import { indicatorPeriodOf } from "@/lib/questionnaires/rules";
import type { TargetStatus } from "./types";

/** How many quarters of the CWIS index a report's trend chart shows. */
export const TREND_QUARTERS = 12;
/** The most library resources a report lists per city. */
export const REPORT_RESOURCES_MAX = 50;

/**
 * The last quarter a report reads values up to: Q4 of a profile's year; a round's own quarter, or
 * Q4 of a year round (the quarter its indicator questions write).
 */
export function reportCutoff(report: { kind: ReportKind; year: number | null }, roundPeriod: string | null): string {
  if (report.kind === "city_profile" || roundPeriod === null) return `${report.year ?? new Date().getUTCFullYear()}-Q4`;
  return indicatorPeriodOf(roundPeriod);
}

/** The calendar year a report's events and needs come from. */
export function reportYear(report: { year: number | null }, roundPeriod: string | null): number {
  if (report.year !== null) return report.year;
  return Number((roundPeriod ?? "").slice(0, 4)) || new Date().getUTCFullYear();
}

/** Whether a value reaches its target, in the indicator's direction (no value: no data). */
export function targetStatus(indicator: { unit: Unit; direction: Direction; target: number }, value: number | null): TargetStatus {
  if (value === null) return "no_data";
  const met = indicator.direction === "lower_is_better" ? value <= indicator.target : value >= indicator.target;
  return met ? "met" : "not_met";
}

const everyLanguage = (of: (locale: (typeof LOCALES)[number]) => string): LocalizedText => ({ en: of("en"), bn: of("bn"), ne: of("ne") });

/**
 * An answer as text in all three languages, so a stored snapshot prints in any of them: choices by
 * their labels, yes/no by the interface's words; typed text stays as the city wrote it.
 */
export function localizedAnswer(config: QuestionConfig, value: AnswerValue): LocalizedText {
  const labelOf = (choice: string, locale: (typeof LOCALES)[number]) => {
    const options = config.type === "single_choice" || config.type === "multiple_choice" ? config.options : [];
    const option = options.find((o) => o.value === choice);
    return option ? option.label[locale] || option.label.en : choice;
  };
  switch (value.kind) {
    case "boolean":
      return everyLanguage((locale) => translator(locale)(value.value ? "common.yes" : "common.no"));
    case "choice":
      return everyLanguage((locale) => labelOf(value.value, locale));
    case "choices":
      return everyLanguage((locale) => [...value.values.map((v) => labelOf(v, locale)), ...(value.other ? [value.other] : [])].join("; "));
    case "number":
      return everyLanguage(() => (config.type === "number" && config.unit ? `${value.value} ${config.unit}` : config.type === "percent" ? `${value.value}%` : String(value.value)));
    case "text":
    case "date":
      return everyLanguage(() => value.value);
    case "file":
      return everyLanguage(() => value.name);
  }
}
