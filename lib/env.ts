import { z } from "zod";

/**
 * Every environment variable the app and its scripts read, parsed in one place so a bad value
 * fails at start with the variable's name instead of deep inside a request or a driver.
 */
export const ENV_VARIABLES = [
  "NODE_ENV",
  "PORT",
  "APP_URL",
  "DATABASE_URL",
  "AUTH_SECRET",
  "AUTH_TRUST_HOST",
  "CWIS_DATA_DIR",
  "CWIS_DATA_LOCK_TOKEN",
  "CWIS_DIST_DIR",
  "SEED_DEMO",
  "ADMIN_PASSWORD",
  "SMTP_URL",
  "MAIL_FROM",
  "MAIL_WORKER",
  "MAIL_POLL_SECONDS",
  "CHROMIUM_PATH",
  "INTERNAL_URL",
] as const;
export type EnvVariable = (typeof ENV_VARIABLES)[number];

/** A PostgreSQL URL as postgres.js can take it, plus what postgres.js cannot read from the URL itself. */
export interface DatabaseUrl {
  /** For postgres.js: no `host`/`port` query parameters (it would send them to the server as settings). */
  url: string;
  /** A socket folder or host names from `?host=` or a percent-encoded socket host; overrides the URL's host. */
  host?: string;
  port?: number;
  /** The URL with its password replaced, for logs. */
  redacted: string;
}

