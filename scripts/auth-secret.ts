import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "../db/data-dir";
import { env } from "../lib/env";

/**
 * AUTH_SECRET from the environment; outside production, one generated on first start and kept in
 * the data folder so sessions survive restarts. Production without AUTH_SECRET is refused.
 */
export function resolveAuthSecret(production: boolean): string {
  // env() has refused a secret shorter than 32 characters.
  const fromEnv = env().authSecret;
  if (fromEnv) return fromEnv;
  if (production) {
    throw new Error("AUTH_SECRET is required in production. Generate one with: openssl rand -base64 48");
  }
  const file = path.join(dataDir(), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir(), { recursive: true });
  const secret = randomBytes(48).toString("base64");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
