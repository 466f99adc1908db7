/** The reporting rounds section of the OpenAPI document (GET /api/v1/rounds, answers of a round, PUT of a city's answers). */
import { COUNTRIES, PROGRAMME_ROLES, QUESTION_TYPES, RESPONSE_STATUSES, ROUND_STATUSES } from "@/lib/domain";
import { anyAuth, csv, error, json, nullable, ref, type Schema } from "./openapi-parts";

const roundIdParam = { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const localized = { type: "object", required: ["en", "bn", "ne"], properties: { en: { type: "string" }, bn: { type: "string" }, ne: { type: "string" } }, description: "English, Bangla, Nepali (an empty one falls back to English)." };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const roundSchemas: Record<string, Schema> = {
  Round: {
    type: "object",
    required: ["id", "title", "period", "status", "target", "opensOn", "dueOn", "asked", "submitted", "accepted"],
    properties: {
      id: { type: "integer" },
      title: localized,
      period: { type: "string", pattern: "^[0-9]{4}(-Q[1-4])?$", description: "A quarter or a year." },
      status: { enum: ROUND_STATUSES },
      target: { type: "object", description: "Which cities were asked: `{kind: all}`, `{kind: country, countries}`, `{kind: programme_role, roles}` or `{kind: list, cityIds}`." },
      opensOn: { type: "string", format: "date" },
      dueOn: { type: "string", format: "date", description: "The last day answers are taken, in each city's own time zone." },
      asked: { type: "integer" },
      submitted: { type: "integer", description: "Submitted or accepted." },
      accepted: { type: "integer" },
    },
  },
  AnswerRow: {
    type: "object",
    required: ["city", "country", "programmeRole", "status", "version", "section", "question", "questionText", "type", "answer"],
    description: "One city's answer to one question, in the questionnaire version that city answered.",
    properties: {
      city: { type: "string", description: "The city's slug." },
      country: { enum: COUNTRIES },
      programmeRole: { enum: PROGRAMME_ROLES },
      status: { enum: RESPONSE_STATUSES, description: "The city's response." },
      version: { type: "integer", description: "The questionnaire version answered." },
      section: { type: "string" },
      question: { type: "string", description: "The question's key: the same across versions." },
      questionText: { type: "string", description: "In `lang`." },
      type: { enum: QUESTION_TYPES },
      answer: {
        description:
          "As stored: `{kind: number, value}`, `{kind: boolean, value}`, `{kind: choice, value}`, `{kind: choices, values, other}`, `{kind: text, value}`, `{kind: date, value}`, `{kind: file, name, mimeType, size}`; for an indicator question `{indicator, value, status}` — the city's indicator value for the round's period.",
      },
    },
  },
};

export const roundPaths = {
  "/api/v1/rounds": {
    get: {
      operationId: "listRounds",
      summary: "Reporting rounds",
      description: "Newest first, with how many cities were asked, submitted and were accepted. For reviewers, partners and admins.",
      tags: ["questionnaires"],
      security: anyAuth,
      parameters: [
        { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
        { name: "per_page", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
      ],
      responses: {
        "200": json({ type: "object", required: ["rounds", "page", "perPage", "total"], properties: { rounds: { type: "array", items: ref("Round") }, page: { type: "integer" }, perPage: { type: "integer" }, total: { type: "integer" } } }, "A page of rounds."),
        "401": error("Not signed in."),
        "403": error("Officers read their own city's answers on its pages, not the rounds."),
        "422": error("A paging parameter is out of range."),
      },
    },
  },
  "/api/v1/rounds/{id}/responses": {
    get: {
      operationId: "roundResponses",
      summary: "A round's answers (JSON pages, CSV or XLSX)",
      description:
        "One row per city × question answered. JSON comes a page of `per_page` cities at a time: pass `next` (the last response's id) back as `after`; null means there is no more. CSV (UTF-8 with BOM) and XLSX (a sheet per section) hold every row, streamed. Question texts and choice labels in `lang`, default the caller's language. For reviewers, partners and admins.",
      tags: ["questionnaires"],
      security: anyAuth,
      parameters: [
        roundIdParam,
        { name: "format", in: "query", required: false, schema: { enum: ["json", "csv", "xlsx"], default: "json" } },
        { name: "lang", in: "query", required: false, schema: { enum: ["en", "bn", "ne"] } },
        { name: "country", in: "query", required: false, schema: { enum: COUNTRIES } },
        { name: "programme_role", in: "query", required: false, schema: { enum: PROGRAMME_ROLES } },
        { name: "after", in: "query", required: false, schema: { type: "integer", minimum: 0 }, description: "The `next` of the previous page." },
        { name: "per_page", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200, default: 50 }, description: "Cities' responses per page." },
      ],
      responses: {
        "200": {
          description: "The answers.",
          content: {
            "application/json": { schema: { type: "object", required: ["round", "rows", "next"], properties: { round: { type: "object" }, rows: { type: "array", items: ref("AnswerRow") }, next: nullable({ type: "integer" }) } } },
            "text/csv": csv("The answers as CSV.").content["text/csv"],
            [XLSX]: { schema: { type: "string", format: "binary" } },
          },
        },
        "401": error("Not signed in."),
        "403": error("Not a reviewer, partner or admin."),
        "404": error("No such round."),
        "422": error("A query parameter is not valid."),
      },
    },
  },
  "/api/v1/rounds/{id}/responses/{city}/files/{question}": {
    get: {
      operationId: "cityAnswerFile",
      summary: "The file a city sent as an answer",
      description: "The stored file of a file question's answer (type checked by content when it was sent). For reviewers, partners, admins and the city's own officers.",
      tags: ["questionnaires"],
      security: anyAuth,
      parameters: [roundIdParam, { name: "city", in: "path", required: true, schema: { type: "string" } }, { name: "question", in: "path", required: true, schema: { type: "string" }, description: "The question's key." }],
      responses: {
        "200": { description: "The file, as an attachment.", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
        "401": error("Not signed in."),
        "403": error("Another city's officer."),
        "404": error("No such round, city, question or file answer."),
      },
    },
  },
  "/api/v1/rounds/{id}/responses/{city}": {
    put: {
      operationId: "saveCityAnswers",
      summary: "Save (and submit) a city's answers",
      description:
        "For the city's officer (or an admin). The same rules as the form: every problem at once (422, `fields` by question key), nothing stored then; the response's `version` as read (409 when it changed); the round must be open and before its deadline (a returned response may be corrected while the round is open). Indicator questions take `{value, version, explanation}` and are saved as the city's indicator value for the round's period. Questions not named keep their answers; `null` clears one. `submit: true` sends the answers (and the indicator values) to review. File questions are answered in the form only.",
      tags: ["questionnaires"],
      security: anyAuth,
      parameters: [roundIdParam, { name: "city", in: "path", required: true, schema: { type: "string" }, description: "The city's slug." }],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["version", "answers"],
              properties: {
                version: { type: "integer", minimum: 1, description: "The response's version as read." },
                submit: { type: "boolean", default: false },
                answers: {
                  type: "object",
                  additionalProperties: {
                    oneOf: [
                      { type: "null" },
                      { type: "boolean" },
                      { type: "number" },
                      { type: "string" },
                      { type: "array", items: { type: "string" } },
                      { type: "object", required: ["choices"], properties: { choices: { type: "array", items: { type: "string" } }, other: { type: "string" } } },
                      { type: "object", required: ["value"], properties: { value: { oneOf: [{ type: "number" }, { type: "string" }] }, version: { type: "integer" }, explanation: { type: "string" } } },
                    ],
                  },
                },
              },
            },
          },
        },
      },
      responses: {
        "200": json({ type: "object", properties: { response: { type: "object", properties: { id: { type: "integer" }, status: { enum: RESPONSE_STATUSES }, version: { type: "integer" } } } } }, "Saved (or submitted)."),
        "401": error("Not signed in."),
        "403": error("Not this city's officer, a read-only token, or a cross-site request."),
        "404": error("No such round, or the city was not asked."),
        "409": error("The answers changed since they were read, or they cannot be changed now (submitted, accepted, round closed, deadline passed) — the message says which."),
        "422": error("Answers refused; `fields` names each question's problem."),
      },
    },
  },
};
