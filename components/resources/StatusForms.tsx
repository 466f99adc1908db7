"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import type { ActionResult } from "@/lib/action-result";

type StatusAction = () => Promise<ActionResult>;
type DeleteAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** Publish or unpublish: one button, with the outcome or the refusal shown beside it. */
export function StatusButton({ action, label, variant, messages, locale, testId }: { action: StatusAction; label: string; variant: "primary" | "secondary"; messages: MessageSubset; locale: Locale; testId: string }) {
  const tr = subsetTranslator(messages, locale);
  const [state, formAction] = useActionState<ActionResult | null>(action, null);
  return (
    <form action={formAction} className="space-y-2" data-testid={testId}>
      {state && !state.ok ? <FormStatus ok={false} message={tr(state.error)} /> : null}
      <SubmitButton pendingLabel={tr("resources.working")} variant={variant}>{label}</SubmitButton>
    </form>
  );
}

/** Deleting needs a ticked box and a second confirmation in the browser. */
export function DeleteResourceForm({ action, hint, messages, locale }: { action: DeleteAction; hint: string; messages: MessageSubset; locale: Locale }) {
  const tr = subsetTranslator(messages, locale);
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" data-testid="resource-delete-form">
      {state && !state.ok ? <FormStatus ok={false} message={tr(state.error)} testId="resource-delete-status" /> : null}
      <p className="text-sm text-slate-700">{hint}</p>
      <label className="flex min-h-10 items-start gap-3 py-2 text-sm">
        <input type="checkbox" name="confirm" value="yes" required className="mt-0.5 size-5 shrink-0" />
        <span>{tr("resources.deleteConfirm")}</span>
      </label>
      <SubmitButton pendingLabel={tr("resources.deleting")} variant="danger" confirmMessage={tr("resources.deleteQuestion")}>{tr("resources.delete")}</SubmitButton>
    </form>
  );
}
