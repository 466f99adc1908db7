/**
 * What may reach a mail header. Every header value the app builds passes through here: a CR or LF
 * in a name or subject would let the sender add headers (Bcc: …), so it is refused, not stripped.
 */
export class HeaderInjectionError extends Error {
  constructor(readonly field: string) {
    super(`line break in mail header field "${field}"`);
    this.name = "HeaderInjectionError";
  }
}

const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/;

export function hasLineBreak(value: string): boolean {
  return LINE_BREAK.test(value);
}

export function assertHeaderSafe(field: string, value: string): string {
  if (hasLineBreak(value)) throw new HeaderInjectionError(field);
  return value;
}

/**
 * An address the app will write to: one mailbox, ASCII, a dotted domain, no display name, no
 * quoting or comments (the forms nodemailer would reinterpret), at most 254 characters.
 */
const MAILBOX = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isMailbox(value: string): boolean {
  return value.length <= 254 && MAILBOX.test(value) && !value.includes("..") && !value.startsWith(".") && !/\.@/.test(value);
}

/** `"Name" <address>` with the name quoted, for a To: header; names with a line break are refused. */
export function formatMailbox(address: string, name?: string | null): string {
  assertHeaderSafe("to", address);
  if (!isMailbox(address)) throw new Error("not a mailbox address");
  if (!name) return address;
  assertHeaderSafe("name", name);
  return `"${name.replace(/["\\]/g, "\\$&")}" <${address}>`;
}
