import { describe, expect, it } from "vitest";
import type { ReportStatus } from "@/lib/domain";
import type { Actor } from "@/lib/permissions";
import { canCommentOnReport, canReadReport, canResolveComment, canWriteReport } from "@/lib/policies/reports";
import { markdownProblem, renderMarkdown } from "@/lib/markdown";
import { REPORT_TEMPLATES, isWrittenSectionOf } from "@/lib/reports/templates";
import { checkTransition } from "@/lib/workflow/types";
import { REPORT_WORKFLOW } from "@/lib/workflow/reports";
import { REPORT_STATUSES } from "@/lib/domain";

// Kushtia (10) is the report's city; its mentor is Jhenaidah (20); Benapole (30) is unrelated.
const KUSHTIA = 10, MENTOR = 20, OTHER = 30;
const actors = {
  officer: { id: 1, role: "officer", cityId: KUSHTIA },
  otherOfficer: { id: 2, role: "officer", cityId: OTHER },
  mentorOfficer: { id: 3, role: "officer", cityId: MENTOR },
  reviewer: { id: 4, role: "reviewer", cityId: null },
  partner: { id: 5, role: "partner", cityId: null },
  approver: { id: 6, role: "approver", cityId: KUSHTIA },
  otherApprover: { id: 7, role: "approver", cityId: OTHER },
  trainer: { id: 8, role: "trainer", cityId: null },
  admin: { id: 9, role: "admin", cityId: null },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;

// Written out by hand from the issue: who may make each move of a Kushtia report.
const MOVES: { from: ReportStatus; to: ReportStatus; allowed: Who[] }[] = [
  { from: "draft", to: "consultation", allowed: ["officer", "reviewer", "admin"] },
  { from: "consultation", to: "draft", allowed: ["officer", "reviewer", "admin"] },
  { from: "consultation", to: "validation", allowed: ["officer", "reviewer", "admin"] },
  { from: "validation", to: "validated", allowed: ["approver", "admin"] },
  { from: "validation", to: "draft", allowed: ["approver", "admin"] },
  { from: "validated", to: "final", allowed: ["reviewer", "admin"] },
];

describe("report workflow: the permission matrix", () => {
  const cases = MOVES.flatMap((move) => (Object.keys(actors) as Who[]).map((who) => [move.from, move.to, who, move.allowed.includes(who)] as const));
  it.each(cases)("%s → %s by %s: %s", (from, to, who, allowed) => {
    const check = checkTransition(REPORT_WORKFLOW, actors[who], { from, to, cityId: KUSHTIA, comment: "because" });
    expect(check.ok).toBe(allowed);
    if (!allowed && !check.ok) expect(check.messageKey).toBe("errors.forbidden");
  });

  it("refuses every move the table does not hold, for everyone (finalizing without validation, editing a final)", () => {
    const held = new Set(MOVES.map((m) => `${m.from}>${m.to}`));
    for (const from of REPORT_STATUSES) {
      for (const to of REPORT_STATUSES) {
        if (held.has(`${from}>${to}`)) continue;
        const check = checkTransition(REPORT_WORKFLOW, actors.admin, { from, to, cityId: KUSHTIA, comment: "x" });
        expect(check.ok, `${from} → ${to}`).toBe(false);
      }
    }
    const skip = checkTransition(REPORT_WORKFLOW, actors.admin, { from: "consultation", to: "final", cityId: KUSHTIA });
    expect(skip).toEqual({ ok: false, field: "status", messageKey: "reports.refused.final" });
  });

  it("needs a reason to return a report to draft", () => {
    expect(checkTransition(REPORT_WORKFLOW, actors.approver, { from: "validation", to: "draft", cityId: KUSHTIA, comment: "  " })).toEqual({ ok: false, field: "comment", messageKey: "workflow.commentRequired" });
    expect(checkTransition(REPORT_WORKFLOW, actors.officer, { from: "consultation", to: "draft", cityId: KUSHTIA })).toMatchObject({ ok: false, field: "comment" });
  });

  it("gives a synthesis (no city) to reviewers and admins: officers and approvers hold nothing there", () => {
    expect(checkTransition(REPORT_WORKFLOW, actors.officer, { from: "draft", to: "consultation", cityId: null }).ok).toBe(false);
    expect(checkTransition(REPORT_WORKFLOW, actors.approver, { from: "validation", to: "validated", cityId: null }).ok).toBe(false);
    expect(checkTransition(REPORT_WORKFLOW, actors.reviewer, { from: "draft", to: "consultation", cityId: null }).ok).toBe(true);
  });
});

describe("who reads, comments on and writes a report", () => {
  const report = (status: ReportStatus) => ({ cityId: KUSHTIA, mentorCityId: MENTOR, status });
  const readers = (status: ReportStatus) => (Object.keys(actors) as Who[]).filter((who) => canReadReport(actors[who], report(status)));

  it("keeps a draft with its writers and the city's approver", () => {
    expect(readers("draft")).toEqual(["officer", "reviewer", "approver", "admin"]);
    expect(canReadReport(null, report("draft"))).toBe(false);
  });

  it("opens a shared report to partners and the mentor city's officers, never to other cities or trainers", () => {
    for (const status of ["consultation", "validation", "validated"] as const) expect(readers(status)).toEqual(["officer", "mentorOfficer", "reviewer", "partner", "approver", "admin"]);
  });

  it("makes a final report public", () => {
    expect(readers("final")).toHaveLength(Object.keys(actors).length);
    expect(canReadReport(null, report("final"))).toBe(true);
  });

  it("takes comments in consultation and validation only, from the consulted", () => {
    const commenters = (status: ReportStatus) => (Object.keys(actors) as Who[]).filter((who) => canCommentOnReport(actors[who], report(status)));
    expect(commenters("consultation")).toEqual(["officer", "mentorOfficer", "reviewer", "partner", "approver", "admin"]);
    expect(commenters("validation")).toEqual(commenters("consultation"));
    for (const status of ["draft", "validated", "final"] as const) expect(commenters(status)).toEqual([]);
  });

  it("lets the writers answer, and writers or the comment's author resolve", () => {
    expect((Object.keys(actors) as Who[]).filter((who) => canWriteReport(actors[who], report("consultation")))).toEqual(["officer", "reviewer", "admin"]);
    expect(canResolveComment(actors.partner, report("consultation"), { authorId: actors.partner.id })).toBe(true);
    expect(canResolveComment(actors.partner, report("consultation"), { authorId: actors.reviewer.id })).toBe(false);
    expect(canResolveComment(actors.officer, report("final"), { authorId: actors.officer.id })).toBe(false);
  });
});

describe("report sections", () => {
  it("gives every kind written and generated sections, each once", () => {
    for (const sections of Object.values(REPORT_TEMPLATES)) {
      const keys = sections.map((s) => s.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(sections.some((s) => s.kind === "written")).toBe(true);
      expect(keys).toContain("needs");
      expect(keys).toContain("recommendations");
    }
    expect(isWrittenSectionOf("city_profile", "summary")).toBe(true);
    expect(isWrittenSectionOf("city_profile", "scores")).toBe(false);
    expect(isWrittenSectionOf("city_profile", "context")).toBe(false);
  });

  it("refuses markdown with HTML, event handlers or script links, and an over-long section", () => {
    expect(markdownProblem("## Findings\n\n- **Desludging** up 12 %\n- [plan](https://example.org/plan.pdf)")).toBeNull();
    expect(markdownProblem("a < b and 3 > 2")).toBeNull();
    expect(markdownProblem("<script>alert(1)</script>")).toBe("validation.markdown.html");
    expect(markdownProblem('<img src=x onerror="alert(1)">')).toBe("validation.markdown.html");
    expect(markdownProblem("[click](javascript:alert(1))")).toBe("validation.markdown.scriptLink");
    expect(markdownProblem("[x](JavaScript :alert(1))")).toBe("validation.markdown.scriptLink");
    expect(markdownProblem("[x](data:text/html;base64,PHNjcmlwdD4=)")).toBe("validation.markdown.scriptLink");
    expect(markdownProblem("x".repeat(20_001))).toBe("validation.markdown.tooLong");
    // Whatever is stored is rendered safe again.
    expect(renderMarkdown("<script>alert(1)</script>")).not.toContain("<script");
  });
});
