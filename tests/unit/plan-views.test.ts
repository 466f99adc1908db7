import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ActionStatusBadge } from "@/components/plans/ActionStatusBadge";
import { PlanBoard } from "@/components/plans/PlanBoard";
import { PlanTimeline } from "@/components/plans/PlanTimeline";
import { ACTION_STATUSES } from "@/lib/domain";
import { formatters, translator } from "@/lib/i18n/messages";
import type { PlanActionView } from "@/lib/plans/view";

const t = translator("en");
const format = formatters("en");
const actionHref = (id: number) => `/plans/1/actions/${id}`;
// Bangladesh's FY2026-27.
const range = { start: "2026-07-01", end: "2027-06-30" };

function action(id: number, overrides: Partial<PlanActionView> = {}): PlanActionView {
  return {
    id,
    goalId: 1,
    title: `Action ${id}`,
    owner: "WASH committee",
    ownerKind: "committee",
    startsOn: "2026-08-01",
    dueOn: "2026-12-31",
    status: "planned",
    statusReason: "",
    progress: 0,
    overdue: false,
    eventId: null,
    decisionId: null,
    budgetPlanned: null,
    budgetSpent: null,
    problems: [],
    version: 1,
    ...overrides,
  };
}

const actions = [
  action(1, { title: "Desludging schedule", status: "in_progress", progress: 40, budgetPlanned: 100000, budgetSpent: 25000 }),
  action(2, { title: "Survey of pits", status: "in_progress", progress: 10, dueOn: "2026-09-30", overdue: true }),
  action(3, { title: "Buy a vacuum truck", status: "blocked", statusReason: "Tender failed twice", goalId: 2 }),
  action(4, { title: "Treatment plant design", status: "done", progress: 100, startsOn: "2026-03-01", dueOn: "2026-10-15" }),
];
const goals = [
  { id: 1, label: "Safe emptying" },
  { id: 2, label: "Treatment" },
];

/** The markup of each element carrying `data-testid="…"`, from its opening tag to the next one of its kind. */
function pieces(html: string, testId: string): string[] {
  return html.split(`data-testid="${testId}"`).slice(1);
}

describe("plan status board", () => {
  const html = renderToStaticMarkup(createElement(PlanBoard, { actions, goals, t, format, currency: "BDT", actionHref }));

  it("has one column per status, in order, with its count in the heading", () => {
    const columns = pieces(html, "board-column");
    expect(columns.map((c) => /^ data-status="(\w+)"/.exec(c)?.[1])).toEqual([...ACTION_STATUSES]);
    expect(html).toContain("In progress (2 actions)");
    expect(html).toContain("Blocked (1 action)");
    expect(html).toContain("Done (1 action)");
    expect(html).toContain("Planned (0 actions)");
  });

  it("puts each action in its status's column and says when a column is empty", () => {
    const column = (status: string) => pieces(html, "board-column").find((c) => c.startsWith(` data-status="${status}"`)) ?? "";
    const cards = (status: string) => pieces(column(status), "board-card").length;
    expect(cards("planned")).toBe(0);
    expect(cards("in_progress")).toBe(2);
    expect(cards("blocked")).toBe(1);
    expect(cards("done")).toBe(1);
    expect(cards("dropped")).toBe(0);
    expect(column("in_progress")).toContain("Desludging schedule");
    expect(column("blocked")).toContain("Buy a vacuum truck");
    expect(column("dropped")).toContain("No actions with this status.");
  });

  it("shows the link, owner, goal, due date, progress, reason and budget on a card, and marks the overdue one", () => {
    const card = (title: string) => pieces(html, "board-card").find((c) => c.includes(`>${title}</a>`)) ?? "";
    expect(pieces(html, "board-card").filter((c) => c.startsWith(' data-overdue="yes"'))).toEqual([card("Survey of pits")]);
    expect(card("Survey of pits")).toContain("Overdue");
    const first = card("Desludging schedule");
    expect(first).toContain('data-overdue="no"');
    expect(first).not.toContain("Overdue");
    expect(first).toContain('href="/plans/1/actions/1"');
    expect(first).toContain("min-h-11");
    expect(first).toContain("WASH committee");
    expect(first).toContain("Safe emptying");
    expect(first).toContain(format.date("2026-12-31"));
    expect(first).toContain("40%");
    const money = (n: number) => format.number(n, { style: "currency", currency: "BDT", maximumFractionDigits: 0 });
    expect(first).toContain(`${money(25000)} spent of ${money(100000)}`);
    const blocked = card("Buy a vacuum truck");
    expect(blocked).toContain("Treatment");
    expect(blocked).toContain("Tender failed twice");
    expect(blocked).not.toContain("spent");
  });

  it("renders no script", () => {
    expect(html).not.toContain("<script");
  });
});

