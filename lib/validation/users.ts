import { z } from "zod";
import { ROLES } from "@/lib/domain";
import { LOCALES } from "@/lib/i18n/config";

const role = z.enum(ROLES, { error: "validation.role" });
const cityId = z.coerce.number({ error: "validation.city" }).int().positive({ error: "validation.city" }).nullable();

/** An officer always belongs to a city; other roles never do. */
function cityMatchesRole<T extends { role: string; cityId: number | null }>(value: T, ctx: z.RefinementCtx): void {
  if (value.role === "officer" && value.cityId === null) {
    ctx.addIssue({ code: "custom", path: ["cityId"], message: "validation.officerNeedsCity" });
  }
}

const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

export const createUserSchema = z
  .object({
    email: z.email({ error: "validation.email" }).max(254, { error: "validation.tooLong" }).transform((email) => email.toLowerCase()),
    name: z.string().trim().min(2, { error: "validation.nameTooShort" }).max(120, { error: "validation.tooLong" }),
    role,
    cityId: z.preprocess(emptyToNull, cityId),
    locale: z.enum(LOCALES).default("en"),
    password: z.string().min(10, { error: "validation.passwordTooShort" }).max(72, { error: "validation.tooLong" }),
  })
  .superRefine(cityMatchesRole)
  .transform((value) => ({ ...value, cityId: value.role === "officer" ? value.cityId : null }));

export const changeRoleSchema = z
  .object({
    userId: z.coerce.number().int().positive(),
    role,
    cityId: z.preprocess(emptyToNull, cityId),
  })
  .superRefine(cityMatchesRole)
  .transform((value) => ({ ...value, cityId: value.role === "officer" ? value.cityId : null }));

export const setDisabledSchema = z.object({
  userId: z.coerce.number().int().positive(),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;
export type SetDisabledInput = z.infer<typeof setDisabledSchema>;

export const userIdSchema = z.object({
  userId: z.coerce.number().int().positive(),
});
