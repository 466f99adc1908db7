/**
 * The OpenAPI 3.1 description of the HTTP API, written by hand so it says what the handlers
 * promise (visibility rules, all-or-nothing writes) rather than what a generator can infer.
 * Served at /api/v1/openapi.json; tests/unit/openapi.test.ts checks that every route file under
 * app/api has a path here.
 */
import { CITY_KINDS, COUNTRIES, DIRECTIONS, FREQUENCIES, LENS_KINDS, PROGRAMME_ROLES, UNITS, VALUE_FLAGS, VALUE_STATUSES } from "@/lib/domain";
import { API_MAX_JSON_BYTES, API_PER_PAGE_DEFAULT, API_PER_PAGE_MAX } from "./validation/api";
import { ENTERED_AT, PERIOD, anyAuth, csv, error, json, nullable, optionalAuth, publicReadErrors, ref, type Schema } from "./openapi-parts";
import { eventPaths, eventSchemas } from "./openapi-events";
import { roundPaths, roundSchemas } from "./openapi-rounds";
import { resourcePaths, resourceSchemas } from "./openapi-resources";
import { problemPaths, problemSchemas } from "./openapi-problems";

const slugParam = { name: "slug", in: "path", required: true, schema: { type: "string" }, description: "The city's slug, e.g. `kushtia`." };
const periodQuery = (name: string, description: string) => ({ name, in: "query", required: false, schema: PERIOD, description });


const names: Schema = {
  type: "object",
  required: ["en", "bn", "ne"],
  properties: { en: { type: "string" }, bn: { type: "string" }, ne: { type: "string" } },
};

const cityRef: Schema = { type: "object", required: ["slug", "name"], properties: { slug: { type: "string" }, name: { type: "string", description: "English name." } } };

