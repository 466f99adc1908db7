import { useRef, type ReactNode } from "react";
import { FieldError } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";

/** What every committee form's action looks like to the form (server/action.ts builds it). */
export type FormAction<T = unknown> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

export const inputClass = "mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/**
 * A key that changes with every answer from the server, for the form to be keyed on: it then
 * starts again from fresh defaults — what was sent after a refusal, the saved record after a
 * success. React resets a form after each action, and a mounted input keeps its first
 * defaultValue, so without a new key a second refusal would bring back older text.
 */
export function useResponseKey(state: ActionResult<unknown> | null): string {
  const seen = useRef({ state, count: 0 });
  if (seen.current.state !== state) seen.current = { state, count: seen.current.count + 1 };
  return String(seen.current.count);
}

export function firstError(state: ActionResult<unknown> | null, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
}

/** A labelled field with its error below and the two tied together for screen readers. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">{label}</label>
      {children}
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{hint}</p> : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** The aria attributes of an input inside <Field>. */
export function describedBy(id: string, error: string | undefined, hint?: boolean) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined };
}
