import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AppError } from "./errors";

/** What every server action returns. Errors are message keys the UI translates. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    // Our schemas give message keys; zod's own English messages fall back to a generic one.
    const key = issue.message.startsWith("validation.") ? issue.message : "validation.invalid";
    (fieldErrors[field] ??= []).push(key);
  }
  return fieldErrors;
}

/**
 * Runs an action body and turns failures into an ActionResult. redirect() and notFound() are
 * rethrown; unknown errors are logged on the server and never sent to the browser.
 */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof z.ZodError) return { ok: false, error: "validation.checkFields", fieldErrors: fieldErrorsOf(error) };
    if (error instanceof AppError) return { ok: false, error: error.messageKey };
    console.error("[action] unexpected error", error);
    return { ok: false, error: "errors.unexpected" };
  }
}
