/** Building blocks shared by the OpenAPI document's sections (lib/openapi*.ts). */
export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: "null" }] });
export const json = (schema: Schema, description: string) => ({ description, content: { "application/json": { schema } } });
export const error = (description: string) => json(ref("Error"), description);
export const PERIOD = { type: "string", pattern: "^[0-9]{4}-Q[1-4]$", examples: ["2025-Q3"] };
export const ENTERED_AT = { type: "string", format: "date-time" };

/** Any credentials: optional on public reads (where they widen what is visible), required on writes. */
export const anyAuth = [{ bearerAuth: [] }, { cookieAuth: [] }];
export const optionalAuth = [{}, ...anyAuth];

export const publicReadErrors = {
  "401": error("Credentials were sent but are not valid (unknown or revoked token). Send none for the public view."),
  "422": error("A query parameter has a value that is not allowed; `error.fields` names it."),
};

export const csv = (description: string) => ({ description, content: { "text/csv": { schema: { type: "string" } } } });
