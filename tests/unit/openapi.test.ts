import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi";
import { cityListQuerySchema, valuesQuerySchema } from "@/lib/validation/api";
import { createTokenSchema } from "@/lib/validation/tokens";
import { fieldErrorsOf } from "@/lib/action-result";
import { isMessageKey } from "@/lib/i18n/messages";

const root = path.resolve(__dirname, "../..");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/cities/[slug]/route.ts → /api/v1/cities/{slug} */
function pathOf(file: string): string {
  const relative = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep).join("/");
  return `/${relative}`.replace(/\[([^\]]+)\]/g, "{$1}");
}

describe("OpenAPI document", () => {
  const paths = openApiDocument.paths as Record<string, Record<string, unknown>>;

  it("documents every route handler under app/api and each of its methods", () => {
    const files = routeFiles(path.join(root, "app/api")).filter((file) => !file.includes(`${path.sep}auth${path.sep}`));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const route = pathOf(file);
      expect(paths, `${route} (${path.relative(root, file)}) is missing from lib/openapi.ts`).toHaveProperty([route]);
      const methods = [...readFileSync(file, "utf8").matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => (m[1] ?? "").toLowerCase());
      for (const method of methods) expect(paths[route], `${method.toUpperCase()} ${route}`).toHaveProperty([method]);
    }
  });

  it("has no dangling schema references", () => {
    const text = JSON.stringify(openApiDocument);
    const schemas = openApiDocument.components.schemas as Record<string, unknown>;
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(schemas).toHaveProperty([name ?? ""]);
    expect(openApiDocument.openapi).toMatch(/^3\.1\./);
  });
});

describe("API query strings", () => {
  it("defaults and caps paging", () => {
    expect(cityListQuerySchema.parse({})).toMatchObject({ page: 1, per_page: 25 });
    expect(cityListQuerySchema.parse({ per_page: "100", page: "3", country: "NP", role: "mentee" })).toMatchObject({ page: 3, per_page: 100, country: "NP", role: "mentee" });
    for (const bad of [{ per_page: "101" }, { per_page: "0" }, { page: "0" }, { page: "1.5" }, { page: "x" }, { country: "IN" }, { role: "mentors" }]) {
      const result = cityListQuerySchema.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      // Every refusal carries a message that exists in the catalogue.
      for (const keys of Object.values(fieldErrorsOf(result.error!))) for (const key of keys) expect(isMessageKey(key), key).toBe(true);
    }
  });

  it("reads one quarter or a range, not both", () => {
    expect(valuesQuerySchema.parse({ period: "2025-Q3" })).toEqual({ from: "2025-Q3", to: "2025-Q3" });
    expect(valuesQuerySchema.parse({ from: "2024-Q1" })).toEqual({ from: "2024-Q1", to: undefined });
    expect(valuesQuerySchema.safeParse({ period: "2025-Q3", from: "2024-Q1" }).success).toBe(false);
    expect(valuesQuerySchema.safeParse({ from: "2025-Q3", to: "2024-Q1" }).success).toBe(false);
    expect(valuesQuerySchema.safeParse({ period: "2025-Q5" }).success).toBe(false);
  });

  it("names tokens with 1 to 80 characters", () => {
    expect(createTokenSchema.parse({ name: "  sync  " }).name).toBe("sync");
    expect(createTokenSchema.safeParse({ name: "   " }).success).toBe(false);
    expect(createTokenSchema.safeParse({ name: "x".repeat(81) }).success).toBe(false);
    expect(createTokenSchema.safeParse({ name: null }).success).toBe(false);
  });
});