const schemas: Record<string, Schema> = {
  Error: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: { type: "string", enum: ["bad_request", "unauthenticated", "forbidden", "not_found", "conflict", "too_large", "invalid", "throttled", "unexpected"] },
          message: { type: "string", description: "English, for people; program against `code`." },
          fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, description: "422 on a query string: messages per parameter." },
          rows: { type: "array", items: ref("RowError"), description: "422 on a batch: every refused row. Nothing was written." },
          conflicts: { type: "array", items: ref("ValueConflict"), description: "409: rows whose `version` is older than the stored one, or that sent none over a stored value. Nothing was written." },
        },
      },
    },
    examples: [{ error: { code: "invalid", message: "Nothing was saved: some rows have errors.", rows: [{ row: 2, field: "value", message: "A percentage must be between 0 and 100." }] } }],
  },
  RowError: {
    type: "object",
    required: ["row", "field", "message"],
    properties: { row: { type: "integer", minimum: 1, description: "Position in the request array, counting from 1." }, field: { type: "string" }, message: { type: "string" } },
  },
  ValueConflict: {
    type: "object",
    required: ["row", "indicator", "period", "currentValue", "currentNote", "currentVersion", "enteredBy", "enteredAt"],
    properties: {
      row: { type: "integer", minimum: 1 },
      indicator: { type: "string" },
      period: PERIOD,
      currentValue: { type: "number" },
      currentNote: { type: "string" },
      currentVersion: { type: "integer" },
      enteredBy: nullable({ type: "string", description: "Name of the person who saved the current value." }),
      enteredAt: ENTERED_AT,
      reason: { enum: ["stale", "unversioned"], description: "`stale`: the `version` sent is older than the stored one. `unversioned`: no `version` was sent over a stored value (send it, or `?overwrite=true`)." },
    },
  },
  Names: names,
  Lens: {
    type: "object",
    required: ["code", "kind", "name", "names"],
    properties: { code: { type: "string" }, kind: { enum: LENS_KINDS }, name: { type: "string" }, names: ref("Names") },
  },
  Indicator: {
    type: "object",
    required: ["code", "name", "names", "unit", "direction", "target", "worst", "lens", "frequency", "provisional"],
    properties: {
      code: { type: "string", examples: ["SD-1"] },
      name: { type: "string" },
      names: ref("Names"),
      unit: { enum: UNITS },
      direction: { enum: DIRECTIONS },
      target: { type: "number" },
      worst: nullable({ type: "number", description: "For lower_is_better indicators: the value that scores 0." }),
      lens: { type: "string", description: "Code of the CWIS lens the indicator serves." },
      frequency: { enum: FREQUENCIES, description: "Annual indicators are reported in the year's Q4." },
      provisional: { type: "boolean" },
    },
  },
  Component: {
    type: "object",
    required: ["code", "name", "names", "indicators"],
    properties: { code: { type: "string", examples: ["service_delivery"] }, name: { type: "string" }, names: ref("Names"), indicators: { type: "array", items: ref("Indicator") } },
  },
  CityRef: cityRef,
  City: {
    type: "object",
    required: ["slug", "name", "names", "country", "region", "kind", "population", "programmeRole", "mentor"],
    properties: {
      slug: { type: "string" },
      name: { type: "string" },
      names: ref("Names"),
      country: { enum: COUNTRIES },
      region: { type: "string", description: "District (Bangladesh) or province (Nepal)." },
      kind: { enum: CITY_KINDS },
      population: nullable({ type: "integer" }),
      programmeRole: { enum: PROGRAMME_ROLES },
      mentor: nullable(ref("CityRef")),
    },
  },
  CityDetail: {
    allOf: [
      ref("City"),
      {
        type: "object",
        required: ["latitude", "longitude", "joinedOn", "mentees"],
        properties: {
          latitude: nullable({ type: "number" }),
          longitude: nullable({ type: "number" }),
          joinedOn: nullable({ type: "string", format: "date" }),
          mentees: { type: "array", items: { type: "object", required: ["slug", "name", "country"], properties: { slug: { type: "string" }, name: { type: "string" }, country: { enum: COUNTRIES } } } },
        },
      },
    ],
  },
  Scores: {
    type: "object",
    description: "Computed from validated values only: the latest validated value of each indicator.",
    required: ["period", "index", "indexCoverage", "components"],
    properties: {
      period: nullable({ ...PERIOD, description: "The newest quarter with a validated value; null when the city has none." }),
      index: nullable({ type: "number", minimum: 0, maximum: 100, description: "CWIS index: mean of the component scores that exist." }),
      indexCoverage: { type: "number", minimum: 0, maximum: 1, description: "Share of the six components that have a score." },
      components: {
        type: "array",
        items: {
          type: "object",
          required: ["component", "score", "coverage", "indicatorsWithData", "indicatorCount"],
          properties: {
            component: { type: "string" },
            score: nullable({ type: "number", minimum: 0, maximum: 100 }),
            coverage: { type: "number", minimum: 0, maximum: 1 },
            indicatorsWithData: { type: "integer" },
            indicatorCount: { type: "integer" },
          },
        },
      },
    },
  },
  ValidatedValue: {
    type: "object",
    description: "A value as it was validated. A later edit still in draft or review is not shown.",
    required: ["indicator", "component", "period", "value", "status", "validatedAt"],
    properties: {
      indicator: { type: "string" },
      component: { type: "string" },
      period: PERIOD,
      value: { type: "number" },
      status: { const: "validated" },
      validatedAt: ENTERED_AT,
    },
  },
  WorkingValue: {
    type: "object",
    description: "The current value with its review state, for those who may see drafts.",
    required: ["indicator", "component", "period", "value", "status", "version", "note", "explanation", "flags", "previousValue", "previousPeriod", "evidenceUrl", "evidenceResourceId", "validatedValue", "validatedAt", "enteredAt", "submittedAt", "reviewedAt", "reviewComment"],
    properties: {
      indicator: { type: "string" },
      component: { type: "string" },
      period: PERIOD,
      value: { type: "number", description: "The current (possibly unvalidated) value." },
      status: { enum: VALUE_STATUSES },
      version: { type: "integer", description: "Send it back in a PUT to detect someone else's change." },
      note: { type: "string" },
      explanation: { type: "string", description: "The officer's explanation of an unusual value (\"\" when none)." },
      flags: { type: "array", items: { enum: VALUE_FLAGS }, description: "Why the value needs a second look, set at each save." },
      previousValue: nullable({ type: "number", description: "The last validated value of an earlier quarter the save compared with." }),
      previousPeriod: nullable(PERIOD),
      evidenceUrl: nullable({ type: "string", format: "uri" }),
      evidenceResourceId: nullable({ type: "integer", description: "A library resource (photo, scan) attached as evidence." }),
      validatedValue: nullable({ type: "number", description: "The last validated value, which is what scores use." }),
      validatedAt: nullable(ENTERED_AT),
      enteredAt: ENTERED_AT,
      submittedAt: nullable(ENTERED_AT),
      reviewedAt: nullable(ENTERED_AT),
      reviewComment: nullable({ type: "string" }),
    },
  },
  ValueEntry: {
    type: "object",
    required: ["indicator", "period", "value"],
    properties: {
      indicator: { type: "string", maxLength: 20, examples: ["SD-1"] },
      period: { ...PERIOD, description: "A quarter that has started; annual indicators only in Q4." },
      value: {
        oneOf: [{ type: "number" }, { type: "string", examples: ["72.5", "১,২৩৪", "৭০.৫"] }],
        description:
          "In the indicator's unit, within its hard range (the indicator's own, else the unit's: percent 0–100, ratio 0–2, count 0–10,000,000 (whole), days 0–365, boolean 0/1, score5 0–5 (whole)). " +
          "A string is read as a plain decimal: optional sign, ASCII, Bangla or Devanagari digits, `.` as the decimal mark, `,` thousands separators only where they belong (1,234,567 or 12,34,567); hexadecimal, exponents and `Infinity` are refused.",
      },
      note: { type: "string", maxLength: 1000, default: "" },
      evidenceUrl: nullable({ type: "string", maxLength: 500, description: "An http(s) link. Empty or null: none (stored and answered as null)." }),
      explanation: { type: "string", maxLength: 1000, description: "Why an unusual value (see `flags`) is right; needed to submit a flagged value. Left out: the stored explanation is kept." },
      evidenceResourceId: nullable({ type: "integer", minimum: 1, description: "A library resource of the same city that proves the value. Left out: kept; null: removed." }),
      version: {
        type: "integer",
        minimum: 0,
        description: "The version the edit started from (0: no value expected yet). Left out over a stored value that the row would change: a 409 conflict, unless the request has `?overwrite=true`.",
      },
    },
  },
  SavedValue: {
    type: "object",
    required: ["indicator", "period", "value", "status", "version", "flags", "previous", "explanation"],
    properties: {
      indicator: { type: "string" },
      period: PERIOD,
      value: { type: "number" },
      status: { enum: VALUE_STATUSES },
      version: { type: "integer" },
      flags: {
        type: "array",
        items: { enum: VALUE_FLAGS },
        description: "Why the value needs a second look: `outside_expected` (outside the indicator's expected range, per 100,000 residents for per-capita counts), `large_change` (far from the city's last validated value). A flagged value needs an `explanation` to be submitted.",
      },
      previous: nullable({ type: "object", required: ["period", "value"], properties: { period: PERIOD, value: { type: "number" } }, description: "The city's last validated value of the indicator before this quarter, which the change was measured against." }),
      explanation: { type: "string" },
    },
  },
};

