import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StaticLine } from "@/components/charts/StaticLine";
import { StaticRadar } from "@/components/charts/StaticRadar";
import { labelIndexes, lineRuns, radarAxis, radarPolygon } from "@/lib/charts/svg-geometry";

const centre = { x: 100, y: 100 };
const format = (n: number) => new Intl.NumberFormat("bn-BD").format(n);

describe("chart geometry for server-drawn charts", () => {
  it("places radar axes clockwise from the top", () => {
    expect(radarAxis(0, 4, 50, centre)).toEqual({ x: 100, y: 50 });
    expect(radarAxis(1, 4, 50, centre)).toEqual({ x: 150, y: 100 });
    expect(radarAxis(2, 4, 50, centre)).toEqual({ x: 100, y: 150 });
    expect(radarAxis(3, 4, 50, centre)).toEqual({ x: 50, y: 100 });
  });

  it("draws a score at its share of the radius, clamps out-of-range scores and leaves out missing ones", () => {
    expect(radarPolygon([50, 100, null, 150], 100, centre)).toEqual([
      { x: 100, y: 50 },
      { x: 200, y: 100 },
      { x: 0, y: 100 },
    ]);
  });

  it("breaks a line at a missing quarter instead of drawing over it", () => {
    const area = { left: 0, top: 0, width: 300, height: 100, min: 0, max: 100 };
    expect(lineRuns([0, 50, null, 100], area)).toEqual([
      [{ x: 0, y: 100 }, { x: 100, y: 50 }],
      [{ x: 300, y: 0 }],
    ]);
    expect(lineRuns([null, null], area)).toEqual([]);
  });

  it("prints at most so many axis labels, always the last", () => {
    expect(labelIndexes(5, 8)).toEqual([0, 1, 2, 3, 4]);
    expect(labelIndexes(20, 8)).toEqual([0, 3, 6, 9, 12, 15, 18, 19]);
  });
});

describe("server-drawn charts", () => {
  it("render as SVG with real, escaped text: Bangla labels, Bangla digits, a title for screen readers", () => {
    const html = renderToStaticMarkup(
      createElement(StaticRadar, { title: "কুষ্টিয়া <পৌরসভা>", labels: ["শাসন", "সেবা প্রদান", "অর্থায়ন"], series: [{ label: "কুষ্টিয়া পৌরসভা", data: [60, null, 40] }, { label: "Median", data: [50, 50, 50] }], format }),
    );
    expect(html).toMatch(/^<svg [^>]*role="img"/);
    expect(html).toContain("<title>কুষ্টিয়া &lt;পৌরসভা&gt;</title>");
    expect(html).toContain("সেবা প্রদান");
    expect(html).toContain("১০০");
    expect(html.match(/<polygon/g)?.length).toBe(4 + 2);
    expect(html).not.toContain("<script");
  });

  it("draws one polyline per unbroken run of a trend", () => {
    const html = renderToStaticMarkup(createElement(StaticLine, { title: "CWIS index", periods: ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"], series: [{ label: "Kushtia", data: [40, 45, null, 55] }], format: String }));
    expect(html.match(/<polyline/g)?.length).toBe(1);
    expect(html.match(/<circle/g)?.length).toBe(1);
    expect(html).toContain("2025-Q4");
  });
});
