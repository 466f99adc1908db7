import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_STATUSES, REGISTRATION_STATUSES, ROLES, RESOURCE_STATUSES, VALUE_STATUSES, type Role } from "@/lib/domain";
import type { Actor } from "@/lib/permissions";
import { allowedMoves, checkTransition, findTransition, noticesFor, type Workflow } from "@/lib/workflow/types";
import { VALUE_WORKFLOW } from "@/lib/workflow/values";
import { RESOURCE_WORKFLOW } from "@/lib/workflow/resources";
import { EVENT_WORKFLOW, REGISTRATION_WORKFLOW } from "@/lib/workflow/events";
import { RESPONSE_WORKFLOW, ROUND_WORKFLOW } from "@/lib/workflow/questionnaires";
import { QUESTIONNAIRE_WORKFLOW } from "@/lib/workflow/questionnaire-versions";

// Written out by hand from DESIGN.md (draft → submitted → validated | returned; resources draft ⇄
// published), independently of lib/workflow, so a changed row shows up here as a failure.
const O = "officer", R = "reviewer", A = "admin", T = "trainer";
type Expected = { from: string; to: string; action: string; roles: Role[]; comment?: true };
const VALUES: Expected[] = [
  { from: "draft", to: "submitted", action: "value.submit", roles: [O, A] },
  { from: "returned", to: "submitted", action: "value.submit", roles: [O, A] },
  { from: "submitted", to: "validated", action: "value.validate", roles: [R, A] },
  { from: "submitted", to: "returned", action: "value.return", roles: [R, A], comment: true },
];
const RESOURCES: Expected[] = [
  { from: "draft", to: "published", action: "resource.publish", roles: [R, A] },
  { from: "published", to: "draft", action: "resource.unpublish", roles: [R, A] },
];
// Events: any status to any other, by those who run events (the row rule, "runs this event", is
// lib/policies/events). Registrations: withdrawn by the city's officer or the event's people;
// promoted from the waitlist only by those who run events (or as the consequence of a withdrawal).
const EVENTS: Expected[] = [
  { from: "scheduled", to: "cancelled", action: "event.cancel", roles: [T, A] },
  { from: "scheduled", to: "completed", action: "event.complete", roles: [T, A] },
  { from: "cancelled", to: "scheduled", action: "event.reopen", roles: [T, A] },
  { from: "completed", to: "scheduled", action: "event.reopen", roles: [T, A] },
  { from: "cancelled", to: "completed", action: "event.complete", roles: [T, A] },
  { from: "completed", to: "cancelled", action: "event.cancel", roles: [T, A] },
];
const REGISTRATIONS: Expected[] = [
  { from: "registered", to: "withdrawn", action: "registration.withdraw", roles: [O, T, A] },
  { from: "waitlisted", to: "withdrawn", action: "registration.withdraw", roles: [O, T, A] },
  { from: "waitlisted", to: "registered", action: "registration.promote", roles: [T, A] },
];

const KUSHTIA = 1;
const JHENAIDAH = 2;
const actorOf = (role: Role, id = 100): Actor => ({ id, role, cityId: role === "officer" ? KUSHTIA : null });

