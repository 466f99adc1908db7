"use server";

import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { changeRoleSchema, createUserSchema, setDisabledSchema, userIdSchema } from "@/lib/validation/users";
import { changeUserRole, setUserDisabled, unlockUser } from "@/db/queries/users";
import { inviteUser, resendInvitation } from "@/server/account/invite";

// Every change here is an administrator's, audited by the query that makes it.

/** No password is typed: the user, its audit row and the invitation mail commit together. */
export const createUserAction = action({
  permission: "users.manage",
  schema: createUserSchema,
  run: async ({ db, actor, input }) => ({ email: (await inviteUser(db, input, actor)).email }),
  invalidate: () => invalidate.users(),
  echo: ["email", "name", "role", "cityId", "locale"],
});

/** A new invitation link (the older ones stop working), while the invitation is not accepted. */
export const resendInvitationAction = action({
  permission: "users.manage",
  schema: userIdSchema,
  run: async ({ db, actor, input }) => {
    await resendInvitation(db, input.userId, actor);
  },
  invalidate: () => invalidate.users(),
});

export const changeRoleAction = action({
  permission: "users.manage",
  schema: changeRoleSchema,
  run: async ({ db, actor, input }) => {
    await changeUserRole(db, input, actor.id);
  },
  invalidate: () => invalidate.users(),
  echo: ["role", "cityId"],
});

/** Disabling also ends the user's sessions: their open browsers are refused on the next request. */
export const setDisabledAction = action({
  permission: "users.manage",
  schema: setDisabledSchema,
  run: async ({ db, actor, input }) => {
    await setUserDisabled(db, input, actor.id);
  },
  invalidate: () => invalidate.users(),
});

/** Lifts a sign-in lock on the user's address (its failed attempts are forgotten). */
export const unlockUserAction = action({
  permission: "users.manage",
  schema: userIdSchema,
  run: async ({ db, actor, input }) => {
    await unlockUser(db, input.userId, actor.id);
  },
  invalidate: () => invalidate.users(),
});
