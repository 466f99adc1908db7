import { describe, expect, it } from "vitest";
import { CITY_SCOPED, PERMISSIONS, ROLES, can, canForCity, type Permission } from "@/lib/permissions";
import { canEditEvent, canRegisterLate, canRegisterParticipant, canSeeParticipantContact, canWithdrawRegistration, registrationScope } from "@/lib/policies/events";
import { type Actor } from "@/lib/permissions";
import { canCreateResourceFor, canEditResource, canSeeResource, initialResourceStatus, seesAllResourceDrafts, type ResourceAccessInfo } from "@/lib/policies/resources";
import type { Role } from "@/db/schema";

// Written out by hand from DESIGN.md's role table, independently of lib/permissions.ts, so a
// change to the table there shows up here as a failing row.
const O = "officer", R = "reviewer", T = "trainer", P = "partner", A = "admin", V = "approver";
const EXPECTED: Record<Permission, Role[]> = {
  "app.view": [O, R, T, P, A, V],
  "cities.read": [O, R, T, P, A, V],
  "framework.read": [O, R, T, P, A, V],
  "cities.edit": [O, A],
  "cities.create": [A],
  "cities.pairs": [A],
  "values.write": [O, A],
  "values.submit": [O, A],
  "values.review": [R, A],
  "data.export": [P, R, A],
  "events.manage": [T, A],
  "events.register": [O, T, A],
  "resources.create": [O, R, T, A],
  "resources.publish": [R, A],
  "resources.delete": [A],
  "resources.versions": [A],
  "users.manage": [A],
  "audit.read": [A],
  "framework.edit": [A],
  "tokens.manage": [O, R, T, P, A, V],
  "mail.outbox": [A],
  "newsletter.manage": [A],
  "notifications.read": [O, R, T, P, A, V],
  "questionnaires.design": [R, A],
  "rounds.manage": [A],
  "responses.answer": [O, A],
  "responses.review": [R, A],
  "responses.read": [O, R, P, A, V],
  "reports.read": [O, R, T, P, A, V],
  "reports.write": [O, R, A],
  "reports.comment": [O, R, P, A, V],
  "reports.validate": [V, A],
  "reports.finalize": [R, A],
  "reports.needs": [R, P, A],
  "problems.read": [O, R, T, P, A, V],
  "problems.write": [O, R, A],
  "problems.moderate": [O, A],
  "committees.read": [O, R, T, P, A, V],
  "committees.write": [O, A],
  "plans.read": [O, R, T, P, A, V],
  "plans.write": [O, A],
  "plans.validate": [V, A],
  "plans.comment": [O, R, P, A, V],
};

