/** The resource library section of the OpenAPI document (GET /api/v1/resources, downloads). */
import { RESOURCE_LANGUAGES, RESOURCE_STATUSES, RESOURCE_TYPES } from "@/lib/domain";
import { ALLOWED_TYPES } from "./files/detect";
import { MAX_UPLOAD_BYTES } from "./files/limit";
import { AUTHOR_MAX, RESOURCE_SORTS, SEARCH_MAX, SUMMARY_MAX, TITLE_MAX, URL_MAX } from "./validation/resources";
import { ENTERED_AT, anyAuth, error, json, nullable, optionalAuth, publicReadErrors, ref, type Schema } from "./openapi-parts";

const MIME_TYPES = Object.values(ALLOWED_TYPES).map((t) => t.mimeType);

export const resourceSchemas: Record<string, Schema> = {
  Resource: {
    type: "object",
    required: ["id", "title", "summary", "type", "language", "status", "components", "lenses", "city", "author", "year", "file", "externalUrl", "downloadUrl", "pageUrl", "downloadCount", "publishedAt", "createdAt"],
    properties: {
      id: { type: "integer" },
      title: { type: "string" },
      summary: { type: "string" },
      type: { enum: RESOURCE_TYPES },
      language: { enum: RESOURCE_LANGUAGES, description: "bn Bangla, en English, ne Nepali, other." },
      status: { enum: RESOURCE_STATUSES, description: "Drafts are listed only for their uploader, reviewers and admins." },
      components: { type: "array", items: { type: "string" }, description: "CWIS component codes." },
      lenses: { type: "array", items: { type: "string" }, description: "CWIS lens codes." },
      city: nullable(ref("CityRef")),
      author: { type: "string", description: "Author or organisation." },
      year: nullable({ type: "integer" }),
      file: nullable({
        type: "object",
        required: ["name", "mimeType", "size"],
        properties: { name: { type: "string", description: "Sanitized file name." }, mimeType: { enum: MIME_TYPES, description: "Detected from the content." }, size: { type: "integer", description: "Bytes." } },
      }),
      externalUrl: nullable({ type: "string", format: "uri", description: "For link resources (videos, web pages); null when there is a file." }),
      downloadUrl: { type: "string", description: "The download endpoint: the file, or a redirect to the link." },
      pageUrl: { type: "string" },
      downloadCount: { type: "integer" },
      publishedAt: nullable(ENTERED_AT),
      createdAt: ENTERED_AT,
    },
  },
  ResourceUpload: {
    type: "object",
    required: ["title", "type", "language", "source"],
    properties: {
      title: { type: "string", minLength: 3, maxLength: TITLE_MAX },
      summary: { type: "string", maxLength: SUMMARY_MAX },
      type: { enum: RESOURCE_TYPES },
      language: { enum: RESOURCE_LANGUAGES },
      components: { type: "array", items: { type: "string" }, description: "Component codes; repeat the field for several." },
      lenses: { type: "array", items: { type: "string" }, description: "Lens codes; repeat the field for several." },
      city: { type: "string", description: "City slug of origin. Officers must give their own city." },
      author: { type: "string", maxLength: AUTHOR_MAX },
      year: { type: "integer", minimum: 1900 },
      source: { enum: ["file", "link"] },
      file: { type: "string", format: "binary", description: `With source=file: PDF, DOCX, XLSX, PPTX, ODT, PNG or JPEG, at most ${MAX_UPLOAD_BYTES} bytes, recognised by content.` },
      externalUrl: { type: "string", format: "uri", maxLength: URL_MAX, description: "With source=link: an http(s) address." },
      publish: { type: "boolean", description: "Publish at once (reviewers and admins only; everyone else's resources start as drafts)." },
    },
  },
};

