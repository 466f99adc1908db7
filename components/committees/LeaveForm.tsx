"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { firstError, type FormAction, inputClass, useResponseKey } from "./form-kit";

/** Records the day a member leaves, after asking: the member stops counting from that day. */
export function LeaveForm({ action, memberId, memberName, defaultDate, messages, locale }: { action: FormAction; memberId: number; memberName: string; defaultDate: string; messages: MessageSubset; locale: Locale }) {
  const tr = subsetTranslator(messages, locale);
  const [state, formAction] = useActionState(action, null);
  const formKey = useResponseKey(state);
  const fieldError = firstError(state, "leftOn");
  const inputId = `leave-${memberId}-date`;
  return (
    <form key={formKey} action={formAction} className="flex flex-wrap items-end gap-2" data-testid={`leave-form-${memberId}`}>
      <input type="hidden" name="member" value={memberId} />
      <label className="block text-sm" htmlFor={inputId}>
        <span className="font-medium">{tr("committees.member.leftOnField")}</span>
        <input id={inputId} name="leftOn" type="date" required defaultValue={(state && !state.ok ? state.values?.leftOn : undefined) ?? defaultDate} className={inputClass} aria-invalid={fieldError ? true : undefined} />
      </label>
      <SubmitButton variant="secondary" pendingLabel={tr("common.saving")} confirmMessage={tr("committees.member.confirmLeave", { name: memberName })}>
        {tr("committees.member.leave")}
      </SubmitButton>
      {state ? (
        <div className="basis-full">
          <FormStatus ok={state.ok} message={state.ok ? tr("committees.member.leaveSaved") : tr(fieldError ?? state.error)} />
        </div>
      ) : null}
    </form>
  );
}
