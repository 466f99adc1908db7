"use client";

import { useActionState, useState } from "react";
import { createTokenAction, revokeTokenAction, signOutEverywhereAction } from "./actions";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { DEFAULT_TOKEN_EXPIRY, TOKEN_EXPIRY_CHOICES, TOKEN_NAME_MAX } from "@/lib/validation/tokens";
import { TOKEN_SCOPES } from "@/lib/domain";

const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";

/** Shows the new token once, with a copy button; the page never sees it again after a reload. */
function NewToken({ token, messages }: { token: string; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md border border-brand-600 bg-brand-50 p-3 sm:col-span-2" data-testid="new-token-box">
      <label className="block text-sm" htmlFor="new-token">
        <span className="font-medium">{tr("tokens.newToken")}</span>
        <input id="new-token" data-testid="new-token" readOnly value={token} onFocus={(event) => event.currentTarget.select()} className={`${input} bg-white font-mono text-xs`} aria-describedby="new-token-hint" />
      </label>
      <p id="new-token-hint" className="mt-1 text-sm text-slate-700">{tr("tokens.copyHint")}</p>
      <button
        type="button"
        className="mt-2 inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
        onClick={() => {
          // Clipboard access needs a secure context; the field stays selectable when it fails.
          navigator.clipboard?.writeText(token).then(() => setCopied(true), () => setCopied(false));
        }}
      >
        {copied ? tr("tokens.copied") : tr("tokens.copy")}
      </button>
    </div>
  );
}

export function CreateTokenForm({ messages }: { messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, action] = useActionState(createTokenAction, null);
  const nameError = state && !state.ok ? state.fieldErrors?.name?.[0] : undefined;
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2 sm:items-end" data-testid="create-token-form" noValidate>
      {state ? (
        <div className="sm:col-span-2">
          <FormStatus ok={state.ok} message={state.ok ? tr("tokens.created", { name: state.data.name }) : tr(state.error)} testId="create-token-status" />
        </div>
      ) : null}
      {state?.ok ? <NewToken key={state.data.token} token={state.data.token} messages={messages} /> : null}
      <label className="block text-sm sm:col-span-2" htmlFor="token-name">
        <span className="font-medium">{tr("tokens.name")}</span>
        <input
          id="token-name"
          name="name"
          // After an error the form shows what was typed; after a success it starts empty.
          key={state && !state.ok ? `error-${state.values?.name ?? ""}` : "fresh"}
          defaultValue={state && !state.ok ? state.values?.name : undefined}
          required
          maxLength={TOKEN_NAME_MAX}
          className={input}
          aria-invalid={Boolean(nameError)}
          aria-describedby={nameError ? "token-name-error" : "token-name-hint"}
        />
        <span id="token-name-hint" className="mt-1 block text-xs text-slate-600">{tr("tokens.nameHint")}</span>
        <FieldError id="token-name-error" message={nameError ? tr(nameError) : undefined} />
      </label>
      <div className="grid gap-3 sm:col-span-2 sm:grid-cols-2">
        <label className="block text-sm" htmlFor="token-scope">
          <span className="font-medium">{tr("tokens.scope")}</span>
          <select id="token-scope" name="scope" key={`scope-${state && !state.ok ? (state.values?.scope ?? "") : "fresh"}`} defaultValue={(state && !state.ok ? state.values?.scope : undefined) ?? "read"} className={input}>
            {TOKEN_SCOPES.map((scope) => (
              <option key={scope} value={scope}>{tr(scope === "read" ? "tokens.scopeRead" : "tokens.scopeWrite")}</option>
            ))}
          </select>
        </label>
        <label className="block text-sm" htmlFor="token-expiry">
          <span className="font-medium">{tr("tokens.expiry")}</span>
          <select id="token-expiry" name="expiresIn" key={`expiry-${state && !state.ok ? (state.values?.expiresIn ?? "") : "fresh"}`} defaultValue={(state && !state.ok ? state.values?.expiresIn : undefined) ?? DEFAULT_TOKEN_EXPIRY} className={input}>
            {TOKEN_EXPIRY_CHOICES.map((choice) => (
              <option key={choice} value={choice}>{tr(`tokens.expiry${choice === "never" ? "Never" : choice}`)}</option>
            ))}
          </select>
        </label>
      </div>
      <div>
        <SubmitButton pendingLabel={tr("common.saving")}>{tr("tokens.create")}</SubmitButton>
      </div>
    </form>
  );
}

export function RevokeTokenForm({ tokenId, name, messages }: { tokenId: number; name: string; messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, action] = useActionState(revokeTokenAction, null);
  return (
    <form action={action} data-testid={`revoke-token-${tokenId}`}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" pendingLabel={tr("common.saving")} confirmMessage={tr("tokens.confirmRevoke", { name })}>
        {tr("tokens.revoke")}
      </SubmitButton>
      {state && !state.ok ? <FormStatus ok={false} message={tr(state.error)} /> : null}
    </form>
  );
}

/** Ends every session of this user, this browser's included; asks first. */
export function SignOutEverywhereForm({ messages }: { messages: MessageSubset }) {
  const tr = subsetTranslator(messages);
  const [state, action] = useActionState(signOutEverywhereAction, null);
  return (
    <form action={action} data-testid="sign-out-everywhere-form">
      <SubmitButton variant="danger" pendingLabel={tr("common.saving")} confirmMessage={tr("profile.confirmSignOutEverywhere")}>
        {tr("profile.signOutEverywhere")}
      </SubmitButton>
      {state && !state.ok ? <FormStatus ok={false} message={tr(state.error)} /> : null}
    </form>
  );
}
