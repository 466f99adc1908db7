"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { ActionResult } from "@/lib/action-result";

type Action = (previous: ActionResult<number> | null, formData: FormData) => Promise<ActionResult<number>>;

export interface AttendanceRow {
  id: number;
  name: string;
  detail: string;
  attended: boolean | null;
}

/** The attendance sheet: one checkbox per participant; unticked ones are recorded as absent. */
export function AttendanceForm({ action, rows, messages, locale }: { action: Action; rows: AttendanceRow[]; messages: MessageSubset; locale: "en" | "bn" | "ne" }) {
  const tr = subsetTranslator(messages, locale);
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2" data-testid="attendance-form">
      {state ? <FormStatus ok={state.ok} message={state.ok ? tr("events.attendance.saved", { count: state.data }) : tr(state.error)} testId="attendance-status" /> : null}
      <fieldset>
        <legend className="sr-only">{tr("events.attendance.title")}</legend>
        <ul className="divide-y divide-slate-100">
          {rows.map((row) => (
            <li key={row.id}>
              <input type="hidden" name="listed" value={row.id} />
              <label className="flex min-h-10 items-start gap-3 py-2 text-sm">
                <input type="checkbox" name="attended" value={row.id} defaultChecked={row.attended === true} className="mt-0.5 size-5 shrink-0" data-testid={`attended-${row.id}`} />
                <span>
                  <span className="font-medium">{row.name}</span>
                  <span className="block text-xs text-slate-500">{row.detail}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <SubmitButton pendingLabel={tr("common.saving")}>{tr("events.attendance.save")}</SubmitButton>
    </form>
  );
}
