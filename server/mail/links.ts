import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/server/signing-keys";

/**
 * Signed links for people without an account (the newsletter): `<id>.<nonce>.<mac>`, where mac is
 * HMAC-SHA256 over `purpose|id|nonce` with a key derived from AUTH_SECRET. The purpose is signed
 * but not written in the link, so a link made for one purpose never passes for another; the
 * nonce is stored with the subscription, so replacing it voids every older link at once.
 */
export const LINK_PURPOSES = ["confirm", "manage", "unsubscribe"] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

function mac(purpose: LinkPurpose, subscriptionId: number, nonce: string): Buffer {
  return createHmac("sha256", derivedKey("cwis-mail-links", "newsletter links v1")).update(`${purpose}|${subscriptionId}|${nonce}`).digest();
}

/** A fresh random nonce (hex, so it never contains the link's separators). */
export function newNonce(bytes = 16): string {
  return randomBytes(bytes).toString("hex");
}

export function signLink(purpose: LinkPurpose, subscriptionId: number, nonce: string): string {
  if (!Number.isSafeInteger(subscriptionId) || subscriptionId <= 0 || !NONCE.test(nonce)) throw new Error("cannot sign this link");
  return `${subscriptionId}.${nonce}.${mac(purpose, subscriptionId, nonce).toString("base64url")}`;
}

const NONCE = /^[0-9a-z-]{8,80}$/;
const TOKEN = /^([1-9][0-9]{0,9})\.([0-9a-z-]{8,80})\.([A-Za-z0-9_-]{43})$/;

/**
 * What a link names if its signature holds for `purpose`, else null (malformed, tampered with,
 * made for another purpose, or signed with another secret). Whether the nonce is still the
 * subscription's current one is for the caller to check against the database.
 */
export function verifyLink(purpose: LinkPurpose, token: unknown): { subscriptionId: number; nonce: string } | null {
  if (typeof token !== "string") return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, id = "", nonce = "", signature = ""] = match;
  const subscriptionId = Number(id);
  if (!Number.isSafeInteger(subscriptionId)) return null;
  // Compared as text: base64url's last character has spare bits that decoding would ignore.
  const given = Buffer.from(signature);
  const expected = Buffer.from(mac(purpose, subscriptionId, nonce).toString("base64url"));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { subscriptionId, nonce };
}
