import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth.config";

const { auth } = NextAuth(authConfig);

// Pages anyone may open. Everything else needs a session; the pages check permissions themselves.
const PUBLIC_PATHS = [/^\/$/, /^\/login$/, /^\/explore(\/[^/]+)?$/, /^\/embed\//, /^\/events(\/[^/]+)?$/, /^\/resources(\/[^/]+)?$/];

// Embeds are meant to be framed by other sites (partners' pages); everything else never is.
const isEmbed = (pathname: string) => pathname.startsWith("/embed/");

function contentSecurityPolicy(nonce: string, frameAncestors: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Chart.js and React set style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** Redirects signed-out visitors to /login and sets the per-request CSP. It is not the access guard. */
export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (!request.auth && !PUBLIC_PATHS.some((re) => re.test(pathname))) {
    const login = new URL("/login", request.nextUrl);
    // Only path and query: the proxy sees the host as localhost even when served elsewhere.
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, isEmbed(pathname) ? "*" : "'none'");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
});

export const config = {
  // Not for API routes (they answer 401 themselves), static files or prefetches.
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico|robots.txt).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
