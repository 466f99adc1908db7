"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { ActionResult } from "@/lib/action-result";
import type { Choice } from "./EventForm";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const input = "mt-1 min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2";

/**
 * Registers one participant. Officers get their own city only; the server refuses any other
 * city whatever the form sends.
 */
export function RegistrationForm({ action, cities, genders, roles, messages }: { action: Action; cities: Choice[]; genders: Choice[]; roles: Choice[]; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, formAction] = useActionState(action, null);
  // After a success the form starts empty for the next person; after a refusal it keeps what was typed.
  const values = state && !state.ok && state.values ? state.values : {};
  const error = (field: string) => {
    const key = state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
    return key ? tr(key) : undefined;
  };
  const text = (field: string, label: string, props: { type?: string; maxLength?: number; autoComplete?: string; required?: boolean } = {}) => (
    <label className="block text-sm" htmlFor={`reg-${field}`}>
      <span className="font-medium">{label}</span>
      <input id={`reg-${field}`} name={field} type={props.type ?? "text"} defaultValue={values[field] ?? ""} maxLength={props.maxLength ?? 160} autoComplete={props.autoComplete ?? "off"} required={props.required} aria-invalid={Boolean(error(field))} aria-describedby={error(field) ? `reg-${field}-error` : undefined} className={input} />
      <FieldError id={`reg-${field}-error`} message={error(field)} />
    </label>
  );
  const select = (field: string, label: string, choices: Choice[], fallback?: string) => (
    <label className="block text-sm" htmlFor={`reg-${field}`}>
      <span className="font-medium">{label}</span>
      <select id={`reg-${field}`} name={field} defaultValue={values[field] ?? fallback ?? choices[0]?.value} aria-invalid={Boolean(error(field))} aria-describedby={error(field) ? `reg-${field}-error` : undefined} className={input}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>{c.label}</option>
        ))}
      </select>
      <FieldError id={`reg-${field}-error`} message={error(field)} />
    </label>
  );
  return (
    <form key={JSON.stringify(state)} action={formAction} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="registration-form">
      {state ? (
        <div className="sm:col-span-2">
          <FormStatus ok={state.ok} message={state.ok ? tr("events.register.done") : tr(state.error)} testId="registration-status" />
        </div>
      ) : null}
      {text("name", tr("events.register.name"), { maxLength: 120, required: true })}
      {select("city", tr("events.register.city"), cities)}
      {text("position", tr("events.register.position"), { maxLength: 120 })}
      {text("organisation", tr("events.register.organisation"))}
      {select("participantRole", tr("events.register.role"), roles, "municipal_staff")}
      {select("gender", tr("events.register.gender"), genders)}
      {text("email", tr("events.register.email"), { type: "email", maxLength: 200 })}
      {text("phone", tr("events.register.phone"), { type: "tel", maxLength: 25 })}
      <p className="text-xs text-slate-500 sm:col-span-2">{tr("events.register.privacy")}</p>
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel={tr("common.saving")}>{tr("events.register.submit")}</SubmitButton>
      </div>
    </form>
  );
}
