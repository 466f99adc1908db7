/**
 * Errors that may be shown to a user carry a message key (translated in the UI), never a raw
 * database message: those contain SQL.
 */
export type ErrorCode = "bad_request" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "too_large" | "invalid" | "throttled" | "unexpected";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  invalid: 422,
  throttled: 429,
  unexpected: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string = `errors.${code}`,
  ) {
    super(messageKey);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

/** postgres.js and PGlite both expose the SQLSTATE as `code`. */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  // drizzle wraps driver errors; the SQLSTATE sits on the cause.
  for (let depth = 0; depth < 3 && current; depth++) {
    if (typeof current === "object" && current !== null && "code" in current && typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) {
      return current.code;
    }
    current = typeof current === "object" && current !== null && "cause" in current ? current.cause : undefined;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === "23505";

/** One problem in one row of a batch (API body, CSV file, data-entry form). Rows count from 1. */
export interface RowError {
  row: number;
  field: string;
  messageKey: string;
  /** What the message names, e.g. {earliest} or {min}/{max}. */
  params?: Record<string, string | number>;
}

/** A batch was refused as a whole; nothing was written. */
export class RowErrorsError extends AppError {
  constructor(readonly rows: RowError[]) {
    super("invalid", "validation.rowsRefused");
    this.name = "RowErrorsError";
  }
}

/** Someone saved the same value since the editor loaded it; nothing was written. */
export interface ValueConflict {
  row: number;
  indicator: string;
  period: string;
  currentValue: number;
  currentNote: string;
  currentVersion: number;
  enteredBy: string | null;
  enteredAt: Date;
  /**
   * stale: the version sent is older than the stored one; unversioned: no version was sent over a
   * stored value (the API without ?overwrite=true).
   */
  reason?: "stale" | "unversioned";
}

export class ValueConflictError extends AppError {
  constructor(readonly conflicts: ValueConflict[]) {
    super("conflict", conflicts.length > 0 && conflicts.every((c) => c.reason === "unversioned") ? "values.versionMissing" : "values.conflict");
    this.name = "ValueConflictError";
  }
}

/** A field's problem: what is wrong (a message key) and what the message names. */
export interface FieldProblem {
  messageKey: string;
  params?: Record<string, string | number>;
}

/**
 * Input refused with a problem per field (a questionnaire's answers by question key), every
 * one at once; nothing was stored. The API answers 422 with each field's message.
 */
export class FieldProblemsError extends AppError {
  constructor(
    readonly problems: Record<string, FieldProblem>,
    messageKey = "validation.checkFields",
  ) {
    super("invalid", messageKey);
    this.name = "FieldProblemsError";
  }
}
