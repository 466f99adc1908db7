import { describe, expect, it } from "vitest";
import { databaseSecrets, describeFailure, EnvError, parseDatabaseUrl, parseEnv, redactUrl } from "@/lib/env";

const SECRET = "s".repeat(40);

function problems(source: Record<string, string | undefined>, options?: { serving?: boolean }): Record<string, string> {
  try {
    parseEnv(source, options);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return Object.fromEntries((error as EnvError).problems.map((p) => [p.variable, p.reason]));
  }
  throw new Error("parseEnv accepted it");
}

describe("parseEnv", () => {
  it("gives the quick start's defaults for an empty environment", () => {
    expect(parseEnv({})).toEqual({
      nodeEnv: "development",
      production: false,
      port: 3000,
      appUrl: "http://localhost:3000",
      internalUrl: "http://127.0.0.1:3000",
      databaseUrl: null,
      authSecret: null,
      authTrustHost: null,
      dataDir: null,
      dataLockToken: null,
      distDir: ".next",
      seedDemo: false,
      adminPassword: null,
      smtpUrl: null,
      mailWorker: true,
      mailPollSeconds: 5,
      chromiumPath: "/usr/bin/chromium",
      mailFrom: "CWIS Mentor Cities <no-reply@localhost>",
    });
  });

  it("reads the mail settings and refuses a bad SMTP_URL or a MAIL_FROM that could add headers", () => {
    expect(parseEnv({ SMTP_URL: "smtps://mailer:pw@mail.example.org:465", MAIL_FROM: "CWIS <cwis@example.org>", MAIL_WORKER: "0", APP_URL: "https://cwis.example.org" })).toMatchObject({ smtpUrl: "smtps://mailer:pw@mail.example.org:465", mailFrom: "CWIS <cwis@example.org>", mailWorker: false });
    expect(parseEnv({ APP_URL: "https://cwis.example.org" }).mailFrom).toBe("CWIS Mentor Cities <no-reply@cwis.example.org>");
    for (const [variable, value] of [["SMTP_URL", "http://mail.example.org"], ["SMTP_URL", "mail.example.org"], ["MAIL_FROM", "CWIS <cwis@example.org>\r\nBcc: all@example.org"], ["MAIL_FROM", "not an address"], ["MAIL_WORKER", "sometimes"]] as const) {
      expect(() => parseEnv({ [variable]: value })).toThrow(variable);
    }
  });

  it("reads a full production environment", () => {
    const env = parseEnv(
      {
        NODE_ENV: "production",
        PORT: "8080",
        APP_URL: "https://cwis.example.org/",
        DATABASE_URL: "postgres://cwis:pw@db.internal:5433/cwis?sslmode=require",
        AUTH_SECRET: SECRET,
        AUTH_TRUST_HOST: "true",
        CWIS_DATA_DIR: "/srv/cwis",
        CWIS_DIST_DIR: ".next-e2e",
        SEED_DEMO: "1",
        ADMIN_PASSWORD: "correct horse",
        UNRELATED: "ignored",
      },
      { serving: true },
    );
    expect(env).toMatchObject({ production: true, port: 8080, appUrl: "https://cwis.example.org", authSecret: SECRET, authTrustHost: true, dataDir: "/srv/cwis", distDir: ".next-e2e", seedDemo: true, adminPassword: "correct horse" });
    expect(env.databaseUrl).toEqual({ url: "postgres://cwis:pw@db.internal:5433/cwis?sslmode=require", redacted: "postgres://cwis:***@db.internal:5433/cwis?sslmode=require" });
  });

  it("builds the default APP_URL from PORT", () => {
    expect(parseEnv({ PORT: "4123" }).appUrl).toBe("http://localhost:4123");
    // The server prints report PDFs from itself: by loopback, whatever the public address.
    expect(parseEnv({ PORT: "4123", APP_URL: "https://cwis.example.org" }).internalUrl).toBe("http://127.0.0.1:4123");
    expect(parseEnv({ INTERNAL_URL: "http://10.0.0.5:3000" }).internalUrl).toBe("http://10.0.0.5:3000");
    expect(parseEnv({ PORT: "4123", APP_URL: "http://127.0.0.1:9000" }).appUrl).toBe("http://127.0.0.1:9000");
  });

  it("treats an empty value as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "", AUTH_SECRET: "" })).toMatchObject({ databaseUrl: null, port: 3000, authSecret: null });
  });

  it.each([
    [{ DATABASE_URL: "mysql://root@localhost/cwis" }, "DATABASE_URL", /postgres:\/\//],
    [{ DATABASE_URL: "postgres://user:p@ss@[bad/cwis" }, "DATABASE_URL", /not a valid URL/],
    [{ DATABASE_URL: "postgres://user@localhost" }, "DATABASE_URL", /database/],
    [{ DATABASE_URL: "postgres://user@/db?host=/run/pg&port=seventy" }, "DATABASE_URL", /port/],
    [{ PORT: "eighty" }, "PORT", /port number/],
    [{ PORT: "70000" }, "PORT", /65535/],
    [{ APP_URL: "cwis.example.org" }, "APP_URL", /not a valid URL/],
    [{ APP_URL: "ftp://cwis.example.org" }, "APP_URL", /http/],
    [{ APP_URL: "https://cwis.example.org/app" }, "APP_URL", /without a path/],
    [{ APP_URL: "https://admin:pw@cwis.example.org" }, "APP_URL", /password/],
    [{ AUTH_SECRET: "too-short" }, "AUTH_SECRET", /at least 32/],
    [{ AUTH_TRUST_HOST: "maybe" }, "AUTH_TRUST_HOST", /true/],
    [{ NODE_ENV: "staging" }, "NODE_ENV", /development, production or test/],
    [{ SEED_DEMO: "please" }, "SEED_DEMO", /1\/true/],
    [{ CWIS_DIST_DIR: "../elsewhere" }, "CWIS_DIST_DIR", /inside the project/],
  ] as const)("refuses %o, naming %s", (source, variable, reason) => {
    const found = problems(source);
    expect(Object.keys(found)).toEqual([variable]);
    expect(found[variable]).toMatch(reason);
  });

  it("names every bad variable at once, and never echoes a secret", () => {
    const source = { DATABASE_URL: "mysql://root:hunter2hunter2@localhost/cwis", PORT: "x", AUTH_SECRET: "hunter2hunter2" };
    const found = problems(source);
    expect(Object.keys(found).sort()).toEqual(["AUTH_SECRET", "DATABASE_URL", "PORT"]);
    try {
      parseEnv(source);
    } catch (error) {
      expect((error as Error).message).toMatch(/^Invalid environment:\n {2}/);
      expect((error as Error).message).not.toContain("hunter2");
    }
  });

  it("refuses to serve in production without AUTH_SECRET, but lets scripts run", () => {
    expect(problems({ NODE_ENV: "production" }, { serving: true }).AUTH_SECRET).toMatch(/required when NODE_ENV=production/);
    expect(parseEnv({ NODE_ENV: "production" }).authSecret).toBeNull();
    // The embedded quick start generates its own outside production.
    expect(parseEnv({}, { serving: true }).authSecret).toBeNull();
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET }, { serving: true }).production).toBe(true);
  });
});

