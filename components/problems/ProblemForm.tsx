"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import { ProblemFields, type ProblemFieldOptions, type ProblemFieldValues } from "./ProblemFields";

type Action = (previous: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>;

const numberOrNull = (value: string | undefined, fallback: number | null) => (value === undefined ? fallback : value === "" || !Number.isFinite(Number(value)) ? null : Number(value));

/** What was typed, from a refused attempt's echo, over the values the form started with. */
function typed(initial: ProblemFieldValues | undefined, echo: Record<string, string> | undefined): ProblemFieldValues | undefined {
  if (!echo) return initial;
  return {
    title: echo.title ?? initial?.title ?? "",
    description: echo.description ?? initial?.description ?? "",
    componentId: numberOrNull(echo.component, initial?.componentId ?? null),
    place: echo.place ?? initial?.place ?? "",
    latitude: numberOrNull(echo.latitude, initial?.latitude ?? null),
    longitude: numberOrNull(echo.longitude, initial?.longitude ?? null),
    severity: echo.severity ?? initial?.severity ?? "medium",
    source: echo.source ?? initial?.source,
    committeeId: numberOrNull(echo.committee, initial?.committeeId ?? null),
    eventId: numberOrNull(echo.event, initial?.eventId ?? null),
  };
}

/**
 * Logging or editing a problem. Every problem of a refused attempt is listed at once and what
 * was typed stays (the action echoes it back).
 */
export function ProblemForm({ action, hidden, initial, options, messages, locale, withSource, submitLabel, testId }: { action: Action; hidden: Record<string, string>; initial?: ProblemFieldValues; options: ProblemFieldOptions; messages: MessageSubset; locale: Locale; withSource: boolean; submitLabel: string; testId: string }) {
  const [state, formAction] = useActionState(action, null);
  const t = subsetTranslator(messages, locale);
  const failed = state && !state.ok ? state : null;
  const problems = failed ? [t(failed.error), ...Object.values(failed.fieldErrors ?? {}).flat().map((key) => t(key))].filter((m, i, all) => all.indexOf(m) === i) : [];
  return (
    <form key={JSON.stringify(state)} action={formAction} className="space-y-4" data-testid={testId}>
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      {failed ? <FormStatus ok={false} testId="form-error" message={problems.join(" ")} /> : null}
      {state?.ok ? <FormStatus ok testId="form-ok" message={t("problems.saved")} /> : null}
      <ProblemFields values={typed(initial, failed?.values)} options={options} t={t} withSource={withSource} />
      <SubmitButton pendingLabel={t("problems.sending")}>{submitLabel}</SubmitButton>
    </form>
  );
}
