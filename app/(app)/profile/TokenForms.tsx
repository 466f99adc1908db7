"use client";

import { useActionState, useState } from "react";
import { createTokenAction, revokeTokenAction } from "./actions";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { TOKEN_NAME_MAX } from "@/lib/validation/tokens";

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
    <form action={action} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end" data-testid="create-token-form" noValidate>
      {state ? (
        <div className="sm:col-span-2">
          <FormStatus ok={state.ok} message={state.ok ? tr("tokens.created", { name: state.data.name }) : tr(state.error)} testId="create-token-status" />
        </div>
      ) : null}
      {state?.ok ? <NewToken key={state.data.token} token={state.data.token} messages={messages} /> : null}
      <label className="block text-sm" htmlFor="token-name">
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
      <SubmitButton pendingLabel={tr("common.saving")}>{tr("tokens.create")}</SubmitButton>
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
