"use client";

import { useActionState } from "react";
import { setTimeZoneAction } from "./actions";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";

export interface TimeZoneChoice {
  value: string;
  label: string;
}

/** The profile's time-zone select: automatic (the city's country) or one of the programme's zones. */
export function TimeZoneForm({ current, choices, messages }: { current: string; choices: readonly TimeZoneChoice[]; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, action] = useActionState(setTimeZoneAction, null);
  const selected = state && !state.ok ? (state.values?.timeZone ?? current) : current;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" data-testid="time-zone-form">
      {state ? (
        <div className="w-full">
          <FormStatus ok={state.ok} message={state.ok ? tr("profile.timeZoneSaved") : tr(state.error)} testId="time-zone-status" />
        </div>
      ) : null}
      <label className="block text-sm" htmlFor="time-zone">
        <span className="font-medium">{tr("profile.timeZone")}</span>
        <select id="time-zone" name="timeZone" key={selected} defaultValue={selected} className="mt-1 block min-h-10 rounded-md border border-slate-300 px-3 py-2" aria-describedby="time-zone-hint">
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>{choice.label}</option>
          ))}
        </select>
      </label>
      <SubmitButton pendingLabel={tr("common.saving")}>{tr("profile.timeZoneSave")}</SubmitButton>
      <p id="time-zone-hint" className="w-full text-sm text-slate-600">{tr("profile.timeZoneHint")}</p>
    </form>
  );
}
