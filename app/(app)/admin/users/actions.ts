"use server";

import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { changeRoleSchema, createUserSchema, setDisabledSchema, userIdSchema } from "@/lib/validation/users";
import { changeUserRole, createUser, setUserDisabled, unlockUser } from "@/db/queries/users";

// Every change here is an administrator's, audited by the query that makes it.

export const createUserAction = action({
  permission: "users.manage",
  schema: createUserSchema,
  run: async ({ db, actor, input }) => ({ email: (await createUser(db, input, actor.id)).email }),
  invalidate: () => invalidate.users(),
  // Never the password.
  echo: ["email", "name", "role", "cityId", "locale"],
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