describe("plan timeline", () => {
  const render = (today: string, list = actions) => renderToStaticMarkup(createElement(PlanTimeline, { actions: list, range, today, t, format, actionHref }));
  const html = render("2026-11-02");

  it("draws one bar per action, in an SVG image with a summary", () => {
    expect(pieces(html, "timeline-bar")).toHaveLength(actions.length);
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-label="Timeline of 4 actions, 1 overdue\."/);
    expect(html).toContain(">Aug<");
    expect(html).toContain(">Jun<");
  });

  it("clips a bar that starts before the range to its first day", () => {
    // The first <rect> of a bar group is its whole (clipped) span.
    const bars = pieces(html, "timeline-bar");
    const early = bars[3] ?? "";
    expect(early).toContain('data-clipped="start"');
    expect(early).toContain('data-testid="clip-mark"');
    expect(bars[0]).not.toContain("data-clipped");
    // The bar's rectangle starts at the plot's left edge, not further left.
    expect(/<rect x="([\d.]+)"/.exec(early)?.[1]).toBe("216");
    expect(/<rect x="([\d.]+)"/.exec(bars[0] ?? "")?.[1]).not.toBe("216");
  });

  it("draws the today line only when today is inside the range", () => {
    expect(html).toContain('data-testid="timeline-today"');
    expect(html).toContain(">Today<");
    expect(render("2027-07-01")).not.toContain('data-testid="timeline-today"');
    expect(render("2026-06-30")).not.toContain('data-testid="timeline-today"');
    expect(render(range.end)).toContain('data-testid="timeline-today"');
  });

  it("marks overdue bars in red, with a marker and the word overdue", () => {
    const bars = pieces(html, "timeline-bar");
    expect(bars.map((b) => /^ data-overdue="(\w+)"/.exec(b)?.[1])).toEqual(["no", "yes", "no", "no"]);
    const overdue = bars[1] ?? "";
    expect(overdue).toContain(`<title>Survey of pits: overdue, In progress, ${format.date("2026-08-01")} to ${format.date("2026-09-30")}, 10% done</title>`);
    expect(overdue).toContain('data-testid="overdue-marker"');
    expect(overdue).toContain("#DC2626");
    expect(bars[0]).not.toContain('data-testid="overdue-marker"');
    expect(/<title>([^<]*)<\/title>/.exec(bars[0] ?? "")?.[1]).not.toContain("overdue");
  });

  it("truncates a long label and keeps the full title", () => {
    const title = "Build a faecal sludge treatment plant with co-composting next to the landfill";
    const long = render("2026-11-02", [action(9, { title })]);
    expect(long).toContain(`<title>${title}</title>`);
    expect(long).toContain("…");
  });

  it("lists every action in the table, with link, owner, dates, status, progress and overdue", () => {
    const rows = pieces(html, "timeline-row");
    expect(rows).toHaveLength(actions.length);
    expect(rows[0]).toContain('href="/plans/1/actions/1"');
    expect(rows[0]).toContain("WASH committee");
    expect(rows[0]).toContain(format.date("2026-08-01"));
    expect(rows[0]).toContain('data-status="in_progress"');
    expect(rows[0]).toContain("40%");
    expect(rows[0]).toContain(">No<");
    expect(rows[1]).toContain("Overdue");
    expect(rows[3]).toContain(format.date("2026-03-01"));
  });

  it("says so when there is nothing to draw, and renders no script", () => {
    expect(render("2026-11-02", [])).toContain("No actions to show.");
    expect(html).not.toContain("<script");
  });
});

describe("action status badge", () => {
  it("names each status", () => {
    const html = renderToStaticMarkup(createElement(ActionStatusBadge, { status: "blocked", t }));
    expect(html).toContain('data-testid="action-status"');
    expect(html).toContain('data-status="blocked"');
    expect(html).toContain("Blocked");
  });
});
