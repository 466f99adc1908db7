"use server";

import { publicAction } from "@/server/action";
import { acceptInvitation } from "@/server/account/invite";
import { setPasswordSchema } from "@/lib/validation/auth";

/** The invited user chooses their password; the link is used up, then the sign-in page says so. */
export const acceptInvitationAction = publicAction({
  schema: setPasswordSchema,
  run: async ({ db, input }) => {
    await acceptInvitation(db, input);
  },
  redirectTo: () => "/login?notice=invitation-accepted",
});