describe("permission table", () => {
  it("covers exactly the expected permissions", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = ROLES.flatMap((role) => (Object.keys(EXPECTED) as Permission[]).map((permission) => [role, permission, EXPECTED[permission].includes(role)] as const));
  it.each(cases)("%s → %s is %s", (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });
});

describe("city scope", () => {
  const officer = { id: 1, role: "officer" as const, cityId: 10 };
  const admin = { id: 2, role: "admin" as const, cityId: null };
  const trainer = { id: 3, role: "trainer" as const, cityId: null };

  it.each([...CITY_SCOPED].filter((permission) => can("officer", permission)))("officer may %s only their own city", (permission) => {
    expect(canForCity(officer, permission, 10)).toBe(true);
    expect(canForCity(officer, permission, 11)).toBe(false);
    expect(canForCity(officer, permission, null)).toBe(false);
    expect(canForCity(officer, permission)).toBe(false);
  });

  it("an approver (the city's local government) reads their own city's answers only, and writes nothing", () => {
    const approver = { id: 5, role: "approver" as const, cityId: 10 };
    expect(canForCity(approver, "responses.read", 10)).toBe(true);
    expect(canForCity(approver, "responses.read", 11)).toBe(false);
    expect(canForCity(approver, "responses.read")).toBe(false);
    for (const permission of ["values.write", "values.submit", "responses.answer", "responses.review", "cities.edit", "events.register", "resources.create"] as const) expect(canForCity(approver, permission, 10)).toBe(false);
  });

  it("an approver validates their own city's reports only", () => {
    const approver = { id: 5, role: "approver" as const, cityId: 10 };
    expect(canForCity(approver, "reports.validate", 10)).toBe(true);
    expect(canForCity(approver, "reports.validate", 11)).toBe(false);
    expect(canForCity(approver, "reports.validate", null)).toBe(false);
    expect(canForCity(approver, "reports.write", 10)).toBe(false);
  });

  it("an officer without a city is refused every scoped write", () => {
    const orphan = { id: 4, role: "officer" as const, cityId: null };
    for (const permission of CITY_SCOPED) expect(canForCity(orphan, permission, 10)).toBe(false);
  });

  it("admins act on any city", () => {
    for (const permission of CITY_SCOPED) expect(canForCity(admin, permission, 11)).toBe(true);
  });

  it("scope never grants what the role lacks", () => {
    expect(canForCity(trainer, "values.write", 10)).toBe(false);
    expect(canForCity(officer, "users.manage", 10)).toBe(false);
  });
});

describe("events", () => {
  const admin = { id: 1, role: "admin" as const, cityId: null };
  const trainer = { id: 2, role: "trainer" as const, cityId: null };
  const otherTrainer = { id: 3, role: "trainer" as const, cityId: null };
  const officer = { id: 4, role: "officer" as const, cityId: 10 };
  const partner = { id: 5, role: "partner" as const, cityId: null };
  const reviewer = { id: 6, role: "reviewer" as const, cityId: null };
  const runBy = [trainer.id];

  it("admins edit any event, trainers only the ones they run, nobody else", () => {
    expect(canEditEvent(admin, [])).toBe(true);
    expect(canEditEvent(trainer, runBy)).toBe(true);
    expect(canEditEvent(otherTrainer, runBy)).toBe(false);
    for (const who of [officer, partner, reviewer, null]) expect(canEditEvent(who, [who?.id ?? 0])).toBe(false);
  });

  it("registrations: everyone's for trainers and admins, own city's for officers, none for partners, reviewers and the public", () => {
    expect(registrationScope(admin)).toEqual({ kind: "all" });
    expect(registrationScope(otherTrainer)).toEqual({ kind: "all" });
    expect(registrationScope(officer)).toEqual({ kind: "city", cityId: 10 });
    expect(registrationScope({ ...officer, cityId: null })).toBeNull();
    for (const who of [partner, reviewer, null]) expect(registrationScope(who)).toBeNull();
  });

  it("contact details: admins, the event's trainers and the participant's own city officer", () => {
    expect(canSeeParticipantContact(admin, runBy, 11)).toBe(true);
    expect(canSeeParticipantContact(trainer, runBy, 11)).toBe(true);
    expect(canSeeParticipantContact(otherTrainer, runBy, 11)).toBe(false);
    expect(canSeeParticipantContact(officer, runBy, 10)).toBe(true);
    expect(canSeeParticipantContact(officer, runBy, 11)).toBe(false);
    for (const who of [partner, reviewer, null]) expect(canSeeParticipantContact(who, runBy, 10)).toBe(false);
  });

  it("officers register into their own city's quota only; partners and reviewers not at all", () => {
    expect(canRegisterParticipant(officer, 10)).toBe(true);
    expect(canRegisterParticipant(officer, 11)).toBe(false);
    expect(canRegisterParticipant(otherTrainer, 11)).toBe(true);
    expect(canRegisterParticipant(admin, 11)).toBe(true);
    for (const who of [partner, reviewer, null]) expect(canRegisterParticipant(who, 10)).toBe(false);
    expect(canRegisterLate(trainer)).toBe(true);
    expect(canRegisterLate(admin)).toBe(true);
    expect(canRegisterLate(officer)).toBe(false);
  });

  it("withdrawals: the event's trainers, admins and the officer of the participant's city", () => {
    expect(canWithdrawRegistration(trainer, runBy, 11)).toBe(true);
    expect(canWithdrawRegistration(otherTrainer, runBy, 11)).toBe(false);
    expect(canWithdrawRegistration(admin, runBy, 11)).toBe(true);
    expect(canWithdrawRegistration(officer, runBy, 10)).toBe(true);
    expect(canWithdrawRegistration(officer, runBy, 11)).toBe(false);
    expect(canWithdrawRegistration(partner, runBy, 10)).toBe(false);
  });
});

describe("resources", () => {
  const KUSHTIA = 10, JHENAIDAH = 11;
  const people: Record<string, Actor> = {
    uploader: { id: 1, role: "officer", cityId: KUSHTIA },
    colleague: { id: 2, role: "officer", cityId: KUSHTIA },
    otherOfficer: { id: 3, role: "officer", cityId: JHENAIDAH },
    trainer: { id: 4, role: "trainer", cityId: null },
    partner: { id: 5, role: "partner", cityId: null },
    reviewer: { id: 6, role: "reviewer", cityId: null },
    admin: { id: 7, role: "admin", cityId: null },
  };
  const draft: ResourceAccessInfo = { status: "draft", createdBy: 1, cityId: KUSHTIA };
  const published: ResourceAccessInfo = { ...draft, status: "published" };

  // Written out by hand: who sees the draft, who edits the draft, who edits once published.
  const MATRIX: Record<string, [boolean, boolean, boolean]> = {
    anonymous: [false, false, false],
    uploader: [true, true, false],
    colleague: [false, false, false],
    otherOfficer: [false, false, false],
    trainer: [false, false, false],
    partner: [false, false, false],
    reviewer: [true, true, true],
    admin: [true, true, true],
  };
  it.each(Object.entries(MATRIX))("%s: sees draft %s, edits draft %s, edits published %s", (who, [seesDraft, editsDraft, editsPublished]) => {
    const actor = who === "anonymous" ? null : (people[who] ?? null);
    expect(canSeeResource(actor, draft)).toBe(seesDraft);
    expect(canSeeResource(actor, published)).toBe(true);
    expect(canEditResource(actor, draft)).toBe(editsDraft);
    expect(canEditResource(actor, published)).toBe(editsPublished);
  });

  it("an uploader who moved to another city no longer edits that city's draft; a trainer edits their own draft", () => {
    expect(canEditResource({ id: 1, role: "officer", cityId: JHENAIDAH }, draft)).toBe(false);
    expect(canEditResource(people.trainer ?? null, { status: "draft", createdBy: 4, cityId: null })).toBe(true);
    expect(canEditResource(people.partner ?? null, { status: "draft", createdBy: 5, cityId: null })).toBe(false);
  });

  it("officers create for their own city only; partners never", () => {
    expect(canCreateResourceFor(people.uploader ?? null, KUSHTIA)).toBe(true);
    expect(canCreateResourceFor(people.uploader ?? null, JHENAIDAH)).toBe(false);
    expect(canCreateResourceFor(people.uploader ?? null, null)).toBe(false);
    expect(canCreateResourceFor(people.trainer ?? null, JHENAIDAH)).toBe(true);
    expect(canCreateResourceFor(people.trainer ?? null, null)).toBe(true);
    expect(canCreateResourceFor(people.partner ?? null, null)).toBe(false);
    expect(canCreateResourceFor(null, null)).toBe(false);
  });

  it("only reviewers and admins publish at once or see every draft", () => {
    for (const actor of Object.values(people)) {
      const publisher = actor.role === "reviewer" || actor.role === "admin";
      expect(initialResourceStatus(actor, true)).toBe(publisher ? "published" : "draft");
      expect(initialResourceStatus(actor, false)).toBe("draft");
      expect(seesAllResourceDrafts(actor)).toBe(publisher);
    }
    expect(seesAllResourceDrafts(null)).toBe(false);
  });
});