const idParam = { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const download = (description: string) => ({
  description: `${description} Sent as an attachment (\`Content-Disposition: attachment\` with an RFC 5987 \`filename*\`), with \`X-Content-Type-Options: nosniff\` and the type detected from the content.`,
  content: Object.fromEntries(MIME_TYPES.map((type) => [type, { schema: { type: "string", format: "binary" } }])),
});
const multipart = { required: true, content: { "multipart/form-data": { schema: ref("ResourceUpload") } } };
const uploadErrors = {
  "401": error("No valid credentials."),
  "403": error("The caller may not add or change this resource (officers: their own city only; drafts of others are theirs to keep), or the form came from another site."),
  "413": error(`The file is larger than ${MAX_UPLOAD_BYTES} bytes. Refused while streaming, before it is held whole; the connection is closed.`),
  "422": error("A field is not valid (`error.fields`), or the file's content is not an allowed type (renamed programs, HTML pages and others are refused). Nothing was saved."),
};

export const resourcePaths: Record<string, Record<string, unknown>> = {
  "/api/v1/resources": {
    get: {
      operationId: "listResources",
      summary: "Search and filter the resource library",
      description:
        "Full-text search (`q`) over title, summary and the text of PDFs, in English (stemmed) and the `simple` configuration (Bangla, Nepali), plus a substring match on title and summary. " +
        "Anonymous callers see published resources; signed-in callers also their own drafts; reviewers and admins every draft. " +
        "Sorted by relevance when searching, else newest first.",
      tags: ["resources"],
      security: optionalAuth,
      parameters: [
        { name: "q", in: "query", required: false, schema: { type: "string", maxLength: SEARCH_MAX }, description: "Search words; `\"quoted phrase\"`, `or` and `-word` work as in web search." },
        { name: "type", in: "query", required: false, schema: { enum: RESOURCE_TYPES } },
        { name: "lang", in: "query", required: false, schema: { enum: RESOURCE_LANGUAGES } },
        { name: "component", in: "query", required: false, schema: { type: "string" }, description: "A component code." },
        { name: "lens", in: "query", required: false, schema: { type: "string" }, description: "A lens code." },
        { name: "city", in: "query", required: false, schema: { type: "string" }, description: "A city slug." },
        { name: "year", in: "query", required: false, schema: { type: "integer", minimum: 1900, maximum: 2100 } },
        { name: "sort", in: "query", required: false, schema: { enum: RESOURCE_SORTS } },
        { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
        { name: "per_page", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 25 } },
      ],
      responses: {
        "200": json({ type: "object", required: ["resources", "page", "perPage", "total"], properties: { resources: { type: "array", items: ref("Resource") }, page: { type: "integer" }, perPage: { type: "integer" }, total: { type: "integer" } } }, "One page of resources."),
        ...publicReadErrors,
      },
    },
    post: {
      operationId: "createResource",
      summary: "Add a resource: a file upload or a link",
      description:
        "For officers (their own city), trainers, reviewers and admins. Officers' and trainers' resources start as drafts until a reviewer publishes them. " +
        "The same file uploaded twice is stored once. Errors also carry `messageKey` / `fieldKeys` (message catalogue keys) for translated display.",
      tags: ["resources"],
      security: anyAuth,
      requestBody: multipart,
      responses: { "201": json({ type: "object", required: ["resource"], properties: { resource: ref("Resource") } }, "Created."), "400": error("The body is not multipart/form-data."), ...uploadErrors },
    },
  },
  "/api/v1/resources/{id}": {
    get: {
      operationId: "getResource",
      summary: "One resource",
      tags: ["resources"],
      security: optionalAuth,
      parameters: [idParam],
      responses: { "200": json({ type: "object", required: ["resource"], properties: { resource: ref("Resource") } }, "The resource."), "401": publicReadErrors["401"], "404": error("No such resource, or a draft the caller may not see.") },
    },
  },
  "/api/v1/resources/{id}/download": {
    get: {
      operationId: "downloadResource",
      summary: "Download a resource's file (counted)",
      tags: ["resources"],
      security: optionalAuth,
      parameters: [idParam],
      responses: {
        "200": download("The file."),
        "303": { description: "A link resource: `Location` is its address." },
        "401": publicReadErrors["401"],
        "404": error("No such resource, or a draft the caller may not see."),
      },
    },
  },
  "/api/v1/resources/{id}/file": {
    post: {
      operationId: "replaceResourceFile",
      summary: "Replace a resource's file",
      description: "Multipart with one field, `file`. The previous file stays downloadable for admins. Reviewers and admins for any resource; an uploader for their own draft.",
      tags: ["resources"],
      security: anyAuth,
      parameters: [idParam],
      requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } } } },
      responses: {
        "200": json({ type: "object", required: ["resource", "previousVersionId"], properties: { resource: ref("Resource"), previousVersionId: { type: "integer" } } }, "Replaced."),
        "400": error("The body is not multipart/form-data."),
        ...uploadErrors,
        "404": error("No such resource, or a draft the caller may not see."),
      },
    },
  },
  "/api/v1/resources/{id}/versions/{versionId}/download": {
    get: {
      operationId: "downloadResourceVersion",
      summary: "Download a file the resource carried before it was replaced (admins)",
      tags: ["resources"],
      security: anyAuth,
      parameters: [idParam, { name: "versionId", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
      responses: { "200": download("The earlier file."), "401": error("No valid credentials."), "403": error("Only admins download earlier versions."), "404": error("No such version of this resource.") },
    },
  },
  "/api/v1/cities/{slug}/evidence": {
    post: {
      operationId: "uploadValueEvidence",
      summary: "Upload a photo or scan proving a value (the entry form's \"attach a file\")",
      description:
        "Multipart: `indicator` (code), `period` (e.g. `2026-Q3`), `file`. Stored as a draft library resource of the city with the library's content checks; " +
        "save the value with `evidenceResourceId` set to the returned id. The city's officers and admins (`values.write`).",
      tags: ["resources"],
      security: anyAuth,
      parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" }, description: "The city's slug, e.g. `kushtia`." }],
      requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", required: ["indicator", "period", "file"], properties: { indicator: { type: "string" }, period: { type: "string", pattern: "^[0-9]{4}-Q[1-4]$" }, file: { type: "string", format: "binary" } } } } } },
      responses: {
        "201": json(
          {
            type: "object",
            required: ["resource"],
            properties: { resource: { type: "object", required: ["id", "title", "status", "fileName", "mimeType", "size", "pageUrl", "downloadUrl"], properties: { id: { type: "integer" }, title: { type: "string" }, status: { enum: RESOURCE_STATUSES }, fileName: { type: "string" }, mimeType: { type: "string" }, size: { type: "integer" }, pageUrl: { type: "string" }, downloadUrl: { type: "string" } } } },
          },
          "Stored.",
        ),
        "400": error("The body is not multipart/form-data."),
        ...uploadErrors,
        "404": error("No such city."),
      },
    },
  },
};
