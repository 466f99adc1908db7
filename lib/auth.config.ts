import type { NextAuthConfig } from "next-auth";

/** How long a session lasts without use: the cookie and its user_sessions row both roll forward on use. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/**
 * The part of the Auth.js setup that needs no database, so proxy.ts can read the session
 * cookie without loading the database driver. The proxy only decides whether to send a visitor
 * to /login; whether the session still holds (not signed out, user not disabled) is checked
 * against the database by server/auth.ts and server/authz.ts.
 */
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      if (user?.sessionId) token.sid = user.sessionId;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
