/**
 * The geometry of charts drawn as plain SVG on the server (reports, their print view and PDF):
 * they must show without JavaScript, so Chart.js's canvas is no use there. Pure: the static chart
 * components (components/charts/Static*.tsx) draw what these functions place.
 */

export interface Point {
  x: number;
  y: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Where the i-th of n radar axes points: the first straight up, then clockwise. */
export function radarAxis(index: number, count: number, radius: number, centre: Point): Point {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  return { x: round(centre.x + radius * Math.cos(angle)), y: round(centre.y + radius * Math.sin(angle)) };
}

/**
 * A radar series' polygon: a score 0–100 on each axis, at that share of the radius. An axis
 * without a score is left out (the polygon joins its neighbours), as Chart.js's spanGaps does.
 */
export function radarPolygon(values: readonly (number | null)[], radius: number, centre: Point): Point[] {
  const count = values.length;
  return values.flatMap((value, i) => (value === null ? [] : [radarAxis(i, count, (radius * Math.min(100, Math.max(0, value))) / 100, centre)]));
}

export const pointsAttribute = (points: readonly Point[]) => points.map((p) => `${p.x},${p.y}`).join(" ");

/** A line chart's plot area. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
  min: number;
  max: number;
}

/**
 * A series over an axis of periods, as runs of joined points: a missing value breaks the line
 * (a gap in the data is shown as a gap, never drawn over).
 */
export function lineRuns(values: readonly (number | null)[], area: PlotArea): Point[][] {
  const runs: Point[][] = [];
  let current: Point[] = [];
  const step = values.length > 1 ? area.width / (values.length - 1) : 0;
  values.forEach((value, i) => {
    if (value === null) {
      if (current.length) runs.push(current);
      current = [];
      return;
    }
    const share = area.max === area.min ? 0 : (Math.min(area.max, Math.max(area.min, value)) - area.min) / (area.max - area.min);
    current.push({ x: round(area.left + (values.length > 1 ? i * step : area.width / 2)), y: round(area.top + area.height * (1 - share)) });
  });
  if (current.length) runs.push(current);
  return runs;
}

/** Which of many axis labels to print so they do not overlap: at most `most`, always the last. */
export function labelIndexes(count: number, most: number): number[] {
  if (count <= most) return Array.from({ length: count }, (_, i) => i);
  const every = Math.ceil(count / most);
  const picked = Array.from({ length: count }, (_, i) => i).filter((i) => i % every === 0);
  if (picked[picked.length - 1] !== count - 1) picked.push(count - 1);
  return picked;
}