const SCHEME = /^(postgres(?:ql)?):\/\/([^/?#]*)(.*)$/s;

/** Hides the password of a `scheme://user:password@host` URL. */
export function redactUrl(raw: string): string {
  const match = SCHEME.exec(raw);
  if (!match) return raw.replace(/\/\/([^/?#@:]*):[^/?#@]*@/, "//$1:***@");
  const [, scheme, authority = "", rest = ""] = match;
  const at = authority.lastIndexOf("@");
  if (at < 0) return raw;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(":");
  return colon < 0 ? raw : `${scheme}://${userinfo.slice(0, colon)}:***@${authority.slice(at + 1)}${rest}`;
}

/**
 * Parses a libpq-style URL, including the socket forms postgres.js does not accept on its own:
 * `postgres://user@/db?host=/var/run/postgresql` and `postgres://user@%2Fvar%2Frun%2Fpostgresql/db`.
 * Throws an Error whose message says what is wrong (never the password).
 */
export function parseDatabaseUrl(raw: string): DatabaseUrl {
  const match = SCHEME.exec(raw.trim());
  if (!match) throw new Error("must start with postgres:// or postgresql://");
  const [, scheme, authority = "", rest = ""] = match;
  const at = authority.lastIndexOf("@");
  const userinfo = at < 0 ? "" : authority.slice(0, at + 1);
  const hosts = at < 0 ? authority : authority.slice(at + 1);
  let socketHost: string | undefined;
  try {
    socketHost = hosts.includes("%") && decodeURIComponent(hosts).startsWith("/") ? decodeURIComponent(hosts) : undefined;
  } catch {
    throw new Error("has a badly percent-encoded host");
  }
  // Validate with the first host only: `h1,h2` (postgres.js multi-host) is no URL host.
  const first = socketHost ? "" : (hosts.split(",")[0] ?? "");
  let parsed: URL;
  try {
    parsed = new URL(`${scheme}://${userinfo}${first || "localhost"}${rest}`);
  } catch {
    throw new Error("is not a valid URL");
  }
  if (!/^\/[^/]+$/.test(parsed.pathname)) throw new Error("must name a database (…/DATABASE_NAME)");
  const hostParam = parsed.searchParams.get("host") ?? undefined;
  const portParam = parsed.searchParams.get("port") ?? undefined;
  let port: number | undefined;
  if (portParam !== undefined) {
    port = Number(portParam);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error("has a ?port= that is not a port number");
  }
  parsed.searchParams.delete("host");
  parsed.searchParams.delete("port");
  const host = hostParam || socketHost;
  // Without a host anywhere, postgres.js falls back to PGHOST or localhost, as for `postgres:///db`.
  const urlHosts = socketHost || !hosts ? "localhost" : hosts;
  const url = host || port !== undefined ? `${scheme}://${userinfo}${urlHosts}${parsed.pathname}${parsed.search}` : raw.trim();
  return { url, ...(host ? { host } : {}), ...(port !== undefined ? { port } : {}), redacted: redactUrl(raw.trim()) };
}

/** The public address the site is reached at: scheme, host and port only. */
function parseAppUrl(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error("is not a valid URL (for example https://cwis.example.org)");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("must start with http:// or https://");
  if (parsed.username || parsed.password) throw new Error("must not carry a user name or password");
  if (parsed.pathname !== "/" || parsed.search || parsed.hash) throw new Error("must be the site's address only, without a path, query or fragment");
  return parsed.origin;
}

/** smtp:// or smtps:// with a host; the password stays inside (describeFailure hides it in logs). */
function parseSmtpUrl(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error("is not a valid URL (for example smtp://user:password@mail.example.org:587)");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") throw new Error("must start with smtp:// or smtps://");
  if (!parsed.hostname) throw new Error("must name the mail server's host");
  return raw;
}

/**
 * `Name <address>` or a bare address. A line break would let the value add mail headers, so it
 * is refused here rather than trusted to the mailer.
 */
function parseMailFrom(raw: string): string {
  if (/[\r\n]/.test(raw)) throw new Error("must be one line");
  const address = /<([^<>]+)>\s*$/.exec(raw)?.[1] ?? raw.trim();
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address)) throw new Error('must be an address, like "CWIS Mentor Cities <no-reply@example.org>"');
  return raw.trim();
}

const TRUE = ["1", "true", "yes"];
const FALSE = ["0", "false", "no"];
const flag = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (TRUE.includes(lower)) return true;
    if (FALSE.includes(lower)) return false;
    ctx.addIssue({ code: "custom", message: "must be 1/true/yes or 0/false/no" });
    return z.NEVER;
  });

function parsedBy<T>(parse: (raw: string) => T) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      try {
        return parse(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    });
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { message: "must be development, production or test" }).default("development"),
  PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number")
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65535, "must be between 1 and 65535")
    .default(3000),
  APP_URL: parsedBy(parseAppUrl),
  // Where this server reaches itself (PDFs print its own print view): never the Host header.
  INTERNAL_URL: parsedBy(parseAppUrl),
  DATABASE_URL: parsedBy(parseDatabaseUrl),
  // Auth.js reads these two itself; parsing them here only fails early and clearly.
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters long (generate one with: openssl rand -base64 48)").optional(),
  AUTH_TRUST_HOST: flag,
  CWIS_DATA_DIR: z.string().optional(),
  CWIS_DATA_LOCK_TOKEN: z.string().optional(),
  CWIS_DIST_DIR: z
    .string()
    .refine((dir) => !dir.startsWith("/") && !dir.split(/[\\/]/).includes(".."), "must be a folder inside the project (like .next-e2e)")
    .optional(),
  SEED_DEMO: flag,
  ADMIN_PASSWORD: z.string().optional(),
  SMTP_URL: parsedBy(parseSmtpUrl),
  MAIL_FROM: parsedBy(parseMailFrom),
  MAIL_WORKER: flag,
  MAIL_POLL_SECONDS: z
    .string()
    .regex(/^\d+$/, "must be a whole number of seconds")
    .transform(Number)
    .refine((s) => s >= 1 && s <= 3600, "must be between 1 and 3600")
    .default(5),
  // The Chromium that prints PDFs (reports): PDF libraries break Bangla conjuncts, a browser shapes them.
  CHROMIUM_PATH: z.string().refine((path) => path.startsWith("/"), "must be an absolute path").optional(),
});

export interface Env {
  nodeEnv: "development" | "production" | "test";
  production: boolean;
  port: number;
  /** Origin without a trailing slash: every absolute link the app makes starts with it. */
  appUrl: string;
  /** This server's own address as it reaches itself (the PDF printer opens the print view there). */
  internalUrl: string;
  /** Null: the embedded PGlite database in the data folder. */
  databaseUrl: DatabaseUrl | null;
  authSecret: string | null;
  authTrustHost: boolean | null;
  dataDir: string | null;
  dataLockToken: string | null;
  distDir: string;
  seedDemo: boolean;
  adminPassword: string | null;
  /** Null: mail stays in the outbox (the embedded default); /admin/outbox shows it. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Whether the server process runs the mail worker (default yes; off when a separate `npm run worker` does it). */
  mailWorker: boolean;
  /** How often the worker looks for due mail. */
  mailPollSeconds: number;
  /** The Chromium that prints PDFs; without one the print view is offered instead. */
  chromiumPath: string;
}

