"use client";

import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";

export interface SetPasswordLabels {
  email: string;
  password: string;
  confirm: string;
  submit: string;
  pending: string;
  /** Shown with a refused link, leading to where a new one is asked for. */
  newLink: { label: string; href: string };
  /** Translations of every message key the action may return. */
  errors: Record<string, string>;
  fallbackError: string;
}

/**
 * A new password from a mailed link (/login/reset, /invite). The link's token travels as a hidden
 * field; the action uses it up. A link that stopped working shows where to get a new one.
 */
export function SetPasswordForm({ action, token, email, invalidLinkKey, labels }: { action: (previous: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>; token: string; email: string; invalidLinkKey: string; labels: SetPasswordLabels }) {
  const [state, formAction] = useActionState<ActionResult<unknown> | null, FormData>(action, null);
  const message = (key: string) => labels.errors[key] ?? labels.fallbackError;
  const fieldError = (field: string) => (state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined);
  const passwordError = fieldError("password");
  const confirmError = fieldError("confirm");
  if (state && !state.ok && state.error === invalidLinkKey) {
    return (
      <div className="space-y-4">
        <p role="alert" data-testid="link-invalid" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{message(state.error)}</p>
        <Link href={labels.newLink.href} className="text-sm font-medium text-brand-700 underline">{labels.newLink.label}</Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="set-password-form">
      <input type="hidden" name="token" value={token} />
      {state && !state.ok ? (
        <p role="alert" data-testid="set-password-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{message(state.error)}</p>
      ) : null}
      <div>
        <label htmlFor="account-email" className="block text-sm font-medium">{labels.email}</label>
        {/* For password managers: the account the new password belongs to. */}
        <input id="account-email" name="username" type="email" value={email} readOnly autoComplete="username" className="mt-1 w-full rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-slate-700" />
      </div>
      <div>
        <label htmlFor="new-password" className="block text-sm font-medium">{labels.password}</label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" required minLength={10} maxLength={72} aria-invalid={Boolean(passwordError)} aria-describedby={passwordError ? "new-password-error" : undefined} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        <FieldError id="new-password-error" message={passwordError ? message(passwordError) : undefined} />
      </div>
      <div>
        <label htmlFor="confirm-password" className="block text-sm font-medium">{labels.confirm}</label>
        <input id="confirm-password" name="confirm" type="password" autoComplete="new-password" required maxLength={72} aria-invalid={Boolean(confirmError)} aria-describedby={confirmError ? "confirm-password-error" : undefined} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        <FieldError id="confirm-password-error" message={confirmError ? message(confirmError) : undefined} />
      </div>
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
