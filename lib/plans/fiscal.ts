/**
 * Fiscal years of city action plans, labelled by the Gregorian year they start in: `FY2026-27`.
 *
 * - Bangladesh: 1 July – 30 June.
 * - Nepal: 1 Shrawan – the last day of Ashadh of the Bikram Sambat (BS) calendar; FY2026-27 is BS
 *   2083/84 and starts on 1 Shrawan 2083 = 17 July 2026. BS month lengths follow no formula (a
 *   committee publishes them), so the Gregorian days come from nepali-date-converter's table, which
 *   ends with BS 2090: Nepali fiscal years after FY2032-33 (BS 2089/90) have no range yet, and the
 *   functions below answer null for them (currentFiscalYear throws) rather than guess.
 *
 * Days are ISO `YYYY-MM-DD` strings (Gregorian), compared as text.
 */
import NepaliDate from "nepali-date-converter";
import type { Country } from "@/lib/domain";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import { addQuarters, parsePeriod, periodOfDate, type Quarter } from "@/lib/periods";
import { COUNTRY_TIME_ZONE, todayIn } from "@/lib/time";

/**
 * The shape of a label, for `z.string().regex(...)`. It cannot check that the second year follows
 * the first: refine with `isFiscalYearLabel` (or parse with `parseFiscalYear`).
 */
export const FISCAL_YEAR_PATTERN = /^FY(\d{4})-(\d{2})$/;

// The same years lib/periods.ts accepts for quarters.
const FIRST_START_YEAR = 2000;
const LAST_START_YEAR = 2099;

/** BS years run from mid-April: the one whose Shrawan falls in July of AD year y is y + 57. */
const BS_YEAR_OFFSET = 57;
/** nepali-date-converter's month index of Shrawan (Baisakh is 0). */
const SHRAWAN = 3;

export interface FiscalYear {
  /** The Gregorian year the fiscal year starts in: 2026 for FY2026-27. */
  startYear: number;
}

export interface DayRange {
  /** First and last day, both inside the year (ISO, Gregorian). */
  start: string;
  end: string;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

export function fiscalYearLabel(startYear: number): string {
  return `FY${startYear}-${pad2((startYear + 1) % 100)}`;
}

/** Null when malformed: `FY2026-28`, `FY26-27`, `2026-27`, a start before 2000 or after 2099. */
export function parseFiscalYear(label: string): FiscalYear | null {
  const match = FISCAL_YEAR_PATTERN.exec(label);
  if (!match) return null;
  const startYear = Number(match[1]);
  if (startYear < FIRST_START_YEAR || startYear > LAST_START_YEAR) return null;
  if (Number(match[2]) !== (startYear + 1) % 100) return null;
  return { startYear };
}

export function isFiscalYearLabel(value: unknown): value is string {
  return typeof value === "string" && parseFiscalYear(value) !== null;
}

const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayMs(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

const shrawanFirsts = new Map<number, string | null>();

/** 1 Shrawan of a BS year as a Gregorian day, or null outside the converter's table. */
function shrawanFirst(bsYear: number): string | null {
  let day = shrawanFirsts.get(bsYear);
  if (day === undefined) {
    try {
      // getAD() reads UTC fields, so the answer does not depend on the machine's zone (the
      // converter's AD → BS direction does, which is why only BS → AD is used here).
      const ad = new NepaliDate(bsYear, SHRAWAN, 1).getAD();
      day = `${ad.year}-${pad2(ad.month + 1)}-${pad2(ad.date)}`;
    } catch {
      day = null;
    }
    shrawanFirsts.set(bsYear, day);
  }
  return day;
}

/** First and last day of the fiscal year; null for a malformed label or a Nepali year beyond the BS table. */
export function fiscalYearRange(label: string, country: Country): DayRange | null {
  const parsed = parseFiscalYear(label);
  if (!parsed) return null;
  const { startYear } = parsed;
  if (country === "BD") return { start: `${startYear}-07-01`, end: `${startYear + 1}-06-30` };
  const start = shrawanFirst(startYear + BS_YEAR_OFFSET);
  const next = shrawanFirst(startYear + 1 + BS_YEAR_OFFSET);
  if (start === null || next === null) return null;
  return { start, end: isoDay(dayMs(next) - DAY_MS) };
}

function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(dayMs(value)) && isoDay(dayMs(value)) === value;
}

/**
 * The fiscal year containing the day, or null when the day is malformed or no known fiscal year
 * contains it (before FY2000-01; in Nepal after the BS table ends). Whatever it returns,
 * fiscalYearRange of that label contains the day.
 */
export function fiscalYearOf(country: Country, isoDate: string): string | null {
  if (!isIsoDate(isoDate)) return null;
  const year = Number(isoDate.slice(0, 4));
  // A fiscal year starts in July, so the day lies in the one starting this calendar year or the last.
  for (const startYear of [year, year - 1]) {
    const label = fiscalYearLabel(startYear);
    const range = fiscalYearRange(label, country);
    if (range && range.start <= isoDate && isoDate <= range.end) return label;
  }
  return null;
}

/**
 * The fiscal year of today in the country's zone: 17 July 2026 at 00:30 in Kathmandu is still 16
 * July in UTC. Throws once the BS table runs out (from mid-July 2033 for Nepal), which only a
 * dependency update fixes.
 */
export function currentFiscalYear(country: Country, now: Date = new Date()): string {
  const today = todayIn(COUNTRY_TIME_ZONE[country], now);
  const label = fiscalYearOf(country, today);
  if (label === null) throw new RangeError(`no fiscal year known for ${today} in ${country}: update nepali-date-converter's BS table`);
  return label;
}

/** The BS years of a fiscal year as Nepal writes them: FY2026-27 → `2083/84`. Null when malformed. */
export function nepaliFiscalLabel(label: string): string | null {
  const parsed = parseFiscalYear(label);
  if (!parsed) return null;
  const first = parsed.startYear + BS_YEAR_OFFSET;
  return `${first}/${pad2((first + 1) % 100)}`;
}

const digitFormats = new Map<Locale, Intl.NumberFormat>();

/** ASCII digits in the locale's digits (Bangla for bn, Devanagari for ne), as Intl writes them. */
function localDigits(text: string, locale: Locale): string {
  if (locale === "en") return text;
  let format = digitFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { useGrouping: false });
    digitFormats.set(locale, format);
  }
  const digits = format;
  return text.replace(/\d/g, (digit) => digits.format(Number(digit)));
}

