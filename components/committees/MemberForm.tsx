"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import { COMMITTEE_TEXT_MAX } from "@/lib/committees";
import { COMMITTEE_ROLES, GENDERS } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { describedBy, Field, firstError, type FormAction, inputClass, useResponseKey } from "./form-kit";

export interface MemberFormValues {
  name: string;
  organisation: string;
  role: string;
  gender: string;
  wardResident: boolean;
  contact: string;
}

export const EMPTY_MEMBER: MemberFormValues = { name: "", organisation: "", role: "member", gender: "", wardResident: false, contact: "" };

/**
 * Adds a member (`hidden` names the committee) or corrects one (`hidden` names the member). Only
 * writers see it, and every writer may see contacts, so the contact field is always there.
 */
export function MemberForm({ action, hidden, initial, submitLabel, doneKey, messages, locale, testId }: { action: FormAction; hidden: Record<string, string>; initial: MemberFormValues; submitLabel: string; doneKey: string; messages: MessageSubset; locale: Locale; testId: string }) {
  const tr = subsetTranslator(messages, locale);
  const [state, formAction] = useActionState(action, null);
  const formKey = useResponseKey(state);
  const echoed = state && !state.ok && state.values ? state.values : null;
  const values: MemberFormValues = echoed
    ? { name: echoed.name ?? "", organisation: echoed.organisation ?? "", role: echoed.role ?? initial.role, gender: echoed.gender ?? "", wardResident: echoed.wardResident === "on", contact: echoed.contact ?? "" }
    : initial;
  const error = (field: string) => {
    const key = firstError(state, field);
    return key ? tr(key) : undefined;
  };
  const id = (field: string) => `${testId}-${field}`;
  const text = (field: "name" | "organisation" | "contact", label: string, hint?: string) => (
    <Field id={id(field)} label={label} hint={hint} error={error(field)}>
      <input id={id(field)} name={field} defaultValue={values[field]} required={field === "name"} maxLength={COMMITTEE_TEXT_MAX} autoComplete="off" className={inputClass} {...describedBy(id(field), error(field), Boolean(hint))} />
    </Field>
  );
  return (
    <form key={formKey} action={formAction} className="grid gap-3 sm:grid-cols-2" data-testid={testId} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state ? (
        <div className="sm:col-span-2">
          <FormStatus ok={state.ok} message={state.ok ? tr(doneKey) : tr(state.error)} testId={`${testId}-status`} />
        </div>
      ) : null}
      {text("name", tr("committees.member.name"))}
      {text("organisation", tr("committees.member.organisation"))}
      <Field id={id("role")} label={tr("committees.member.role")} error={error("role")}>
        <select id={id("role")} name="role" defaultValue={values.role} className={inputClass} {...describedBy(id("role"), error("role"))}>
          {COMMITTEE_ROLES.map((role) => (
            <option key={role} value={role}>{tr(`committees.role.${role}`)}</option>
          ))}
        </select>
      </Field>
      <Field id={id("gender")} label={tr("committees.member.gender")} error={error("gender")}>
        <select id={id("gender")} name="gender" defaultValue={values.gender} required className={inputClass} {...describedBy(id("gender"), error("gender"))}>
          <option value="" disabled>—</option>
          {GENDERS.map((gender) => (
            <option key={gender} value={gender}>{tr(`events.gender.${gender}`)}</option>
          ))}
        </select>
      </Field>
      <div className="flex items-center sm:col-span-2">
        <label className="inline-flex min-h-11 cursor-pointer items-center gap-2 text-sm" htmlFor={id("wardResident")}>
          <input id={id("wardResident")} type="checkbox" name="wardResident" defaultChecked={values.wardResident} className="h-5 w-5" />
          {tr("committees.member.wardResidentLabel")}
        </label>
      </div>
      <div className="sm:col-span-2">{text("contact", tr("committees.member.contact"), tr("committees.member.contactHint"))}</div>
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel={tr("common.saving")}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
