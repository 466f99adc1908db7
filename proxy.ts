import NextAuth from "next-auth";
import { contentSecurityPolicy } from "@/lib/csp";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth.config";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, localeFromAcceptLanguage } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/messages";

const { auth } = NextAuth(authConfig);

// Pages anyone may open. Everything else needs a session; the pages check permissions themselves.
const PUBLIC_PATHS = [/^\/$/, /^\/login(\/(forgot|reset))?$/, /^\/invite$/, /^\/explore(\/[^/]+)?$/, /^\/explore\/reports\/\d+(\/v\/\d+)?$/, /^\/reports\/\d+\/(print|pdf)$/, /^\/embed\//, /^\/events(\/[^/]+)?$/, /^\/resources(\/[^/]+)?$/, /^\/newsletter(\/(confirm|manage|unsubscribe))?$/];

// Embeds are meant to be framed by other sites (partners' pages); everything else never is.
const isEmbed = (pathname: string) => pathname.startsWith("/embed/");

function pagePolicy(nonce: string, frameAncestors: string): string {
  const dev = env().nodeEnv === "development";
  return contentSecurityPolicy({ scriptSrc: `'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`, frameAncestors });
}

/**
 * A POST to a page is a server action (fetched, or a plain form post without JavaScript). Next
 * refuses one from another site with a 500; this answers 403 first. The hosts compared are the
 * ones Next compares (X-Forwarded-Host, else Host) plus APP_URL's, which next.config.js also
 * allows. A request without Origin is no browser's cross-site post (browsers always send one).
 */
function isCrossSitePost(request: NextRequest): boolean {
  if (request.method !== "POST" || request.nextUrl.pathname === "/newsletter/unsubscribe") return false; // RFC 8058 one-click: mail clients post cross-site, the signed URL is the proof
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") === "cross-site";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null": a sandboxed frame or an opaque redirect
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const own = forwarded || request.headers.get("host");
  return originHost !== own && originHost !== new URL(env().appUrl).host;
}

function refuseCrossSite(request: NextRequest): NextResponse {
  const chosen = request.cookies.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : (localeFromAcceptLanguage(request.headers.get("accept-language")) ?? DEFAULT_LOCALE);
  return new NextResponse(translator(locale)("errors.crossSiteAction"), {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * Refuses cross-site posts, redirects signed-out visitors to /login and sets the per-request CSP.
 * It is not the access guard.
 */
export default auth((request) => {
  if (isCrossSitePost(request)) return refuseCrossSite(request);
  const { pathname, search } = request.nextUrl;
  if (!request.auth && !PUBLIC_PATHS.some((re) => re.test(pathname))) {
    const login = new URL("/login", request.nextUrl);
    // Only path and query: the proxy sees the host as localhost even when served elsewhere.
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = pagePolicy(nonce, isEmbed(pathname) ? "*" : "'none'");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
});

export const config = {
  // Not for API routes (they answer 401 themselves) or static files; next.config.js gives those
  // and prefetches a static CSP.
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico|robots.txt).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
