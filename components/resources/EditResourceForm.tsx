"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import type { ActionResult } from "@/lib/action-result";
import { ResourceFields, type ResourceFormOptions, type ResourceFormValues } from "./ResourceFields";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** The metadata form of an existing resource (a server action: no file travels here). */
export function EditResourceForm({ action, initial, externalUrl, options, messages, locale }: { action: Action; initial: ResourceFormValues; externalUrl: string | null; options: ResourceFormOptions; messages: MessageSubset; locale: Locale }) {
  const tr = subsetTranslator(messages, locale);
  const [state, formAction] = useActionState(action, null);
  const echoed = state && !state.ok && state.values ? state.values : null;
  const values: ResourceFormValues = echoed
    ? { ...initial, ...echoed, components: echoed.components ? echoed.components.split(",").filter(Boolean) : [], lenses: echoed.lenses ? echoed.lenses.split(",").filter(Boolean) : [] }
    : initial;
  const error = (field: string) => {
    const key = state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
    return key ? tr(key) : undefined;
  };
  return (
    <form key={JSON.stringify(state)} action={formAction} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="resource-edit-form">
      {state ? (
        <div className="sm:col-span-2">
          <FormStatus ok={state.ok} message={state.ok ? tr("resources.form.saved") : tr(state.error)} testId="resource-edit-status" />
        </div>
      ) : null}
      <ResourceFields values={values} options={options} error={error} tr={tr} />
      {externalUrl !== null ? (
        <label className="block text-sm sm:col-span-2" htmlFor="resource-url">
          <span className="font-medium">{tr("resources.form.externalUrl")}</span>
          <input id="resource-url" name="externalUrl" type="url" maxLength={1000} defaultValue={echoed?.externalUrl ?? externalUrl} aria-invalid={Boolean(error("externalUrl"))} aria-describedby={error("externalUrl") ? "resource-url-error" : undefined} className="mt-1 min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2" />
          <FieldError id="resource-url-error" message={error("externalUrl")} />
        </label>
      ) : null}
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel={tr("common.saving")}>{tr("resources.form.save")}</SubmitButton>
      </div>
    </form>
  );
}
