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
