"use client";

import { useActionState } from "react";
import { forgotPasswordAction } from "./actions";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";

export interface ForgotLabels {
  email: string;
  submit: string;
  pending: string;
  /** The one answer for every address. */
  sent: string;
  errors: Record<string, string>;
  fallbackError: string;
}

export function ForgotForm({ labels }: { labels: ForgotLabels }) {
  const [state, action] = useActionState<ActionResult<unknown> | null, FormData>(forgotPasswordAction, null);
  const message = (key: string) => labels.errors[key] ?? labels.fallbackError;
  const emailError = state && !state.ok ? state.fieldErrors?.email?.[0] : undefined;
  if (state?.ok) {
    return <p role="status" data-testid="forgot-sent" className="rounded-md bg-brand-50 p-3 text-sm text-brand-800">{labels.sent}</p>;
  }
  return (
    <form action={action} className="space-y-4" noValidate data-testid="forgot-form">
      {state && !state.ok ? (
        <p role="alert" data-testid="forgot-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{message(state.error)}</p>
      ) : null}
      <div>
        <label htmlFor="forgot-email" className="block text-sm font-medium">{labels.email}</label>
        <input id="forgot-email" name="email" type="email" defaultValue={state && !state.ok ? state.values?.email : undefined} autoComplete="username" required maxLength={254} aria-invalid={Boolean(emailError)} aria-describedby={emailError ? "forgot-email-error" : undefined} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        <FieldError id="forgot-email-error" message={emailError ? message(emailError) : undefined} />
      </div>
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
