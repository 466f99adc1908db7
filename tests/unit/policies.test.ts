import { describe, expect, it } from "vitest";
import { CITY_ROLES, ROLES, type Role } from "@/lib/domain";
import type { Actor } from "@/lib/permissions";
import { canEditEvent, canRegisterLate, canRegisterParticipant, canSeeParticipantContact, canWithdrawRegistration, keepsEditorAmongTrainers, registrationScope, trainersOfNewEvent } from "@/lib/policies/events";
import { canCreateResourceFor, canDeleteResource, canEditResource, canSeeResource, initialResourceStatus, resourceVisibility } from "@/lib/policies/resources";
import { canSeeUnvalidatedValues, canWriteValuesFor, valueExportScope } from "@/lib/policies/values";
import { isCrossSiteRequest } from "@/lib/policies/requests";

/*
 * The row-level rules, role × own/other city × own/other record, written out by hand from
 * DESIGN.md so a change to a policy shows up as a failing row. Every actor has id 1 and, for
 * officers and approvers, city 10; "own" means city 10 / created by 1 / run by 1.
 */
const actor = (role: Role): Actor => ({ id: 1, role, cityId: CITY_ROLES.includes(role) ? 10 : null });
const OWN_CITY = 10, OTHER_CITY = 11;
const yes = (...roles: Role[]) => Object.fromEntries(ROLES.map((r) => [r, roles.includes(r)])) as Record<Role, boolean>;

function matrix(name: string, rule: (a: Actor | null) => boolean, expected: Record<Role, boolean>, anonymous = false) {
  it.each(ROLES)(`${name}: %s`, (role) => expect(rule(actor(role))).toBe(expected[role]));
  it(`${name}: signed out`, () => expect(rule(null)).toBe(anonymous));
}

describe("values", () => {
  matrix("sees unvalidated values of their own city", (a) => canSeeUnvalidatedValues(a, OWN_CITY), yes("officer", "reviewer", "admin", "approver"));
  matrix("sees unvalidated values of another city", (a) => canSeeUnvalidatedValues(a, OTHER_CITY), yes("reviewer", "admin"));
  matrix("writes values for their own city", (a) => canWriteValuesFor(a, OWN_CITY), yes("officer", "admin"));
  matrix("writes values for another city", (a) => canWriteValuesFor(a, OTHER_CITY), yes("admin"));

  it("export: partners validated only, reviewers everything, officers their own city only", () => {
    expect(valueExportScope(actor("partner"), undefined)).toEqual({ cityId: undefined, validatedOnly: true });
    expect(valueExportScope(actor("reviewer"), OTHER_CITY)).toEqual({ cityId: OTHER_CITY, validatedOnly: false });
    expect(valueExportScope(actor("officer"), undefined)).toEqual({ cityId: OWN_CITY, validatedOnly: false });
    expect(valueExportScope(actor("officer"), OTHER_CITY)).toBeNull();
    expect(valueExportScope(actor("trainer"), undefined)).toBeNull();
  });
});

