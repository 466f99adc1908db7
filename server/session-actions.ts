"use server";

import "server-only";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/config";
import { getCredential, getCurrentUser } from "@/server/authz";
import { signOut } from "@/server/auth";
import { getDb } from "@/db/client";
import { updateUserLocale } from "@/db/queries/users";
import { revokeUserSession } from "@/db/queries/user-sessions";

// The header calls these from every page, so they live beside the session, not under one route.

/** The language switch. Works without JavaScript: each language is a submit button. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: true });
  const user = await getCurrentUser();
  if (user) await updateUserLocale(await getDb(), user.id, locale);
  revalidatePath("/", "layout");
}

/**
 * Ends this browser's session row before clearing the cookie: a copy of the cookie saved
 * earlier is refused from the next request on. Auth.js's signOut event does the same, but
 * swallows its errors; here a failure stops the sign-out instead of leaving the row alive.
 */
export async function signOutAction(): Promise<void> {
  const credential = await getCredential();
  if (credential?.sessionId) await revokeUserSession(await getDb(), credential.sessionId);
  await signOut({ redirectTo: "/" });
}
