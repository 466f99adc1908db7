/**
 * Plausible ranges of every indicator of the CWIS framework (db/data/cwis-framework.json), seeded
 * once; administrators adjust them on the framework page. See docs/values.md#plausible-ranges.
 *
 * - hard: a value outside is refused (within the unit's own bounds: 0–100 for a percentage);
 * - expected: a value outside is saved but flagged, and needs the officer's explanation to be
 *   submitted. With `perCapita` (counts only) the expected bounds are per 100,000 residents and
 *   scale with the city's population, so Dhaka and a town of 80,000 are both judged fairly;
 * - maxChange: the move from the city's last validated value that needs an explanation — in
 *   points for percentages, ratios, scores and yes/no, as a ratio (larger / smaller) for counts and days.
 *
 * The numbers are deliberately wide: they catch a slipped decimal point or a typed population
 * instead of a count (no city has 10^25 of anything), not an honest surprise.
 */
export interface IndicatorRangeSeed {
  hardMin: number;
  hardMax: number;
  expectedMin: number | null;
  expectedMax: number | null;
  perCapita: boolean;
  maxChange: number;
}

const yesNo: IndicatorRangeSeed = { hardMin: 0, hardMax: 1, expectedMin: null, expectedMax: null, perCapita: false, maxChange: 1 };
// A share of something a city measures every quarter: 20 points in a quarter is a big move.
const quarterlyShare: IndicatorRangeSeed = { hardMin: 0, hardMax: 100, expectedMin: 0, expectedMax: 100, perCapita: false, maxChange: 20 };
// Surveyed once a year: a year allows a somewhat larger move.
const annualShare: IndicatorRangeSeed = { hardMin: 0, hardMax: 100, expectedMin: 0, expectedMax: 100, perCapita: false, maxChange: 25 };

export const INDICATOR_RANGES: Record<string, IndicatorRangeSeed> = {
  "GOV-1": yesNo,
  "GOV-2": yesNo,
  "GOV-3": yesNo,
  // Coordination meetings in a quarter: weekly at most is already a lot.
  "GOV-4": { hardMin: 0, hardMax: 200, expectedMin: 0, expectedMax: 13, perCapita: false, maxChange: 3 },
  "GOV-5": yesNo,
  // Licensed emptying operators: up to about 10 per 100,000 residents; 2,000 in any city is a typo.
  "GOV-6": { hardMin: 0, hardMax: 2000, expectedMin: 0, expectedMax: 10, perCapita: true, maxChange: 3 },
  "SD-1": annualShare,
  "SD-2": quarterlyShare,
  "SD-3": quarterlyShare,
  // Median days from request to emptying: two months is already unusual, a year the hard limit.
  "SD-4": { hardMin: 0, hardMax: 365, expectedMin: 0, expectedMax: 60, perCapita: false, maxChange: 3 },
  "SD-5": quarterlyShare,
  "SD-6": quarterlyShare,
  "SD-7": annualShare,
  // Women-led sanitation enterprises: up to about 20 per 100,000 residents.
  "WE-1": { hardMin: 0, hardMax: 5000, expectedMin: 0, expectedMax: 20, perCapita: true, maxChange: 3 },
  "WE-2": quarterlyShare,
  "WE-3": annualShare,
  // Women in the formal sanitation workforce: rarely above 70 %.
  "WE-4": { ...annualShare, expectedMax: 70 },
  "DF-1": quarterlyShare,
  "DF-2": annualShare,
  // The FSM budget line as a share of the whole municipal budget: the target is 2 %; above 10 % is
  // unusual and above 50 % impossible in practice.
  "DF-3": { hardMin: 0, hardMax: 50, expectedMin: 0, expectedMax: 10, perCapita: false, maxChange: 3 },
  "DF-4": annualShare,
  "DF-5": yesNo,
  // Low-income coverage over citywide coverage: 1 is parity; far above or below needs a word.
  "GESI-1": { hardMin: 0, hardMax: 2, expectedMin: 0.3, expectedMax: 1.3, perCapita: false, maxChange: 0.3 },
  "GESI-2": { ...annualShare, expectedMax: 70 },
  "GESI-3": annualShare,
  "GESI-4": annualShare,
  // Five yes/no items, one point each: moving by more than two in a year needs a word.
  "GESI-5": { hardMin: 0, hardMax: 5, expectedMin: null, expectedMax: null, perCapita: false, maxChange: 2 },
  "BCC-1": quarterlyShare,
  "BCC-2": quarterlyShare,
  "BCC-3": quarterlyShare,
  "BCC-4": yesNo,
  "BCC-5": annualShare,
};
