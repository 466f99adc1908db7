"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { ActionResult } from "@/lib/action-result";

export interface CityFormValues {
  slug: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  country: string;
  region: string;
  kind: string;
  population: string;
  latitude: string;
  longitude: string;
  programmeRole: string;
  mentorSlug: string;
  joinedOn: string;
}

type Action = (previous: ActionResult<{ slug: string }> | null, formData: FormData) => Promise<ActionResult<{ slug: string }>>;

const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";

/** City profile form. `adminFields` adds identity, programme role and mentor (administrators only). */
export function CityForm({ action, initial, adminFields, options, messages }: { action: Action; initial: CityFormValues; adminFields: boolean; options: { kinds: { value: string; label: string }[]; mentors: { value: string; label: string }[]; roles: { value: string; label: string }[]; countries: { value: string; label: string }[] }; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, formAction] = useActionState(action, null);
  const values = state && !state.ok && state.values ? { ...initial, ...state.values } : initial;
  const error = (field: string) => {
    const key = state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
    return key ? tr(key) : undefined;
  };
  const text = (field: keyof CityFormValues, label: string, props: { type?: string; step?: string; maxLength?: number; lang?: string } = {}) => (
    <label className="block text-sm" htmlFor={`city-${field}`}>
      <span className="font-medium">{label}</span>
      <input id={`city-${field}`} name={field} defaultValue={values[field]} type={props.type ?? "text"} step={props.step} maxLength={props.maxLength ?? 120} lang={props.lang} aria-invalid={Boolean(error(field))} aria-describedby={error(field) ? `city-${field}-error` : undefined} className={input} />
      <FieldError id={`city-${field}-error`} message={error(field)} />
    </label>
  );
  const select = (field: keyof CityFormValues, label: string, choices: { value: string; label: string }[]) => (
    <label className="block text-sm" htmlFor={`city-${field}`}>
      <span className="font-medium">{label}</span>
      <select id={`city-${field}`} name={field} defaultValue={values[field]} aria-invalid={Boolean(error(field))} aria-describedby={error(field) ? `city-${field}-error` : undefined} className={input}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>{choice.label}</option>
        ))}
      </select>
      <FieldError id={`city-${field}-error`} message={error(field)} />
    </label>
  );
  return (
    // Keyed on the result so fields start again from what the server echoed back.
    <form key={JSON.stringify(state)} action={formAction} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="city-form">
      {state && !state.ok ? (
        <div className="sm:col-span-2">
          <FormStatus ok={false} message={tr(state.error)} testId="city-form-status" />
        </div>
      ) : null}
      {adminFields ? text("slug", tr("cityForm.slug"), { maxLength: 49 }) : null}
      {text("nameEn", tr("cityForm.nameEn"), { lang: "en" })}
      {text("nameBn", tr("cityForm.nameBn"), { lang: "bn" })}
      {text("nameNe", tr("cityForm.nameNe"), { lang: "ne" })}
      {adminFields ? select("country", tr("cities.country"), options.countries) : null}
      {text("region", tr("cityForm.region"))}
      {adminFields ? select("kind", tr("cities.kind"), options.kinds) : null}
      {text("population", tr("cities.population"), { type: "number", step: "1" })}
      {text("latitude", tr("cityForm.latitude"), { type: "number", step: "any" })}
      {text("longitude", tr("cityForm.longitude"), { type: "number", step: "any" })}
      {adminFields ? select("programmeRole", tr("cities.role"), options.roles) : null}
      {adminFields ? select("mentorSlug", tr("cities.mentor"), [{ value: "", label: tr("cityForm.noMentor") }, ...options.mentors]) : null}
      {adminFields ? text("joinedOn", tr("cities.joined"), { type: "date" }) : null}
      <div className="flex items-end sm:col-span-2">
        <SubmitButton pendingLabel={tr("common.saving")}>{tr("cityForm.save")}</SubmitButton>
      </div>
    </form>
  );
}
