"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { ActionResult } from "@/lib/action-result";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

export function OutcomesForm({ action, initial, messages }: { action: Action; initial: string; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, formAction] = useActionState(action, null);
  const value = state && !state.ok && state.values ? (state.values.outcomes ?? initial) : initial;
  const fieldError = state && !state.ok ? state.fieldErrors?.outcomes?.[0] : undefined;
  return (
    <form key={JSON.stringify(state)} action={formAction} className="space-y-2" data-testid="outcomes-form">
      {state ? <FormStatus ok={state.ok} message={state.ok ? tr("events.outcomes.saved") : tr(state.error)} /> : null}
      <label className="block text-sm" htmlFor="event-outcomes">
        <span className="font-medium">{tr("events.outcomes.label")}</span>
        <textarea id="event-outcomes" name="outcomes" defaultValue={value} rows={5} maxLength={10000} aria-describedby={fieldError ? "event-outcomes-error" : undefined} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
        <FieldError id="event-outcomes-error" message={fieldError ? tr(fieldError) : undefined} />
      </label>
      <SubmitButton pendingLabel={tr("common.saving")}>{tr("events.outcomes.save")}</SubmitButton>
    </form>
  );
}
