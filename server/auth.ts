import "server-only";
import { cache } from "react";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { findActiveSession, renewUserSession, revokeUserSession, type ActiveSession } from "@/db/queries/user-sessions";
import { loginSchema } from "@/lib/validation/auth";
import { authConfig } from "@/lib/auth.config";
import { checkCredentials, clientIp, type SignInFailure } from "@/server/sign-in";

/** Auth.js hands the form its `code`; app/login/actions.ts turns it into a message. */
class SignInRefused extends CredentialsSignin {
  constructor(reason: SignInFailure) {
    super();
    this.code = reason;
  }
}

/**
 * The session row a cookie names, with its user, once per request (the jwt callback and
 * getCurrentUser both ask). Null: signed out, expired, unknown, or the user is disabled.
 */
export const loadSession = cache(async (sessionId: string): Promise<ActiveSession | null> => {
  const db = await getDb();
  const session = await findActiveSession(db, sessionId);
  if (session?.renewDue) await renewUserSession(db, sessionId);
  return session;
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = loginSchema.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("invalid");
        const result = await checkCredentials(await getDb(), { ...parsed.data, ip: clientIp(request?.headers) });
        if (!result.ok) throw new SignInRefused(result.reason);
        return { id: String(result.user.id), name: result.user.name, email: result.user.email, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    // Every read of the cookie (/api/auth/session, auth() in pages and actions) checks its row:
    // a signed-out, expired or disabled session gets no user, and Auth.js clears the cookie.
    async jwt({ token, user }) {
      if (user) return authConfig.callbacks.jwt({ token, user });
      if (typeof token.sid !== "string") return null;
      return (await loadSession(token.sid)) ? token : null;
    },
  },
  events: {
    // Covers POST /api/auth/signout too, not only the header's sign-out button.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await revokeUserSession(await getDb(), sid);
    },
  },
});
