/**
 * Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Series also
 * differ by line dash or point style where charts allow, so colour is never the only cue.
 */
export const SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"] as const;
export const SERIES_DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2], [8, 2]];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? "#0072B2";
}

/** A translucent fill of a series colour (hex → rgba). */
export function seriesFill(index: number, alpha = 0.15): string {
  const hex = seriesColour(index).slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
