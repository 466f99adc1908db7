// @ts-check

// Headers every response gets. The Content-Security-Policy itself is set per request in proxy.ts,
// because its script nonce must be fresh for each page.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
// Not for /embed/ pages, which other sites may frame (their CSP says frame-ancestors *, see proxy.ts).
const frameHeaders = [{ key: "X-Frame-Options", value: "DENY" }];

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
    serverActions: { bodySizeLimit: "3mb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/((?!embed/).*)", headers: frameHeaders },
    ];
  },
};

module.exports = nextConfig;
