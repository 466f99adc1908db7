import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { auth, loadSession } from "@/server/auth";
import { getDb } from "@/db/client";
import type { PublicUser } from "@/db/queries/users";
import { resolveApiToken, type TokenResolution } from "@/db/queries/api-tokens";
import { AppError } from "@/lib/errors";
import { canForCity, type Permission } from "@/lib/permissions";
import { bearerTokenOf } from "@/lib/policies/requests";
import type { TokenScope } from "@/lib/domain";
import type { MessageKey } from "@/lib/i18n/messages";
import { env } from "@/lib/env";

export type CurrentUser = PublicUser;

/** Who is asking and with what: a browser session may do what the role allows; a token only its scope. */
export interface Credential {
  user: CurrentUser;
  via: "session" | "token";
  scope: TokenScope;
  /** The user_sessions row, for a browser session. */
  sessionId?: string;
}

interface CredentialCheck {
  credential: Credential | null;
  /** Credentials were sent but do not hold: what to tell the client (401), rather than treating it as anonymous. */
  refusal: MessageKey | null;
}

const TOKEN_REFUSALS: Record<Exclude<TokenResolution["status"], "active">, MessageKey> = {
  unknown: "validation.api.badToken",
  revoked: "tokens.errorRevoked",
  expired: "tokens.errorExpired",
  disabled: "tokens.errorDisabled",
};

// Auth.js names the cookie with __Secure- on https and splits a large one into .0, .1, …
const SESSION_COOKIE = /^((?:__Secure-)?authjs\.session-token)(?:\.(\d+))?$/;

/**
 * Whether the request carries a session cookie this app really issued (it decrypts with our
 * secret and names a session row) although that session no longer holds. Such a cookie is a
 * credential that was refused; garbage in the cookie is not a credential at all (anonymous).
 */
async function carriesEndedSession(): Promise<boolean> {
  const secret = env().authSecret;
  if (!secret) return false;
  const chunks = new Map<string, { index: number; value: string }[]>();
  for (const cookie of (await cookies()).getAll()) {
    const match = SESSION_COOKIE.exec(cookie.name);
    if (!match?.[1]) continue;
    chunks.set(match[1], [...(chunks.get(match[1]) ?? []), { index: Number(match[2] ?? 0), value: cookie.value }]);
  }
  for (const [salt, parts] of chunks) {
    const token = parts.sort((a, b) => a.index - b.index).map((part) => part.value).join("");
    try {
      if (typeof (await decode({ token, secret, salt }))?.sid === "string") return true;
    } catch {
      // Not ours, or tampered with: treated as no cookie.
    }
  }
  return false;
}

/**
 * Reads the request's credentials once: a bearer token (scheme in any case) wins over the cookie,
 * as integrations send one without the other. Every path is one query joined with the user.
 */
const checkCredential = cache(async (): Promise<CredentialCheck> => {
  const requestHeaders = await headers();
  const token = bearerTokenOf(requestHeaders);
  if (token !== null) {
    const resolved = await resolveApiToken(await getDb(), token);
    if (resolved.status === "active") return { credential: { user: resolved.user, via: "token", scope: resolved.scope }, refusal: null };
    return { credential: null, refusal: TOKEN_REFUSALS[resolved.status] };
  }
  // auth() runs the jwt callback, which already loaded this row (loadSession is request-cached).
  const sessionId = (await auth())?.sessionId;
  const session = sessionId ? await loadSession(sessionId) : null;
  if (sessionId && session) return { credential: { user: session.user, via: "session", scope: "write", sessionId }, refusal: null };
  if (await carriesEndedSession()) return { credential: null, refusal: "errors.unauthenticated" };
  if (requestHeaders.get("authorization")) return { credential: null, refusal: "validation.api.badToken" };
  return { credential: null, refusal: null };
});

/** The request's credential (request-cached), or null when none was sent or it does not hold. */
export const getCredential = cache(async (): Promise<Credential | null> => (await checkCredential()).credential);

/**
 * Why the credentials sent with this request were refused (signed-out or disabled session,
 * revoked or expired token), as a message key; null when none were sent or they hold.
 */
export async function credentialRefusal(): Promise<MessageKey | null> {
  return (await checkCredential()).refusal;
}

/**
 * The signed-in user, re-read from the database on each request: a signed-out session, a
 * disabled account or a changed role takes effect at once, not when the session cookie expires.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => (await getCredential())?.user ?? null);

/** For server actions and route handlers: throws AppError("unauthenticated"), saying why when a token was refused. */
export async function requireUser(): Promise<CurrentUser> {
  const { credential, refusal } = await checkCredential();
  if (!credential) throw new AppError("unauthenticated", refusal ?? "errors.unauthenticated");
  return credential.user;
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

/**
 * For pages where a city role acts on its own city (a programme role on any): an officer passes a
 * city-scoped permission here for their city; the action then checks the row's city.
 */
export async function requirePageOwnCityPermission(permission: Permission): Promise<CurrentUser> {
  return requirePagePermission(permission, { cityId: (await getCurrentUser())?.cityId });
}
