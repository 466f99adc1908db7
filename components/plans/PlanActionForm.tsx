"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";
import { ACTION_OWNER_KINDS, ACTION_STATUSES } from "@/lib/domain";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import { ACTION_TITLE_MAX, PLAN_REASON_MAX } from "@/lib/validation/plans";

type Action = (previous: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>;

export interface PlanActionFormValues {
  goal: string;
  title: string;
  ownerKind: string;
  ownerCommittee: string;
  ownerUser: string;
  ownerOrganisation: string;
  startsOn: string;
  dueOn: string;
  status: string;
  statusReason: string;
  progress: string;
  budgetPlanned: string;
  budgetSpent: string;
  problems: string[];
  event: string;
}

export interface PlanActionFormOptions {
  goals: { id: number; label: string }[];
  committees: { id: number; name: string }[];
  users: { id: number; name: string }[];
  problems: { id: number; title: string }[];
  /** The city's events (its scenario workshops first) an action can come out of. */
  events: { id: number; label: string }[];
}

const field = "mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm";
const label = "block text-sm font-medium";

/**
 * Adding or changing an action of a plan. Every problem of a refused attempt shows at once and
 * what was typed stays; an active plan asks why it changes (kept in its history).
 */
export function PlanActionForm({ action, hidden, initial, options, messages, locale, needsReason, currency, submitLabel, testId }: { action: Action; hidden: Record<string, string>; initial: PlanActionFormValues; options: PlanActionFormOptions; messages: MessageSubset; locale: Locale; needsReason: boolean; currency: string; submitLabel: string; testId: string }) {
  const [state, formAction] = useActionState(action, null);
  const t = subsetTranslator(messages, locale);
  const failed = state && !state.ok ? state : null;
  const echo = failed?.values;
  const value = (name: keyof Omit<PlanActionFormValues, "problems">) => echo?.[name] ?? initial[name];
  const [ownerKind, setOwnerKind] = useState(value("ownerKind"));
  const [status, setStatus] = useState(value("status"));
  const problems = failed ? [t(failed.error), ...Object.values(failed.fieldErrors ?? {}).flat().map((key) => t(key))].filter((m, i, all) => all.indexOf(m) === i) : [];
  return (
    <form key={JSON.stringify(state)} action={formAction} className="grid gap-3 sm:grid-cols-2" data-testid={testId}>
      {Object.entries(hidden).map(([name, v]) => <input key={name} type="hidden" name={name} value={v} />)}
      {failed ? <div className="sm:col-span-2"><FormStatus ok={false} testId="form-error" message={problems.join(" ")} /></div> : null}
      <label className={`${label} sm:col-span-2`}>
        {t("plans.action.title")}
        <input name="title" required minLength={3} maxLength={ACTION_TITLE_MAX} defaultValue={value("title")} className={field} />
      </label>
      <label className={label}>
        {t("plans.action.goal")}
        <select name="goal" defaultValue={value("goal")} className={field}>
          {options.goals.map((g) => <option key={g.id} value={g.id}>{g.label}</option>)}
        </select>
      </label>
      <label className={label}>
        {t("plans.action.ownerKind")}
        <select name="ownerKind" value={ownerKind} onChange={(e) => setOwnerKind(e.target.value)} className={field}>
          {ACTION_OWNER_KINDS.map((k) => <option key={k} value={k}>{t(`plans.owner.${k}`)}</option>)}
        </select>
      </label>
      {ownerKind === "committee" && (
        <label className={label}>
          {t("plans.owner.committee")}
          <select name="ownerCommittee" defaultValue={value("ownerCommittee")} className={field}>
            <option value="">{t("plans.choose")}</option>
            {options.committees.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
      )}
      {ownerKind === "user" && (
        <label className={label}>
          {t("plans.owner.user")}
          <select name="ownerUser" defaultValue={value("ownerUser")} className={field}>
            <option value="">{t("plans.choose")}</option>
            {options.users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
      )}
      {ownerKind === "organisation" && (
        <label className={label}>
          {t("plans.owner.organisation")}
          <input name="ownerOrganisation" maxLength={160} defaultValue={value("ownerOrganisation")} className={field} />
        </label>
      )}
      <label className={label}>
        {t("plans.action.startsOn")}
        <input name="startsOn" type="date" required defaultValue={value("startsOn")} className={field} />
      </label>
      <label className={label}>
        {t("plans.action.dueOn")}
        <input name="dueOn" type="date" required defaultValue={value("dueOn")} className={field} />
      </label>
      <label className={label}>
        {t("plans.action.status")}
        <select name="status" value={status} onChange={(e) => setStatus(e.target.value)} className={field}>
          {ACTION_STATUSES.map((s) => <option key={s} value={s}>{t(`plans.actionStatus.${s}`)}</option>)}
        </select>
      </label>
      <label className={label}>
        {t("plans.action.progress")}
        <input name="progress" type="number" min={0} max={100} step={1} inputMode="numeric" defaultValue={value("progress")} className={field} />
      </label>
      {(status === "blocked" || status === "dropped") && (
        <label className={`${label} sm:col-span-2`}>
          {t("plans.action.statusReason")}
          <input name="statusReason" required maxLength={PLAN_REASON_MAX} defaultValue={value("statusReason")} className={field} />
        </label>
      )}
      <label className={label}>
        {t("plans.action.budgetPlanned", { currency })}
        <input name="budgetPlanned" type="number" min={0} step="any" inputMode="decimal" defaultValue={value("budgetPlanned")} className={field} />
      </label>
      <label className={label}>
        {t("plans.action.budgetSpent", { currency })}
        <input name="budgetSpent" type="number" min={0} step="any" inputMode="decimal" defaultValue={value("budgetSpent")} className={field} />
      </label>
      {options.events.length > 0 && (
        <label className={`${label} sm:col-span-2`}>
          {t("plans.action.event")}
          <select name="event" defaultValue={echo?.event ?? initial.event} className={field}>
            <option value="">{t("plans.choose")}</option>
            {options.events.map((e) => <option key={e.id} value={e.id}>{e.label}</option>)}
          </select>
        </label>
      )}
      {options.problems.length > 0 && (
        <fieldset className="text-sm sm:col-span-2">
          <legend className="font-medium">{t("plans.action.problems")}</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {options.problems.map((p) => (
              <label key={p.id} className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="problems" value={p.id} defaultChecked={initial.problems.includes(String(p.id))} className="h-5 w-5" />
                <span>{p.title}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {needsReason && (
        <label className={`${label} sm:col-span-2`}>
          {t("plans.changeReason")}
          <input name="reason" required maxLength={PLAN_REASON_MAX} defaultValue={echo?.reason ?? ""} className={field} data-testid="change-reason" />
        </label>
      )}
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel={t("plans.sending")}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
