/** Only a local path may follow sign-in: never another site, never a protocol-relative URL. */
export function safeCallbackPath(raw: unknown, fallback = "/dashboard"): string {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  try {
    const url = new URL(raw, "http://local.invalid");
    if (url.origin !== "http://local.invalid" || url.pathname.startsWith("/login")) return fallback;
    return `${url.pathname}${url.search}`;
  } catch {
    return fallback;
  }
}
