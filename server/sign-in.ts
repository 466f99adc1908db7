import "server-only";
import bcrypt from "bcryptjs";
import type { Database } from "@/db/client";
import { findUserForLogin } from "@/db/queries/users";
import { recordLoginSuccess, reserveLoginAttempt } from "@/db/queries/login-attempts";
import { createUserSession } from "@/db/queries/user-sessions";
import type { ThrottleReason } from "@/lib/throttle";

// Compared against when the email is unknown, so response time does not reveal which emails exist.
const DUMMY_HASH = "$2b$10$6UverRTcuQq2khIeXQrFnuRSQKWfOlGFzudVCxUIAN2VoQVmPkcky";

export type SignInFailure = "invalid" | "disabled" | `throttled.${ThrottleReason}`;

export type SignInResult = { ok: true; user: { id: number; name: string; email: string }; sessionId: string } | { ok: false; reason: SignInFailure };

export interface SignInDeps {
  /** The password check; tests count its calls to see how many attempts were evaluated. */
  compare?: (password: string, hash: string) => Promise<boolean>;
}

/**
 * The whole credential check, free of Next and Auth.js so it can be tested on a real database.
 *
 * Order: reserve the attempt under the throttle (atomic, see reserveLoginAttempt) → a disabled
 * account is answered as such whatever the password, without comparing it (an answer after the
 * compare would confirm the password) → compare → on success, record it and open a session row.
 */
export async function checkCredentials(db: Database, input: { email: string; password: string; ip: string | null }, deps: SignInDeps = {}): Promise<SignInResult> {
  const compare = deps.compare ?? ((password: string, hash: string) => bcrypt.compare(password, hash));
  const email = input.email.toLowerCase();
  const reservation = await reserveLoginAttempt(db, { email, ip: input.ip });
  if (!reservation.ok) return { ok: false, reason: `throttled.${reservation.reason}` };

  const user = await findUserForLogin(db, email);
  if (user?.disabled) return { ok: false, reason: "disabled" };
  const passwordOk = await compare(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !passwordOk) return { ok: false, reason: "invalid" };

  await recordLoginSuccess(db, reservation.attemptId);
  const sessionId = await createUserSession(db, user.id);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email }, sessionId };
}

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry (Next adds the
 * socket address when no proxy did). Entries before it are whatever the client claimed.
 */
export function clientIp(headers: Headers | undefined): string | null {
  const forwarded = headers?.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 64) : null;
}
