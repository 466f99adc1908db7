/** The resource library section of the OpenAPI document (GET /api/v1/resources, downloads). */
import type { Schema } from "./openapi-parts";

export const resourceSchemas: Record<string, Schema> = {};

export const resourcePaths: Record<string, Record<string, unknown>> = {};
