"use client";

import { useActionState, useState } from "react";
import { changeRoleAction, createUserAction, setDisabledAction, unlockUserAction } from "./actions";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { ActionResult } from "@/lib/action-result";
import { CITY_ROLES, type Role } from "@/lib/domain";

export interface CityOption {
  id: number;
  name: string;
}

const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";

function firstFieldError(state: ActionResult<unknown> | null, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field]?.[0] : undefined;
}

function echoed(state: ActionResult<unknown> | null, field: string): string | undefined {
  return state && !state.ok ? state.values?.[field] : undefined;
}

/**
 * Role and city pickers. Uncontrolled, so React's reset after an action lands on the values the
 * server echoed back; callers key this on the result so the local role state resets with them.
 */
function RoleAndCityFields({ roles, cities, messages, initialRole, initialCityId, idPrefix, state }: { roles: readonly Role[]; cities: CityOption[]; messages: MessageSubset; initialRole: Role; initialCityId: string; idPrefix: string; state: ActionResult<unknown> | null }) {
  const tr = subsetTranslator(messages);
  const [role, setRole] = useState<Role>(initialRole);
  const cityError = firstFieldError(state, "cityId");
  return (
    <>
      <label className="block text-sm" htmlFor={`${idPrefix}-role`}>
        <span className="font-medium">{tr("users.role")}</span>
        <select id={`${idPrefix}-role`} name="role" defaultValue={initialRole} onChange={(e) => setRole(e.target.value as Role)} className={input}>
          {roles.map((r) => (
            <option key={r} value={r}>{tr(`roles.${r}`)}</option>
          ))}
        </select>
      </label>
      <label className="block text-sm" htmlFor={`${idPrefix}-city`}>
        <span className="font-medium">{tr("users.city")}</span>
        <select id={`${idPrefix}-city`} name="cityId" defaultValue={initialCityId} disabled={!CITY_ROLES.includes(role)} aria-invalid={Boolean(cityError)} aria-describedby={cityError ? `${idPrefix}-city-error` : undefined} className={input}>
          <option value="">{CITY_ROLES.includes(role) ? tr("users.chooseCity") : tr("users.noCity")}</option>
          {cities.map((city) => (
            <option key={city.id} value={city.id}>{city.name}</option>
          ))}
        </select>
        <FieldError id={`${idPrefix}-city-error`} message={cityError ? tr(cityError) : undefined} />
      </label>
    </>
  );
}

function echoedRole(state: ActionResult<unknown> | null, roles: readonly Role[]): Role | undefined {
  const value = echoed(state, "role");
  return roles.find((role) => role === value);
}

/** Changes whenever the server answers, so keyed fields start again from what it echoed. */
function resultKey(state: ActionResult<unknown> | null): string {
  if (!state) return "initial";
  return state.ok ? `ok-${JSON.stringify(state.data)}` : `error-${JSON.stringify(state.values ?? {})}-${state.error}`;
}

export function CreateUserForm({ roles, cities, messages }: { roles: readonly Role[]; cities: CityOption[]; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, action] = useActionState(createUserAction, null);
  const field = (name: string) => {
    const error = firstFieldError(state, name);
    return { error: error ? tr(error) : undefined, props: { "aria-invalid": Boolean(error), "aria-describedby": error ? `new-${name}-error` : undefined } };
  };
  const email = field("email");
  const name = field("name");
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" data-testid="create-user-form" noValidate>
      {state ? (
        <div className="sm:col-span-2">
          <FormStatus ok={state.ok} message={state.ok ? tr("users.created", { email: state.data.email }) : tr(state.error)} testId="create-user-status" />
        </div>
      ) : null}
      <label className="block text-sm" htmlFor="new-email">
        <span className="font-medium">{tr("users.email")}</span>
        <input id="new-email" name="email" type="email" defaultValue={echoed(state, "email")} required maxLength={254} className={input} {...email.props} />
        <FieldError id="new-email-error" message={email.error} />
      </label>
      <label className="block text-sm" htmlFor="new-name">
        <span className="font-medium">{tr("users.name")}</span>
        <input id="new-name" name="name" defaultValue={echoed(state, "name")} required maxLength={120} className={input} {...name.props} />
        <FieldError id="new-name-error" message={name.error} />
      </label>
      <RoleAndCityFields
        key={resultKey(state)}
        roles={roles}
        cities={cities}
        messages={messages}
        initialRole={echoedRole(state, roles) ?? "partner"}
        initialCityId={echoed(state, "cityId") ?? ""}
        idPrefix="new"
        state={state}
      />
      <label className="block text-sm" htmlFor="new-locale">
        <span className="font-medium">{tr("users.language")}</span>
        <select id="new-locale" name="locale" defaultValue={echoed(state, "locale") ?? "en"} className={input}>
          <option value="en">English</option>
          <option value="bn">বাংলা</option>
          <option value="ne">नेपाली</option>
        </select>
      </label>
      <p className="text-sm text-slate-600 sm:col-span-2" data-testid="invite-note">{tr("users.inviteNote")}</p>
      <div className="flex items-end">
        <SubmitButton pendingLabel={tr("common.saving")}>{tr("users.create")}</SubmitButton>
      </div>
    </form>
  );
}

export function ChangeRoleForm({ userId, role, cityId, roles, cities, messages }: { userId: number; role: Role; cityId: number | null; roles: readonly Role[]; cities: CityOption[]; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, action] = useActionState(changeRoleAction, null);
  return (
    <form action={action} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end" data-testid={`role-form-${userId}`}>
      <input type="hidden" name="userId" value={userId} />
      <RoleAndCityFields
        key={`${role}-${cityId}-${resultKey(state)}`}
        roles={roles}
        cities={cities}
        messages={messages}
        initialRole={echoedRole(state, roles) ?? role}
        initialCityId={echoed(state, "cityId") ?? (cityId === null ? "" : String(cityId))}
        idPrefix={`user-${userId}`}
        state={state}
      />
      <SubmitButton variant="secondary" pendingLabel={tr("common.saving")}>{tr("users.saveRole")}</SubmitButton>
      {state ? (
        <div className="sm:col-span-3">
          <FormStatus ok={state.ok} message={state.ok ? tr("users.roleSaved") : tr(state.error)} />
        </div>
      ) : null}
    </form>
  );
}

export function DisableUserForm({ userId, disabled, name, messages }: { userId: number; disabled: boolean; name: string; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, action] = useActionState(setDisabledAction, null);
  return (
    <form action={action} data-testid={`disable-form-${userId}`}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <SubmitButton
        variant={disabled ? "secondary" : "danger"}
        pendingLabel={tr("common.saving")}
        confirmMessage={disabled ? undefined : tr("users.confirmDisable", { name })}
      >
        {disabled ? tr("users.enable") : tr("users.disable")}
      </SubmitButton>
      {state && !state.ok ? <FormStatus ok={false} message={tr(state.error)} /> : null}
    </form>
  );
}

/** Lifts a sign-in lock; shown only while one holds. */
export function UnlockUserForm({ userId, messages }: { userId: number; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, action] = useActionState(unlockUserAction, null);
  return (
    <form action={action} data-testid={`unlock-form-${userId}`}>
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton variant="secondary" pendingLabel={tr("common.saving")}>
        {tr("admin.users.unlock")}
      </SubmitButton>
      {state ? <FormStatus ok={state.ok} message={state.ok ? tr("admin.users.unlocked") : tr(state.error)} /> : null}
    </form>
  );
}
