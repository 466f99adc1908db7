/**
 * Whether a request that carries the session cookie may change anything: it must come from a page
 * of this site. A cross-site form post or `fetch(..., { mode: "no-cors" })` with a "simple" body
 * (form fields, multipart, text/plain) reaches the server with the visitor's cookie and no
 * preflight, so the browser's own headers decide: `Sec-Fetch-Site` when sent, and the `Origin`
 * compared with the host. An opaque origin ("null": a sandboxed frame, a data: URL) is foreign.
 *
 * A write with no `Origin` is refused too, unless fetch metadata vouches for it (`same-origin`):
 * every current browser sends `Origin` on a POST/PUT, so its absence means an old browser, a
 * privacy proxy that strips it, or a script replaying a stolen cookie. Scripts write with a
 * bearer token, which never reaches this check (no ambient credential).
 */
export function isCrossSiteRequest(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.get("origin");
  if (!origin) return site !== "same-origin";
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  return !host || originHost !== host;
}

/** The scheme of `Authorization` is case-insensitive (RFC 9110): `bearer x` is a token too. */
export function bearerTokenOf(headers: Headers): string | null {
  const match = /^bearer\s+(.+)$/i.exec(headers.get("authorization") ?? "");
  return match?.[1]?.trim() || null;
}
