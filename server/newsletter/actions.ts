"use server";

import "server-only";

import { redirect } from "next/navigation";
import { publicAction } from "@/server/action";
import { readChoiceForm, subscribeSchema } from "@/lib/validation/newsletter";
import { subscribe } from "./subscribe";

/** How /newsletter?result= names each answer (the page states it plainly). */
const RESULT_BY_ERROR: Record<string, string> = {
  "newsletter.result.throttled": "throttled",
  "newsletter.result.limit": "limit",
  "newsletter.result.badAddress": "badAddress",
  "mail.badAddress": "badAddress",
  "mail.headerInjection": "badAddress",
};

const run = publicAction({
  schema: subscribeSchema,
  read: readChoiceForm,
  run: ({ db, input, ip }) => subscribe(db, { ...input, ip }),
  redirectTo: (outcome) => `/newsletter?result=${outcome}`,
});

/**
 * The subscribe form's action: a plain form post (it works without JavaScript), answered with a
 * redirect to /newsletter?result=… in every case, success or not.
 */
export async function subscribeAction(formData: FormData): Promise<void> {
  const result = await run(null, formData);
  // Reached only when it failed: success redirected already.
  let code = "error";
  if (!result.ok) code = result.fieldErrors?.email ? "badAddress" : (RESULT_BY_ERROR[result.error] ?? "error");
  redirect(`/newsletter?result=${code}`);
}