const csvFilters = [
  { name: "city", in: "query", required: false, schema: { type: "string" }, description: "A city slug." },
  { name: "component", in: "query", required: false, schema: { type: "string" }, description: "A component code." },
  periodQuery("from", "First quarter, inclusive."),
  periodQuery("to", "Last quarter, inclusive."),
  { name: "status", in: "query", required: false, schema: { enum: VALUE_STATUSES }, description: "Values in this review state." },
];

const paths: Record<string, Record<string, unknown>> = {
  "/api/health": {
    get: {
      operationId: "health",
      summary: "Liveness and database check",
      tags: ["meta"],
      security: [{}],
      responses: {
        "200": json({ type: "object", required: ["status", "database"], properties: { status: { const: "ok" }, database: { enum: ["pglite", "postgres"] } } }, "The app and its database answer."),
        "503": json({ type: "object", properties: { status: { const: "error" }, error: { type: "object" } } }, "The database is not reachable."),
      },
    },
  },
  "/api/v1/openapi.json": {
    get: { operationId: "openapi", summary: "This document", tags: ["meta"], security: [{}], responses: { "200": json({ type: "object" }, "The OpenAPI 3.1 document.") } },
  },
  "/api/v1/framework": {
    get: {
      operationId: "getFramework",
      summary: "The CWIS framework: components with their indicators, and the lenses",
      tags: ["framework"],
      security: optionalAuth,
      responses: {
        "200": json({ type: "object", required: ["components", "lenses"], properties: { components: { type: "array", items: ref("Component") }, lenses: { type: "array", items: ref("Lens") } } }, "Active indicators, in framework order."),
        "401": publicReadErrors["401"],
      },
    },
  },
  "/api/v1/cities": {
    get: {
      operationId: "listCities",
      summary: "Cities of the programme, mentors first",
      tags: ["cities"],
      security: optionalAuth,
      parameters: [
        { name: "country", in: "query", required: false, schema: { enum: COUNTRIES } },
        { name: "role", in: "query", required: false, schema: { enum: PROGRAMME_ROLES }, description: "Programme role." },
        { name: "q", in: "query", required: false, schema: { type: "string", maxLength: 100 }, description: "Part of a name (any language) or slug." },
        { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
        { name: "per_page", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: API_PER_PAGE_MAX, default: API_PER_PAGE_DEFAULT } },
      ],
      responses: {
        "200": json(
          { type: "object", required: ["cities", "page", "perPage", "total"], properties: { cities: { type: "array", items: ref("City") }, page: { type: "integer" }, perPage: { type: "integer" }, total: { type: "integer", description: "Cities matching the filters, on all pages." } } },
          "One page of cities.",
        ),
        ...publicReadErrors,
      },
    },
  },
  "/api/v1/cities/{slug}": {
    get: {
      operationId: "getCity",
      summary: "One city: profile, mentor, mentees and latest scores",
      tags: ["cities"],
      security: optionalAuth,
      parameters: [slugParam],
      responses: {
        "200": json({ type: "object", required: ["city", "scores"], properties: { city: ref("CityDetail"), scores: ref("Scores") } }, "The city."),
        "401": publicReadErrors["401"],
        "404": error("No city has this slug."),
      },
    },
  },
  "/api/v1/cities/{slug}/values": {
    get: {
      operationId: "getCityValues",
      summary: "Indicator values of one city",
      description:
        "Anonymous callers, partners, trainers and officers of other cities get `view: \"validated\"`: only values that passed review, as validated. " +
        "The city's own officer, reviewers and admins get `view: \"all\"`: every current value with its status and version. " +
        "Filter with `period`, or with `from` and/or `to` (inclusive); not both.",
      tags: ["values"],
      security: optionalAuth,
      parameters: [slugParam, periodQuery("period", "One quarter."), periodQuery("from", "First quarter, inclusive."), periodQuery("to", "Last quarter, inclusive.")],
      responses: {
        "200": json(
          {
            type: "object",
            required: ["city", "view", "values"],
            properties: {
              city: ref("CityRef"),
              view: { enum: ["validated", "all"] },
              values: { type: "array", items: { oneOf: [ref("ValidatedValue"), ref("WorkingValue")] }, description: "Ordered by period, then framework order." },
            },
          },
          "The values visible to the caller.",
        ),
        ...publicReadErrors,
        "404": error("No city has this slug."),
      },
    },
    put: {
      operationId: "putCityValues",
      summary: "Save values of one city as drafts, all or nothing",
      description:
        "For the officer of this city and admins. Each row inserts or updates the value of one indicator in one quarter and sets it to `draft` (a value submitted for review cannot be changed). " +
        "Every row is checked first and every problem of every row is listed in one 422; if any row is refused, nothing is written. " +
        "Values are accepted from the city's earliest quarter (its own setting, else five years before it joined the programme) up to the current quarter. " +
        "A row without `version` over a stored value it would change is a conflict (409) unless `overwrite=true`. " +
        "Each saved value comes back with its `flags` (unusual values) and the `previous` validated value it was compared with. " +
        `The body may be at most ${API_MAX_JSON_BYTES} bytes and 5000 rows.`,
      tags: ["values"],
      security: anyAuth,
      parameters: [
        slugParam,
        { name: "overwrite", in: "query", required: false, schema: { enum: ["true", "false"], default: "false" }, description: "`true`: rows without a `version` replace stored values instead of being conflicts." },
      ],
      requestBody: {
        required: true,
        content: { "application/json": { schema: { type: "array", minItems: 1, maxItems: 5000, items: ref("ValueEntry") }, examples: { one: { value: [{ indicator: "SD-3", period: "2025-Q3", value: 72.5, note: "", evidenceUrl: null, version: 3 }] } } } },
      },
      responses: {
        "200": json({ type: "object", required: ["city", "saved"], properties: { city: ref("CityRef"), saved: { type: "array", items: ref("SavedValue") } } }, "Every row was saved."),
        "400": error("The body is not valid JSON."),
        "401": error("No valid credentials."),
        "403": error("The caller may not write this city's values."),
        "404": error("No city has this slug."),
        "409": error("A row's `version` is older than the stored value, or a row without `version` would change a stored value and `overwrite=true` was not given: `error.conflicts` shows the current one with the `reason`. Nothing was written."),
        "413": error("The body is too large."),
        "422": error("Some rows are invalid: `error.rows` lists each as {row, field, message}. Nothing was written."),
      },
    },
  },
  "/api/v1/values.csv": {
    get: {
      operationId: "exportValuesCsv",
      summary: "Indicator values as CSV",
      description:
        "Streams one row per value (UTF-8 with BOM). Partners, reviewers and admins export every city (partners without drafts); " +
        "an officer exports their own city only. Other roles get 403.",
      tags: ["values"],
      security: anyAuth,
      parameters: csvFilters,
      responses: {
        "200": csv("The values."),
        "401": error("No valid credentials."),
        "403": error("The caller may not export these values, or asked for a `status` they may not see (a partner's `draft`)."),
        "422": error("A filter has a value that is not allowed (unknown city or component, bad quarter); `error.fields` names it."),
      },
    },
  },
  "/api/v1/values/template.csv": {
    get: {
      operationId: "valuesTemplateCsv",
      summary: "A CSV file to fill in with a city's values for one quarter",
      description: "The header and one row per active indicator reported in that quarter, value and note empty; `version` is the stored value's version (empty: none stored), so a value saved since is a conflict on import. For the officer of the city and admins.",
      tags: ["values"],
      security: anyAuth,
      parameters: [
        { name: "city", in: "query", required: true, schema: { type: "string" }, description: "A city slug." },
        { name: "period", in: "query", required: true, schema: PERIOD, description: "A quarter that has started." },
      ],
      responses: {
        "200": csv("The template."),
        "401": error("No valid credentials."),
        "403": error("The caller may not write this city's values."),
        "404": error("No city has this slug."),
        "422": error("A parameter is missing or not valid."),
      },
    },
  },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "CWIS Mentor Cities API",
    version: "1.0.0",
    description:
      "Read the CWIS framework, cities, scores and indicator values; write a city's values. " +
      "Public reads need no credentials and show validated data only. Authenticate with a personal API token (create one on your profile page) " +
      "as `Authorization: Bearer <token>`, or with the browser session cookie. Errors are `{\"error\":{\"code\",\"message\"}}`.",
  },
  servers: [{ url: "/" }],
  tags: [{ name: "meta" }, { name: "framework" }, { name: "cities" }, { name: "values" }, { name: "events" }, { name: "resources" }, { name: "questionnaires" }, { name: "problems" }, { name: "plans" }],
  security: anyAuth,
  paths: { ...paths, ...eventPaths, ...resourcePaths, ...roundPaths, ...problemPaths },
  components: {
    securitySchemes: {
      bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token (`cwis_…`) from the profile page. Revoked tokens and disabled accounts get 401." },
      cookieAuth: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The session of a signed-in browser." },
    },
    schemas: { ...schemas, ...eventSchemas, ...resourceSchemas, ...roundSchemas, ...problemSchemas },
  },
} as const;
