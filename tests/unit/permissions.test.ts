import { describe, expect, it } from "vitest";
import { CITY_SCOPED, PERMISSIONS, ROLES, can, canForCity, type Permission } from "@/lib/permissions";
import type { Role } from "@/db/schema";

// Written out by hand from DESIGN.md's role table, independently of lib/permissions.ts, so a
// change to the table there shows up here as a failing row.
const O = "officer", R = "reviewer", T = "trainer", P = "partner", A = "admin";
const EXPECTED: Record<Permission, Role[]> = {
  "app.view": [O, R, T, P, A],
  "cities.read": [O, R, T, P, A],
  "framework.read": [O, R, T, P, A],
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
  "tokens.manage": [O, R, T, P, A],
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

  it.each([...CITY_SCOPED])("officer may %s only their own city", (permission) => {
    expect(canForCity(officer, permission, 10)).toBe(true);
    expect(canForCity(officer, permission, 11)).toBe(false);
    expect(canForCity(officer, permission, null)).toBe(false);
    expect(canForCity(officer, permission)).toBe(false);
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