export interface FiscalYearText {
  calendar: "gregorian" | "bikram_sambat";
  text: string;
}

/**
 * What to show for a fiscal year, in order, digits in the reader's script. Bangladesh: the label
 * alone. Nepal: the label and the BS years beside it, the BS years first for Nepali readers (that
 * is the name they know the year by). Words such as "FY" or "आ.व." are the caller's, from messages.
 * Null when the label is malformed.
 */
export function fiscalYearLabels(label: string, country: Country, locale: Locale): FiscalYearText[] | null {
  const nepali = nepaliFiscalLabel(label);
  if (nepali === null) return null;
  const gregorian: FiscalYearText = { calendar: "gregorian", text: localDigits(label, locale) };
  if (country === "BD") return [gregorian];
  const bs: FiscalYearText = { calendar: "bikram_sambat", text: localDigits(nepali, locale) };
  return locale === "ne" ? [bs, gregorian] : [gregorian, bs];
}

/** Days from `start` to `end`, both counted. */
function daysBetween(start: string, end: string): number {
  return (dayMs(end) - dayMs(start)) / DAY_MS + 1;
}

function quarterBounds({ year, quarter }: Quarter): DayRange {
  const firstMonth = (quarter - 1) * 3;
  return { start: isoDay(Date.UTC(year, firstMonth, 1)), end: isoDay(Date.UTC(year, firstMonth + 3, 1) - DAY_MS) };
}

/**
 * The calendar quarters (`YYYY-Qn`) a fiscal year is reported by, oldest first: those with more
 * than half their days inside it, so no quarter counts for two years. In Nepal the two weeks of
 * July at either end do not pull in a fifth quarter: FY2026-27 (17 July 2026 – 16 July 2027) has
 * 76 of 2026-Q3's 92 days and 16 of 2027-Q3's, so it is 2026-Q3 … 2027-Q2, as in Bangladesh.
 * Null when fiscalYearRange is.
 */
export function quartersOfFiscalYear(label: string, country: Country): string[] | null {
  const range = fiscalYearRange(label, country);
  if (!range) return null;
  const quarters: string[] = [];
  for (let period = periodOfDate(new Date(dayMs(range.start))); ; period = addQuarters(period, 1)) {
    const quarter = parsePeriod(period);
    if (!quarter) break;
    const bounds = quarterBounds(quarter);
    if (bounds.start > range.end) break;
    const overlapStart = bounds.start > range.start ? bounds.start : range.start;
    const overlapEnd = bounds.end < range.end ? bounds.end : range.end;
    if (daysBetween(overlapStart, overlapEnd) * 2 > daysBetween(bounds.start, bounds.end)) quarters.push(period);
  }
  return quarters;
}