function walk<S extends string>(name: string, workflow: Workflow<S>, statuses: readonly S[], expected: Expected[]) {
  describe(`${name} transitions`, () => {
    it("holds exactly the expected moves", () => {
      expect(workflow.transitions.map((t) => `${t.from}→${t.to}`).sort()).toEqual(expected.map((e) => `${e.from}→${e.to}`).sort());
    });

    const pairs = statuses.flatMap((from) => statuses.map((to) => [from, to] as const));
    const cases = pairs.flatMap(([from, to]) => ROLES.map((role) => [from, to, role] as const));
    it.each(cases)("%s → %s by %s", (from, to, role) => {
      const row = expected.find((e) => e.from === from && e.to === to);
      const result = checkTransition(workflow, actorOf(role), { from, to, cityId: KUSHTIA, comment: "because" });
      if (!row) {
        // A move not in the table is refused for everyone, admins included.
        expect(result).toEqual({ ok: false, field: "status", messageKey: workflow.refusedKey(to) });
      } else if (row.roles.includes(role)) {
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.transition.action).toBe(row.action);
      } else {
        expect(result).toEqual({ ok: false, field: "status", messageKey: "errors.forbidden" });
      }
    });

    it.each(expected.filter((e) => e.comment))("$from → $to needs a comment", (row) => {
      const admin = actorOf("admin");
      for (const comment of [undefined, null, "", "   "]) {
        expect(checkTransition(workflow, admin, { from: row.from as S, to: row.to as S, cityId: KUSHTIA, comment })).toEqual({ ok: false, field: "comment", messageKey: "workflow.commentRequired" });
      }
    });

    it.each(expected.filter((e) => !e.comment))("$from → $to needs no comment", (row) => {
      expect(checkTransition(workflow, actorOf("admin"), { from: row.from as S, to: row.to as S, cityId: KUSHTIA }).ok).toBe(true);
    });
  });
}

walk("value", VALUE_WORKFLOW, VALUE_STATUSES, VALUES);
walk("resource", RESOURCE_WORKFLOW, RESOURCE_STATUSES, RESOURCES);
walk("event", EVENT_WORKFLOW, EVENT_STATUSES, EVENTS);
walk("registration", REGISTRATION_WORKFLOW, REGISTRATION_STATUSES, REGISTRATIONS);
// Questionnaire versions: published once by designers, never back to draft (editing makes version n + 1).
walk("questionnaire version", QUESTIONNAIRE_WORKFLOW, QUESTIONNAIRE_WORKFLOW.statuses, [{ from: "draft", to: "published", action: "questionnaire.publish", roles: [R, A] }]);

describe("city scope of moves", () => {
  it("lets an officer submit their own city's values only", () => {
    const officer = actorOf("officer");
    expect(checkTransition(VALUE_WORKFLOW, officer, { from: "draft", to: "submitted", cityId: KUSHTIA }).ok).toBe(true);
    expect(checkTransition(VALUE_WORKFLOW, officer, { from: "draft", to: "submitted", cityId: JHENAIDAH })).toEqual({ ok: false, field: "status", messageKey: "errors.forbidden" });
    expect(checkTransition(VALUE_WORKFLOW, officer, { from: "draft", to: "submitted", cityId: null }).ok).toBe(false);
    expect(checkTransition(VALUE_WORKFLOW, { ...officer, cityId: null }, { from: "draft", to: "submitted", cityId: KUSHTIA }).ok).toBe(false);
  });

  it("lets admins and reviewers act on every city", () => {
    expect(checkTransition(VALUE_WORKFLOW, actorOf("admin"), { from: "draft", to: "submitted", cityId: JHENAIDAH }).ok).toBe(true);
    expect(checkTransition(VALUE_WORKFLOW, actorOf("reviewer"), { from: "submitted", to: "validated", cityId: JHENAIDAH }).ok).toBe(true);
  });

  it("offers each role only its own moves", () => {
    expect(allowedMoves(VALUE_WORKFLOW, actorOf("reviewer"), "submitted", KUSHTIA).map((t) => t.to)).toEqual(["validated", "returned"]);
    expect(allowedMoves(VALUE_WORKFLOW, actorOf("officer"), "submitted", KUSHTIA)).toEqual([]);
    expect(allowedMoves(VALUE_WORKFLOW, actorOf("officer"), "returned", KUSHTIA).map((t) => t.to)).toEqual(["submitted"]);
    expect(allowedMoves(VALUE_WORKFLOW, actorOf("officer"), "returned", JHENAIDAH)).toEqual([]);
    expect(findTransition(VALUE_WORKFLOW, "validated", "submitted")).toBeUndefined();
  });
});

