/** The events section of the OpenAPI document (GET /api/v1/events, /api/v1/events.ics). */
import type { Schema } from "./openapi-parts";

export const eventSchemas: Record<string, Schema> = {};

export const eventPaths: Record<string, Record<string, unknown>> = {};