describe("parseDatabaseUrl", () => {
  it("moves ?host= and ?port= out of the URL into connection options", () => {
    expect(parseDatabaseUrl("postgres://postgres@/test?host=/var/run/postgresql")).toEqual({
      url: "postgres://postgres@localhost/test",
      host: "/var/run/postgresql",
      redacted: "postgres://postgres@/test?host=/var/run/postgresql",
    });
    expect(parseDatabaseUrl("postgresql://u:secret@/cwis?host=%2Ftmp&port=5433&sslmode=disable")).toEqual({
      url: "postgresql://u:secret@localhost/cwis?sslmode=disable",
      host: "/tmp",
      port: 5433,
      redacted: "postgresql://u:***@/cwis?host=%2Ftmp&port=5433&sslmode=disable",
    });
  });

  it("reads a percent-encoded socket folder as the host", () => {
    expect(parseDatabaseUrl("postgres://postgres@%2Fvar%2Frun%2Fpostgresql/test")).toMatchObject({ url: "postgres://postgres@localhost/test", host: "/var/run/postgresql" });
  });

  it("leaves ordinary and multi-host URLs to postgres.js untouched", () => {
    for (const url of ["postgres://postgres@127.0.0.1:5432/test", "postgres://u:p@h1:5432,h2:5433/db?target_session_attrs=read-write", "postgres:///test"]) {
      expect(parseDatabaseUrl(url)).toEqual({ url, redacted: redactUrl(url) });
    }
  });

  it("redacts only the password", () => {
    expect(redactUrl("postgres://cwis:p%40ss@db:5432/cwis")).toBe("postgres://cwis:***@db:5432/cwis");
    expect(redactUrl("postgres://cwis@db/cwis")).toBe("postgres://cwis@db/cwis");
    expect(databaseSecrets("postgres://cwis:p%40ss@db:5432/cwis")).toEqual(["p%40ss", "p@ss"]);
    expect(databaseSecrets("postgres://cwis@db/cwis")).toEqual([]);
  });
});

describe("describeFailure", () => {
  it("prints the cause chain with each code, drizzle's statement on one line, without the password", () => {
    const driver = Object.assign(new Error('password authentication failed for user "cwis" (tried p@ss-word-1)'), { code: "28P01" });
    const wrapped = new Error("Failed query: select pg_advisory_lock(727274)\nparams: ", { cause: driver });
    const text = describeFailure(wrapped, databaseSecrets("postgres://cwis:p%40ss-word-1@db/cwis"));
    expect(text).toBe('Failed query: select pg_advisory_lock(727274)\ncaused by: password authentication failed for user "cwis" (tried ***) [28P01]');
  });

  it("handles system errors, non-errors and cycles", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(describeFailure(new Error("outer", { cause: refused }))).toBe("outer\ncaused by: connect ECONNREFUSED 127.0.0.1:1 [ECONNREFUSED]");
    expect(describeFailure("plain")).toBe("plain");
    const loop = new Error("loop");
    (loop as { cause?: unknown }).cause = loop;
    expect(describeFailure(loop)).toBe("loop");
  });
});
