"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import { MEETING_PLACE_MAX } from "@/lib/committees";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { MARKDOWN_MAX } from "@/lib/reports/templates";
import { DecisionsField } from "./DecisionsField";
import { describedBy, Field, firstError, type FormAction, inputClass, useResponseKey } from "./form-kit";

export interface MeetingFormValues {
  heldOn: string;
  place: string;
  minutes: string;
  attendees: number[];
  decisions: string[];
}

export interface AttendeeChoice {
  id: number;
  name: string;
  roleLabel: string;
  /** Shown after the name: a member recorded as present who has left since. */
  note?: string;
}

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** What was sent, kept in the browser so a refused form shows it again (a list of decisions cannot be echoed as one field). */
function draftOf(formData: FormData): MeetingFormValues {
  return {
    heldOn: text(formData, "heldOn"),
    place: text(formData, "place"),
    minutes: text(formData, "minutes"),
    attendees: formData.getAll("attendee").map(Number),
    // The same rows the server reads (blank ones dropped), so "decisions.2" names the right row.
    decisions: formData.getAll("decision").filter((v): v is string => typeof v === "string" && v.trim() !== ""),
  };
}

/** Records a meeting (`hidden` names the committee) or corrects one (`hidden` names the meeting). */
export function MeetingForm({ action, hidden, initial, members, maxDate, submitLabel, messages, locale, testId = "meeting-form" }: { action: FormAction; hidden: Record<string, string>; initial: MeetingFormValues; members: AttendeeChoice[]; maxDate: string; submitLabel: string; messages: MessageSubset; locale: Locale; testId?: string }) {
  const tr = subsetTranslator(messages, locale);
  const [draft, setDraft] = useState<MeetingFormValues | null>(null);
  const [state, formAction] = useActionState(action, null);
  const formKey = useResponseKey(state);
  const values = state && !state.ok && draft ? draft : initial;
  const present = new Set(values.attendees);
  const error = (field: string) => {
    const key = firstError(state, field);
    return key ? tr(key) : undefined;
  };
  // An attendee id the server refused ("attendees.3") is reported on the group.
  const attendeesKey = firstError(state, "attendees") ?? (state && !state.ok ? Object.entries(state.fieldErrors ?? {}).find(([field]) => field.startsWith("attendees."))?.[1][0] : undefined);
  const attendeesError = attendeesKey ? tr(attendeesKey) : undefined;
  const id = (field: string) => `${testId}-${field}`;
  return (
    // onSubmit runs before the action: the draft is what this submission sends. The form keeps
    // the server action itself, so it still posts before the page's script has loaded.
    <form key={formKey} action={formAction} onSubmit={(event) => setDraft(draftOf(new FormData(event.currentTarget)))} className="grid gap-4" data-testid={testId} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state ? <FormStatus ok={state.ok} message={state.ok ? tr("committees.meeting.saved") : tr(state.error)} testId={`${testId}-status`} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("heldOn")} label={tr("committees.meeting.heldOn")} error={error("heldOn")}>
          <input id={id("heldOn")} name="heldOn" type="date" required max={maxDate} defaultValue={values.heldOn} className={inputClass} {...describedBy(id("heldOn"), error("heldOn"))} />
        </Field>
        <Field id={id("place")} label={tr("committees.meeting.place")} error={error("place")}>
          <input id={id("place")} name="place" maxLength={MEETING_PLACE_MAX} defaultValue={values.place} className={inputClass} {...describedBy(id("place"), error("place"))} />
        </Field>
      </div>
      <fieldset className="text-sm" aria-describedby={attendeesError ? id("attendees-error") : undefined} data-testid="meeting-attendees">
        <legend className="font-medium">{tr("committees.meeting.attendees")}</legend>
        {members.length === 0 ? (
          <p className="mt-1 text-slate-600">{tr("committees.meeting.noCurrentMembers")}</p>
        ) : (
          <ul className="mt-1 grid gap-x-4 sm:grid-cols-2">
            {members.map((member) => (
              <li key={member.id}>
                <label className="inline-flex min-h-11 cursor-pointer items-center gap-2">
                  <input type="checkbox" name="attendee" value={member.id} defaultChecked={present.has(member.id)} className="h-5 w-5" />
                  <span>
                    {member.name} <span className="text-slate-500">· {member.roleLabel}</span>
                    {member.note ? <span className="text-slate-500"> {member.note}</span> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {attendeesError ? <p id={id("attendees-error")} className="mt-1 text-sm text-red-700">{attendeesError}</p> : null}
      </fieldset>
      <Field id={id("minutes")} label={tr("committees.meeting.minutes")} hint={tr("committees.meeting.minutesHint")} error={error("minutes")}>
        <textarea id={id("minutes")} name="minutes" rows={10} maxLength={MARKDOWN_MAX} defaultValue={values.minutes} className={`${inputClass} font-mono`} {...describedBy(id("minutes"), error("minutes"), true)} />
      </Field>
      <DecisionsField
        initial={values.decisions}
        labels={{
          legend: tr("committees.meeting.decisions"),
          hint: tr("committees.meeting.decisionsHint"),
          decision: (number) => tr("committees.meeting.decisionN", { number }),
          add: tr("committees.meeting.addDecision"),
          remove: (number) => tr("committees.meeting.removeDecision", { number }),
        }}
        errorOf={(index) => {
          const key = firstError(state, `decisions.${index}`);
          return key ? tr(key) : undefined;
        }}
      />
      {error("decisions") ? <p className="text-sm text-red-700">{error("decisions")}</p> : null}
      <div>
        <SubmitButton pendingLabel={tr("common.saving")}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
