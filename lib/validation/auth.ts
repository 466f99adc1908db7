import { z } from "zod";

const email = z.email({ error: "validation.email" }).max(254, { error: "validation.tooLong" }).transform((value) => value.toLowerCase());

export const loginSchema = z.object({
  email,
  // bcrypt reads only the first 72 bytes; longer input is refused rather than silently cut.
  password: z.string().min(1, { error: "validation.required" }).max(72, { error: "validation.tooLong" }),
});

export type LoginInput = z.infer<typeof loginSchema>;

/** The rule for every password a person chooses (invitation, reset, the first admin's). */
export const newPassword = z.string().min(10, { error: "validation.passwordTooShort" }).max(72, { error: "validation.tooLong" });

/** "Forgot your password?": only the address. */
export const forgotPasswordSchema = z.object({ email });

/**
 * A password set from a mailed link (reset or invitation). The token is checked by the database,
 * not here: a malformed one is simply not found.
 */
export const setPasswordSchema = z
  .object({
    token: z.string().max(200),
    password: newPassword,
    confirm: z.string().max(72, { error: "validation.tooLong" }),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "validation.passwordMismatch" });
  });

export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;
