import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { listUsers } from "@/db/queries/users";
import { listApiTokens } from "@/db/queries/api-tokens";
import { loginLocks } from "@/db/queries/login-attempts";
import { countActiveSessions } from "@/db/queries/user-sessions";

// Request-cached reads for the profile and user-administration pages. Each page checks its
// permission before calling; these never decide who may see what.

/** The signed-in user's tokens and how many browsers they are signed in on. */
export const loadProfile = cache(async (userId: number) => {
  const db = await getDb();
  const [tokens, sessions] = await Promise.all([listApiTokens(db, userId), countActiveSessions(db, userId)]);
  return { tokens, sessions };
});

/** One page of users, with the sign-in locks that hold on their addresses now. */
export const loadUsersPage = cache(async (page: { limit: number; offset: number }) => {
  const db = await getDb();
  const { rows, total } = await listUsers(db, page);
  const locks = await loginLocks(db, rows.map((user) => user.email));
  return { rows: rows.map((user) => ({ ...user, lockedUntil: locks.get(user.email) ?? null })), total };
});
