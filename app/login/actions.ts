"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth";
import { echoValues, fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { loginSchema } from "@/lib/validation/auth";
import { safeCallbackPath } from "@/lib/safe-redirect";

const SIGN_IN_ERRORS: Record<string, string> = {
  throttled: "login.throttled",
  disabled: "login.disabled",
  invalid: "login.invalid",
};

export async function login(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = loginSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const values = echoValues(formData, ["email"]);
  if (!parsed.success) return { ok: false, error: "validation.checkFields", fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    // Succeeds by throwing a redirect, which must propagate.
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
    return { ok: true, data: undefined };
  } catch (error) {
    if (error instanceof CredentialsSignin) return { ok: false, error: SIGN_IN_ERRORS[error.code] ?? "login.invalid", values };
    if (error instanceof AuthError) {
      console.error("[login] sign-in failed", error.type);
      return { ok: false, error: "errors.unexpected", values };
    }
    throw error;
  }
}
