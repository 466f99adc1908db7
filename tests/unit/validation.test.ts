import { describe, expect, it } from "vitest";
import { createUserSchema, createUserWithPasswordSchema, changeRoleSchema, setDisabledSchema } from "@/lib/validation/users";
import { forgotPasswordSchema, loginSchema, setPasswordSchema } from "@/lib/validation/auth";
import { fieldErrorsOf } from "@/lib/action-result";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { addQuarters, parsePeriod, quartersEnding } from "@/lib/periods";
import { isMessageKey } from "@/lib/i18n/messages";

const valid = { email: "New.Person@Example.org", name: "New Person", role: "partner", cityId: "", locale: "bn" };

function errorsOf(result: { success: boolean; error?: import("zod").ZodError }) {
  return result.error ? fieldErrorsOf(result.error) : {};
}

describe("create user", () => {
  it("accepts a partner without a city and lower-cases the email", () => {
    const parsed = createUserSchema.parse(valid);
    expect(parsed).toMatchObject({ email: "new.person@example.org", role: "partner", cityId: null, locale: "bn" });
  });

  it("refuses an officer without a city, with a translatable message", () => {
    const errors = errorsOf(createUserSchema.safeParse({ ...valid, role: "officer" }));
    expect(errors.cityId).toEqual(["validation.officerNeedsCity"]);
  });

  it("refuses an approver without a city, and keeps an approver's city", () => {
    expect(errorsOf(createUserSchema.safeParse({ ...valid, role: "approver" })).cityId).toEqual(["validation.cityRoleNeedsCity"]);
    expect(createUserSchema.parse({ ...valid, role: "approver", cityId: "3" }).cityId).toBe(3);
  });

  it("drops a city given to a non-officer", () => {
    expect(createUserSchema.parse({ ...valid, cityId: "3" }).cityId).toBeNull();
    expect(createUserSchema.parse({ ...valid, role: "officer", cityId: "3" }).cityId).toBe(3);
  });

  it.each([
    ["email", { email: "not-an-email" }, "validation.email"],
    ["name", { name: "x" }, "validation.nameTooShort"],
    ["name", { name: "x".repeat(121) }, "validation.tooLong"],
    ["role", { role: "superuser" }, "validation.role"],
  ])("refuses a bad %s", (field, change, key) => {
    const errors = errorsOf(createUserSchema.safeParse({ ...valid, ...change }));
    expect(errors[field]).toContain(key);
  });

  it("takes no password from the admin form (the user is invited to choose one)", () => {
    expect(createUserSchema.parse({ ...valid, password: "typed-by-the-admin" })).not.toHaveProperty("password");
  });

  it.each([
    ["short", "validation.passwordTooShort"],
    ["x".repeat(73), "validation.tooLong"],
  ])("the command line's first admin needs a good password (%s)", (password, key) => {
    expect(errorsOf(createUserWithPasswordSchema.safeParse({ ...valid, role: "admin", password })).password).toContain(key);
    expect(createUserWithPasswordSchema.parse({ ...valid, role: "admin", password: "long-enough-pw" }).password).toBe("long-enough-pw");
  });

  it("every message key a schema can produce exists in the catalogue", () => {
    const bad = createUserWithPasswordSchema.safeParse({ email: "x", name: "", role: "x", cityId: "x", password: "" });
    for (const keys of Object.values(errorsOf(bad))) for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });
});

describe("passwords from a mailed link", () => {
  const good = { token: "abc", password: "a-new-password", confirm: "a-new-password" };

  it("uses the same rules as every chosen password, and both entries must match", () => {
    expect(setPasswordSchema.parse(good)).toMatchObject({ token: "abc", password: "a-new-password" });
    expect(errorsOf(setPasswordSchema.safeParse({ ...good, password: "short", confirm: "short" })).password).toEqual(["validation.passwordTooShort"]);
    expect(errorsOf(setPasswordSchema.safeParse({ ...good, password: "x".repeat(73), confirm: "x".repeat(73) })).password).toContain("validation.tooLong");
    expect(errorsOf(setPasswordSchema.safeParse({ ...good, confirm: "a-new-passwore" })).confirm).toEqual(["validation.passwordMismatch"]);
    for (const key of ["validation.passwordTooShort", "validation.passwordMismatch"]) expect(isMessageKey(key), key).toBe(true);
  });

  it("forgot password lower-cases the address and refuses a malformed one", () => {
    expect(forgotPasswordSchema.parse({ email: "Some.One@Example.org" }).email).toBe("some.one@example.org");
    expect(errorsOf(forgotPasswordSchema.safeParse({ email: "not an address" })).email).toEqual(["validation.email"]);
  });
});

describe("role change and disable", () => {
  it("needs a city for officers", () => {
    expect(changeRoleSchema.safeParse({ userId: "4", role: "officer", cityId: "" }).success).toBe(false);
    expect(changeRoleSchema.parse({ userId: "4", role: "officer", cityId: "2" })).toEqual({ userId: 4, role: "officer", cityId: 2 });
  });

  it("reads the disabled flag strictly", () => {
    expect(setDisabledSchema.parse({ userId: "4", disabled: "true" }).disabled).toBe(true);
    expect(setDisabledSchema.safeParse({ userId: "4", disabled: "yes" }).success).toBe(false);
  });
});

describe("login input", () => {
  it("lower-cases the email and refuses over-long passwords", () => {
    expect(loginSchema.parse({ email: "Admin@Demo.CWIS", password: "x" }).email).toBe("admin@demo.cwis");
    expect(loginSchema.safeParse({ email: "admin@demo.cwis", password: "x".repeat(73) }).success).toBe(false);
  });
});

describe("callback after sign-in", () => {
  it.each([
    ["/cities?country=BD", "/cities?country=BD"],
    ["https://evil.example/", "/dashboard"],
    ["//evil.example/", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["/login", "/dashboard"],
    [undefined, "/dashboard"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe("periods", () => {
  it("parses and steps quarters", () => {
    expect(parsePeriod("2025-Q3")).toEqual({ year: 2025, quarter: 3 });
    expect(parsePeriod("2025-Q5")).toBeNull();
    expect(parsePeriod("2025Q3")).toBeNull();
    expect(addQuarters("2025-Q4", 1)).toBe("2026-Q1");
    expect(addQuarters("2025-Q1", -1)).toBe("2024-Q4");
    expect(quartersEnding("2026-Q3", 8)).toEqual(["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
  });
});

describe("field error keys", () => {
  it("keeps any catalogue key a schema gives, whatever its area, and replaces zod's own English", async () => {
    const { z } = await import("zod");
    const schema = z.object({ title: z.string().min(3, "resources.validation.title"), year: z.number() });
    const result = schema.safeParse({ title: "x", year: "not a number" });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)).toEqual({ title: ["resources.validation.title"], year: ["validation.invalid"] });
  });
});
