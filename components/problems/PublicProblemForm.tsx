"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import { PROBLEM_PLACE_MAX, PROBLEM_TITLE_MAX, REPORTER_NAME_MAX } from "@/lib/validation/problems";

type Action = (previous: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>;

const field = "mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm";

/**
 * A resident tells the city of a problem, without an account: what and where, and optionally who
 * (only the city's own staff see that). `website` is a honeypot, hidden from people and screen
 * readers. After sending, the form says the city will look at it; nothing shows publicly until then.
 */
export function PublicProblemForm({ action, city, messages, locale }: { action: Action; city: string; messages: MessageSubset; locale: Locale }) {
  const [state, formAction] = useActionState(action, null);
  const t = subsetTranslator(messages, locale);
  const failed = state && !state.ok ? state : null;
  const typed = (name: string) => failed?.values?.[name] ?? "";
  const problems = failed ? [t(failed.error), ...Object.values(failed.fieldErrors ?? {}).flat().map((key) => t(key))].filter((m, i, all) => all.indexOf(m) === i) : [];
  if (state?.ok) return <FormStatus ok testId="public-problem-sent" message={t("problems.public.sent")} />;
  return (
    <form key={JSON.stringify(state)} action={formAction} className="grid gap-3 sm:grid-cols-2" data-testid="public-problem-form">
      <input type="hidden" name="city" value={city} />
      {failed ? <div className="sm:col-span-2"><FormStatus ok={false} testId="form-error" message={problems.join(" ")} /></div> : null}
      <label className="block text-sm font-medium sm:col-span-2">
        {t("problems.public.what")}
        <input name="title" required minLength={3} maxLength={PROBLEM_TITLE_MAX} defaultValue={typed("title")} className={field} />
      </label>
      <label className="block text-sm font-medium sm:col-span-2">
        {t("problems.public.details")}
        <textarea name="description" rows={3} maxLength={2000} defaultValue={typed("description")} className={`${field} py-2`} />
      </label>
      <label className="block text-sm font-medium sm:col-span-2">
        {t("problems.public.where")}
        <input name="place" required minLength={2} maxLength={PROBLEM_PLACE_MAX} defaultValue={typed("place")} className={field} />
      </label>
      <label className="block text-sm font-medium">
        {t("problems.public.name")}
        <input name="name" maxLength={REPORTER_NAME_MAX} autoComplete="name" defaultValue={typed("name")} className={field} />
      </label>
      <label className="block text-sm font-medium">
        {t("problems.public.phone")}
        <input name="phone" type="tel" maxLength={30} autoComplete="tel" inputMode="tel" defaultValue={typed("phone")} className={field} />
      </label>
      <div hidden aria-hidden="true">
        <label>
          {t("problems.public.honeypot")}
          <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>
      <p className="text-xs text-slate-600 sm:col-span-2">{t("problems.public.privacy")}</p>
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel={t("problems.sending")}>{t("problems.public.send")}</SubmitButton>
      </div>
    </form>
  );
}
