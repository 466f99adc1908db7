"use server";

import { publicAction } from "@/server/action";
import { requestPasswordReset } from "@/server/account/reset";
import { forgotPasswordSchema } from "@/lib/validation/auth";

/** "Forgot your password?": the same answer for every address; throttled per IP and per address. */
export const forgotPasswordAction = publicAction({
  schema: forgotPasswordSchema,
  run: async ({ db, input, ip }) => {
    await requestPasswordReset(db, { email: input.email, ip });
  },
  echo: ["email"],
});
