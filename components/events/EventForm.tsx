"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { EventFormState } from "@/lib/validation/event-form";

export interface EventFormValues {
  title: string;
  type: string;
  description: string;
  hostCity: string;
  pairMentee: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  registrationDeadline: string;
  venue: string;
  onlineUrl: string;
  capacity: string;
  /** Comma-separated component codes and trainer ids. */
  components: string;
  trainers: string;
}

export interface Choice {
  value: string;
  label: string;
}

export interface EventFormOptions {
  types: Choice[];
  cities: Choice[];
  pairs: Choice[];
  components: Choice[];
  trainers: Choice[];
  timeZones: Choice[];
}

type Action = (previous: EventFormState, formData: FormData) => Promise<EventFormState>;

const input = "mt-1 min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2";

/** Schedules or edits an event. Times are entered in the venue's time zone. */
export function EventForm({ action, initial, options, messages, submitLabel }: { action: Action; initial: EventFormValues; options: EventFormOptions; messages: MessageSubset; submitLabel: string }) {
  const tr = subsetTranslator(messages);
  const [state, formAction] = useActionState(action, null);
  const values: EventFormValues = state && !state.ok && state.values ? { ...initial, ...state.values } : initial;
  const chosen = (field: "components" | "trainers") => new Set(values[field].split(",").filter(Boolean));
  const error = (field: string) => {
    const key = state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
    return key ? tr(key) : undefined;
  };
  const described = (field: string, hint?: boolean) => [error(field) ? `event-${field}-error` : "", hint ? `event-${field}-hint` : ""].filter(Boolean).join(" ") || undefined;
  const text = (field: keyof EventFormValues, label: string, props: { type?: string; maxLength?: number; min?: number; hint?: string; required?: boolean } = {}) => (
    <label className="block text-sm" htmlFor={`event-${field}`}>
      <span className="font-medium">{label}</span>
      <input
        id={`event-${field}`}
        name={field}
        defaultValue={values[field]}
        type={props.type ?? "text"}
        maxLength={props.maxLength}
        min={props.min}
        required={props.required}
        aria-invalid={Boolean(error(field))}
        aria-describedby={described(field, Boolean(props.hint))}
        className={input}
      />
      {props.hint ? <span id={`event-${field}-hint`} className="mt-1 block text-xs text-slate-500">{props.hint}</span> : null}
      <FieldError id={`event-${field}-error`} message={error(field)} />
    </label>
  );
  const select = (field: keyof EventFormValues, label: string, choices: Choice[]) => (
    <label className="block text-sm" htmlFor={`event-${field}`}>
      <span className="font-medium">{label}</span>
      <select id={`event-${field}`} name={field} defaultValue={values[field]} aria-invalid={Boolean(error(field))} aria-describedby={described(field)} className={input}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>{c.label}</option>
        ))}
      </select>
      <FieldError id={`event-${field}-error`} message={error(field)} />
    </label>
  );
  const checkboxes = (field: "components" | "trainers", label: string, choices: Choice[]) => {
    const selected = chosen(field);
    return (
      <fieldset className="text-sm sm:col-span-2" aria-describedby={described(field)} data-testid={`event-${field}`}>
        <legend className="font-medium">{label}</legend>
        <div className="mt-1 grid gap-x-3 sm:grid-cols-2">
          {choices.map((c) => (
            <label key={c.value} className="flex min-h-10 items-start gap-3 py-2">
              <input type="checkbox" name={field} value={c.value} defaultChecked={selected.has(c.value)} className="mt-0.5 size-5 shrink-0" />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
        <FieldError id={`event-${field}-error`} message={error(field)} />
      </fieldset>
    );
  };

  return (
    <form key={JSON.stringify(state)} action={formAction} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="event-form">
      {state && !state.ok ? (
        <div className="sm:col-span-2">
          <FormStatus ok={false} message={tr(state.error)} testId="event-form-status" />
        </div>
      ) : null}
      {state && !state.ok && state.overlaps?.length ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 sm:col-span-2" data-testid="overlap-warning">
          <p className="font-medium">{tr("events.overlap.intro")}</p>
          <ul className="mt-1 list-disc pl-5">
            {state.overlaps.map((o) => (
              <li key={`${o.eventId}-${o.trainerName}`}>
                <a href={`/events/${o.eventId}`} className="underline" target="_blank" rel="noreferrer">{o.title}</a> — {o.trainerName}, {o.when}
              </li>
            ))}
          </ul>
          <label className="mt-2 flex min-h-10 items-start gap-3 py-2">
            <input type="checkbox" name="confirmOverlap" value="on" className="mt-0.5 size-5 shrink-0" data-testid="confirm-overlap" />
            <span>{tr("events.overlap.confirm")}</span>
          </label>
        </div>
      ) : null}
      <div className="sm:col-span-2">{text("title", tr("events.form.title"), { maxLength: 200, required: true })}</div>
      {select("type", tr("events.form.type"), options.types)}
      {select("hostCity", tr("events.form.hostCity"), options.cities)}
      {select("pairMentee", tr("events.form.pair"), [{ value: "", label: tr("events.form.noPair") }, ...options.pairs])}
      {select("timeZone", tr("events.form.timeZone"), options.timeZones)}
      {text("startsAt", tr("events.form.startsAt"), { type: "datetime-local", hint: tr("events.form.timeHint"), required: true })}
      {text("endsAt", tr("events.form.endsAt"), { type: "datetime-local", required: true })}
      {text("registrationDeadline", tr("events.form.deadline"), { type: "datetime-local", hint: tr("events.form.deadlineHint") })}
      {text("capacity", tr("events.form.capacity"), { type: "number", min: 1, required: true })}
      {text("venue", tr("events.form.venue"), { maxLength: 300, hint: tr("events.form.venueHint") })}
      {text("onlineUrl", tr("events.form.onlineUrl"), { type: "url", maxLength: 500 })}
      <label className="block text-sm sm:col-span-2" htmlFor="event-description">
        <span className="font-medium">{tr("events.form.description")}</span>
        <textarea id="event-description" name="description" defaultValue={values.description} maxLength={5000} rows={4} aria-invalid={Boolean(error("description"))} aria-describedby={described("description")} className={input} />
        <FieldError id="event-description-error" message={error("description")} />
      </label>
      {checkboxes("components", tr("events.form.components"), options.components)}
      {checkboxes("trainers", tr("events.form.trainers"), options.trainers)}
      <div className="flex items-end sm:col-span-2">
        <SubmitButton pendingLabel={tr("common.saving")}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