describe("events", () => {
  matrix("edits an event they run", (a) => canEditEvent(a, [1]), yes("trainer", "admin"));
  matrix("edits an event another trainer runs", (a) => canEditEvent(a, [2]), yes("admin"));
  matrix("registers a participant of their own city", (a) => canRegisterParticipant(a, OWN_CITY), yes("officer", "trainer", "admin"));
  matrix("registers a participant of another city", (a) => canRegisterParticipant(a, OTHER_CITY), yes("trainer", "admin"));
  matrix("registers after the deadline", canRegisterLate, yes("trainer", "admin"));
  matrix("withdraws their own city's participant of another's event", (a) => canWithdrawRegistration(a, [2], OWN_CITY), yes("officer", "admin"));
  matrix("withdraws another city's participant of an event they run", (a) => canWithdrawRegistration(a, [1], OTHER_CITY), yes("trainer", "admin"));
  matrix("withdraws another city's participant of another's event", (a) => canWithdrawRegistration(a, [2], OTHER_CITY), yes("admin"));
  matrix("sees the contact of their own city's participant", (a) => canSeeParticipantContact(a, [2], OWN_CITY), yes("officer", "admin"));
  matrix("sees the contact of another city's participant of another's event", (a) => canSeeParticipantContact(a, [2], OTHER_CITY), yes("admin"));

  it("registrations seen: all for those who run events, the own city for officers, none else", () => {
    expect(ROLES.map((r) => registrationScope(actor(r)))).toEqual(ROLES.map((r) => (r === "trainer" || r === "admin" ? { kind: "all" } : r === "officer" ? { kind: "city", cityId: OWN_CITY } : null)));
    expect(registrationScope(null)).toBeNull();
    expect(registrationScope({ id: 1, role: "officer", cityId: null })).toBeNull();
  });

  it("a trainer scheduling an event runs it and must stay among its trainers; admins need not", () => {
    expect(trainersOfNewEvent(actor("trainer"), [2])).toEqual([2, 1]);
    expect(trainersOfNewEvent(actor("admin"), [2])).toEqual([2]);
    expect(keepsEditorAmongTrainers(actor("trainer"), [2])).toBe(false);
    expect(keepsEditorAmongTrainers(actor("trainer"), [1, 2])).toBe(true);
    expect(keepsEditorAmongTrainers(actor("admin"), [2])).toBe(true);
  });
});

describe("resources", () => {
  const draft = (createdBy: number, cityId: number | null = OWN_CITY) => ({ status: "draft" as const, createdBy, cityId });
  const published = (createdBy: number, cityId: number | null = OWN_CITY) => ({ status: "published" as const, createdBy, cityId });

  matrix("sees a published resource", (a) => canSeeResource(a, published(2)), yes(...ROLES), true);
  matrix("sees their own draft", (a) => canSeeResource(a, draft(1)), yes(...ROLES));
  matrix("sees another's draft", (a) => canSeeResource(a, draft(2)), yes("reviewer", "admin"));
  matrix("edits their own draft of their own city", (a) => canEditResource(a, draft(1)), yes("officer", "reviewer", "trainer", "admin"));
  matrix("edits their own draft of another city", (a) => canEditResource(a, draft(1, OTHER_CITY)), yes("reviewer", "trainer", "admin"));
  matrix("edits their own published resource", (a) => canEditResource(a, published(1)), yes("reviewer", "admin"));
  matrix("edits another's draft", (a) => canEditResource(a, draft(2)), yes("reviewer", "admin"));
  matrix("adds a resource for their own city", (a) => canCreateResourceFor(a, OWN_CITY), yes("officer", "reviewer", "trainer", "admin"));
  matrix("adds a resource for another city", (a) => canCreateResourceFor(a, OTHER_CITY), yes("reviewer", "trainer", "admin"));
  matrix("adds a resource for no city", (a) => canCreateResourceFor(a, null), yes("reviewer", "trainer", "admin"));
  matrix("deletes a resource", canDeleteResource, yes("admin"));
  matrix("publishes at once when asked", (a) => a !== null && initialResourceStatus(a, true) === "published", yes("reviewer", "admin"));

  it("lists what canSeeResource allows: every draft for publishers, their own for others", () => {
    expect(resourceVisibility(null)).toEqual({ allDrafts: false, ownerId: null });
    expect(resourceVisibility(actor("officer"))).toEqual({ allDrafts: false, ownerId: 1 });
    expect(resourceVisibility(actor("reviewer"))).toEqual({ allDrafts: true, ownerId: 1 });
  });
});

describe("requests that write with the session cookie", () => {
  const headers = (h: Record<string, string>) => new Headers({ host: "app.example", ...h });
  it.each([
    [{ origin: "http://app.example" }, false],
    [{ "sec-fetch-site": "same-origin" }, false],
    [{}, true],
    [{ "sec-fetch-site": "none" }, true],
    [{ origin: "https://evil.example" }, true],
    [{ origin: "null" }, true],
    [{ origin: "http://app.example.evil.test" }, true],
    [{ "sec-fetch-site": "cross-site" }, true],
    [{ "sec-fetch-site": "same-site", origin: "http://app.example" }, true],
  ] as const)("%j cross-site: %s", (h, cross) => expect(isCrossSiteRequest(headers(h))).toBe(cross));
});