describe("notices", () => {
  const submit = findTransition(VALUE_WORKFLOW, "draft", "submitted");
  const validate = findTransition(VALUE_WORKFLOW, "submitted", "validated");
  const publish = findTransition(RESOURCE_WORKFLOW, "draft", "published");
  if (!submit || !validate || !publish) throw new Error("table rows missing");

  it("tells reviewers once of a whole submitted quarter", () => {
    const moved = [1, 2, 3].map((id) => ({ transition: submit, row: { id, cityId: KUSHTIA, ownerId: 100 } }));
    expect(noticesFor(VALUE_WORKFLOW, actorOf("officer"), moved)).toEqual([{ kind: "value.submit", recipient: { role: "reviewer", cityId: null }, entity: "indicator_value", entityIds: [1, 2, 3], cityId: KUSHTIA, comments: [] }]);
  });

  it("tells each city's officers of their validated values", () => {
    const moved = [
      { transition: validate, row: { id: 1, cityId: KUSHTIA, ownerId: 5 } },
      { transition: validate, row: { id: 2, cityId: JHENAIDAH, ownerId: 6 } },
      { transition: validate, row: { id: 3, cityId: KUSHTIA, ownerId: 5 } },
    ];
    expect(noticesFor(VALUE_WORKFLOW, actorOf("reviewer"), moved)).toEqual([
      { kind: "value.validate", recipient: { role: "officer", cityId: KUSHTIA }, entity: "indicator_value", entityIds: [1, 3], cityId: KUSHTIA, comments: [] },
      { kind: "value.validate", recipient: { role: "officer", cityId: JHENAIDAH }, entity: "indicator_value", entityIds: [2], cityId: JHENAIDAH, comments: [] },
    ]);
  });

  it("tells a resource's uploader it was published, unless they published it themselves", () => {
    const row = { id: 9, cityId: null, ownerId: 7 };
    expect(noticesFor(RESOURCE_WORKFLOW, actorOf("reviewer", 8), [{ transition: publish, row }])).toEqual([{ kind: "resource.publish", recipient: { userId: 7 }, entity: "resource", entityIds: [9], cityId: null, comments: [] }]);
    expect(noticesFor(RESOURCE_WORKFLOW, actorOf("reviewer", 7), [{ transition: publish, row }])).toEqual([]);
    expect(noticesFor(RESOURCE_WORKFLOW, actorOf("reviewer", 8), [{ transition: publish, row: { ...row, ownerId: null } }])).toEqual([]);
  });
});

describe("status changes are audited only by the workflow module", () => {
  // Every audit action a workflow table names is written by server/workflow.ts transition() alone:
  // outside the tables no file of the app spells one of them (which a hand-written audit row needs).
  const workflowActions = [...new Set([VALUE_WORKFLOW, RESOURCE_WORKFLOW, EVENT_WORKFLOW, REGISTRATION_WORKFLOW, RESPONSE_WORKFLOW, ROUND_WORKFLOW, QUESTIONNAIRE_WORKFLOW].flatMap((w) => w.transitions.map((t) => t.action)))];
  const root = path.resolve(__dirname, "../..");

  it("no file outside lib/workflow names a workflow action", () => {
    expect(workflowActions).toEqual(expect.arrayContaining(["value.validate", "resource.publish", "event.cancel", "registration.promote"]));
    const offenders = ["app", "components", "db", "lib", "server"]
      .flatMap((dir) => filesUnder(path.join(root, dir)))
      // The notice kinds are the same names (lib/domain NOTICE_KINDS, their texts in lib/mail): pure
      // code there cannot write an audit row, so naming them is no bypass.
      .filter((file) => !["workflow", "mail", "domain"].some((dir) => file.startsWith(path.join(root, "lib", dir) + path.sep)))
      .flatMap((file) => {
        const text = fs.readFileSync(file, "utf8");
        return workflowActions.filter((action) => text.includes(`"${action}"`) || text.includes(`'${action}'`) || text.includes(`\`${action}\``)).map((action) => `${path.relative(root, file)}: ${action}`);
      });
    expect(offenders).toEqual([]);
  });
});

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}
