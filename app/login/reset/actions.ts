"use server";

import { publicAction } from "@/server/action";
import { resetPassword } from "@/server/account/reset";
import { setPasswordSchema } from "@/lib/validation/auth";

/** Uses the mailed link: new password, every session ended, then the sign-in page says so. Never echoes a password. */
export const resetPasswordAction = publicAction({
  schema: setPasswordSchema,
  run: async ({ db, input }) => {
    await resetPassword(db, input);
  },
  redirectTo: () => "/login?notice=password-reset",
});
