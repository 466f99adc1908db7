"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { ActionResult } from "@/lib/action-result";
import type { Choice } from "./EventForm";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const input = "mt-1 min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2";

/** Links a published resource from the library, or a web address with a title. */
export function MaterialForm({ action, resources, messages }: { action: Action; resources: Choice[]; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, formAction] = useActionState(action, null);
  const values = state && !state.ok && state.values ? state.values : {};
  const error = (field: string) => {
    const key = state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
    return key ? tr(key) : undefined;
  };
  return (
    <form key={JSON.stringify(state)} action={formAction} className="grid gap-3 sm:grid-cols-3" noValidate data-testid="material-form">
      {state ? (
        <div className="sm:col-span-3">
          <FormStatus ok={state.ok} message={state.ok ? tr("events.materials.added") : tr(state.error)} />
        </div>
      ) : null}
      {resources.length ? (
        <label className="block text-sm sm:col-span-3" htmlFor="material-resource">
          <span className="font-medium">{tr("events.materials.resource")}</span>
          <select id="material-resource" name="resourceId" defaultValue={values.resourceId ?? ""} className={input} aria-describedby={error("resourceId") ? "material-resourceId-error" : undefined}>
            <option value="">{tr("events.materials.noResource")}</option>
            {resources.map((r) => (
              <option key={r.value} value={r.value}>{r.label}</option>
            ))}
          </select>
          <FieldError id="material-resourceId-error" message={error("resourceId")} />
        </label>
      ) : null}
      <label className="block text-sm sm:col-span-2" htmlFor="material-url">
        <span className="font-medium">{tr("events.materials.url")}</span>
        <input id="material-url" name="url" type="url" maxLength={500} defaultValue={values.url ?? ""} className={input} aria-describedby={error("url") ? "material-url-error" : undefined} />
        <FieldError id="material-url-error" message={error("url")} />
      </label>
      <label className="block text-sm" htmlFor="material-title">
        <span className="font-medium">{tr("events.materials.linkTitle")}</span>
        <input id="material-title" name="title" maxLength={200} defaultValue={values.title ?? ""} className={input} aria-describedby={error("title") ? "material-title-error" : undefined} />
        <FieldError id="material-title-error" message={error("title")} />
      </label>
      <div className="sm:col-span-3">
        <SubmitButton pendingLabel={tr("common.saving")} variant="secondary">{tr("events.materials.add")}</SubmitButton>
      </div>
    </form>
  );
}