export class EnvError extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export interface ParseEnvOptions {
  /**
   * The caller is about to serve the app (`npm start`, the Next server's start-up). In production
   * a server must be given AUTH_SECRET: instances that generate their own cannot read each other's
   * cookies. Scripts that only migrate, seed or create a user need none.
   */
  serving?: boolean;
}

/** Pure: parses `source` (process.env or a test's object). Throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>, options: ParseEnvOptions = {}): Env {
  // An empty value (`FOO=` in a compose file) means unset, as it always has for DATABASE_URL.
  const raw = Object.fromEntries(ENV_VARIABLES.map((name) => [name, source[name] === "" ? undefined : source[name]]));
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "environment"), reason: issue.message })));
  }
  const v = result.data;
  const production = v.NODE_ENV === "production";
  if (production && options.serving && !v.AUTH_SECRET) {
    throw new EnvError([
      {
        variable: "AUTH_SECRET",
        reason: "is required when NODE_ENV=production: instances that generate their own cannot read each other's cookies (generate one with: openssl rand -base64 48)",
      },
    ]);
  }
  return {
    nodeEnv: v.NODE_ENV,
    production,
    port: v.PORT,
    appUrl: v.APP_URL ?? `http://localhost:${v.PORT}`,
    internalUrl: v.INTERNAL_URL ?? `http://127.0.0.1:${v.PORT}`,
    databaseUrl: v.DATABASE_URL ?? null,
    authSecret: v.AUTH_SECRET ?? null,
    authTrustHost: v.AUTH_TRUST_HOST ?? null,
    dataDir: v.CWIS_DATA_DIR ?? null,
    dataLockToken: v.CWIS_DATA_LOCK_TOKEN ?? null,
    distDir: v.CWIS_DIST_DIR ?? ".next",
    seedDemo: v.SEED_DEMO ?? false,
    adminPassword: v.ADMIN_PASSWORD ?? null,
    smtpUrl: v.SMTP_URL ?? null,
    mailWorker: v.MAIL_WORKER ?? true,
    mailPollSeconds: v.MAIL_POLL_SECONDS,
    chromiumPath: v.CHROMIUM_PATH ?? "/usr/bin/chromium",
    mailFrom: v.MAIL_FROM ?? `CWIS Mentor Cities <no-reply@${new URL(v.APP_URL ?? "http://localhost").hostname}>`,
  };
}

let cached: { key: string; env: Env } | undefined;

/**
 * The parsed process environment. Parsed again only when one of its variables changed (tests and
 * `npm start` set some at run time), so a value read here is never stale.
 */
export function env(): Env {
  const key = JSON.stringify(ENV_VARIABLES.map((name) => process.env[name] ?? null));
  if (cached?.key !== key) cached = { key, env: parseEnv(process.env) };
  return cached.env;
}

/**
 * A failure as an operator needs it: each message down the `cause` chain with its SQLSTATE or
 * system code (drizzle wraps the driver's error in "Failed query: …"), with any secret removed.
 */
export function describeFailure(error: unknown, secrets: readonly (string | null | undefined)[] = []): string {
  const hidden = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
  const scrub = (text: string) => hidden.reduce((out, secret) => out.split(secret).join("***"), text);
  const lines: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current) && lines.length < 10) {
    seen.add(current);
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      const message = current.message || current.name;
      // drizzle repeats the whole statement and its parameters; the first line says enough.
      const firstLine = message.startsWith("Failed query:") ? message.split("\n")[0] ?? message : message;
      lines.push(`${lines.length ? "caused by: " : ""}${firstLine}${typeof code === "string" || typeof code === "number" ? ` [${code}]` : ""}`);
      current = current.cause;
    } else {
      lines.push(`${lines.length ? "caused by: " : ""}${String(current)}`);
      break;
    }
  }
  return scrub(lines.join("\n"));
}

/** The password of a database URL and its decoded form, for describeFailure to remove. */
export function databaseSecrets(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const match = SCHEME.exec(raw);
  const authority = match?.[2] ?? "";
  const at = authority.lastIndexOf("@");
  const colon = authority.indexOf(":");
  if (at < 0 || colon < 0 || colon > at) return [];
  const password = authority.slice(colon + 1, at);
  try {
    return [password, decodeURIComponent(password)];
  } catch {
    return [password];
  }
}
