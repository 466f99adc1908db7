import { z } from "zod";

export const loginSchema = z.object({
  email: z.email({ error: "validation.email" }).max(254, { error: "validation.tooLong" }).transform((email) => email.toLowerCase()),
  // bcrypt reads only the first 72 bytes; longer input is refused rather than silently cut.
  password: z.string().min(1, { error: "validation.required" }).max(72, { error: "validation.tooLong" }),
});

export type LoginInput = z.infer<typeof loginSchema>;
