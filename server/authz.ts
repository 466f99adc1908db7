import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { getDb } from "@/db/client";
import { getUserById, type PublicUser } from "@/db/queries/users";
import { userIdForToken } from "@/db/queries/api-tokens";
import { AppError } from "@/lib/errors";
import { canForCity, type Permission } from "@/lib/permissions";

export type CurrentUser = PublicUser;

/**
 * The signed-in user, re-read from the database on each request: a disabled account or a
 * changed role takes effect at once, not when the session token expires.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const db = await getDb();
  // Integrations send a personal token instead of the session cookie.
  const authorization = (await headers()).get("authorization");
  let id: number | null;
  if (authorization?.startsWith("Bearer ")) {
    id = await userIdForToken(db, authorization.slice("Bearer ".length).trim());
  } else {
    id = Number((await auth())?.user?.id);
  }
  if (!id || !Number.isInteger(id) || id <= 0) return null;
  const user = await getUserById(db, id);
  return user && !user.disabled ? user : null;
});

/** For server actions and route handlers: throws AppError("unauthenticated"). */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated");
  return user;
}

/**
 * For server actions and route handlers. Pass the city being acted on for city-scoped
 * permissions: an officer is refused for any city but their own.
 */
export async function requirePermission(permission: Permission, scope: { cityId?: number | null } = {}): Promise<CurrentUser> {
  const user = await requireUser();
  if (!canForCity(user, permission, scope.cityId)) throw new AppError("forbidden");
  return user;
}

/** For pages: sends a signed-out visitor to sign in, and renders 403 for a missing permission. */
export async function requirePagePermission(permission: Permission, scope: { cityId?: number | null } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!canForCity(user, permission, scope.cityId)) forbidden();
  return user;
}
