import "server-only";
import { hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

const cache = new Map<string, { secret: string; key: Buffer }>();

/**
 * A signing key of its own for one use (HKDF from AUTH_SECRET with that use's salt and info), so
 * a value signed for one purpose never passes for another or for anything Auth.js signs. Derived
 * once per secret.
 */
export function derivedKey(salt: string, info: string): Buffer {
  const secret = env().authSecret;
  if (!secret) throw new Error(`AUTH_SECRET is not set: cannot sign ${info}`);
  const seen = cache.get(salt);
  if (seen?.secret === secret) return seen.key;
  const key = Buffer.from(hkdfSync("sha256", secret, salt, info, 32));
  cache.set(salt, { secret, key });
  return key;
}
