"use client";

import { useActionState, type ReactNode } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";

/**
 * A small form of a page (a move with its note, a comment, an answer): the fields come from the
 * server as children, the result shows beside the button, in the reader's language (`okKey` on
 * success). Without JavaScript the form still posts (the action runs, the page re-renders).
 */
export function ResultForm({ action, children, label, pendingLabel, messages, locale, variant = "primary", testId, confirmMessage, className, okKey = "reports.saved" }: { action: (previous: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>; children?: ReactNode; label: string; pendingLabel: string; messages: MessageSubset; locale: Locale; variant?: "primary" | "secondary" | "danger"; testId?: string; confirmMessage?: string; className?: string; okKey?: string }) {
  const [state, formAction] = useActionState(action, null);
  const t = subsetTranslator(messages, locale);
  const fieldMessages = state && !state.ok && state.fieldErrors ? Object.values(state.fieldErrors).flat() : [];
  return (
    <form action={formAction} className={className ?? "space-y-2"} data-testid={testId}>
      {children}
      <SubmitButton pendingLabel={pendingLabel} variant={variant} confirmMessage={confirmMessage}>{label}</SubmitButton>
      {state && !state.ok ? <FormStatus ok={false} testId="form-error" message={[t(state.error), ...fieldMessages.map((key) => t(key))].filter((m, i, all) => all.indexOf(m) === i).join(" ")} /> : null}
      {state?.ok ? <FormStatus ok testId="form-ok" message={t(okKey)} /> : null}
    </form>
  );
}
