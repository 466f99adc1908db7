"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import { COMMITTEE_TEXT_MAX } from "@/lib/committees";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { describedBy, Field, firstError, type FormAction, inputClass, useResponseKey } from "./form-kit";

export interface CommitteeFormValues {
  name: string;
  component: string;
  theme: string;
}

/**
 * A committee's name and focus: a CWIS component, a theme in words, or both. The same form starts
 * a committee (`hidden` names the city) and edits one (`hidden` names the committee).
 */
export function CommitteeForm({ action, hidden, initial, components, submitLabel, messages, locale, testId }: { action: FormAction; hidden: Record<string, string>; initial: CommitteeFormValues; components: { id: number; name: string }[]; submitLabel: string; messages: MessageSubset; locale: Locale; testId: string }) {
  const tr = subsetTranslator(messages, locale);
  const [state, formAction] = useActionState(action, null);
  const formKey = useResponseKey(state);
  const values = state && !state.ok && state.values ? { ...initial, ...state.values } : initial;
  const error = (field: string) => {
    const key = firstError(state, field);
    return key ? tr(key) : undefined;
  };
  const prefix = `${testId}-`;
  return (
    <form key={formKey} action={formAction} className="grid gap-3 sm:grid-cols-2" data-testid={testId} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state ? (
        <div className="sm:col-span-2">
          <FormStatus ok={state.ok} message={state.ok ? tr("committees.saved") : tr(state.error)} testId={`${testId}-status`} />
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <Field id={`${prefix}name`} label={tr("committees.field.name")} error={error("name")}>
          <input id={`${prefix}name`} name="name" defaultValue={values.name} required maxLength={COMMITTEE_TEXT_MAX} className={inputClass} {...describedBy(`${prefix}name`, error("name"))} />
        </Field>
      </div>
      <Field id={`${prefix}component`} label={tr("committees.field.component")} error={error("component")}>
        <select id={`${prefix}component`} name="component" defaultValue={values.component} className={inputClass} {...describedBy(`${prefix}component`, error("component"))}>
          <option value="">{tr("committees.field.noComponent")}</option>
          {components.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}theme`} label={tr("committees.field.theme")} hint={tr("committees.field.themeHint")} error={error("theme")}>
        <input id={`${prefix}theme`} name="theme" defaultValue={values.theme} maxLength={COMMITTEE_TEXT_MAX} className={inputClass} {...describedBy(`${prefix}theme`, error("theme"), true)} />
      </Field>
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel={tr("common.saving")}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
