// @ts-check
const { contentSecurityPolicy } = require("./lib/csp.js");

// Headers every response gets. The Content-Security-Policy of pages is set per request in proxy.ts,
// because its script nonce must be fresh for each page.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
// Not for /embed/ pages, which other sites may frame (their CSP says frame-ancestors *, see proxy.ts).
const frameHeaders = [{ key: "X-Frame-Options", value: "DENY" }];

/**
 * For prefetches, which proxy.ts does not see: the same policy without a nonce, so no inline
 * script runs there. Never on a response that gets proxy.ts's CSP: a second policy would be
 * enforced too and block its nonce.
 */
const staticCsp = (frameAncestors) => contentSecurityPolicy({ scriptSrc: "'self'", frameAncestors });
const prefetch = [{ type: "header", key: "next-router-prefetch" }];

// Read raw: this file is plain JavaScript loaded by Next itself. scripts/start.ts has already
// checked both values with lib/env.ts.
const appHost = (() => {
  try {
    return process.env.APP_URL ? new URL(process.env.APP_URL).host : null;
  } catch {
    return null;
  }
})();

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests of a second working copy build into their own folder (scripts/build-stamp.ts).
  distDir: process.env.CWIS_DIST_DIR || ".next",
  // PGlite ships wasm and data files: bundled, it breaks at runtime and its files become public.
  // unpdf (PDF text for resource search) ships pdf.js as a large prebuilt module: load it from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "unpdf"],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    authInterrupts: true,
    // The CSV import takes files up to 2 MB (lib/csv.ts); the default 1 MB would cut them off with
    // a framework error instead of our message. Room is left for the multipart overhead.
    // Behind a proxy that rewrites Host, a form posted from APP_URL is still this site's (proxy.ts
    // refuses every other foreign origin with a 403 before Next would answer 500).
    serverActions: { bodySizeLimit: "3mb", ...(appHost ? { allowedOrigins: [appHost] } : {}) },
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/((?!embed/).*)", headers: frameHeaders },
      // Config headers win over a route handler's own (Next appends those only when absent), so the
      // API gets the strictest policy there is: it covers the file downloads' sandbox, and a
      // document under /api (Next's 404, Auth.js's error page) runs nothing.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox" }] },
      { source: "/((?!api/|embed/).*)", has: prefetch, headers: [{ key: "Content-Security-Policy", value: staticCsp("'none'") }] },
      { source: "/embed/:path*", has: prefetch, headers: [{ key: "Content-Security-Policy", value: staticCsp("*") }] },
    ];
  },
};

module.exports = nextConfig;
