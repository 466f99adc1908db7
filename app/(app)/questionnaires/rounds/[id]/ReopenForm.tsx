"use client";

import { useActionState, useId } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import type { ActionResult } from "@/lib/action-result";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";

/**
 * Reopens one city's answers until a day (a week from the city's today by default). Small enough
 * for a table row; the result shows beside the button.
 */
export function ReopenForm({ action, responseId, defaultUntil, min, cityName, messages, locale }: { action: (previous: ActionResult<string> | null, formData: FormData) => Promise<ActionResult<string>>; responseId: number; defaultUntil: string; min: string; cityName: string; messages: MessageSubset; locale: Locale }) {
  const tr = subsetTranslator(messages, locale);
  const [state, formAction] = useActionState(action, null);
  const id = useId();
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" data-testid={`reopen-${responseId}`}>
      <input type="hidden" name="responseId" value={responseId} />
      <label className="text-sm" htmlFor={`${id}-until`}>
        <span className="sr-only">{tr("rounds.reopen.untilOf", { city: cityName })}</span>
        <span aria-hidden="true" className="block text-xs text-slate-600">{tr("rounds.reopen.until")}</span>
        <input id={`${id}-until`} type="date" name="until" defaultValue={defaultUntil} min={min} required className="min-h-11 rounded-md border border-slate-300 bg-white px-2 py-1" aria-describedby={state ? `${id}-status` : undefined} />
      </label>
      <SubmitButton variant="secondary" pendingLabel={tr("rounds.reopen.pending")}>{tr("rounds.reopen.submit")}</SubmitButton>
      {state ? (
        <p id={`${id}-status`} role={state.ok ? "status" : "alert"} className={`basis-full text-xs ${state.ok ? "text-brand-800" : "text-red-700"}`}>
          {state.ok ? tr("rounds.reopen.done") : tr(state.fieldErrors?.until?.[0] ?? state.error)}
        </p>
      ) : null}
    </form>
  );
}
