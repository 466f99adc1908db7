import { z } from "zod";
import { CITY_ROLES, ROLES, type Role } from "@/lib/domain";
import { LOCALES } from "@/lib/i18n/config";
import { newPassword } from "./auth";

const role = z.enum(ROLES, { error: "validation.role" });
const cityId = z.coerce.number({ error: "validation.city" }).int().positive({ error: "validation.city" }).nullable();

const isCityRole = (role: string) => CITY_ROLES.includes(role as Role);

/** An officer or an approver always belongs to a city; other roles never do. */
function cityMatchesRole<T extends { role: string; cityId: number | null }>(value: T, ctx: z.RefinementCtx): void {
  if (isCityRole(value.role) && value.cityId === null) {
    ctx.addIssue({ code: "custom", path: ["cityId"], message: value.role === "officer" ? "validation.officerNeedsCity" : "validation.cityRoleNeedsCity" });
  }
}

/** A city given to a role that has none is dropped. */
const cityForRole = <T extends { role: string; cityId: number | null }>(value: T): T => ({ ...value, cityId: isCityRole(value.role) ? value.cityId : null });

const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

const newUserFields = z.object({
  email: z.email({ error: "validation.email" }).max(254, { error: "validation.tooLong" }).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(2, { error: "validation.nameTooShort" }).max(120, { error: "validation.tooLong" }),
  role,
  cityId: z.preprocess(emptyToNull, cityId),
  // The language of the invitation mail and of the account.
  locale: z.enum(LOCALES).default("en"),
});

/**
 * An administrator creates a user without a password: the user gets an invitation mail and sets
 * their own (server/account/invite.ts).
 */
export const createUserSchema = newUserFields.superRefine(cityMatchesRole).transform(cityForRole);

/** The first administrator, from the command line (scripts/create-admin.ts), types a password. */
export const createUserWithPasswordSchema = newUserFields.extend({ password: newPassword }).superRefine(cityMatchesRole).transform(cityForRole);

export const changeRoleSchema = z
  .object({
    userId: z.coerce.number().int().positive(),
    role,
    cityId: z.preprocess(emptyToNull, cityId),
  })
  .superRefine(cityMatchesRole)
  .transform(cityForRole);

export const setDisabledSchema = z.object({
  userId: z.coerce.number().int().positive(),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type CreateUserWithPasswordInput = z.infer<typeof createUserWithPasswordSchema>;
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;
export type SetDisabledInput = z.infer<typeof setDisabledSchema>;

export const userIdSchema = z.object({
  userId: z.coerce.number().int().positive(),
});
