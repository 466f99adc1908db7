import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layer rules of eslint.config.mjs, proved to fail: each case is code that must be refused
// where it stands and accepted where it belongs.
const root = path.resolve(__dirname, "../..");
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const cases: { file: string; code: string; rule: string }[] = [
  { file: "components/ui/Bad.tsx", code: 'import { saveEventAction } from "@/app/(open)/events/actions";\nexport const x = saveEventAction;\n', rule: "@typescript-eslint/no-restricted-imports" },
  { file: "components/ui/Bad.tsx", code: 'import { getCityBySlug } from "@/db/queries/cities";\nexport const x = getCityBySlug;\n', rule: "@typescript-eslint/no-restricted-imports" },
  { file: "components/ui/Bad.tsx", code: 'import type { EventListRow } from "@/db/queries/events";\nexport type X = EventListRow;\n', rule: "@typescript-eslint/no-restricted-imports" },
  { file: "lib/bad.ts", code: 'import { getCurrentUser } from "@/server/authz";\nexport const x = getCurrentUser;\n', rule: "@typescript-eslint/no-restricted-imports" },
  { file: "lib/bad.ts", code: 'import { cities } from "../db/schema";\nexport const x = cities;\n', rule: "@typescript-eslint/no-restricted-imports" },
  { file: "lib/bad.ts", code: 'import { headers } from "next/headers";\nexport const x = headers;\n', rule: "@typescript-eslint/no-restricted-imports" },
  { file: "db/queries/bad.ts", code: 'import { requireUser } from "@/server/authz";\nexport const x = requireUser;\n', rule: "@typescript-eslint/no-restricted-imports" },
  { file: "server/bad.ts", code: 'import { Card } from "@/components/ui/Card";\nexport const x = Card;\n', rule: "@typescript-eslint/no-restricted-imports" },
  { file: "app/(app)/bad/page.tsx", code: 'import { getDb } from "@/db/client";\nexport const x = getDb;\n', rule: "no-restricted-imports" },
  { file: "db/queries/bad.ts", code: "export async function wipe(db: { delete(t: unknown): unknown }, t: unknown) {\n  await db.delete(t);\n}\n", rule: "drizzle/enforce-delete-with-where" },
  { file: "db/queries/bad.ts", code: "export async function all(tx: { update(t: unknown): { set(v: unknown): unknown } }, t: unknown) {\n  await tx.update(t).set({ a: 1 });\n}\n", rule: "drizzle/enforce-update-with-where" },
];

describe("layer rules", () => {
  for (const { file, code, rule } of cases) {
    it(`${rule} refuses ${code.split("\n")[0]} in ${file}`, async () => {
      expect(await problems(file, code)).toContain(rule);
    });
  }

  it("accepts type-only imports of row types and imports along the arrows", async () => {
    expect(await problems("components/ui/Ok.tsx", 'import type { City } from "@/db/schema";\nexport type X = City;\n')).toEqual([]);
    expect(await problems("lib/ok.ts", 'import { ROLES } from "@/lib/domain";\nexport const x = ROLES;\n')).toEqual([]);
    expect(await problems("server/ok.ts", 'import { getDb } from "@/db/client";\nexport const x = getDb;\n')).toEqual([]);
    expect(await problems("db/queries/ok.ts", "export async function one(db: { delete(t: unknown): { where(w: unknown): unknown } }, t: unknown) {\n  await db.delete(t).where(1);\n}\n")).toEqual([]);
  });
});

describe("server/", () => {
  it("marks every file server-only, so a client bundle that reaches one fails to build", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const files = (readdirSync(path.join(root, "server"), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    const unmarked = files.filter((f) => !/^(?:"use server";\s*)?import "server-only";/m.test(readFileSync(path.join(root, "server", f), "utf8")));
    expect(unmarked).toEqual([]);
  });
});
