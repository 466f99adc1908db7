"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { createDigestAction } from "./actions";

/** The period of a new digest (calendar days, both included). */
export function DigestPeriodForm({ messages, defaults }: { messages: MessageSubset; defaults: { from: string; to: string } }) {
  const tr = subsetTranslator(messages);
  const [state, formAction] = useActionState(createDigestAction, null);
  const failed = state && !state.ok ? state : null;
  const fieldError = (name: string) => {
    const key = failed?.fieldErrors?.[name]?.[0];
    return key ? tr(key) : undefined;
  };
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" data-testid="digest-period-form">
      {failed ? (
        <div className="basis-full">
          <FormStatus ok={false} message={tr(failed.error)} />
        </div>
      ) : null}
      <div>
        <label htmlFor="digest-from" className="block text-sm font-medium">{tr("newsletter.admin.from")}</label>
        <input id="digest-from" name="from" type="date" required defaultValue={failed?.values?.from ?? defaults.from} aria-describedby="digest-from-error" className="mt-1 min-h-11 rounded-md border border-slate-300 px-3" />
        <FieldError id="digest-from-error" message={fieldError("from")} />
      </div>
      <div>
        <label htmlFor="digest-to" className="block text-sm font-medium">{tr("newsletter.admin.to")}</label>
        <input id="digest-to" name="to" type="date" required defaultValue={failed?.values?.to ?? defaults.to} aria-describedby="digest-to-error" className="mt-1 min-h-11 rounded-md border border-slate-300 px-3" />
        <FieldError id="digest-to-error" message={fieldError("to")} />
      </div>
      <SubmitButton pendingLabel={tr("newsletter.admin.drafting")}>{tr("newsletter.admin.draft")}</SubmitButton>
    </form>
  );
}
