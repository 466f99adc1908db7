"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";

/**
 * One button that runs a server action with a few hidden fields (withdraw, cancel, complete,
 * remove), asking first when `confirmMessage` is given. A refusal shows beside the button.
 */
export function ActionForm<T>({ action, fields, label, pendingLabel, confirmMessage, variant = "secondary", errors, testId }: { action: (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>; fields: Record<string, string>; label: string; pendingLabel: string; confirmMessage?: string; variant?: "primary" | "secondary" | "danger"; errors: Record<string, string>; testId?: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex flex-col gap-1" data-testid={testId}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton pendingLabel={pendingLabel} variant={variant} confirmMessage={confirmMessage}>{label}</SubmitButton>
      {state && !state.ok ? <FormStatus ok={false} message={errors[state.error] ?? errors["errors.unexpected"] ?? state.error} /> : null}
    </form>
  );
}
