// Lint is where the layering is kept: the arrows of docs/architecture.md, as rules that fail the build.
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";

/** Relative imports that climb into another top-level folder, e.g. "../../db/client". */
const climbInto = (...folders) => ({ regex: `^(\\.\\./)+(${folders.join("|")})(/|$)`, message: `Import through the "@/" alias, and only from layers this folder may use (docs/architecture.md).` });

const layer = (message, groups, extra = []) => ({
  "@typescript-eslint/no-restricted-imports": [
    "error",
    {
      patterns: [
        // Types carry no code: a component may name a row type from db/schema.
        { group: groups.map((g) => `@/${g}`).concat(groups.map((g) => `@/${g}/**`)), message, allowTypeImports: true },
        { ...climbInto(...groups.map((g) => g.split("/")[0])), allowTypeImports: true },
        ...extra,
      ],
    },
  ],
});

/**
 * Files that still open the database themselves instead of receiving it from server/action.ts,
 * server/route.ts or a server/loaders/ function. The list only shrinks; issue #11 empties it.
 */
const PENDING_SERVER_LAYER = [
];

export default tseslint.config(
  { ignores: [".next*/**", "node_modules/**", "db/migrations/**", "bench/results/**", "tests/lint-fixtures/**", "next-env.d.ts"] },
  {
    files: ["**/*.{ts,tsx,mts,mjs,js,cjs}"],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { "@typescript-eslint": tseslint.plugin, drizzle },
    rules: {
      // Drizzle turns a forgotten where() into "every row": refuse it at lint time.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
    },
  },
  {
    files: ["components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            // A row type of db/schema carries no code and no SQL; everything else of db/ and app/ is off limits,
            // types included: a component that names a query's result is tied to its SQL (use the loader's type).
            { group: ["@/db/schema"], message: "components/ take data as props: only row types may come from db/schema.", allowTypeImports: true },
            { group: ["@/app", "@/app/**", "@/db/**", "!@/db/schema"], message: "components/ never import from app/ or db/: take the types server/loaders/ names." },
            { ...climbInto("app", "db") },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**"],
    rules: layer("lib/ holds pure code: no database, no server layer, no routes, no components.", ["db", "server", "app", "components"], [
      { group: ["next/headers", "next/cache", "server-only"], message: "lib/ is pure: request state and caches belong in server/." },
    ]),
  },
  {
    files: ["db/queries/**"],
    rules: layer("db/queries/ only builds SQL: it is called by the server layer, never the other way round.", ["app", "components", "server"]),
  },
  {
    files: ["server/**"],
    rules: layer("server/ is below the routes: app/ calls it, not the other way round.", ["app", "components"]),
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    // Escaped: route folders like "(app)" and "[slug]" are glob syntax.
    ignores: PENDING_SERVER_LAYER.map((file) => file.replace(/[[\]()]/g, "\\$&")),
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@/db/client", importNames: ["getDb"], message: "Only server/ and db/ open the database: use the action/route builder's db or a server/loaders/ function." }] },
      ],
    },
  },
);
