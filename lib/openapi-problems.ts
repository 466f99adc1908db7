import { ACTION_OWNER_KINDS, ACTION_STATUSES, PLAN_STATUSES, PROBLEM_SEVERITIES, PROBLEM_SOURCES, PROBLEM_STATUSES } from "@/lib/domain";
import { MAX_UPLOAD_BYTES } from "./files/limit";
import { anyAuth, error, json, nullable, ref, type Schema } from "./openapi-parts";

const slug = { name: "slug", in: "path", required: true, schema: { type: "string" }, description: "The city's slug, e.g. `kushtia`." };
const problemId = { name: "id", in: "path", required: true, schema: { type: "integer" }, description: "The problem's id." };

export const problemSchemas: Record<string, Schema> = {
  Issue: {
    type: "object",
    description: "A local problem of the city. Who reported it is never part of it.",
    required: ["id", "title", "status", "severity", "source", "component", "place", "committee", "updatedAt"],
    properties: {
      id: { type: "integer" },
      title: { type: "string" },
      status: { enum: PROBLEM_STATUSES, description: "`reported`: a resident's report waiting for the city's officer (listed only for the city's own officers and approver, and admins)." },
      severity: { enum: PROBLEM_SEVERITIES },
      source: { enum: PROBLEM_SOURCES },
      component: nullable({ type: "string", description: "The CWIS component's code." }),
      place: { type: "string" },
      committee: nullable({ type: "string" }),
      updatedAt: { type: "string", format: "date-time" },
    },
  },
};

const periodValue: Schema = nullable({ type: "object", required: ["value", "period"], properties: { value: { type: "number" }, period: { type: "string" } } });

problemSchemas.Plan = {
  type: "object",
  description: "A city's action plan for a fiscal year.",
  required: ["id", "fiscalYear", "title", "status", "validatedAt", "currency", "goals", "actions"],
  properties: {
    id: { type: "integer" },
    fiscalYear: { type: "string", pattern: "^FY[0-9]{4}-[0-9]{2}$", examples: ["FY2026-27"] },
    title: { type: "string" },
    status: { enum: PLAN_STATUSES },
    validatedAt: nullable({ type: "string", format: "date-time" }),
    currency: { enum: ["BDT", "NPR"] },
    goals: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "indicator", "baseline", "latest", "target", "status", "progress", "expectedProgress"],
        properties: {
          id: { type: "integer" },
          indicator: { type: "string", description: "The indicator's code." },
          baseline: periodValue,
          latest: periodValue,
          target: { type: "object", properties: { value: { type: "number" }, period: { type: "string" } } },
          status: { enum: ["achieved", "on_track", "behind", "overdue", "no_data"], description: "docs/plans.md says how it is computed." },
          progress: nullable({ type: "number", minimum: 0, maximum: 1 }),
          expectedProgress: nullable({ type: "number", minimum: 0, maximum: 1 }),
        },
      },
    },
    actions: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "goal", "title", "owner", "ownerKind", "startsOn", "dueOn", "status", "statusReason", "progress", "overdue", "budgetPlanned", "budgetSpent", "problems"],
        properties: {
          id: { type: "integer" },
          goal: { type: "integer" },
          title: { type: "string" },
          owner: { type: "string" },
          ownerKind: { enum: ACTION_OWNER_KINDS },
          startsOn: { type: "string", format: "date" },
          dueOn: { type: "string", format: "date" },
          status: { enum: ACTION_STATUSES },
          statusReason: { type: "string" },
          progress: { type: "integer", minimum: 0, maximum: 100 },
          overdue: { type: "boolean" },
          budgetPlanned: nullable({ type: "number" }),
          budgetSpent: nullable({ type: "number" }),
          problems: { type: "array", items: { type: "integer" }, description: "Ids of the city's problems the action addresses." },
        },
      },
    },
  },
};

