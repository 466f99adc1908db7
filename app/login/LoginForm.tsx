"use client";

import { useActionState } from "react";
import { login } from "./actions";
import { SubmitButton } from "@/components/ui/SubmitButton";
import type { ActionResult } from "@/lib/action-result";

export interface LoginLabels {
  email: string;
  password: string;
  submit: string;
  pending: string;
  /** Translations of every message key the action may return. */
  errors: Record<string, string>;
  fallbackError: string;
}

export function LoginForm({ callbackUrl, labels }: { callbackUrl: string; labels: LoginLabels }) {
  const [state, action] = useActionState<ActionResult | null, FormData>(login, null);
  const message = (key: string) => labels.errors[key] ?? labels.fallbackError;
  const fieldError = (field: string) => (state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined);
  const emailError = fieldError("email");
  const passwordError = fieldError("password");
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state && !state.ok ? (
        <p role="alert" data-testid="login-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {message(state.error)}
        </p>
      ) : null}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">{labels.email}</label>
        <input id="email" name="email" type="email" defaultValue={state && !state.ok ? state.values?.email : undefined} autoComplete="username" required maxLength={254} aria-invalid={Boolean(emailError)} aria-describedby={emailError ? "email-error" : undefined} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        {emailError ? <p id="email-error" className="mt-1 text-sm text-red-700">{message(emailError)}</p> : null}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">{labels.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={72} aria-invalid={Boolean(passwordError)} aria-describedby={passwordError ? "password-error" : undefined} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        {passwordError ? <p id="password-error" className="mt-1 text-sm text-red-700">{message(passwordError)}</p> : null}
      </div>
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
