// @ts-check
// Plain CommonJS so next.config.js (loaded by Next itself) and proxy.ts share one policy.

/**
 * The app's Content-Security-Policy. Only the script sources differ: proxy.ts allows its per-request
 * nonce; responses it never sees (prefetches, set in next.config.js) allow 'self' only.
 * @param {{ scriptSrc: string; frameAncestors: string }} options
 * @returns {string}
 */
function contentSecurityPolicy({ scriptSrc, frameAncestors }) {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
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

module.exports = { contentSecurityPolicy };
