/** Reporting periods are quarters written `2025-Q3`. Annual indicators report in the year's Q4. */
export const PERIOD_PATTERN = /^(\d{4})-Q([1-4])$/;

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export function parsePeriod(period: string): Quarter | null {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const quarter = Number(match[2]) as Quarter["quarter"];
  if (year < 2000 || year > 2100) return null;
  return { year, quarter };
}

export function formatPeriod({ year, quarter }: Quarter): string {
  return `${year}-Q${quarter}`;
}

export function addQuarters(period: string, delta: number): string {
  const parsed = parsePeriod(period);
  if (!parsed) throw new RangeError(`not a period: ${period}`);
  const index = parsed.year * 4 + (parsed.quarter - 1) + delta;
  return formatPeriod({ year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter["quarter"] });
}

/** The `count` quarters ending with `last`, oldest first. */
export function quartersEnding(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addQuarters(last, i - count + 1));
}

export function periodOfDate(date: Date): string {
  return formatPeriod({ year: date.getUTCFullYear(), quarter: (Math.floor(date.getUTCMonth() / 3) + 1) as Quarter["quarter"] });
}

/** The first quarter the programme takes values for when a city says nothing else. */
export const FIRST_PERIOD = "2000-Q1";

/** How far before joining the programme a city may report by default: five years. */
const YEARS_BEFORE_JOINING = 5;

/**
 * The earliest quarter a city's values are accepted for (issue 12): the city's own earliestPeriod
 * when set, else the quarter five years before it joined the programme (baseline data), else
 * 2000-Q1 — never before 2000-Q1.
 */
export function earliestPeriodFor(city: { earliestPeriod: string | null; joinedOn: string | Date | null }): string {
  let earliest = FIRST_PERIOD;
  if (city.earliestPeriod !== null && parsePeriod(city.earliestPeriod)) earliest = city.earliestPeriod;
  else if (city.joinedOn !== null) {
    const joined = typeof city.joinedOn === "string" ? new Date(`${city.joinedOn.slice(0, 10)}T00:00:00Z`) : city.joinedOn;
    if (!Number.isNaN(joined.getTime())) {
      const year = joined.getUTCFullYear() - YEARS_BEFORE_JOINING;
      earliest = year < 2000 ? FIRST_PERIOD : formatPeriod({ year, quarter: (Math.floor(joined.getUTCMonth() / 3) + 1) as Quarter["quarter"] });
    }
  }
  return earliest < FIRST_PERIOD ? FIRST_PERIOD : earliest;
}

/** The quarter that ended last: the one an officer should have submitted by now. */
export function lastCompletedQuarter(now: Date = new Date()): string {
  return addQuarters(periodOfDate(now), -1);
}