export const problemPaths: Record<string, Record<string, unknown>> = {
  "/api/v1/cities/{slug}/plan": {
    get: {
      operationId: "getCityPlan",
      summary: "The city's action plan",
      description: "For `year` (e.g. `FY2026-27`), or the active plan, or the newest. Every signed-in role (`plans.read`).",
      tags: ["plans"],
      security: anyAuth,
      parameters: [slug, { name: "year", in: "query", required: false, schema: { type: "string", pattern: "^FY[0-9]{4}-[0-9]{2}$" } }, { name: "format", in: "query", required: false, schema: { enum: ["json", "xlsx"], default: "json" }, description: "`xlsx`: the plan as a workbook in the caller's language, a sheet of goals and one of actions." }],
      responses: {
        "200": { description: "The plan (JSON), or its workbook (`format=xlsx`).", content: { "application/json": { schema: { type: "object", required: ["city", "plan"], properties: { city: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" } } }, plan: ref("Plan") } } }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } },
        "401": error("No valid credentials."),
        "404": error("No such city, or no plan (for that year)."),
        "422": error("`year` is not a fiscal year label."),
      },
    },
  },
  "/api/v1/cities/{slug}/issues": {
    get: {
      operationId: "listCityIssues",
      summary: "The city's log of local problems",
      description: "Most recently changed first, a page at a time. Every signed-in role may read it (`problems.read`); residents' reports waiting for moderation only the city's own officers and approver and admins.",
      tags: ["problems"],
      security: anyAuth,
      parameters: [
        slug,
        { name: "status", in: "query", required: false, schema: { enum: [...PROBLEM_STATUSES, "active"] }, description: "`active`: open, acknowledged or in progress." },
        { name: "severity", in: "query", required: false, schema: { enum: PROBLEM_SEVERITIES } },
        { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
        { name: "per_page", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
      ],
      responses: {
        "200": json({ type: "object", required: ["city", "page", "perPage", "total", "issues"], properties: { city: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" } } }, page: { type: "integer" }, perPage: { type: "integer" }, total: { type: "integer" }, issues: { type: "array", items: ref("Issue") } } }, "A page of the log."),
        "401": error("No valid credentials."),
        "403": error("`status=reported` asked by someone who is not the city's own."),
        "404": error("No such city."),
        "422": error("A query parameter is not valid."),
      },
    },
  },
  "/api/v1/cities/{slug}/problems/{id}/files": {
    post: {
      operationId: "addIssueEvidence",
      summary: "Add a photo or document to a problem's evidence",
      description: "Multipart: `file`. Checked by content as the library's uploads are (PNG, JPEG, PDF and office documents). The city's officers, reviewers and admins (`problems.write`). A plain HTML form post is answered with a redirect to the problem's page.",
      tags: ["problems"],
      security: anyAuth,
      parameters: [slug, problemId],
      requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } } } },
      responses: {
        "201": json({ type: "object", required: ["file"], properties: { file: { type: "object", properties: { id: { type: "integer" }, fileName: { type: "string" }, mimeType: { type: "string" }, size: { type: "integer" }, downloadUrl: { type: "string" } } } } }, "Stored."),
        "400": error("The body is not multipart/form-data."),
        "401": error("No valid credentials."),
        "403": error("Not the city's officer, a reviewer or an admin, or the form came from another site."),
        "404": error("No such problem in this city."),
        "413": error(`The file is larger than ${MAX_UPLOAD_BYTES} bytes.`),
        "422": error("The file's content is not an allowed type."),
      },
    },
  },
  "/api/v1/cities/{slug}/problems/{id}/files/{fileId}": {
    get: {
      operationId: "downloadIssueEvidence",
      summary: "Download one piece of a problem's evidence",
      tags: ["problems"],
      security: anyAuth,
      parameters: [slug, problemId, { name: "fileId", in: "path", required: true, schema: { type: "integer" } }],
      responses: {
        "200": { description: "The file, as an attachment, with a sandboxing Content-Security-Policy.", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
        "401": error("No valid credentials."),
        "404": error("No such file, or a problem the caller may not read."),
      },
    },
  },
};
